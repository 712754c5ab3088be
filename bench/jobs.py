"""Serverless jobs: runpod-gql against runpod-python's ``Endpoint`` (threads) and its asyncio
``Endpoint``, and ``run_sync`` against raw aiohttp posting the same ``/runsync``. The emulator
runs in its own process (bench/jobs_server.py) with 128 warm workers and an echo handler."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import aiohttp

from .clients import import_runpod
from .jobs_server import API_KEY, ENDPOINT
from .measure import median_min_max


class _Server:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.jobs_server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert self.proc.stdout is not None
        self.jobs_url, self.base_url = self.proc.stdout.readline().split()

    def _control(self, method: str, path: str) -> Any:
        req = urllib.request.Request(
            f"{self.base_url}/_emulator{path}",
            headers={"Authorization": f"Bearer {API_KEY}"},
            method=method,
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read())

    def reset(self) -> None:
        self._control("DELETE", "/requests")

    def job_requests(self) -> int:
        records = self._control("GET", "/requests")["requests"]
        return sum(1 for r in records if r["api"] == "jobs")

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


async def _bounded(total: int, inflight: int, one: Callable[[int], Awaitable[Any]]) -> None:
    gate = asyncio.Semaphore(inflight)

    async def go(n: int) -> None:
        async with gate:
            out = await one(n)
            if out != {"echo": {"n": n}}:
                raise RuntimeError(f"wrong output {out!r}")

    await asyncio.gather(*(go(n) for n in range(total)))


async def throughput(server: _Server, total: int, inflight: int, home: Path) -> dict[str, Any]:
    from runpod_gql import RunPod

    runpod = import_runpod()
    runpod.api_key = API_KEY
    runpod.endpoint_url_base = server.jobs_url
    from runpod.endpoint.asyncio import Endpoint as AsyncEndpoint
    from runpod.http_client import ClientSession

    async def gql_run_result() -> None:
        async with RunPod(
            api_key=API_KEY, url=f"{server.base_url}/graphql", env={}, home=home
        ) as rp:
            ep = rp.endpoint(ENDPOINT, base_url=server.jobs_url)

            async def one(n: int) -> Any:
                return await (await ep.run({"n": n})).result(timeout=300)

            await _bounded(total, inflight, one)

    async def gql_run_sync() -> None:
        async with RunPod(
            api_key=API_KEY, url=f"{server.base_url}/graphql", env={}, home=home
        ) as rp:
            ep = rp.endpoint(ENDPOINT, base_url=server.jobs_url)
            await _bounded(total, inflight, lambda n: ep.run_sync({"n": n}, timeout=300))

    async def python_threads() -> None:
        endpoint = runpod.Endpoint(ENDPOINT)

        def one(n: int) -> None:
            out = endpoint.run({"n": n}).output(timeout=300)
            if out != {"echo": {"n": n}}:
                raise RuntimeError(f"wrong output {out!r}")

        loop = asyncio.get_running_loop()
        with ThreadPoolExecutor(max_workers=inflight) as pool:
            await asyncio.gather(*(loop.run_in_executor(pool, one, n) for n in range(total)))

    async def python_asyncio() -> None:
        async with ClientSession() as session:
            endpoint = AsyncEndpoint(ENDPOINT, session)

            async def one(n: int) -> Any:
                return await (await endpoint.run({"n": n})).output(timeout=300)

            await _bounded(total, inflight, one)

    sides: dict[str, Callable[[], Awaitable[None]]] = {
        "runpod-gql run + result (one poller)": gql_run_result,
        "runpod-gql run_sync": gql_run_sync,
        "runpod-python Endpoint (threads)": python_threads,
        "runpod-python asyncio Endpoint": python_asyncio,
    }
    out: dict[str, Any] = {}
    for name, side in sides.items():
        server.reset()
        started = time.perf_counter()
        await side()
        wall = time.perf_counter() - started
        out[name] = {
            "wall_s": wall,
            "jobs_per_s": total / wall,
            "requests_per_job": server.job_requests() / total,
        }
    return out


async def latency(server: _Server, calls: int, rounds: int, home: Path) -> dict[str, Any]:
    """Per-call time of one ``run_sync`` (a short job), sequential."""
    from runpod_gql import RunPod

    url = f"{server.jobs_url}/{ENDPOINT}/runsync"
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    times: dict[str, list[float]] = {"runpod-gql run_sync": [], "raw aiohttp POST /runsync": []}
    async with (
        RunPod(api_key=API_KEY, url=f"{server.base_url}/graphql", env={}, home=home) as rp,
        aiohttp.ClientSession(headers=headers) as session,
    ):
        ep = rp.endpoint(ENDPOINT, base_url=server.jobs_url)

        async def ours() -> None:
            await ep.run_sync({"n": 1}, timeout=60)

        async def raw() -> None:
            async with session.post(url, data=b'{"input":{"n":1}}') as resp:
                body = await resp.json()
                if body.get("status") != "COMPLETED":
                    raise RuntimeError(body)

        sides = {"runpod-gql run_sync": ours, "raw aiohttp POST /runsync": raw}
        for side in sides.values():  # warm both connections up
            for _ in range(10):
                await side()
        for r in range(rounds):
            for name in list(sides)[r % 2 :] + list(sides)[: r % 2]:
                started = time.perf_counter()
                for _ in range(calls):
                    await sides[name]()
                times[name].append((time.perf_counter() - started) / calls)
    return {name: median_min_max(values) for name, values in times.items()}


async def jobs(total: int, inflight: int, calls: int, rounds: int, home: Path) -> dict[str, Any]:
    server = _Server()
    try:
        return {
            "jobs": total,
            "inflight": inflight,
            "throughput": await throughput(server, total, inflight, home),
            "run_sync_latency": await latency(server, calls, rounds, home),
        }
    finally:
        server.stop()
