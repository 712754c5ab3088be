"""``runpod-gql jobs ...``: one serverless job's status, and cancelling it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import render
from ._context import run
from .options import EndpointId, JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod

app: typer.Typer = typer.Typer(no_args_is_help=True, help="Jobs on serverless endpoints.")

JobId = Annotated[str, typer.Argument(help="The job's id.", show_default=False)]

JOB_COLUMNS: list[render.Column] = [
    ("id", lambda j: j.id),
    ("status", lambda j: j.status.value),
    ("queued ms", lambda j: j.delay_time),
    ("ran ms", lambda j: j.execution_time),
    ("worker", lambda j: j.worker_id),
]


def _show(state: Any, as_json: bool) -> None:
    def human() -> None:
        render.table([state], JOB_COLUMNS, title="job")
        if state.error is not None:
            render.note(f"error: {state.error}")

    render.emit(state, as_json, human)


@app.command("status")
def status(
    ctx: typer.Context, endpoint_id: EndpointId, job_id: JobId, as_json: JsonOpt = False
) -> None:
    """The job's status, times, and output (with --json) or error."""

    async def body(rp: RunPod) -> Any:
        return await rp.endpoint(endpoint_id).status(job_id)

    _show(run(ctx, body), as_json)


@app.command("cancel")
def cancel(
    ctx: typer.Context, endpoint_id: EndpointId, job_id: JobId, as_json: JsonOpt = False
) -> None:
    """Cancel a queued or running job (a finished one keeps its status)."""

    async def body(rp: RunPod) -> Any:
        return await rp.endpoint(endpoint_id).cancel(job_id)

    _show(run(ctx, body), as_json)
