"""Bounded waiting for pods: until a status, until ready, and for many pods with one request a tick.

Ready means RUNNING, a runtime, a public mapping for every port asked for and, with ``ssh``,
an SSH banner read from the port-22 endpoint — RunPod reports RUNNING long before sshd answers.
Every wait has a deadline, polls at an interval that starts short and grows to a cap, and fails
fast when the pod reaches a state it will not leave on its own, is outbid, or vanishes.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .. import _validate as v
from .._clock import Clock
from ..backends.base import Backend
from ..errors import (
    InputValidationError,
    NotFoundError,
    PodInterruptedError,
    PodStateError,
    WaitTimeoutError,
)
from ..models import Pod, PodState, PodStatus
from .remote_ops import ssh_banner

TERMINAL = frozenset({PodStatus.EXITED, PodStatus.TERMINATED, PodStatus.ERROR})


@dataclass(frozen=True)
class Progress:
    """One pod's state at one tick, for progress displays."""

    pod_id: str
    status: str | None
    stage: str
    ready: bool
    waited: float


ProgressCallback = Callable[[Progress], object]


@dataclass(frozen=True)
class PollSchedule:
    """Poll interval: ``initial`` seconds, growing by ``factor`` up to ``maximum``."""

    initial: float = 1.0
    factor: float = 1.5
    maximum: float = 10.0

    def intervals(self) -> _Intervals:
        return _Intervals(self)


class _Intervals:
    def __init__(self, schedule: PollSchedule) -> None:
        self._next = schedule.initial
        self._schedule = schedule

    def next(self) -> float:
        value = self._next
        self._next = min(self._schedule.maximum, self._next * self._schedule.factor)
        return value


DEFAULT_SCHEDULE = PollSchedule()


def stage(pod: PodState, ports: Sequence[int]) -> tuple[bool, str]:
    """Whether the API side of readiness holds, and what is still awaited."""
    if pod.status == PodStatus.PROVISIONING:
        return False, "waiting for a machine and the image (PROVISIONING)"
    if pod.status == PodStatus.STARTING:
        return False, "waiting for the container to start (STARTING)"
    if pod.status != PodStatus.RUNNING:
        return False, f"waiting for RUNNING (is {pod.status.value})"
    if pod.runtime is None:
        return False, "waiting for the container to start (no runtime yet)"
    public = {p.private_port for p in pod.runtime.ports if p.is_ip_public and p.public_port}
    missing = [p for p in ports if p not in public]
    if missing:
        return False, f"waiting for public port mapping of {', '.join(map(str, missing))}"
    return True, "running with ports mapped"


def _fail_fast(
    pod: PodState | None, pod_id: str, target: PodStatus, waited: float, last: str | None
) -> None:
    if pod is None:
        if last is None:  # never seen: a wrong id, not a pod that went away
            raise NotFoundError(
                f"pod {pod_id} not found", hint="check the id with `runpod-gql pods list`"
            )
        raise PodStateError(
            "pod vanished while waiting", pod_id=pod_id, last_status=last, waited=waited
        )
    status = pod.status
    if status == target or status not in TERMINAL:
        return
    if pod.is_spot and status == PodStatus.EXITED and target == PodStatus.RUNNING:
        raise PodInterruptedError(
            "spot pod was interrupted (outbid) while waiting",
            pod_id=pod_id,
            last_status=status.value,
            waited=waited,
        )
    raise PodStateError(
        f"pod reached {status.value} while waiting for {target.value}",
        pod_id=pod_id,
        last_status=status.value,
        waited=waited,
    )


def _check_timeout(timeout: float) -> None:
    # inf, or a NaN (every comparison False), would make the wait unbounded.
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise InputValidationError("timeout", f"must be a number of seconds, got {timeout!r}")
    if not 0 < timeout < math.inf:
        raise InputValidationError("timeout", "must be > 0 and finite (waits are always bounded)")


