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
    """Where the API key, the endpoints and the API mode come from (never the key itself)."""
    cfg = globals_of(ctx).config()
    # Every setting the library resolved, and what Config derives from them (rest_url): a secret
    # is kept out (``field(repr=False)``), and a setting added to Config shows up here unasked.
    data = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg) if f.repr}
    derived = vars(type(cfg)).items()
    data |= {k: getattr(cfg, k) for k, v in derived if isinstance(v, property) and k[0] != "_"}
    from ..backends.routes import MODE_MEANING, resolve_mode

    mode, mode_source = resolve_mode(None)
    data |= {"api": mode, "api_source": mode_source, "api_meaning": MODE_MEANING[mode]}
    render.emit(data, as_json, lambda: render.fields(data, title="configuration"))
