"""``runpod-gql gpus ...``: the GPU catalogue (types, prices, stock) and the cheapest fit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import render
from ._context import run
from .options import Cloud, JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod

app: typer.Typer = typer.Typer(no_args_is_help=True, help="GPU types, prices and stock.")


GPU_COLUMNS: list[render.Column] = [
    ("id", lambda g: g.id),
    ("name", lambda g: g.name),
    ("GB", lambda g: g.memory_gb),
    ("secure $/h", lambda g: render.money(g.secure_price) if g.secure_price else None),
    ("community $/h", lambda g: render.money(g.community_price) if g.community_price else None),
    (
        "spot bid from",
        lambda g: render.money(g.minimum_bid_price) if g.minimum_bid_price else None,
    ),
    ("stock", lambda g: g.availability.value if g.availability else None),
]


@app.command("list")
def list_gpus(
    ctx: typer.Context,
    gpu_count: Annotated[int, typer.Option(help="Price and stock for this many GPUs.")] = 1,
    cloud: Annotated[Cloud, typer.Option(help="Which cloud's stock to report.")] = Cloud.ALL,
    as_json: JsonOpt = False,
) -> None:
    """Every GPU type with on-demand prices, the minimum spot bid and stock."""

    async def body(rp: RunPod) -> Any:
        return await rp.gpus.list(gpu_count=gpu_count, cloud=cloud.value)

    offers = sorted(run(ctx, body), key=lambda g: (g.memory_gb or 0, g.id))
    render.emit(offers, as_json, lambda: render.table(offers, GPU_COLUMNS, title="GPU types"))


@app.command("cheapest")
def cheapest(
    ctx: typer.Context,
    min_memory_gb: Annotated[int, typer.Option("--min-memory", help="GB of GPU memory.")] = 0,
    gpu_count: Annotated[int, typer.Option()] = 1,
    cloud: Annotated[Cloud, typer.Option()] = Cloud.ALL,
    spot: Annotated[bool, typer.Option("--spot", help="Price as spot (bid) pods.")] = False,
    max_price_per_hr: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--max-price", help="Ceiling in $/h for all GPUs together."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The cheapest GPU type in stock that meets the requirement."""

    async def body(rp: RunPod) -> Any:
        return await rp.gpus.cheapest(
            min_memory_gb=min_memory_gb,
            gpu_count=gpu_count,
            cloud=cloud.value,
            spot=spot,
            max_price_per_hr=max_price_per_hr,
        )

    choice = run(ctx, body)

    def human() -> None:
        o = choice.offer
        kind = "spot" if choice.spot else "on demand"
        render.out().print(
            f"{o.id} ({o.name}, {o.memory_gb} GB) x{choice.gpu_count}, {kind} on "
            f"{choice.cloud_type}: {render.money(choice.price_per_hr)}/h",
            markup=False,
        )

    render.emit(choice, as_json, human)
