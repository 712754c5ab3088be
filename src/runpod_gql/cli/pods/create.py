"""``pods create``, ``create-spot`` and ``create-cpu``: make a pod from a spec (the options of
:mod:`.spec`, shared by all three) and where to put it, then (:class:`Finish`, shared too)
optionally wait until it is ready, and show it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .. import render
from .._context import run
from ..option_groups import Group, GroupOption, gathered
from ..options import Cloud, JsonOpt, NoSSHCheck, Timeout
from .spec import pod_spec
from .view import gpu_cell, show_pod, wait_ready

if TYPE_CHECKING:
    from ...client import RunPod
    from ...resources.spec import GpuPlacement, PodSpec

GpuCount = Annotated[int, typer.Option("--gpu-count")]
DataCenter = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--data-center", help="Data centre id."),
]

PLAN_COLUMNS: list[render.Column] = [
    ("gpu type", lambda c: c.gpu_type_id),
    ("cloud", lambda c: c.cloud_type),
    ("data centre", lambda c: c.data_center_id),
    ("$/h", lambda c: render.money(c.price_per_hr)),
    ("stock", lambda c: c.stock_status),
    ("plan", lambda c: "try" if c.skip is None else f"skip: {c.skip}"),
]


@dataclass(frozen=True)
class Finish:
    """What a create command does once the pod is asked for: ``--wait`` (at most ``--timeout``,
    for an SSH banner unless ``--no-ssh-check``), then show it (``--json``)."""

    wait: bool
    timeout: float
    no_ssh_check: bool
    as_json: bool

    def create_and_show(
        self,
        ctx: typer.Context,
        create: Callable[[RunPod], Awaitable[Any]],
        created: Callable[[Any], str],
    ) -> None:
        """Run ``create``, say so on stderr (``created(pod)``), wait if asked, show the pod as
        created or as the wait last saw it. A wait that fails leaves the pod, and says how to
        wait again or remove it."""

        async def body(rp: RunPod) -> Any:
            pod = await create(rp)
            render.note(created(pod))
            if not self.wait:
                return pod
            try:
                return await wait_ready(rp, pod.id, timeout=self.timeout, ssh=not self.no_ssh_check)
            except BaseException:  # time-out, failure or Ctrl-C: the pod exists and bills
                render.note(
                    f"pod {pod.id} was created and is left as it is: `runpod-gql pods wait "
                    f"{pod.id}` waits again, `runpod-gql pods terminate {pod.id}` removes it"
                )
                raise

        show_pod(run(ctx, body), self.as_json)


FINISH_OPTIONS = (
    GroupOption(
        "wait", Annotated[bool, typer.Option("--wait", help="Wait until the pod is ready.")], False
    ),
    GroupOption("timeout", Timeout, 600.0),
    GroupOption("no_ssh_check", NoSSHCheck, False),
    GroupOption("as_json", JsonOpt, False),
)


FINISH = Group(FINISH_OPTIONS, lambda values: Finish(**values))


@gathered(spec=pod_spec(gpu=True), finish=FINISH)
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
    *,
    finish: Finish,
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
            finish.as_json,
            lambda: render.table(candidates, PLAN_COLUMNS, title="placement plan"),
        )
        return
    finish.create_and_show(
        ctx,
        lambda rp: rp.pods.create(**spec, **placement),
        lambda pod: (
            f"created pod {pod.id} ({gpu_cell(pod) or pod.gpu_count},"
            f" {render.money(pod.cost_per_hr)}/h)"
        ),
    )


@gathered(spec=pod_spec(gpu=True), finish=FINISH)
def create_spot(
    ctx: typer.Context,
    spec: PodSpec,
    gpu_type: Annotated[str, typer.Option("--gpu-type", help="GPU type id.")],
    bid_per_gpu: Annotated[
        float, typer.Option("--bid", help="Bid in $/h PER GPU (not the total).")
    ],
    cloud_type: Annotated[Cloud, typer.Option("--cloud-type")] = Cloud.ALL,
    data_center_id: DataCenter = None,
    gpu_count: GpuCount = 1,
    *,
    finish: Finish,
) -> None:
    """Create a spot (interruptible) pod; the bid is checked against the current minimum."""
    finish.create_and_show(
        ctx,
        lambda rp: rp.pods.create_spot(
            **spec,
            gpu_type=gpu_type,
            bid_per_gpu=bid_per_gpu,
            gpu_count=gpu_count,
            cloud_type=cloud_type.value,
            data_center_id=data_center_id,
        ),
        lambda pod: f"created spot pod {pod.id} at {render.money(bid_per_gpu)}/GPU/h",
    )


@gathered(spec=pod_spec(gpu=False), finish=FINISH)
def create_cpu(
    ctx: typer.Context,
    spec: PodSpec,
    instance_id: Annotated[
        str, typer.Option("--instance-id", help="CPU instance, e.g. cpu3c-2-4 (vCPUs-GB).")
    ],
    cloud_type: Annotated[Cloud, typer.Option("--cloud-type")] = Cloud.SECURE,
    data_center_id: DataCenter = None,
    *,
    finish: Finish,
) -> None:
    """Create a CPU pod (no GPU)."""
    finish.create_and_show(
        ctx,
        lambda rp: rp.pods.create_cpu(
            **spec,
            instance_id=instance_id,
            cloud_type=cloud_type.value,
            data_center_id=data_center_id,
        ),
        lambda pod: f"created CPU pod {pod.id} ({instance_id}, {render.money(pod.cost_per_hr)}/h)",
    )
