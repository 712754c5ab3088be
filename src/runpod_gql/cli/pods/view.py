"""How a pod is shown (table columns, one-pod output) and a wait with a progress display."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import render
from ..progress import WaitDisplay

if TYPE_CHECKING:
    from ...client import RunPod
    from ..options import Status


def gpu_cell(p: Any) -> object:
    m = p.machine
    name = (m.gpu_display_name or m.gpu_type_id) if m is not None else None
    return f"{name} x{p.gpu_count}" if name and p.gpu_count else None


def _uptime(p: Any) -> object:
    rt = p.runtime
    return (
        f"{rt.uptime_in_seconds}s" if rt is not None and rt.uptime_in_seconds is not None else None
    )


POD_COLUMNS: list[render.Column] = [
    ("id", lambda p: p.id),
    ("name", lambda p: p.name),
    ("status", lambda p: p.desired_status),
    ("gpu", gpu_cell),
    ("$/h", lambda p: render.money(p.cost_per_hr)),
    ("uptime", _uptime),
    ("image", lambda p: p.image_name),
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
