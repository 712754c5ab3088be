"""A fleet of pods under faults: nothing lost, nothing duplicated, nothing leaked.

Rounds of ``--pods`` pods (on-demand and spot) are created, waited for, read, stopped, resumed
(bid-resumed for spot), waited for again and terminated, through one ``RunPod`` client talking
HTTP to the emulator, while a seeded random mix of faults is injected before client calls:
429s with and without Retry-After, 5xx bursts, RunPod's opaque error, time-outs, connections
dropped before and after a mutation applied, malformed answers, and spot outbids. Time is the
emulator's ManualClock, so polling and back-off cost no real time and a seed replays a run.

After each round the emulator's own state is the judge: the pods that exist are exactly the
pods intended (one per create token: no duplicate), and after termination none is left (no
orphan). Every failure a client call raised must be a ``RunPodError``; the API key must not
appear in logs, errors or the emulator's request log.

::

    python -m tests.reliability.fleet --operations 2000 [--seed 7] [--pods 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, TypeVar

from runpod_gql import ApiMode, RunPod
from runpod_gql.emulator import Emulator, Fault
from runpod_gql.errors import PodInterruptedError, RunPodError

from .support import HELD_SECONDS, LogCapture, capture_logs, client, emulator, leaks

T = TypeVar("T")

ON_DEMAND_GPUS = ("NVIDIA L4", "NVIDIA GeForce RTX 4090")
SPOT_GPU = "NVIDIA L4"
IMAGE = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
# Client calls a fault is aimed at, by workload step (None: whatever request comes next).
STEP_OPERATIONS: dict[str, frozenset[str]] = {
    "create": frozenset({"CreatePod", "podFindAndDeployOnDemand", "GetGpuTypes", "ListPods"}),
    "create_spot": frozenset({"CreateSpotPod", "podRentInterruptable", "GetGpuType", "ListPods"}),
    "find_by_token": frozenset({"ListPods"}),
    "wait": frozenset({"ListPodStates"}),
    "metrics": frozenset({"GetPod"}),
    "stop": frozenset({"StopPod"}),
    "resume": frozenset({"ResumePod"}),
    "bid_resume": frozenset({"BidResumePod", "GetPod", "GetGpuType"}),
    "terminate": frozenset({"TerminatePod"}),
}
# The same steps over REST v2 (operationIds; v2 has no spot pods, so no spot steps).
REST_STEP_OPERATIONS: dict[str, frozenset[str]] = {
    "create": frozenset({"createPod", "listGpuTypes", "listPods"}),
    "find_by_token": frozenset({"listPods"}),
    "wait": frozenset({"listPods"}),
    "metrics": frozenset({"getPod"}),
    "stop": frozenset({"podAction"}),
    "resume": frozenset({"podAction"}),
    "terminate": frozenset({"deletePod"}),
}
# (fault, weight): how often each kind is drawn when a fault is injected.
FAULT_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("rate_limit_retry_after", 4),
    ("rate_limit", 3),
    ("server_error_burst", 4),
    ("opaque_error", 2),
    ("timeout", 2),
    ("drop_before", 3),
    ("drop_after", 4),
    ("malformed", 1),
)
APP_ATTEMPTS = 30  # how often the workload itself tries a step before giving up on it


@dataclass(frozen=True)
class FleetConfig:
    """One replayable run."""

    operations: int = 2000
    seed: int = 0
    pods: int = 20
    spot_every: int = 3  # every third pod is a spot pod
    fault_rate: float = 0.35  # chance a client call is preceded by an injected fault
    outbid_rate: float = 0.3  # chance a spot pod is outbid at each of two points of a round
    metrics_reads: int = 2
    api: ApiMode = "graphql"  # the API the client drives


@dataclass
class FleetReport:
    """What a run saw. ``ok`` is the verdict."""

    config: FleetConfig
    rounds: int = 0
    operations: int = 0
    pods_intended: int = 0
    pods_created: int = 0
    duplicates: int = 0
    orphans: int = 0
    lost: int = 0  # intended pods the emulator never had
    outbids: int = 0
    interruptions_seen: int = 0
    adopted_creates: int = 0
    client_requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    server_requests: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    faults_drawn: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    untyped: list[str] = field(default_factory=list)
    gave_up: list[str] = field(default_factory=list)
    key_leaks: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (
            self.pods_created == self.pods_intended
            and self.duplicates == 0
            and self.orphans == 0
            and self.lost == 0
            and not self.untyped
            and not self.gave_up
            and not self.key_leaks
        )


class Fleet:
    """The workload: one client, one emulator, one seeded random stream for every choice."""

    def __init__(self, config: FleetConfig, emu: Emulator, rp: RunPod, logs: LogCapture) -> None:
        self.config = config
        self.emu = emu
        self.rp = rp
        self.logs = logs
        self.rng = random.Random(config.seed)
        self.report = FleetReport(config)
        self.bid = 0.0
        self.seen_errors: list[BaseException] = []

    # ------------------------------------------------------------------ faults
    def _maybe_fault(self, step: str) -> None:
        if self.rng.random() >= self.config.fault_rate:
            return
        kinds, weights = zip(*FAULT_WEIGHTS, strict=True)
        kind = self.rng.choices(kinds, weights)[0]
        # Mostly aimed at one request the step sends (its mutation, or a look-up it makes);
        # otherwise at whatever request comes next.
        ops: Collection[str] | None = None
        if self.rng.random() < 0.75:
            steps = REST_STEP_OPERATIONS if self.config.api == "rest" else STEP_OPERATIONS
            ops = {self.rng.choice(sorted(steps[step]))}
        self.report.faults_drawn[kind] += 1
        if kind == "rate_limit_retry_after":
            self.emu.inject(
                Fault.RATE_LIMIT, operations=ops, retry_after=self.rng.choice([1, 2, 5])
            )
        elif kind == "rate_limit":
            self.emu.inject(Fault.RATE_LIMIT, operations=ops)
        elif kind == "server_error_burst":
            self.emu.inject(
                Fault.SERVER_ERROR,
                count=self.rng.randint(1, 3),
                operations=ops,
                status=self.rng.choice([500, 502, 503, 504]),
            )
        elif kind == "opaque_error":
            self.emu.inject(Fault.OPAQUE_ERROR, operations=ops)
        elif kind == "timeout":
            self.emu.inject(Fault.TIMEOUT, operations=ops, delay=HELD_SECONDS)
        elif kind == "drop_before":
            self.emu.inject(Fault.DROP_BEFORE, operations=ops)
        elif kind == "drop_after":
            self.emu.inject(Fault.DROP_AFTER, operations=ops)
        else:
            variant: Literal["truncated", "html"] = self.rng.choice(["truncated", "html"])
            self.emu.inject(Fault.MALFORMED, operations=ops, variant=variant)

    # ------------------------------------------------------------------ one client call
    async def call(self, step: str, fn: Callable[[], Awaitable[T]]) -> T | None:
        """One client call (after maybe a fault); None when it raised (recorded)."""
        self.report.operations += 1
        self._maybe_fault(step)
        try:
            return await fn()
        except RunPodError as exc:
            self.report.errors[type(exc).__name__] += 1
            self.seen_errors.append(exc)
            if isinstance(exc, PodInterruptedError):
                raise
            return None
        except Exception as exc:
            # Not a typed error: a bug in the client. Record it whole and carry on.
            self.report.untyped.append(
                f"{step}: {''.join(traceback.format_exception_only(type(exc), exc)).strip()}"
            )
            self.seen_errors.append(exc)
            return None

    async def until_done(self, step: str, fn: Callable[[], Awaitable[T]], what: str) -> T | None:
        """Repeat a step until it succeeds (it must be safe to repeat)."""
        for _ in range(APP_ATTEMPTS):
            result = await self.call(step, fn)
            if result is not None:
                return result
        self.report.gave_up.append(f"{what} ({step})")
        return None

    # ------------------------------------------------------------------ steps
    async def create(self, name: str, token: str, spot: bool) -> str | None:
        """Create a pod; after a failure, adopt it by token before creating again."""
        for _ in range(APP_ATTEMPTS):
            if spot:
                pod = await self.call(
                    "create_spot",
                    lambda: self.rp.pods.create_spot(
                        name=name,
                        image=IMAGE,
                        gpu_type=SPOT_GPU,
                        bid_per_gpu=self.bid,
                        env={"FLEET": name},
                        token=token,
                    ),
                )
            else:
                pod = await self.call(
                    "create",
                    lambda: self.rp.pods.create(
                        name=name,
                        image=IMAGE,
                        gpu_types=list(ON_DEMAND_GPUS),
                        env={"FLEET": name},
                        token=token,
                    ),
                )
            if pod is not None:
                return pod.id
            found = await self.until_done(
                "find_by_token", lambda: self._find(token), f"find {name} by token"
            )
            if found is not None and found[0] is not None:
                return found[0]
        self.report.gave_up.append(f"create {name}")
        return None

    async def _find(self, token: str) -> tuple[str | None]:
        pod = await self.rp.pods.find_by_token(token)
        return (pod.id if pod is not None else None,)

    async def wait_all(self, ids: Sequence[str], spot: set[str]) -> None:
        """Wait for all; an outbid spot pod is bid-resumed and the wait goes on."""
        for _ in range(APP_ATTEMPTS * 2):
            try:
                done = await self.call(
                    "wait", lambda: self.rp.pods.wait_all_ready(ids, timeout=900, ssh=False)
                )
            except PodInterruptedError as exc:
                self.report.interruptions_seen += 1
                if exc.pod_id in spot:
                    await self.bid_resume(exc.pod_id)
                continue
            if done is not None:
                return
        self.report.gave_up.append("wait_all_ready")

    async def bid_resume(self, pod_id: str) -> None:
        await self.until_done(
            "bid_resume",
            lambda: self.rp.pods.bid_resume(pod_id, bid_per_gpu=self.bid),
            f"bid-resume {pod_id}",
        )

    def outbid_some(self, ids: Sequence[str]) -> None:
        for pod_id in ids:
            if self.rng.random() < self.config.outbid_rate:
                self.emu.outbid(pod_id)
                self.report.outbids += 1

    async def round(self, number: int) -> None:
        cfg = self.config
        prefix = f"fleet-s{cfg.seed}-r{number}-"
        plan = [
            (
                f"{prefix}{i:02d}",
                f"fleet{cfg.seed:x}r{number}p{i}t{self.rng.getrandbits(48):012x}",
                cfg.api != "rest" and i % cfg.spot_every == cfg.spot_every - 1,
            )
            for i in range(cfg.pods)
        ]
        self.report.pods_intended += len(plan)
        ids: list[str] = []
        spot: set[str] = set()
        for name, token, is_spot in plan:
            pod_id = await self.create(name, token, is_spot)
            if pod_id is not None:
                ids.append(pod_id)
                if is_spot:
                    spot.add(pod_id)

        # The emulator's truth: one pod per intended create, and the client holds their ids.
        mine = {p.id: p for p in self.emu.state.pods.values() if p.name.startswith(prefix)}
        self.report.pods_created += len(mine)
        tokens = Counter(
            e.split("=", 1)[1]
            for p in mine.values()
            for e in p.env
            if e.startswith("RUNPOD_GQL_TOKEN=")
        )
        self.report.duplicates += sum(n - 1 for n in tokens.values() if n > 1)
        self.report.lost += sum(1 for _, token, _ in plan if token not in tokens)

        self.outbid_some(sorted(spot))  # before they are up: the wait sees the interruption
        await self.wait_all(ids, spot)
        self.outbid_some(sorted(spot))  # while running: metrics show it, stop and resume cope
        for pod_id in ids:
            for _ in range(cfg.metrics_reads):
                await self.call("metrics", partial(self.rp.pods.metrics, pod_id))
        for pod_id in ids:
            await self.until_done("stop", partial(self.rp.pods.stop, pod_id), f"stop {pod_id}")
        for pod_id in ids:
            if pod_id in spot:
                await self.bid_resume(pod_id)
            else:
                await self.until_done(
                    "resume", partial(self.rp.pods.resume, pod_id), f"resume {pod_id}"
                )
        await self.wait_all(ids, spot)
        for pod_id in ids:
            await self.until_done(
                "terminate",
                partial(self._terminate, pod_id),
                f"terminate {pod_id}",
            )
        left = [p for p in self.emu.state.pods.values() if p.name.startswith(prefix)]
        self.report.orphans += len(left)
        self.report.rounds += 1

    async def _terminate(self, pod_id: str) -> bool:
        await self.rp.pods.terminate(pod_id)
        return True

    async def run(self) -> None:
        for gpu in {*ON_DEMAND_GPUS, SPOT_GPU}:
            self.emu.set_stock(gpu, 1000)
        if self.config.api != "rest":
            minimum = await self.rp.gpus.minimum_bid(SPOT_GPU, gpu_count=1)
            self.bid = round(minimum * 1.5, 3)
        number = 0
        while self.report.operations < self.config.operations or number == 0:
            await self.round(number)
            number += 1
        self.emu.clear_faults()


async def run_fleet(config: FleetConfig) -> FleetReport:
    """Run the workload against a fresh emulator; the report's ``ok`` is the verdict."""
    started = time.perf_counter()
    with capture_logs() as logs:
        emu = emulator(seed=config.seed)
        async with emu:
            async with client(emu, seed=config.seed, api=config.api) as rp:
                fleet = Fleet(config, emu, rp, logs)
                await fleet.run()
                report = fleet.report
                report.client_requests = rp.stats.requests
                report.retries = rp.stats.retries
                report.rate_limited = rp.stats.rate_limited
                leftovers = len(emu.state.pods)
                report.orphans = max(report.orphans, leftovers)
                repr_rp = repr(rp) + rp.describe()
        # After stop: held (time-out) requests are in the log too.
        records = emu.requests
    report.server_requests = len(records)
    report.faults.update(r.fault.value for r in records if r.fault is not None)
    report.adopted_creates = sum("the lost create made pod" in line for line in logs.lines)
    report.outbids = fleet.report.outbids
    texts = {
        "logs": logs.text,
        "request log": "\n".join(repr(r.to_json()) for r in records),
        "errors": "\n".join(f"{e}\n{e!r}" for e in fleet.seen_errors),
        "client repr": repr_rp,
    }
    report.key_leaks = [where for where, text in texts.items() if leaks(text)]
    report.seconds = time.perf_counter() - started
    return report


