"""``runpod-gql emulator ...``: hands its arguments to the emulator's own command line."""

from __future__ import annotations

import typer

from . import render


def serve(ctx: typer.Context) -> None:
    """Serve a local RunPod API emulator (`runpod-gql emulator --help` for its options)."""
    try:
        from ..emulator.__main__ import main as emulator_main
    except ModuleNotFoundError as exc:
        render.note(f"error: the emulator needs {exc.name}: pip install 'runpod-gql[emulator]'")
        raise typer.Exit(1) from exc
    raise typer.Exit(emulator_main(list(ctx.args)))
