"""``python -m bench`` (``make bench``): runpod-gql against runpod-python and raw HTTP clients.

Prints a table on stdout and writes the full results to ``bench/results/`` (JSON, gitignored).
Every comparison runs in this one process, alternated round by round so machine drift hits all
sides alike; figures are medians with min/max over rounds. ``--quick`` is a smoke run with tiny
counts (its numbers mean nothing).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from . import report, scaling
from .clients import (
    AsyncClient,
    RawAiohttp,
    RawAiohttpRest,
    RawHttpx,
    RunPodGQL,
    RunPodGQLRest,
    RunPodPython,
    Target,
    import_runpod,
)
from .measure import cpu_seconds_of, median_min_max, p99
from .proxy import make_certificate
from .replay import ReplayServer

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
API_KEY = "bench-key"
GPU = "NVIDIA A40"


@dataclass(frozen=True)
class Sizes:
    seq_loopback: int
    seq_wan: int
    rounds: int
    conc_total: int
    conc_inflight: int
    conc_rounds: int
    conc_min_s: float  # each client's round repeats its burst until this much time has passed
    overhead_calls: int
    poll_pods: int
    list_pods: int
    cold_runs: int
    generate_runs: int
    delay_ms: float
    jobs_total: int = 1000
    jobs_inflight: int = 64
    jobs_calls: int = 200


FULL = Sizes(
    seq_loopback=200,
    seq_wan=10,
    rounds=5,
    conc_total=500,
    conc_inflight=64,
    conc_rounds=3,
    conc_min_s=0.5,
    overhead_calls=2000,
    poll_pods=50,
    list_pods=1000,
    cold_runs=5,
    generate_runs=1,
    delay_ms=20.0,
)
QUICK = Sizes(
    seq_loopback=5,
    seq_wan=2,
    rounds=1,
    conc_total=20,
    conc_inflight=8,
    conc_rounds=1,
    conc_min_s=0.0,
    overhead_calls=20,
    poll_pods=3,
    list_pods=50,
    cold_runs=1,
    generate_runs=1,
    delay_ms=5.0,
    jobs_total=40,
    jobs_inflight=8,
    jobs_calls=10,
)


def _target(url_base: str, pod_id: str, body: bytes, cafile: Path | None) -> Target:
    return Target(
        url=f"{url_base}/graphql",
        base_url=url_base,
        api_key=API_KEY,
        pod_id=pod_id,
        body=body,
        cafile=cafile,
    )


# --------------------------------------------------------------------------- canned transport
class CannedTransport(httpx.AsyncBaseTransport):
    """An in-process httpx transport answering every request with the same bytes."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.last_body = b""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.last_body = await request.aread()
        return httpx.Response(
            200, content=self.content, headers={"content-type": "application/json"}
        )


def _canned_runpod(content: bytes, home: Path) -> tuple[Any, CannedTransport]:
    from runpod_gql import RunPod

    transport = CannedTransport(content)
    rp = RunPod(
        api_key=API_KEY,
        url="https://canned.invalid/graphql",
        http_client=httpx.AsyncClient(transport=transport),
        env={},
        home=home,
        api="graphql",  # the canned answer is GraphQL's getPod
    )
    return rp, transport


async def _request_bodies(pod_id: str, home: Path) -> tuple[bytes, bytes]:
    """The exact bytes runpod-gql sends for GetPod (the raw clients replay them) and ListPods."""
    rp, transport = _canned_runpod(b'{"data":{"pod":null,"myself":null}}', home)
    async with rp:
        await rp.pods.find(pod_id)
        get_pod = transport.last_body
        with contextlib.suppress(Exception):  # the canned answer has no pods; the body is sent
            await rp.pods.list()
        await rp.http_client.aclose()
    return get_pod, transport.last_body


async def _post(url: str, body: bytes) -> bytes:
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        response.raise_for_status()
        return await response.read()


