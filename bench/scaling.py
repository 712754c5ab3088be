"""Scaling: what one call costs as the account grows (issue 17), with plots.

For each account size an emulator holds that many booted pods (RUNNING, ports mapped) and a
replay server (bench/server.py, its own process) answers from memory, so only the clients are
measured. All sides run alternated round by round in this one process:

- **list**: ``rp.pods.list()`` on each API: over GraphQL against raw aiohttp posting the very
  bytes runpod-gql sends for ListPods, then ``json.loads``; over REST v2 against raw aiohttp
  ``GET /v2/pods`` + ``json.loads``; and runpod-python's ``get_pods()`` (plain dicts, GraphQL).
  Wall time and this process's CPU time per call, and per pod; each runpod-gql row is compared
  with the raw floor of its own API.
- **wait**: one tick of ``rp.pods.wait_all_ready(ids, ssh=False)`` on each API (the pods are
  ready, so it returns after its first poll): the requests it sent and the client's CPU for the
  tick; against raw aiohttp + ``json.loads`` of the same request and a dict check per pod, and
  runpod-python ``get_pods()`` + the same check.
- **decode**: the list's answer read in-process, no HTTP: runpod-gql's decoding of the GraphQL
  and v2 bodies against ``json.loads`` of the same bytes, and pydantic's own floor: the same
  pods, dumped with their public field names, validated into ``list[Pod]`` the same way (no
  aliases, no Python per pod) against ``json.loads`` of those bytes. It is what bounds any
  client whose results are these pydantic models.
- **memory**: bytes still allocated (tracemalloc) while one list's result is held, per 1,000 pods.
- **emulator**: the emulator's own time to answer the ListPods (it is what users' fleet tests wait on).

``python -m bench.scaling [--quick] [--plots DIR]``; ``make bench`` runs it as part [9].
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from .clients import import_runpod
from .measure import median_min_max
from .replay import ReplayServer

API_KEY = "bench-key"
GPU = "NVIDIA A40"
ROOT = Path(__file__).resolve().parent.parent
PLOTS = ROOT / "docs" / "benchmarks"
FULL_LIST = (100, 1000, 5000)
FULL_WAIT = (100, 1000)
QUICK_LIST = (20, 60)
QUICK_WAIT = (20,)

Call = Callable[[], Awaitable[int]]  # one call; returns the pods it saw


async def _bodies(home: Path) -> tuple[bytes, bytes]:
    """The exact ListPods and ListPodStates bodies runpod-gql sends (recorded, not rebuilt)."""
    from runpod_gql import RunPod

    sent: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(200, json={"data": {"myself": {"id": "u", "pods": []}}})

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        async with RunPod(
            api_key=API_KEY,
            url="https://record.invalid/graphql",
            http_client=http,
            env={},
            api="graphql",  # the bodies measured are GraphQL's
            home=home,
        ) as rp:
            await rp.pods.list()
            await rp.pods.states()
    return sent[0], sent[1]


def _ready(pod: dict[str, Any] | None) -> bool:
    """runpod-gql's API-side readiness on a plain GraphQL dict: RUNNING, port 22 public."""
    if not pod or pod.get("desiredStatus") != "RUNNING" or not pod.get("runtime"):
        return False
    ports = pod["runtime"].get("ports") or []
    return any(p.get("privatePort") == 22 and p.get("isIpPublic") for p in ports)


def _ready_rest(pod: dict[str, Any] | None) -> bool:
    """The same on a REST v2 dict: RUNNING, direct SSH published."""
    if not pod or pod.get("status") != "RUNNING":
        return False
    return bool((pod.get("ssh") or {}).get("direct"))


# Each measured call, and the raw floor its ratio is taken against.
FLOORS = {
    "runpod-gql rp.pods.list (GraphQL)": "raw aiohttp + json.loads (GraphQL)",
    "runpod-gql rp.pods.list (REST v2)": "raw aiohttp + json.loads (REST v2)",
    "runpod-python get_pods": "raw aiohttp + json.loads (GraphQL)",
    "runpod-gql wait_all_ready tick (GraphQL)": "raw aiohttp + json.loads + check (GraphQL)",
    "runpod-gql wait_all_ready tick (REST v2)": "raw aiohttp + json.loads + check (REST v2)",
    "runpod-python get_pods + check": "raw aiohttp + json.loads + check (GraphQL)",
    "runpod-gql decode (GraphQL)": "json.loads (GraphQL)",
    "runpod-gql decode (REST v2)": "json.loads (REST v2)",
    "pydantic list[Pod] validate_json (public names)": "json.loads (public names)",
}