# What a wait polls: the whole Pod for one pod (the caller gets it as seen, no second get), the
# light PodState of every pod in one list for many (issue 17: one small request per tick).
P = TypeVar("P", bound=PodState)
Fetch = Callable[[Backend], Awaitable[dict[str, P]]]


def _get(pod_id: str) -> Fetch[Pod]:
    """The poll of a wait for one pod: a get."""

    async def fetch(api: Backend) -> dict[str, Pod]:
        pod = await api.get_pod(pod_id)
        return {pod.id: pod} if pod is not None else {}

    return fetch


async def _list_states(api: Backend) -> dict[str, PodState]:
    """The poll of a wait for many pods: one list of states, whatever their number."""
    return {p.id: p for p in await api.list_pod_states()}


@dataclass
class _Watch(Generic[P]):
    """The pods a wait is for: the status each last showed, what it awaits, and which are done."""

    ids: list[str]
    target: PodStatus
    last: dict[str, str | None] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)
    done: dict[str, P] = field(default_factory=dict)

    def pending(self, by_id: dict[str, P], waited: float) -> list[P]:
        """The pods not done yet, as just seen; fails fast on one that cannot get there."""
        seen = []
        for pid in self.ids:
            if pid in self.done:
                continue
            pod = by_id.get(pid)
            _fail_fast(pod, pid, self.target, waited, self.last.get(pid))
            assert pod is not None
            self.last[pid] = pod.status.value
            seen.append(pod)
        return seen

    def report(self, on_progress: ProgressCallback | None, waited: float) -> None:
        if on_progress is None:
            return
        for pid in self.ids:
            stage = self.stages.get(pid, "ready")
            on_progress(Progress(pid, self.last.get(pid), stage, pid in self.done, waited))


async def _poll(
    api: Backend,
    clock: Clock,
    watch: _Watch[P],
    fetch: Fetch[P],
    tick: Callable[[list[P], Callable[[], float]], Awaitable[None]],
    expired: Callable[[float], WaitTimeoutError],
    *,
    timeout: float,
    schedule: PollSchedule,
    on_progress: ProgressCallback | None,
) -> dict[str, P]:
    """Poll until ``tick`` has marked every pod done: one request a tick, within ``timeout``.

    ``tick`` gets the pending pods as just seen and a function telling the seconds left.
    """
    _check_timeout(timeout)
    start = clock.monotonic()
    intervals = schedule.intervals()
    while True:
        waited = clock.monotonic() - start
        # Each poll's retries are bounded by what is left of the wait.
        pods = watch.pending(await fetch(api.within(max(1.0, timeout - waited))), waited)
        await tick(pods, lambda: timeout - (clock.monotonic() - start))
        watch.report(on_progress, waited)
        if len(watch.done) == len(watch.ids):
            return {pid: watch.done[pid] for pid in watch.ids}
        pause = intervals.next()
        if clock.monotonic() - start + pause > timeout:
            raise expired(clock.monotonic() - start)
        await clock.sleep(pause)


async def wait_until(
    api: Backend,
    clock: Clock,
    pod_id: str,
    status: PodStatus,
    *,
    timeout: float,
    on_progress: ProgressCallback | None = None,
    schedule: PollSchedule = DEFAULT_SCHEDULE,
) -> Pod:
    """Poll one pod until its status is ``status``; returns the pod as last seen."""
    v.text("pod_id", pod_id)
    watch: _Watch[Pod] = _Watch([pod_id], status)

    async def tick(pods: list[Pod], left: Callable[[], float]) -> None:
        for pod in pods:
            if pod.status == status:
                watch.done[pod.id] = pod
            watch.stages[pod.id] = "done" if pod.id in watch.done else f"waiting for {status.value}"

    def expired(waited: float) -> WaitTimeoutError:
        return WaitTimeoutError(
            f"pod did not reach {status.value} within {timeout:.0f}s",
            pod_id=pod_id,
            last_status=watch.last.get(pod_id),
            waited=waited,
        )

    found = await _poll(
        api,
        clock,
        watch,
        _get(pod_id),
        tick,
        expired,
        timeout=timeout,
        schedule=schedule,
        on_progress=on_progress,
    )
    return found[pod_id]


