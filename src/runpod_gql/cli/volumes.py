"""``runpod-gql volumes``: your network volumes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from . import render
from ._context import run
from .options import JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod

VOLUME_COLUMNS: list[render.Column] = [
    ("id", lambda x: x.id),
    ("name", lambda x: x.name),
    ("GB", lambda x: x.size_gb),
    ("data centre", lambda x: x.data_center_id),
]


def list_volumes(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your network volumes."""

    async def body(rp: RunPod) -> Any:
        return await rp.volumes.list()

    items = run(ctx, body)
    render.emit(
        items, as_json, lambda: render.table(items, VOLUME_COLUMNS, title="network volumes")
    )