class Sides:
    """The clients, pointed at one replay server (GraphQL at ``url``, REST v2 beside it)."""

    def __init__(self, url: str, home: Path, list_body: bytes, states_body: bytes) -> None:
        from runpod_gql import RunPod

        self.url = url
        self.rest_url = url.removesuffix("/graphql") + "/v2/pods"
        self.rp = RunPod(api_key=API_KEY, url=url, env={}, home=home, api="graphql")
        self.rp_rest = RunPod(api_key=API_KEY, url=url, env={}, home=home, api="rest")
        self.session = aiohttp.ClientSession()
        self.headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
        self.list_body = list_body
        self.states_body = states_body
        self.runpod = import_runpod()
        self.ids: list[str] = []

    async def close(self) -> None:
        await self.rp.aclose()
        await self.rp_rest.aclose()
        await self.session.close()

    def point_runpod_python(self) -> None:
        import os

        self.runpod.api_key = API_KEY
        os.environ["RUNPOD_API_BASE_URL"] = self.url.removesuffix("/graphql")

    async def _fetch(self, body: bytes) -> bytes:
        async with self.session.post(self.url, data=body, headers=self.headers) as response:
            return await response.read()

    async def _fetch_rest(self) -> bytes:
        async with self.session.get(self.rest_url, headers=self.headers) as response:
            return await response.read()

    async def _raw(self, body: bytes) -> Any:
        return json.loads(await self._fetch(body))

    async def _raw_rest(self) -> Any:
        return json.loads(await self._fetch_rest())

    def every_request(self, wait: bool) -> list[Call]:
        """One call of each kind measured: together they send every distinct request."""
        calls: list[Call] = [
            self.ours_list,
            self.raw_list,
            self.ours_list_rest,
            self.raw_list_rest,
            self.python_list,
        ]
        if wait:
            calls += [self.ours_tick, self.raw_tick, self.ours_tick_rest, self.python_tick]
        return calls

    # -- list
    async def ours_list(self) -> int:
        return len(await self.rp.pods.list())

    async def ours_list_rest(self) -> int:
        return len(await self.rp_rest.pods.list())

    async def raw_list(self) -> int:
        return len((await self._raw(self.list_body))["data"]["myself"]["pods"])

    async def raw_list_rest(self) -> int:
        return len((await self._raw_rest())["pods"])

    async def python_pods(self) -> list[dict[str, Any]]:
        self.point_runpod_python()
        pods: list[dict[str, Any]] = await asyncio.get_running_loop().run_in_executor(
            None, self.runpod.get_pods
        )
        return pods

    async def python_list(self) -> int:
        return len(await self.python_pods())

    # -- one tick of a wait
    async def ours_tick(self) -> int:
        ready = await self.rp.pods.wait_all_ready(self.ids, timeout=60, ssh=False)
        return len(ready)

    async def ours_tick_rest(self) -> int:
        ready = await self.rp_rest.pods.wait_all_ready(self.ids, timeout=60, ssh=False)
        return len(ready)

    async def raw_tick(self) -> int:
        pods = (await self._raw(self.states_body))["data"]["myself"]["pods"]
        by_id = {p["id"]: p for p in pods}
        return sum(_ready(by_id.get(i)) for i in self.ids)

    async def raw_tick_rest(self) -> int:
        by_id = {p["id"]: p for p in (await self._raw_rest())["pods"]}
        return sum(_ready_rest(by_id.get(i)) for i in self.ids)

    async def python_tick(self) -> int:
        pods = await self.python_pods()
        by_id = {p["id"]: p for p in pods}
        return sum(_ready(by_id.get(i)) for i in self.ids)


