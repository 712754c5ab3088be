"""How a pod is shown (table columns, one-pod output) and a wait with a progress display."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import render
from ..progress import WaitDisplay

if TYPE_CHECKING:
    from ...client import RunPod
    from ..options import Status


def gpu_cell(p: Any) -> object:
    if p.gpu_type_id and p.gpu_count:
        return f"{p.gpu_type_id} x{p.gpu_count}"
    return f"CPU {p.cpu_flavor_id}" if p.cpu_flavor_id else None


def _uptime(p: Any) -> object:
    rt = p.runtime
    return f"{rt.uptime_seconds}s" if rt is not None and rt.uptime_seconds is not None else None


POD_COLUMNS: list[render.Column] = [
    ("id", lambda p: p.id),
    ("name", lambda p: p.name),
    ("status", lambda p: p.status.value),
    ("gpu", gpu_cell),
    ("$/h", lambda p: render.money(p.cost_per_hr)),
    ("uptime", _uptime),
    ("image", lambda p: p.image),
]


def show_pod(pod: Any, as_json: bool) -> None:
    render.emit(pod, as_json, lambda: render.table([pod], POD_COLUMNS))


async def wait_ready(
    rp: RunPod, pod_id: str, *, timeout: float, ssh: bool, status: Status | None = None
) -> Any:
    """Wait with a progress display; returns the pod as the wait last saw it."""
    target = status.value if status is not None else ("ready (SSH answers)" if ssh else "ready")
    with WaitDisplay(f"waiting for pod {pod_id} to be {target} (at most {timeout:g}s)") as show:
        if status is not None:
            return await rp.pods.wait_until(pod_id, status.value, timeout=timeout, on_progress=show)
        return await rp.pods.wait_until_ready(pod_id, timeout=timeout, ssh=ssh, on_progress=show)
