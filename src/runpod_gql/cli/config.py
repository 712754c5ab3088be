"""``runpod-gql config ...``: the one place that prints the resolved configuration."""

from __future__ import annotations

import dataclasses

import typer

from . import render
from ._context import globals_of
from .options import JsonOpt

app: typer.Typer = typer.Typer(no_args_is_help=True, help="Where settings come from.")


@app.command("show")
def show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Where the API key and the endpoint come from (never the key itself)."""
    cfg = globals_of(ctx).config()
    # Every setting the library resolved, as its repr shows them: a secret is kept out of both
    # (``field(repr=False)``), and a setting added to Config shows up here without a change.
    data = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg) if f.repr}
    render.emit(data, as_json, lambda: render.fields(data, title="configuration"))
