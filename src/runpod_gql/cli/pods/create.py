"""``pods create`` and ``pods create-spot``: make a pod, optionally wait until it is ready."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .. import render
from .._context import run
from ..options import Cloud, EnvOpt, JsonOpt, NoSSHCheck, Timeout, parse_env
from .view import gpu_cell, show_pod, wait_ready

if TYPE_CHECKING:
    from ...client import RunPod

PLAN_COLUMNS: list[render.Column] = [
    ("gpu type", lambda c: c.gpu_type_id),
    ("cloud", lambda c: c.cloud_type),
    ("data centre", lambda c: c.data_center_id),
    ("$/h", lambda c: render.money(c.price_per_hr)),
    ("stock", lambda c: c.stock_status),
    ("plan", lambda c: "try" if c.skip is None else f"skip: {c.skip}"),
]


def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Pod name (at most 60 characters).")],
    image: Annotated[str, typer.Option(help="Container image.")],
    gpu_type: Annotated[
        list[str],
        typer.Option("--gpu-type", help="GPU type id; repeat in order of preference."),
    ],
    cloud_type: Annotated[
        Optional[list[Cloud]],  # noqa: UP045
        typer.Option("--cloud-type", help="SECURE, COMMUNITY or ALL; repeatable, in order."),
    ] = None,
    data_center: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--data-center", help="Data centre id; repeatable, in order."),
    ] = None,
    max_price: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--max-price", help="Skip offers above this $/h for the whole pod."),
    ] = None,
    gpu_count: Annotated[int, typer.Option("--gpu-count")] = 1,
    disk: Annotated[int, typer.Option("--disk", help="Container disk, GB.")] = 20,
    volume: Annotated[int, typer.Option("--volume", help="Pod volume, GB.")] = 0,
    env: EnvOpt = None,
    ports: Annotated[str, typer.Option(help='Exposed ports, e.g. "22/tcp,8888/http".')] = "22/tcp",
    docker_args: Annotated[Optional[str], typer.Option("--docker-args")] = None,  # noqa: UP045
    template: Annotated[Optional[str], typer.Option("--template", help="Template id.")] = None,  # noqa: UP045
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the placement plan; create nothing.")
    ] = False,
    wait: Annotated[bool, typer.Option("--wait", help="Wait until the pod is ready.")] = False,
    timeout: Timeout = 600.0,
    no_ssh_check: NoSSHCheck = False,
    as_json: JsonOpt = False,
) -> None:
    """Create an on-demand GPU pod on the first GPU type / cloud with capacity."""
    env_vars = parse_env(env)
    clouds = [c.value for c in cloud_type] if cloud_type else ["ALL"]

    if dry_run:

        async def plan(rp: RunPod) -> Any:
            return await rp.pods.plan(
                gpu_types=gpu_type,
                gpu_count=gpu_count,
                cloud_types=clouds,  # type: ignore[arg-type]
                data_centers=data_center,
                max_price_per_hr=max_price,
            )

        candidates = run(ctx, plan)
        render.emit(
            candidates,
            as_json,
            lambda: render.table(candidates, PLAN_COLUMNS, title="placement plan"),
        )
        return

    async def body(rp: RunPod) -> Any:
        pod = await rp.pods.create(
            name=name,
            image=image,
            gpu_types=gpu_type,
            gpu_count=gpu_count,
            cloud_types=clouds,  # type: ignore[arg-type]
            data_centers=data_center,
            max_price_per_hr=max_price,
            container_disk_gb=disk,
            volume_gb=volume,
            ports=ports,
            env=env_vars,
            docker_args=docker_args,
            template_id=template,
        )
        render.note(
            f"created pod {pod.id} ({gpu_cell(pod) or pod.gpu_count}, {render.money(pod.cost_per_hr)}/h)"
        )
        if not wait:
            return pod
        return await wait_ready(rp, pod.id, timeout=timeout, ssh=not no_ssh_check)

    show_pod(run(ctx, body), as_json)


def create_spot(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Pod name.")],
    image: Annotated[str, typer.Option(help="Container image.")],
    gpu_type: Annotated[str, typer.Option("--gpu-type", help="GPU type id.")],
    bid: Annotated[float, typer.Option("--bid", help="Bid in $/h PER GPU (not the total).")],
    cloud_type: Annotated[Cloud, typer.Option("--cloud-type")] = Cloud.ALL,
    gpu_count: Annotated[int, typer.Option("--gpu-count")] = 1,
    disk: Annotated[int, typer.Option("--disk", help="Container disk, GB.")] = 20,
    volume: Annotated[int, typer.Option("--volume", help="Pod volume, GB.")] = 0,
    env: EnvOpt = None,
    ports: Annotated[str, typer.Option(help="Exposed ports.")] = "22/tcp",
    wait: Annotated[bool, typer.Option("--wait", help="Wait until the pod is ready.")] = False,
    timeout: Timeout = 600.0,
    no_ssh_check: NoSSHCheck = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a spot (interruptible) pod; the bid is checked against the current minimum."""
    env_vars = parse_env(env)

    async def body(rp: RunPod) -> Any:
        pod = await rp.pods.create_spot(
            name=name,
            image=image,
            gpu_type=gpu_type,
            bid_per_gpu=bid,
            gpu_count=gpu_count,
            cloud_type=cloud_type.value,
            container_disk_gb=disk,
            volume_gb=volume,
            ports=ports,
            env=env_vars,
        )
        render.note(f"created spot pod {pod.id} at {render.money(bid)}/GPU/h")
        if not wait:
            return pod
        return await wait_ready(rp, pod.id, timeout=timeout, ssh=not no_ssh_check)

    show_pod(run(ctx, body), as_json)
