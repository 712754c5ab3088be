"""``runpod-gql config ...``: the one place that prints the resolved configuration."""

from __future__ import annotations

import typer

from . import render
from ._context import globals_of
from .options import JsonOpt

app: typer.Typer = typer.Typer(no_args_is_help=True, help="Where settings come from.")


@app.command("show")
def show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Where the API key and the endpoint come from (never the key itself)."""
    cfg = globals_of(ctx).config()
    data = {
        "api_key_source": cfg.api_key_source,
        "url": cfg.url,
        "url_source": cfg.url_source,
        "profile": cfg.profile,
    }
    render.emit(data, as_json, lambda: render.fields(data, title="configuration"))