def format_report(report: FleetReport) -> str:
    """The counts table (Markdown)."""
    cfg = report.config
    rows: list[tuple[str, str]] = [
        ("seed", str(cfg.seed)),
        ("API", cfg.api),
        (
            "rounds x pods" + (" (every 3rd spot)" if cfg.api != "rest" else " (v2: no spot)"),
            f"{report.rounds} x {cfg.pods}",
        ),
        ("client operations", str(report.operations)),
        (
            "HTTP requests (client / emulator log)",
            f"{report.client_requests} / {report.server_requests}",
        ),
        ("faults injected (emulator log)", str(sum(report.faults.values()))),
    ]
    rows += [(f"  {kind}", str(n)) for kind, n in sorted(report.faults.items())]
    rows += [
        ("spot outbids", str(report.outbids)),
        ("interruptions seen by waits", str(report.interruptions_seen)),
        ("transport retries", str(report.retries)),
        ("429s seen", str(report.rate_limited)),
        ("lost creates adopted by token", str(report.adopted_creates)),
        ("pods intended / created", f"{report.pods_intended} / {report.pods_created}"),
        ("duplicates (must be 0)", str(report.duplicates)),
        ("orphans (must be 0)", str(report.orphans)),
        ("lost (must be 0)", str(report.lost)),
        ("typed errors seen", str(sum(report.errors.values()))),
    ]
    rows += [(f"  {name}", str(n)) for name, n in sorted(report.errors.items())]
    rows += [
        ("untyped errors (must be 0)", str(len(report.untyped))),
        ("steps given up (must be 0)", str(len(report.gave_up))),
        ("API key leaks (must be 0)", str(len(report.key_leaks))),
        ("wall time", f"{report.seconds:.1f} s"),
        ("verdict", "OK" if report.ok else "FAILED"),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"| {'what'.ljust(width)} | count |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {k.ljust(width)} | {v} |" for k, v in rows]
    for title, items in (
        ("untyped", report.untyped),
        ("gave up", report.gave_up),
        ("key leaks in", report.key_leaks),
    ):
        lines += [f"{title}: {item}" for item in items[:20]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.reliability.fleet", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--operations", type=int, default=2000, help="client calls, at least")
    parser.add_argument("--seed", type=int, default=0, help="replays a run exactly")
    parser.add_argument("--pods", type=int, default=20, help="pods per round")
    parser.add_argument("--fault-rate", type=float, default=FleetConfig.fault_rate)
    parser.add_argument(
        "--api", choices=("graphql", "rest"), default="graphql", help="the API the client drives"
    )
    args = parser.parse_args(argv)
    config = FleetConfig(
        operations=args.operations,
        seed=args.seed,
        pods=args.pods,
        fault_rate=args.fault_rate,
        api=args.api,
    )
    report = asyncio.run(run_fleet(config))
    print(format_report(report))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