async def decoders(sides: Sides) -> dict[str, Call]:
    """The decode-only cases: each reads one answer already in memory (see the module doc)."""
    from pydantic import RootModel
    from runpod_gql_generated.base_client import decode_response, validate_json

    from runpod_gql.backends import graphql_map, rest_map
    from runpod_gql.backends.decoding import built
    from runpod_gql.models import Pod

    gql_body = await sides._fetch(sides.list_body)
    rest_body = await sides._fetch_rest()
    gql_answer, rest_answer = built(graphql_map.PodsAnswer), built(rest_map.PodsAnswer)

    class Pods(RootModel[list[Pod]]):  # read as runpod-gql reads its answers (validate_json)
        pass

    public_body = Pods(await sides.rp.pods.list()).model_dump_json(by_alias=True).encode()

    def timed(read: Callable[[], int]) -> Call:
        async def call() -> int:
            return read()

        return call

    def ours_gql() -> int:
        data = decode_response(gql_answer, gql_body).data
        assert data is not None and data.myself is not None and data.myself.pods is not None
        return len(data.myself.pods)

    return {
        "runpod-gql decode (GraphQL)": timed(ours_gql),
        "json.loads (GraphQL)": timed(lambda: len(json.loads(gql_body)["data"]["myself"]["pods"])),
        "runpod-gql decode (REST v2)": timed(
            lambda: len(validate_json(rest_answer, rest_body).pods)
        ),
        "json.loads (REST v2)": timed(lambda: len(json.loads(rest_body)["pods"])),
        "pydantic list[Pod] validate_json (public names)": timed(
            lambda: len(validate_json(Pods, public_body).root)
        ),
        "json.loads (public names)": timed(lambda: len(json.loads(public_body))),
    }


def _rotate(items: Sequence[str], by: int) -> list[str]:
    k = by % len(items)
    return [*items[k:], *items[:k]]


async def _alternate(
    cases: dict[str, Call], pods: int, calls: int, rounds: int
) -> dict[str, dict[str, Any]]:
    """Per case: wall and CPU seconds per call (median of round medians, min, max)."""
    for case in cases.values():  # warm: connections, schemas, query caches
        assert await case() == pods
    wall: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for r in range(rounds):
        for name in _rotate(list(cases), r):
            # Each batch starts from the same collector state: one side's allocations must not
            # leave the collections they cause (a full pass over the process) to the next side.
            # One call unmeasured after it, which takes the memory the collection gave back.
            gc.collect()
            await cases[name]()
            walls, cpus = [], []
            for _ in range(calls):
                w, c = time.perf_counter(), time.process_time()
                seen = await cases[name]()
                cpus.append(time.process_time() - c)
                walls.append(time.perf_counter() - w)
                assert seen == pods, (name, seen, pods)
            wall[name].append(statistics.median(walls))
            cpu[name].append(statistics.median(cpus))
    return {
        name: {"wall_s": median_min_max(wall[name]), "cpu_s": median_min_max(cpu[name])}
        for name in cases
    }


async def _held_bytes(call: Callable[[], Awaitable[Any]]) -> int:
    """Bytes allocated and still held while the call's result is alive."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = await call()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del result
    return held


async def _emulator_list_s(url: str, body: bytes | None, runs: int) -> dict[str, float]:
    """The emulator's time to answer ListPods (a body: GraphQL) or GET /v2/pods (none)."""
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    times = []
    async with aiohttp.ClientSession() as session:
        for _ in range(runs):
            started = time.perf_counter()
            if body is None:
                target = url.removesuffix("/graphql") + "/v2/pods"
                async with session.get(target, headers=headers) as response:
                    await response.read()
            else:
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
            times.append(time.perf_counter() - started)
    return median_min_max(times)


