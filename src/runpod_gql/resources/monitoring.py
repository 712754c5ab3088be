"""Watching a pod: utilisation, uptime and what it has cost so far."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from runpod_gql_generated.enums import PodStatus
from runpod_gql_generated.fragments import Pod

from .. import _validate as v
from .._clock import Clock


@dataclass(frozen=True)
class GpuUse:
    """One GPU's utilisation, in percent."""

    gpu_id: str | None
    util_percent: int | None
    memory_percent: int | None


@dataclass(frozen=True)
class PodMetrics:
    """A pod's utilisation and cost at one moment."""

    pod_id: str
    status: PodStatus
    uptime_seconds: int
    cost_per_hr: float
    cost_so_far: float
    cpu_percent: int | None
    memory_percent: int | None
    gpus: tuple[GpuUse, ...]

    @property
    def gpu_util_percent(self) -> float | None:
        """Mean GPU utilisation across the pod's GPUs."""
        values = [g.util_percent for g in self.gpus if g.util_percent is not None]
        return sum(values) / len(values) if values else None


def metrics_of(pod: Pod) -> PodMetrics:
    """A pod's utilisation and cost, as one read of the pod shows them."""
    runtime = pod.runtime
    uptime = (runtime.uptime_in_seconds if runtime else None) or 0
    container = runtime.container if runtime else None
    gpus = tuple(
        GpuUse(g.id, g.gpu_util_percent, g.memory_util_percent)
        for g in (runtime.gpus if runtime else None) or ()
        if g is not None
    )
    return PodMetrics(
        pod_id=pod.id,
        status=pod.desired_status,
        uptime_seconds=uptime,
        cost_per_hr=pod.cost_per_hr,
        # Since the current start: RunPod bills per second while the pod runs.
        cost_so_far=round(pod.cost_per_hr * uptime / 3600.0, 6),
        cpu_percent=container.cpu_percent if container else None,
        memory_percent=container.memory_percent if container else None,
        gpus=gpus,
    )


async def watch(
    get: Callable[[str], Awaitable[Pod]],
    clock: Clock,
    pod_id: str,
    *,
    interval: float,
    count: int | None,
) -> AsyncIterator[PodMetrics]:
    """Metrics every ``interval`` seconds, ``count`` times or until the pod stops running."""
    v.number("interval", interval)
    if count is not None:
        v.integer("count", count, minimum=1)
    seen = 0
    while True:
        sample = metrics_of(await get(pod_id))
        yield sample
        seen += 1
        if (count is not None and seen >= count) or sample.status != PodStatus.RUNNING:
            return
        await clock.sleep(interval)
