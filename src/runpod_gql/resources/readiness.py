"""Bounded waiting for pods: until a status, until ready, and for many pods with one request a tick.

Ready means RUNNING, a runtime, a public mapping for every port asked for and, with ``ssh``,
an SSH banner read from the port-22 endpoint — RunPod reports RUNNING long before sshd answers.
Every wait has a deadline, polls at an interval that starts short and grows to a cap, and fails
fast when the pod reaches a state it will not leave on its own, is outbid, or vanishes.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from runpod_gql_generated.enums import PodStatus, PodType
from runpod_gql_generated.fragments import PodState

from .. import _validate as v
from .._transport import GraphQLTransport
from ..errors import (
    InputValidationError,
    NotFoundError,
    PodInterruptedError,
    PodStateError,
    RemoteError,
    WaitTimeoutError,
)
from ..remote.endpoint import ssh_endpoint_from_ports, wait_for_ssh_banner

TERMINAL = frozenset({PodStatus.EXITED, PodStatus.TERMINATED, PodStatus.DEAD})
SPOT_TYPES = frozenset({PodType.INTERRUPTABLE, PodType.BID})


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


@dataclass(frozen=True)
class _Port:
    """The fields of a runtime port mapping that readiness reads (tolerates ``type_``)."""

    ip: str | None
    is_ip_public: bool | None
    private_port: int | None
    public_port: int | None
    type: str | None


def _ports(pod: PodState) -> list[_Port]:
    runtime = pod.runtime
    if runtime is None:
        return []
    return [
        _Port(p.ip, p.is_ip_public, p.private_port, p.public_port, p.type_)
        for p in runtime.ports or ()
        if p is not None
    ]


def stage(pod: PodState, ports: Sequence[int]) -> tuple[bool, str]:
    """Whether the API side of readiness holds, and what is still awaited."""
    if pod.desired_status != PodStatus.RUNNING:
        return False, f"waiting for RUNNING (is {pod.desired_status.value})"
    if pod.runtime is None:
        return False, "waiting for the container to start (no runtime yet)"
    public = {p.private_port for p in _ports(pod) if p.is_ip_public and p.public_port}
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
    status = pod.desired_status
    if status == target or status not in TERMINAL:
        return
    if pod.pod_type in SPOT_TYPES and status == PodStatus.EXITED and target == PodStatus.RUNNING:
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


def _within(t: GraphQLTransport, remaining: float) -> GraphQLTransport:
    """The transport with its retries bounded by what is left of the wait."""
    policy = t.options.retry
    deadline = (
        max(1.0, remaining)
        if policy.deadline is None
        else min(policy.deadline, max(1.0, remaining))
    )
    return t.derive(replace(t.options, retry=policy.with_(deadline=deadline)))


async def _banner(pod: PodState, timeout: float) -> str | None:
    """The SSH banner of the pod's endpoint, or None if it does not answer yet."""
    endpoint = ssh_endpoint_from_ports(_ports(pod))
    if endpoint is None:
        return None
    try:
        return await wait_for_ssh_banner(endpoint.host, endpoint.port, timeout=timeout)
    except (RemoteError, OSError):
        return None


def _check_timeout(timeout: float) -> None:
    # inf, or a NaN (every comparison False), would make the wait unbounded.
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise InputValidationError("timeout", f"must be a number of seconds, got {timeout!r}")
    if not 0 < timeout < math.inf:
        raise InputValidationError("timeout", "must be > 0 and finite (waits are always bounded)")


async def wait_until(
    t: GraphQLTransport,
    pod_id: str,
    status: PodStatus,
    *,
    timeout: float,
    on_progress: ProgressCallback | None = None,
    schedule: PollSchedule = DEFAULT_SCHEDULE,
) -> PodState:
    """Poll one pod until its status is ``status``."""
    v.text("pod_id", pod_id)
    _check_timeout(timeout)
    clock = t.clock
    start = clock.monotonic()
    intervals = schedule.intervals()
    last: str | None = None
    while True:
        waited = clock.monotonic() - start
        poll = _within(t, timeout - waited)
        pod = (await poll.run(poll.get_pod_state(pod_id=pod_id))).pod
        _fail_fast(pod, pod_id, status, waited, last)
        assert pod is not None
        last = pod.desired_status.value
        done = pod.desired_status == status
        if on_progress is not None:
            on_progress(
                Progress(
                    pod_id, last, "done" if done else f"waiting for {status.value}", done, waited
                )
            )
        if done:
            return pod
        pause = intervals.next()
        if clock.monotonic() - start + pause > timeout:
            raise WaitTimeoutError(
                f"pod did not reach {status.value} within {timeout:.0f}s",
                pod_id=pod_id,
                last_status=last,
                waited=clock.monotonic() - start,
            )
        await clock.sleep(pause)