# --------------------------------------------------------------------------- 1, 2: sequential
async def _timed_async(client: AsyncClient, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        await client.call()
        times.append(time.perf_counter() - started)
    return times


def _timed_sync(client: RunPodPython, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        client.call_sync()
        times.append(time.perf_counter() - started)
    return times


def _rotate(items: Sequence[Any], by: int) -> list[Any]:
    k = by % len(items)
    return list(items[k:]) + list(items[:k])


def _settle() -> None:
    """Put the harness's own objects out of the collector's way before the timed part.

    The emulator, runpod-python and the clients' setup live in this process, not in a user's:
    ~100,000 objects that every full collection walks. Left in, a full collection took ~55 ms
    here and came about once per 2,000 loopback requests, charged to whichever client happened
    to be running: longer than a whole 500-request burst at 64 in flight (measured per request:
    raw aiohttp 40 us of collection, 8 us with the harness frozen). Whatever each client
    allocates is still collected, and charged to it.
    """
    gc.collect()
    gc.freeze()


def _fresh_collector() -> None:
    """Start a timed run with no collection debt: the garbage the previous client left is
    collected here, not charged to the next one."""
    gc.collect()


async def sequential(
    target: Target, home: Path, n: int, rounds: int, warmup: int
) -> dict[str, Any]:
    """N GetPod reads one at a time per client, rounds alternated; per-call seconds."""
    loop = asyncio.get_running_loop()
    clients: list[Any] = [
        RunPodGQL(target, "aiohttp", home),
        RunPodGQL(target, "httpx", home),
        RawAiohttp(target),
        RawHttpx(target),
        RawHttpx(target, over_aiohttp=True),
        RunPodPython(target),
        RunPodGQLRest(target, home),
        RawAiohttpRest(target),
    ]
    for c in clients:
        if isinstance(c, RunPodPython):
            c.configure()
            await loop.run_in_executor(None, _timed_sync, c, warmup)
        else:
            await c.open()
            await _timed_async(c, warmup)
    per_round: dict[str, list[float]] = {c.name: [] for c in clients}
    pooled: dict[str, list[float]] = {c.name: [] for c in clients}
    _settle()
    for r in range(rounds):
        for c in _rotate(clients, r):
            _fresh_collector()
            if isinstance(c, RunPodPython):
                c.configure()
                times = await loop.run_in_executor(None, _timed_sync, c, n)
            else:
                times = await _timed_async(c, n)
            per_round[c.name].append(median_min_max(times)["median"])
            pooled[c.name].extend(times)
    for c in clients:
        if not isinstance(c, RunPodPython):
            await c.close()
    return {
        name: {
            "per_call_s": median_min_max(per_round[name]),
            "p99_s": p99(pooled[name]),
            "calls": len(pooled[name]),
        }
        for name in per_round
    }


# --------------------------------------------------------------------------- 4: concurrency
async def _burst_async(client: AsyncClient, total: int, inflight: int) -> None:
    gate = asyncio.Semaphore(inflight)

    async def one() -> None:
        async with gate:
            await client.call()

    await asyncio.gather(*(one() for _ in range(total)))


def _burst_threads(client: RunPodPython, pool: ThreadPoolExecutor, total: int) -> None:
    for future in [pool.submit(client.call_sync) for _ in range(total)]:
        future.result()


async def concurrency(
    target: Target,
    home: Path,
    total: int,
    inflight: int,
    rounds: int,
    server_pid: int,
    min_seconds: float = 0.0,
) -> dict[str, Any]:
    """Bursts of ``total`` reads with ``inflight`` at a time, repeated in each client's round
    until ``min_seconds`` have passed: throughput, CPU of both sides.

    A single 500-read burst lasts ~60 ms on loopback, less than one stall of a machine shared
    with other work: rounds of one burst spread 2x from one to the next, so each round lasts
    at least ``min_seconds``.
    """
    loop = asyncio.get_running_loop()
    clients: list[Any] = [
        RunPodGQL(target, "aiohttp", home, limit=inflight),
        RunPodGQL(target, "httpx", home, limit=inflight),
        RawAiohttp(target, limit=inflight),
        # Plain httpx (httpcore pool) is left out here to keep `make bench` under 3 minutes: at
        # 64 in flight it runs at the speed of "runpod-gql (httpx transport)", which uses the
        # same pool (measured side by side in an earlier full run: 84 against 77 req/s).
        RawHttpx(target, limit=inflight, over_aiohttp=True),
        RunPodPython(target),
        RunPodGQLRest(target, home, limit=inflight),
        RawAiohttpRest(target, limit=inflight),
    ]
    pool = ThreadPoolExecutor(max_workers=inflight, thread_name_prefix="runpod-python")

    async def burst(c: Any, n: int) -> None:
        if isinstance(c, RunPodPython):
            c.configure()
            await loop.run_in_executor(None, _burst_threads, c, pool, n)
        else:
            await _burst_async(c, n, inflight)

    for c in clients:  # warm-up: connections open, caches filled, threads started
        if not isinstance(c, RunPodPython):
            await c.open()
        await burst(c, inflight)
    walls: dict[str, list[float]] = {c.name: [] for c in clients}
    rates: dict[str, list[float]] = {c.name: [] for c in clients}
    client_cpu: dict[str, list[float]] = {c.name: [] for c in clients}
    server_cpu: dict[str, list[float]] = {c.name: [] for c in clients}
    _settle()
    for r in range(rounds):
        for c in _rotate(clients, r):
            _fresh_collector()
            srv0, cpu0, started = (
                cpu_seconds_of(server_pid),
                time.process_time(),
                time.perf_counter(),
            )
            done = 0
            while True:
                await burst(c, total)
                done += total
                wall = time.perf_counter() - started
                if wall >= min_seconds:
                    break
            walls[c.name].append(wall)
            rates[c.name].append(done / wall)
            client_cpu[c.name].append((time.process_time() - cpu0) / wall)
            server_cpu[c.name].append((cpu_seconds_of(server_pid) - srv0) / wall)
    pool.shutdown()
    for c in clients:
        if not isinstance(c, RunPodPython):
            await c.close()
    return {
        name: {
            "wall_s": median_min_max(walls[name]),
            "req_per_s": median_min_max(rates[name]),
            "client_cpu_share": median_min_max(client_cpu[name]),
            "server_cpu_share": median_min_max(server_cpu[name]),
            "total": total,
            "min_seconds": min_seconds,
            "in_flight": inflight,
        }
        for name in walls
    }


# --------------------------------------------------------------------------- 3: overhead alone
async def overhead(canned: bytes, home: Path, pod_id: str, n: int, rounds: int) -> dict[str, Any]:
    """Per-call cost with no network: an in-process httpx transport answering canned bytes."""
    from runpod_gql_generated.get_pod import GetPod

    rp, _ = _canned_runpod(canned, home)
    raw = httpx.AsyncClient(transport=CannedTransport(canned))
    body = b'{"query":"x"}'

    async def gql() -> None:
        await rp.pods.get(pod_id)

    async def loads() -> None:
        json.loads(canned)

    async def loads_validate() -> None:
        GetPod.model_validate(json.loads(canned)["data"])

    async def raw_httpx() -> None:
        response = await raw.post("https://canned.invalid/graphql", content=body)
        json.loads(response.content)

    cases: dict[str, Callable[[], Awaitable[None]]] = {
        "json.loads": loads,
        "json.loads + GetPod.model_validate": loads_validate,
        "raw httpx + json.loads (in-process transport)": raw_httpx,
        "runpod-gql rp.pods.get (in-process transport)": gql,
    }
    for fn in cases.values():
        for _ in range(50):
            await fn()
    per_round: dict[str, list[float]] = {name: [] for name in cases}
    for r in range(rounds):
        for name in _rotate(list(cases), r):
            fn = cases[name]
            started = time.perf_counter()
            for _ in range(n):
                await fn()
            per_round[name].append((time.perf_counter() - started) / n)
    await rp.aclose()
    await rp.http_client.aclose()
    await raw.aclose()
    return {
        "response_bytes": len(canned),
        "cases": {name: {"per_call_s": median_min_max(v)} for name, v in per_round.items()},
    }


# --------------------------------------------------------------------------- 6: large list
async def large_list(one_pod_answer: bytes, count: int, home: Path) -> dict[str, Any]:
    """``myself.pods`` with ``count`` pods (the emulator's answer for one pod, repeated with
    distinct ids): parse time and peak traced memory."""
    import tracemalloc

    from runpod_gql_generated.base_client import decode_response
    from runpod_gql_generated.list_pods import ListPods

    from runpod_gql.backends.decoding import built
    from runpod_gql.backends.graphql_map import PodsAnswer

    answer = json.loads(one_pod_answer)
    template = answer["data"]["myself"]["pods"][0]
    answer["data"]["myself"]["pods"] = [
        template | {"id": f"{template['id'][:8]}{i:06d}", "name": f"bench-{i}"}
        for i in range(count)
    ]
    canned = json.dumps(answer).encode()
    rp, _ = _canned_runpod(canned, home)

    async def loads() -> None:
        json.loads(canned)

    async def validate() -> None:
        ListPods.model_validate(json.loads(canned)["data"])

    async def from_bytes() -> None:
        decode_response(ListPods, canned)

    async def public_from_bytes() -> None:
        decode_response(built(PodsAnswer), canned)

    async def gql() -> None:
        pods = await rp.pods.list()
        assert len(pods) == count

    cases: dict[str, Callable[[], Awaitable[None]]] = {
        "json.loads": loads,
        "json.loads + ListPods.model_validate": validate,
        "GraphQLResponse[ListPods] (generated models) from the bytes": from_bytes,
        "public Pod models from the bytes (rp.pods.list's one pass)": public_from_bytes,
        "runpod-gql rp.pods.list (in-process transport)": gql,
    }
    for fn in cases.values():
        await fn()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for r in range(5):
        for name in _rotate(list(cases), r):
            started = time.perf_counter()
            await cases[name]()
            times[name].append(time.perf_counter() - started)
    peaks: dict[str, int] = {}
    for name, fn in cases.items():
        tracemalloc.start()
        await fn()
        peaks[name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    await rp.aclose()
    await rp.http_client.aclose()
    return {
        "pods": count,
        "response_bytes": len(canned),
        "cases": {
            name: {"parse_s": median_min_max(times[name]), "peak_bytes": peaks[name]}
            for name in cases
        },
    }


# --------------------------------------------------------------------------- 5: polling
def _python_ready(pod: dict[str, Any] | None) -> bool:
    if not pod or pod.get("desiredStatus") != "RUNNING" or not pod.get("runtime"):
        return False
    ports = pod["runtime"].get("ports") or []
    return any(p.get("privatePort") == 22 and p.get("isIpPublic") for p in ports)


def _python_wait_one(runpod: Any, pod_id: str, deadline: float) -> None:
    """The runpod-python idiom: poll get_pod every second until the pod is up."""
    while not _python_ready(runpod.get_pod(pod_id)):
        if time.monotonic() > deadline:
            raise TimeoutError(pod_id)
        time.sleep(1.0)


async def polling(pods: int, speed: float, home: Path, rounds: int) -> dict[str, Any]:
    """Wait for ``pods`` new pods to be ready (API side: RUNNING with port 22 mapped): requests
    sent and wall time, ``wait_all_ready`` against a ``get_pod`` loop per pod in threads."""
    from runpod_gql import RunPod
    from runpod_gql.emulator import Emulator, PodCreate

    loop = asyncio.get_running_loop()
    runpod = import_runpod()
    results: dict[str, dict[str, list[float]]] = {}
    async with Emulator(api_key=API_KEY, speed=speed, boot_seconds=20, ssh_seconds=10) as emu:
        emu.set_stock(GPU, pods * rounds * 2 + 10)

        def create() -> list[str]:
            return [
                emu.state.create_pod(
                    PodCreate(gpu_type_ids=[GPU], name=f"poll-{i}", image="img", ports="22/tcp")
                ).id
                for i in range(pods)
            ]

        async def ours() -> None:
            async with RunPod(api_key=API_KEY, url=emu.url, env={}, home=home, api="graphql") as rp:
                await rp.pods.wait_all_ready(ids, timeout=300, ssh=False)

        async def ours_rest() -> None:
            async with RunPod(api_key=API_KEY, url=emu.url, env={}, home=home, api="rest") as rp:
                await rp.pods.wait_all_ready(ids, timeout=300, ssh=False)

        async def theirs() -> None:
            runpod.api_key = API_KEY
            os.environ["RUNPOD_API_BASE_URL"] = emu.base_url
            deadline = time.monotonic() + 300
            with ThreadPoolExecutor(max_workers=pods) as pool:
                futures = [
                    loop.run_in_executor(pool, _python_wait_one, runpod, pid, deadline)
                    for pid in ids
                ]
                await asyncio.gather(*futures)

        sides: dict[str, Callable[[], Awaitable[None]]] = {
            "runpod-gql wait_all_ready": ours,
            "runpod-gql wait_all_ready (REST v2)": ours_rest,
            "runpod-python get_pod loop per pod (threads)": theirs,
        }
        for r in range(rounds):
            for name in _rotate(list(sides), r):
                ids = create()
                emu.reset_log()
                started = time.perf_counter()
                await sides[name]()
                wall = time.perf_counter() - started
                entry = results.setdefault(name, {"wall_s": [], "requests": []})
                entry["wall_s"].append(wall)
                entry["requests"].append(float(emu.request_count()))
    boot = 30.0 / speed
    return {
        "pods": pods,
        "emulator_speed": speed,
        "ready_after_s": boot,
        "sides": {
            name: {
                "wall_s": median_min_max(v["wall_s"]),
                "requests": median_min_max(v["requests"]),
            }
            for name, v in results.items()
        },
    }


# --------------------------------------------------------------------------- 7: cold start
_REPORT_HWM = "\nimport sys; sys.stderr.write(open('/proc/self/status').read())"


def _run_measured(snippet: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of ``python -c snippet`` in a fresh process.

    The peak is the child's own VmHWM, printed as it exits: the rusage of a forked child starts
    from the parent's high-water mark, which would hide the import's own footprint.
    """
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", snippet + _REPORT_HWM],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"python -c {snippet!r} failed: {proc.stderr[-500:]}")
    for line in proc.stderr.splitlines():
        if line.startswith("VmHWM:"):
            return wall, int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def cold_start(runs: int) -> dict[str, Any]:
    snippets = {
        "python -c pass": "pass",
        "import runpod_gql": "import runpod_gql",
        "from runpod_gql import RunPod": "from runpod_gql import RunPod",
        "REST Pod model, first use": "from runpod_gql_rest.models import Pod; Pod.model_json_schema()",
        "import runpod": "import runpod",
    }
    walls: dict[str, list[float]] = {k: [] for k in snippets}
    rss: dict[str, list[float]] = {k: [] for k in snippets}
    for r in range(runs):
        for name in _rotate(list(snippets), r):
            wall, peak = _run_measured(snippets[name])
            walls[name].append(wall)
            rss[name].append(float(peak))
    return {
        "runs": runs,
        "cases": {
            k: {"wall_s": median_min_max(walls[k]), "peak_rss_bytes": median_min_max(rss[k])}
            for k in snippets
        },
    }


# --------------------------------------------------------------------------- 8: generation
def generation(runs: int) -> dict[str, Any]:
    """``scripts/generate.py`` run in a temporary copy (the repo's generated/ is never touched)."""
    walls = []
    identical = True
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-generate-") as tmp:
            copy = Path(tmp)
            for name in ("pyproject.toml", "schema.graphql", "openapi.json"):
                shutil.copy2(ROOT / name, copy / name)
            for name in ("queries", "scripts"):
                shutil.copytree(ROOT / name, copy / name)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "scripts/generate.py"], cwd=copy, check=True, capture_output=True
            )
            walls.append(time.perf_counter() - started)
            for package in ("runpod_gql_generated", "runpod_gql_rest"):
                out = copy / "generated" / package
                identical = identical and same_tree(out, ROOT / "generated" / package)
    return {"runs": runs, "wall_s": median_min_max(walls), "identical_to_repo": identical}


def same_tree(a: Path, b: Path) -> bool:
    """Whether two directories hold the same files with the same bytes (``__pycache__`` aside):
    a file only one side has counts as a difference too."""

    def files(root: Path) -> dict[Path, bytes]:
        return {
            p.relative_to(root): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.relative_to(root).parts
        }

    return files(a) == files(b)


# --------------------------------------------------------------------------- main
def machine() -> dict[str, Any]:
    import runpod_gql

    def version(module: str) -> str:
        from importlib.metadata import version as v

        try:
            return v(module)
        except Exception:
            return "?"

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "runpod_gql": runpod_gql.__version__,
        "runpod_python": version("runpod"),
        "aiohttp": version("aiohttp"),
        "httpx": version("httpx"),
        "httpx_aiohttp": version("httpx-aiohttp"),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "load_average_at_start": os.getloadavg()[0],
    }


async def run(sizes: Sizes, quick: bool, only: set[str] | None) -> dict[str, Any]:
    from runpod_gql.emulator import Emulator, PodCreate

    def wanted(part: str) -> bool:
        return only is None or part in only

    results: dict[str, Any] = {"machine": machine(), "quick": quick, "sizes": sizes.__dict__}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "home"  # no config files: every client gets its settings from arguments
        home.mkdir()
        cert, key = make_certificate(tmp)
        # httpx (and httpx-aiohttp, under runpod-gql) read this when they build an SSL context.
        os.environ["SSL_CERT_FILE"] = str(cert)
        async with Emulator(api_key=API_KEY, boot_seconds=20, ssh_seconds=10) as emu:
            pod_id = emu.state.create_pod(
                PodCreate(gpu_type_ids=[GPU], name="bench", image="runpod/pytorch", ports="22/tcp")
            ).id
            emu.clock.advance(60)  # booted, with a runtime and port mappings
            body, list_body = await _request_bodies(pod_id, home)
            getpod_answer = await _post(emu.url, body)
            list_answer = await _post(emu.url, list_body)
            if wanted("http"):
                server = ReplayServer(emu.url, cert, key, sizes.delay_ms)
                await server.start()
                try:
                    loopback = _target(
                        f"http://127.0.0.1:{server.ports['plain']}", pod_id, body, None
                    )
                    wan = _target(f"https://127.0.0.1:{server.ports['wan']}", pod_id, body, cert)
                    report.progress("1/8 sequential, loopback")
                    results["sequential_loopback"] = await sequential(
                        loopback, home, sizes.seq_loopback, sizes.rounds, warmup=20
                    )
                    report.progress("2/8 sequential, TLS + delaying proxy")
                    results["sequential_wan"] = await sequential(
                        wan, home, sizes.seq_wan, sizes.rounds, warmup=2
                    )
                    report.progress("4/8 concurrency, loopback")
                    results["concurrency_loopback"] = await concurrency(
                        loopback,
                        home,
                        sizes.conc_total,
                        sizes.conc_inflight,
                        sizes.conc_rounds,
                        server.pid,
                        sizes.conc_min_s,
                    )
                    report.progress("4/8 concurrency, TLS + delaying proxy")
                    results["concurrency_wan"] = await concurrency(
                        wan,
                        home,
                        sizes.conc_total,
                        sizes.conc_inflight,
                        sizes.conc_rounds,
                        server.pid,
                        sizes.conc_min_s,
                    )
                finally:
                    server.stop()
        if wanted("overhead"):
            report.progress("3/8 client overhead (in-process transport)")
            results["overhead"] = await overhead(
                getpod_answer, home, pod_id, sizes.overhead_calls, sizes.rounds
            )
        if wanted("list"):
            report.progress("6/8 large list")
            results["large_list"] = await large_list(list_answer, sizes.list_pods, home)
        if wanted("polling"):
            report.progress("5/8 polling")
            results["polling"] = await polling(
                sizes.poll_pods, speed=15.0 if not quick else 30.0, home=home, rounds=1
            )
        if wanted("scaling"):
            report.progress("9 scaling: list 100/1,000/5,000 pods, wait on 100/1,000")
            results["scaling"] = await scaling.run_in_fresh_process(quick)
        if wanted("jobs"):
            from .jobs import jobs

            report.progress("10 serverless jobs")
            results["jobs"] = await jobs(
                sizes.jobs_total, sizes.jobs_inflight, sizes.jobs_calls, sizes.rounds, home
            )
    if wanted("cold"):
        report.progress("7/8 cold start")
        results["cold_start"] = cold_start(sizes.cold_runs)
    if wanted("generate"):
        report.progress("8/8 make generate")
        results["generate"] = generation(sizes.generate_runs)
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="a smoke run with tiny counts")
    p.add_argument("--out", type=Path, default=None, help="results JSON (default bench/results/)")
    p.add_argument(
        "--only",
        default=None,
        help="comma-separated parts: http,overhead,list,polling,scaling,jobs,cold,generate",
    )
    args = p.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    only = set(args.only.split(",")) if args.only else None
    started = time.perf_counter()
    results = asyncio.run(run(sizes, args.quick, only))
    results["bench_wall_s"] = time.perf_counter() - started
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    out = args.out
    if out is None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"bench-{stamp}{'-quick' if args.quick else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(report.render(results))
    if "scaling" in results:
        # A quick run's plots go beside its JSON; a full run's are the ones docs/ shows.
        plots = out.parent if args.quick else scaling.PLOTS
        for path in scaling.plot(results["scaling"], plots):
            print(f"plot: {path}")
    print(f"\nresults: {out} (bench/results/*.json is gitignored)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
