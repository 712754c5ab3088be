"""``runpod-gql endpoints``: your serverless endpoints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from . import render
from ._context import run
from .options import JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod

ENDPOINT_COLUMNS: list[render.Column] = [
    ("id", lambda x: x.id),
    ("name", lambda x: x.name),
    ("gpus", lambda x: x.gpu_ids),
    ("workers", lambda x: f"{x.workers_min}-{x.workers_max}"),
    ("template", lambda x: x.template_id),
]


def list_endpoints(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your serverless endpoints."""

    async def body(rp: RunPod) -> Any:
        return await rp.endpoints.list()

    items = run(ctx, body)
    render.emit(items, as_json, lambda: render.table(items, ENDPOINT_COLUMNS, title="endpoints"))
