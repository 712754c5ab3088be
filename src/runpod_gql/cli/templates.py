"""``runpod-gql templates``: your pod templates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from . import render
from ._context import run
from .options import JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod

TEMPLATE_COLUMNS: list[render.Column] = [
    ("id", lambda t: t.id),
    ("name", lambda t: t.name),
    ("image", lambda t: t.image),
    ("disk GB", lambda t: t.container_disk_gb),
    ("ports", lambda t: ",".join(t.ports)),
    ("serverless", lambda t: t.serverless),
]


def list_templates(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your pod templates."""

    async def body(rp: RunPod) -> Any:
        return await rp.templates.list()

    items = run(ctx, body)
    render.emit(items, as_json, lambda: render.table(items, TEMPLATE_COLUMNS, title="templates"))
