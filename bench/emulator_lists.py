"""The emulator's own time to answer a whole-account pod list, as the account grows (issue 17).

Users' fleet tests wait on the emulator, so its answer to a large list must stay cheap. For each
account size an emulator holds that many booted pods (RUNNING, ports mapped), and one aiohttp
client on the same loop sends, alternated round by round:

- GraphQL ``ListPods`` and ``ListPodStates``: the exact bodies runpod-gql sends (recorded);
- REST v2 ``GET /v2/pods``.

Each figure is the wall time of one request to its last byte (median, min, max over the rounds),
and per pod; and the CPU time this process (server and client) spent on it (median), which other
work on the machine does not inflate. The emulated clock moves 10 s before every request, as it does between the polls of a
fleet test (so utilisation and billing are computed afresh). ``--profile OP`` prints a cProfile of one size instead (OP: ListPods, ListPodStates or
rest).

``python -m bench.emulator_lists [--sizes 100,1000,5000] [--rounds 7] [--profile OP]``
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp

from .measure import median_min_max
from .scaling import API_KEY, GPU, _bodies

HEADERS = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}


async def _request(session: aiohttp.ClientSession, url: str, body: bytes | None) -> int:
    if body is None:
        async with session.get(url, headers=HEADERS) as response:
            data = await response.read()
    else:
        async with session.post(url, data=body, headers=HEADERS) as response:
            data = await response.read()
    if response.status != 200:
        raise RuntimeError(f"{url}: {response.status} {data[:200]!r}")
    return len(data)


async def one_size(
    pods: int, bodies: dict[str, bytes | None], rounds: int, profile: str | None
) -> dict[str, dict[str, float]]:
    from runpod_gql.emulator import Emulator

    async with Emulator(api_key=API_KEY, boot_seconds=20, ssh_seconds=10) as emu:
        emu.add_fleet(pods, GPU)  # booted: a runtime and port mappings on every pod
        urls = {
            name: emu.url if body is not None else f"{emu.url.removesuffix('/graphql')}/v2/pods"
            for name, body in bodies.items()
        }
        times: dict[str, list[float]] = {name: [] for name in bodies}
        cpu: dict[str, list[float]] = {name: [] for name in bodies}
        async with aiohttp.ClientSession() as session:
            for name, body in bodies.items():  # warm: documents parsed, connection open
                await _request(session, urls[name], body)
            if profile is not None:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(rounds):
                    await _request(session, urls[profile], bodies[profile])
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
                return {}
            for _ in range(rounds):
                for name, body in bodies.items():
                    emu.clock.advance(10)  # as in a fleet test: time passes between polls
                    started, cpu_started = time.perf_counter(), time.process_time()
                    await _request(session, urls[name], body)
                    times[name].append(time.perf_counter() - started)
                    cpu[name].append(time.process_time() - cpu_started)
    return {
        name: {**median_min_max(values), "cpu": statistics.median(cpu[name])}
        for name, values in times.items()
    }


async def main_async(sizes: list[int], rounds: int, profile: str | None) -> None:
    with tempfile.TemporaryDirectory() as home:
        list_body, states_body = await _bodies(Path(home))
    bodies: dict[str, bytes | None] = {
        "ListPods": list_body,
        "ListPodStates": states_body,
        "rest": None,
    }
    if profile is not None:
        await one_size(sizes[-1], bodies, rounds, profile)
        return
    names = {"ListPods": "GraphQL ListPods", "ListPodStates": "GraphQL ListPodStates"}
    print(
        f"{'pods':>6}  {'request':<24}{'median':>10}{'min':>10}{'max':>10}{'per pod':>10}"
        f"{'CPU':>10}"
    )
    for pods in sizes:
        result = await one_size(pods, bodies, rounds, None)
        for name, t in result.items():
            label = names.get(name, "REST GET /v2/pods")
            print(
                f"{pods:>6}  {label:<24}{t['median'] * 1e3:>8.1f}ms{t['min'] * 1e3:>8.1f}ms"
                f"{t['max'] * 1e3:>8.1f}ms{t['median'] / pods * 1e6:>8.1f}us"
                f"{t['cpu'] * 1e3:>8.1f}ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", choices=("ListPods", "ListPodStates", "rest"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    asyncio.run(main_async(sizes, args.rounds, args.profile))


if __name__ == "__main__":
    main()