async def one_size(pods: int, home: Path, wait: bool, quick: bool) -> dict[str, Any]:
    from runpod_gql.emulator import Emulator

    list_body, states_body = await _bodies(home)
    server: ReplayServer | None = None
    sides: Sides | None = None
    try:
        async with Emulator(api_key=API_KEY, boot_seconds=20, ssh_seconds=10) as emu:
            # booted: a runtime and port mappings on every pod
            ids = [pod.id for pod in emu.add_fleet(pods, GPU)]
            emulator = await _emulator_list_s(emu.url, list_body, 1 if quick else 3)
            emulator_rest = await _emulator_list_s(emu.url, None, 1 if quick else 3)
            server = ReplayServer(emu.url)
            await server.start()
            sides = Sides(
                f"http://127.0.0.1:{server.ports['plain']}/graphql", home, list_body, states_body
            )
            sides.ids = ids
            for request in sides.every_request(wait):
                await request()  # the replay server keeps every answer from here on
        # The emulator's world (every pod a record) leaves this process before anything is
        # timed: the collector's full passes would walk it, charging whichever side ran then.
        del emu
        gc.collect()
        # At least 4 calls a batch: at 5,000 pods a single call varies by up to 1.6x on this
        # machine (memory, and the raw side's full collections every other call).
        calls = 1 if quick else max(4, 2000 // pods)
        rounds = 1 if quick else 5
        result: dict[str, Any] = {
            "pods": pods,
            "emulator_list_s": emulator,
            "emulator_rest_list_s": emulator_rest,
        }
        result["list"] = await _alternate(
            {
                "runpod-gql rp.pods.list (GraphQL)": sides.ours_list,
                "raw aiohttp + json.loads (GraphQL)": sides.raw_list,
                "runpod-gql rp.pods.list (REST v2)": sides.ours_list_rest,
                "raw aiohttp + json.loads (REST v2)": sides.raw_list_rest,
                "runpod-python get_pods": sides.python_list,
            },
            pods,
            calls,
            rounds,
        )
        result["decode"] = await _alternate(await decoders(sides), pods, calls, rounds)
        result["memory_bytes"] = {
            "runpod-gql rp.pods.list (GraphQL)": await _held_bytes(sides.rp.pods.list),
            "runpod-gql rp.pods.list (REST v2)": await _held_bytes(sides.rp_rest.pods.list),
            "raw aiohttp + json.loads (GraphQL)": await _held_bytes(lambda: sides._raw(list_body)),
            "raw aiohttp + json.loads (REST v2)": await _held_bytes(sides._raw_rest),
            "runpod-python get_pods": await _held_bytes(sides.python_pods),
        }
        if wait:
            ticks = {}
            for api, rp, tick in (
                ("GraphQL", sides.rp, sides.ours_tick),
                ("REST v2", sides.rp_rest, sides.ours_tick_rest),
            ):
                before = rp.stats.requests
                await tick()
                ticks[api] = rp.stats.requests - before
            result["wait_requests_per_tick"] = ticks
            result["wait"] = await _alternate(
                {
                    "runpod-gql wait_all_ready tick (GraphQL)": sides.ours_tick,
                    "raw aiohttp + json.loads + check (GraphQL)": sides.raw_tick,
                    "runpod-gql wait_all_ready tick (REST v2)": sides.ours_tick_rest,
                    "raw aiohttp + json.loads + check (REST v2)": sides.raw_tick_rest,
                    "runpod-python get_pods + check": sides.python_tick,
                },
                pods,
                calls,
                rounds,
            )
    finally:
        if sides is not None:
            await sides.close()
        if server is not None:
            server.stop()
    return result


async def run(quick: bool, home: Path) -> dict[str, Any]:
    sizes = QUICK_LIST if quick else FULL_LIST
    waits = QUICK_WAIT if quick else FULL_WAIT
    return {
        "sizes": [await one_size(n, home, n in waits, quick) for n in sizes],
    }


async def run_in_fresh_process(quick: bool) -> dict[str, Any]:
    """:func:`run` in a new interpreter, as a user's program would list pods.

    The rest of ``make bench`` freezes its own objects (``gc.freeze``) to keep them out of the
    collector's way; a client that finds frozen objects leaves large results where the collector
    puts them (it must not unfreeze the program's objects), so measured there the scaling part
    would show the case of a program that freezes, not the usual one.
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        out = Path(tmp) / "scaling.json"
        args = [sys.executable, "-m", "bench.scaling", "--out", str(out), "--no-plots"]
        process = await asyncio.create_subprocess_exec(
            *args,
            *(["--quick"] if quick else []),
            cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL,
        )
        if await process.wait() != 0:
            raise RuntimeError(f"python -m bench.scaling exited with {process.returncode}")
        results: dict[str, Any] = json.loads(await asyncio.to_thread(out.read_text))
    return results


# --------------------------------------------------------------------------- report
def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}" if seconds < 0.1 else f"{seconds * 1000:.1f}"


def render(results: dict[str, Any]) -> str:
    """The text tables ``make bench`` prints for this part."""
    lines = ["[9] scaling: one call as the account grows (replay server; median of round medians)"]
    head = "| pods | client | wall ms | us/pod | CPU ms | vs its raw (wall) | vs its raw (CPU) |"
    rule = "|---|---|---|---|---|---|---|"
    parts = (
        ("list", "list"),
        ("decode", "decode only: one list's answer read in memory, no HTTP"),
        ("wait", "wait, one tick"),
    )
    for part, title in parts:
        rows = []
        for size in results["sizes"]:
            if part not in size:
                continue
            cases = size[part]
            for name, v in cases.items():
                raw = cases.get(FLOORS.get(name, name), v)
                wall, cpu = v["wall_s"]["median"], v["cpu_s"]["median"]
                rows.append(
                    f"| {size['pods']:,} | {name} | {_ms(wall)} | {wall / size['pods'] * 1e6:.1f} "
                    f"| {_ms(cpu)} | {wall / raw['wall_s']['median']:.2f}x "
                    f"| {cpu / raw['cpu_s']['median']:.2f}x |"
                )
        if rows:
            lines += ["", f"{title}:", head, rule, *rows]
    lines += ["", "memory held by one list's result, per 1,000 pods (tracemalloc):"]
    lines += ["| pods | client | KiB per 1,000 pods |", "|---|---|---|"]
    for size in results["sizes"]:
        for name, held in size["memory_bytes"].items():
            lines.append(
                f"| {size['pods']:,} | {name} | {held / size['pods'] * 1000 / 1024:,.0f} |"
            )
    lines += ["", "the emulator answering ListPods itself (what users' fleet tests wait on):"]
    for size in results["sizes"]:
        lines.append(
            f"  {size['pods']:,} pods: ListPods {_ms(size['emulator_list_s']['median'])} ms, "
            f"GET /v2/pods {_ms(size['emulator_rest_list_s']['median'])} ms"
        )
        for api, requests in size.get("wait_requests_per_tick", {}).items():
            lines.append(f"  wait on {size['pods']:,} pods ({api}): {requests} request(s) per tick")
    return "\n".join(lines)


def plot(results: dict[str, Any], out_dir: Path) -> list[Path]:
    """PNG plots: per-call time and time per pod against the number of pods, floors beside."""
    import matplotlib
    import matplotlib.ticker

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for part, title in (("list", "list all pods"), ("wait", "wait: one tick")):
        sizes = [s for s in results["sizes"] if part in s]
        if not sizes:
            continue
        fig, (per_call, per_pod) = plt.subplots(1, 2, figsize=(11, 4.2))
        for name in sizes[0][part]:
            n = [s["pods"] for s in sizes]
            wall = [s[part][name]["wall_s"]["median"] for s in sizes]
            style = "--" if name.startswith("raw") else "-"
            per_call.plot(n, [w * 1000 for w in wall], style, marker="o", label=name)
            per_pod.plot(n, [w / p * 1e6 for w, p in zip(wall, n, strict=True)], style, marker="o")
        per_call.set(xscale="log", yscale="log", xlabel="pods in the account", ylabel="ms per call")
        per_pod.set(xscale="log", xlabel="pods in the account", ylabel="us per pod", ylim=(0, None))
        per_call.set_title(f"{title}: time per call")
        per_pod.set_title(f"{title}: time per pod")
        per_call.legend(fontsize=8)
        for ax in (per_call, per_pod):
            ax.grid(True, which="both", alpha=0.3)
            ax.set_xticks([s["pods"] for s in sizes])
            ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
            ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        per_call.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:g}"))
        fig.tight_layout()
        path = out_dir / f"scaling-{part}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    import tempfile

    p = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__)
    p.add_argument("--quick", action="store_true", help="tiny sizes (numbers mean nothing)")
    p.add_argument("--plots", type=Path, default=None, help=f"PNG directory (default {PLOTS})")
    p.add_argument("--out", type=Path, default=None, help="results JSON")
    p.add_argument("--no-plots", action="store_true", help="draw no plots (make bench draws them)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as home:
        results = asyncio.run(run(args.quick, Path(home)))
    print(render(results))
    if args.out is not None:
        args.out.write_text(json.dumps(results, indent=2) + "\n")
    if not args.no_plots:
        for path in plot(results, args.plots or PLOTS):
            print(f"plot: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