async def wait_until_ready(
    t: GraphQLTransport,
    pod_id: str,
    *,
    timeout: float,
    ssh: bool = True,
    ports: Sequence[int] = (22,),
    on_progress: ProgressCallback | None = None,
    schedule: PollSchedule = DEFAULT_SCHEDULE,
) -> PodState:
    """Poll one pod until it is ready (see the module docstring)."""
    v.text("pod_id", pod_id)
    return (
        await wait_all_ready(
            t,
            [pod_id],
            timeout=timeout,
            ssh=ssh,
            ports=ports,
            on_progress=on_progress,
            schedule=schedule,
            single=True,
        )
    )[pod_id]


async def wait_all_ready(
    t: GraphQLTransport,
    pod_ids: Sequence[str],
    *,
    timeout: float,
    ssh: bool = True,
    ports: Sequence[int] = (22,),
    on_progress: ProgressCallback | None = None,
    schedule: PollSchedule = DEFAULT_SCHEDULE,
    single: bool = False,
) -> dict[str, PodState]:
    """Wait until every pod is ready: one request per tick (a get for one pod, a list for many)."""
    ids = list(dict.fromkeys(pod_ids))
    for i, pid in enumerate(ids):
        v.text(f"pod_ids[{i}]", pid)
    _check_timeout(timeout)
    wanted_ports = tuple(ports)
    if ssh and 22 not in wanted_ports:
        wanted_ports = (*wanted_ports, 22)
    clock = t.clock
    start = clock.monotonic()
    intervals = schedule.intervals()
    ready: dict[str, PodState] = {}
    last: dict[str, str | None] = dict.fromkeys(ids)
    stages: dict[str, str] = {}
    while True:
        waited = clock.monotonic() - start
        if single:
            poll = _within(t, timeout - waited)
            found = (await poll.run(poll.get_pod_state(pod_id=ids[0]))).pod
            by_id = {found.id: found} if found is not None else {}
        else:
            poll = _within(t, timeout - waited)
            listing = await poll.run(poll.list_pod_states())
            by_id = {
                p.id: p
                for p in (listing.myself.pods if listing.myself else None) or ()
                if p is not None
            }
        probes: dict[str, PodState] = {}
        for pid in ids:
            if pid in ready:
                continue
            pod = by_id.get(pid)
            _fail_fast(pod, pid, PodStatus.RUNNING, waited, last[pid])
            assert pod is not None
            last[pid] = pod.desired_status.value
            api_ready, what = stage(pod, wanted_ports)
            stages[pid] = what
            if api_ready and ssh:
                probes[pid] = pod
            elif api_ready:
                ready[pid] = pod
        if probes:
            # Banner probes run together; each is bounded so a silent port cannot stall the tick.
            probe_for = min(5.0, max(0.5, timeout - (clock.monotonic() - start)))
            banners = await asyncio.gather(*(_banner(p, probe_for) for p in probes.values()))
            for (pid, pod), banner in zip(probes.items(), banners, strict=True):
                if banner is not None:
                    ready[pid] = pod
                    stages[pid] = f"ready ({banner})"
                else:
                    stages[pid] = "waiting for sshd to answer on port 22"
        if on_progress is not None:
            for pid in ids:
                on_progress(
                    Progress(pid, last[pid], stages.get(pid, "ready"), pid in ready, waited)
                )
        if len(ready) == len(ids):
            return {pid: ready[pid] for pid in ids}
        pause = intervals.next()
        if clock.monotonic() - start + pause > timeout:
            pending = [pid for pid in ids if pid not in ready]
            first = pending[0]
            raise WaitTimeoutError(
                f"{len(pending)} of {len(ids)} pod(s) not ready within {timeout:.0f}s: {stages.get(first, '')}",
                pod_id=first
                if len(pending) == 1
                else ", ".join(pending[:5]) + ("..." if len(pending) > 5 else ""),
                last_status=last[first],
                waited=clock.monotonic() - start,
            )
        await clock.sleep(pause)