async def _until_ready(
    api: Backend,
    clock: Clock,
    ids: list[str],
    fetch: Fetch[P],
    *,
    timeout: float,
    ssh: bool,
    ports: Sequence[int],
    on_progress: ProgressCallback | None,
    schedule: PollSchedule,
) -> dict[str, P]:
    """Poll until every pod is ready (see the module docstring)."""
    wanted = tuple(ports) if not ssh or 22 in ports else (*ports, 22)
    watch: _Watch[P] = _Watch(ids, PodStatus.RUNNING)

    async def tick(pods: list[P], left: Callable[[], float]) -> None:
        probes = []
        for pod in pods:
            api_ready, watch.stages[pod.id] = stage(pod, wanted)
            if api_ready and ssh:
                probes.append(pod)
            elif api_ready:
                watch.done[pod.id] = pod
        # Banner probes run together; each is bounded so a silent port cannot stall the tick.
        probe_for = min(5.0, max(0.5, left()))
        banners = await asyncio.gather(*(ssh_banner(p, probe_for) for p in probes))
        for pod, banner in zip(probes, banners, strict=True):
            if banner is not None:
                watch.done[pod.id] = pod
            watch.stages[pod.id] = (
                f"ready ({banner})" if banner else "waiting for sshd to answer on port 22"
            )

    def expired(waited: float) -> WaitTimeoutError:
        pending = [pid for pid in ids if pid not in watch.done]
        first = pending[0]
        more = ", ".join(pending[:5]) + ("..." if len(pending) > 5 else "")
        return WaitTimeoutError(
            f"{len(pending)} of {len(ids)} pod(s) not ready within {timeout:.0f}s: "
            f"{watch.stages.get(first, '')}",
            pod_id=first if len(pending) == 1 else more,
            last_status=watch.last.get(first),
            waited=waited,
        )

    return await _poll(
        api,
        clock,
        watch,
        fetch,
        tick,
        expired,
        timeout=timeout,
        schedule=schedule,
        on_progress=on_progress,
    )


async def wait_until_ready(
    api: Backend,
    clock: Clock,
    pod_id: str,
    *,
    timeout: float,
    ssh: bool = True,
    ports: Sequence[int] = (22,),
    on_progress: ProgressCallback | None = None,
    schedule: PollSchedule = DEFAULT_SCHEDULE,
) -> Pod:
    """Poll one pod until it is ready; returns the ready pod as last seen."""
    v.text("pod_id", pod_id)
    ready = await _until_ready(
        api,
        clock,
        [pod_id],
        _get(pod_id),
        timeout=timeout,
        ssh=ssh,
        ports=ports,
        on_progress=on_progress,
        schedule=schedule,
    )
    return ready[pod_id]


async def wait_all_ready(
    api: Backend,
    clock: Clock,
    pod_ids: Sequence[str],
    *,
    timeout: float,
    ssh: bool = True,
    ports: Sequence[int] = (22,),
    on_progress: ProgressCallback | None = None,
    schedule: PollSchedule = DEFAULT_SCHEDULE,
) -> dict[str, PodState]:
    """Wait until every pod is ready: one list of states per tick, whatever their number."""
    ids = list(dict.fromkeys(pod_ids))
    for i, pid in enumerate(ids):
        v.text(f"pod_ids[{i}]", pid)
    return await _until_ready(
        api,
        clock,
        ids,
        _list_states,
        timeout=timeout,
        ssh=ssh,
        ports=ports,
        on_progress=on_progress,
        schedule=schedule,
    )
