"""``pods create``, ``create-spot`` and ``create-cpu``: make a pod from a spec (the options of
:mod:`.spec`, shared by all three) and where to put it; optionally wait until it is ready."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .. import render
from .._context import run
from ..options import Cloud, JsonOpt, NoSSHCheck, Timeout
from .spec import spec_options
from .view import gpu_cell, show_pod, wait_ready

if TYPE_CHECKING:
    from ...client import RunPod
    from ...resources.spec import GpuPlacement, PodSpec

WaitOpt = Annotated[bool, typer.Option("--wait", help="Wait until the pod is ready.")]
GpuCount = Annotated[int, typer.Option("--gpu-count")]

PLAN_COLUMNS: list[render.Column] = [
    ("gpu type", lambda c: c.gpu_type_id),
    ("cloud", lambda c: c.cloud_type),
    ("data centre", lambda c: c.data_center_id),
    ("$/h", lambda c: render.money(c.price_per_hr)),
    ("stock", lambda c: c.stock_status),
    ("plan", lambda c: "try" if c.skip is None else f"skip: {c.skip}"),
]


async def _then_wait(rp: RunPod, pod: Any, *, wait: bool, timeout: float, ssh: bool) -> Any:
    """The pod as created, or (``--wait``) as the wait last saw it, ready."""
    if not wait:
        return pod
    return await wait_ready(rp, pod.id, timeout=timeout, ssh=ssh)


@spec_options()
def create(
    ctx: typer.Context,
    spec: PodSpec,
    gpu_types: Annotated[
        list[str],
        typer.Option("--gpu-type", help="GPU type id; repeat in order of preference."),
    ],
    cloud_types: Annotated[
        Optional[list[Cloud]],  # noqa: UP045
        typer.Option("--cloud-type", help="SECURE, COMMUNITY or ALL; repeatable, in order."),
    ] = None,
    data_centers: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--data-center", help="Data centre id; repeatable, in order."),
    ] = None,
    max_price_per_hr: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--max-price", help="Skip offers above this $/h for the whole pod."),
    ] = None,
    gpu_count: GpuCount = 1,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the placement plan; create nothing.")
    ] = False,
    wait: WaitOpt = False,
    timeout: Timeout = 600.0,
    no_ssh_check: NoSSHCheck = False,
    as_json: JsonOpt = False,
) -> None:
    """Create an on-demand GPU pod on the first GPU type / cloud with capacity."""
    placement: GpuPlacement = {
        "gpu_types": gpu_types,
        "gpu_count": gpu_count,
        "cloud_types": [c.value for c in cloud_types] if cloud_types else ["ALL"],
        "data_centers": data_centers,
        "max_price_per_hr": max_price_per_hr,
    }
    if dry_run:

        async def plan(rp: RunPod) -> Any:
            return await rp.pods.plan(**placement)

        candidates = run(ctx, plan)
        render.emit(
            candidates,
            as_json,
            lambda: render.table(candidates, PLAN_COLUMNS, title="placement plan"),
        )
        return

    async def body(rp: RunPod) -> Any:
        pod = await rp.pods.create(**spec, **placement)
        render.note(
            f"created pod {pod.id} ({gpu_cell(pod) or pod.gpu_count}, {render.money(pod.cost_per_hr)}/h)"
        )
        return await _then_wait(rp, pod, wait=wait, timeout=timeout, ssh=not no_ssh_check)

    show_pod(run(ctx, body), as_json)


@spec_options()
def create_spot(
    ctx: typer.Context,
    spec: PodSpec,
    gpu_type: Annotated[str, typer.Option("--gpu-type", help="GPU type id.")],
    bid_per_gpu: Annotated[
        float, typer.Option("--bid", help="Bid in $/h PER GPU (not the total).")
    ],
    cloud_type: Annotated[Cloud, typer.Option("--cloud-type")] = Cloud.ALL,
    data_center_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--data-center", help="Data centre id."),
    ] = None,
    gpu_count: GpuCount = 1,
    wait: WaitOpt = False,
    timeout: Timeout = 600.0,
    no_ssh_check: NoSSHCheck = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a spot (interruptible) pod; the bid is checked against the current minimum."""

    async def body(rp: RunPod) -> Any:
        pod = await rp.pods.create_spot(
            **spec,
            gpu_type=gpu_type,
            bid_per_gpu=bid_per_gpu,
            gpu_count=gpu_count,
            cloud_type=cloud_type.value,
            data_center_id=data_center_id,
        )
        render.note(f"created spot pod {pod.id} at {render.money(bid_per_gpu)}/GPU/h")
        return await _then_wait(rp, pod, wait=wait, timeout=timeout, ssh=not no_ssh_check)

    show_pod(run(ctx, body), as_json)


@spec_options(gpu=False)
def create_cpu(
    ctx: typer.Context,
    spec: PodSpec,
    instance_id: Annotated[
        str, typer.Option("--instance-id", help="CPU instance, e.g. cpu3c-2-4 (vCPUs-GB).")
    ],
    cloud_type: Annotated[Cloud, typer.Option("--cloud-type")] = Cloud.SECURE,
    data_center_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--data-center", help="Data centre id."),
    ] = None,
    wait: WaitOpt = False,
    timeout: Timeout = 600.0,
    no_ssh_check: NoSSHCheck = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a CPU pod (no GPU)."""

    async def body(rp: RunPod) -> Any:
        pod = await rp.pods.create_cpu(
            **spec,
            instance_id=instance_id,
            cloud_type=cloud_type.value,
            data_center_id=data_center_id,
        )
        render.note(f"created CPU pod {pod.id} ({instance_id}, {render.money(pod.cost_per_hr)}/h)")
        return await _then_wait(rp, pod, wait=wait, timeout=timeout, ssh=not no_ssh_check)

    show_pod(run(ctx, body), as_json)
