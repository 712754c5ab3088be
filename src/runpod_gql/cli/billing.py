"""``runpod-gql billing``: what was spent, per time bucket (REST v2's billing history)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import render
from ._context import run
from .options import JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod


class Kind(str, enum.Enum):
    account = "account"
    pods = "pods"
    endpoints = "endpoints"
    volumes = "volumes"


class Bucket(str, enum.Enum):
    hour = "hour"
    day = "day"
    week = "week"
    month = "month"
    year = "year"


def show_billing(
    ctx: typer.Context,
    kind: Annotated[
        Kind, typer.Option("--by", help="Account totals, or one row per pod, endpoint or volume.")
    ] = Kind.account,
    resource_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--id", help="Only this pod, endpoint or volume.", show_default=False),
    ] = None,
    last: Annotated[int, typer.Option("--last", min=1, help="How many buckets back.")] = 7,
    bucket: Annotated[Bucket, typer.Option("--bucket", help="Bucket size.")] = Bucket.day,
    as_json: JsonOpt = False,
) -> None:
    """Spend history in USD: the last --last buckets, for the account or per resource."""

    async def body(rp: RunPod) -> Any:
        return await rp.billing.list(
            kind=kind.value, resource_id=resource_id, last_n=last, bucket=bucket.value
        )

    records = run(ctx, body)

    def human() -> None:
        render.table(
            records,
            [
                ("from", lambda r: r.start.isoformat()),
                ("to", lambda r: r.end.isoformat()),
                ("resource", lambda r: r.resource_id or "-"),
                ("total", lambda r: render.money(r.total)),
                (
                    "of which",
                    lambda r: ", ".join(
                        f"{k} {render.money(a)}" for k, a in r.amounts.items() if a
                    ),
                ),
            ],
            title="billing",
        )
        render.note(f"total {render.money(sum(r.total for r in records))}")

    render.emit(records, as_json, human)
