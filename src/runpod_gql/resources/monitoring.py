"""Watching a pod: utilisation, uptime and what it has cost so far."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from .. import _validate as v
from .._clock import Clock
from ..models import PodState, PodStatus


@dataclass(frozen=True)
class GpuUse:
    """One GPU's utilisation, in percent."""

    gpu_id: str | None  # GraphQL only
    util_percent: float | None
    memory_percent: float | None


@dataclass(frozen=True)
class PodMetrics:
    """A pod's utilisation and cost at one moment."""

    pod_id: str
    status: PodStatus
    uptime_seconds: int
    cost_per_hr: float
    cost_so_far: float
    cpu_percent: float | None
    memory_percent: float | None
    gpus: tuple[GpuUse, ...]

    @property
    def gpu_util_percent(self) -> float | None:
        """Mean GPU utilisation across the pod's GPUs."""
        values = [g.util_percent for g in self.gpus if g.util_percent is not None]
        return sum(values) / len(values) if values else None


def metrics_of(pod: PodState) -> PodMetrics:
    """A pod's utilisation and cost, as one read of the pod shows them."""
    runtime = pod.runtime
    uptime = (runtime.uptime_seconds if runtime else None) or 0
    gpus = tuple(GpuUse(g.gpu_id, g.util, g.memory_util) for g in (runtime.gpus if runtime else ()))
    return PodMetrics(
        pod_id=pod.id,
        status=pod.status,
        uptime_seconds=uptime,
        cost_per_hr=pod.cost_per_hr,
        # Since the current start: RunPod bills per second while the pod runs.
        cost_so_far=round(pod.cost_per_hr * uptime / 3600.0, 6),
        cpu_percent=runtime.cpu_util if runtime else None,
        memory_percent=runtime.memory_util if runtime else None,
        gpus=gpus,
    )


async def watch(
    get: Callable[[str], Awaitable[PodState]],
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
