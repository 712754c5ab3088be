"""``runpod-gql endpoints``: your serverless endpoints, and running jobs on them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import render
from ._context import run
from .options import EndpointId, JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod

app: typer.Typer = typer.Typer(
    help="Your serverless endpoints (listed without a subcommand), their jobs and health.",
    invoke_without_command=True,
)

ENDPOINT_COLUMNS: list[render.Column] = [
    ("id", lambda x: x.id),
    ("name", lambda x: x.name),
    ("gpus", lambda x: ",".join([*x.gpu_pools, *("-" + g for g in x.excluded_gpu_types)])),
    ("workers", lambda x: f"{x.workers_min}-{x.workers_max}"),
    ("template", lambda x: x.template_id),
]


@app.callback()
def endpoints(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your serverless endpoints (``runpod-gql endpoints``), or one of the commands below."""
    if ctx.invoked_subcommand is None:
        list_endpoints(ctx, as_json)


@app.command("list")
def list_endpoints(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your serverless endpoints."""

    async def body(rp: RunPod) -> Any:
        return await rp.endpoints.list()

    items = run(ctx, body)
    render.emit(items, as_json, lambda: render.table(items, ENDPOINT_COLUMNS, title="endpoints"))


def parse_input(text: str) -> Any:
    """``--input``: JSON text, ``@path`` for a file of it, or ``-`` for standard input."""
    if text == "-":
        text = sys.stdin.read()
    elif text.startswith("@"):
        try:
            text = Path(text[1:]).read_text()
        except OSError as exc:
            raise typer.BadParameter(
                f"cannot read {text[1:]}: {exc}", param_hint="--input"
            ) from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise typer.BadParameter(f"not JSON: {exc}", param_hint="--input") from None


def _line(value: Any) -> None:
    sys.stdout.write(json.dumps(render.jsonable(value)) + "\n")
    sys.stdout.flush()


@app.command("run")
def run_job(
    ctx: typer.Context,
    endpoint_id: EndpointId,
    input_text: Annotated[
        str,
        typer.Option(
            "--input", help="The job's input: JSON, @file, or - for stdin.", show_default=False
        ),
    ],
    sync: Annotated[bool, typer.Option("--sync", help="Wait and print the output.")] = False,
    stream: Annotated[
        bool, typer.Option("--stream", help="Print each streamed chunk as a JSON line.")
    ] = False,
    timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--timeout", help="Seconds to wait with --sync/--stream.", min=0.1),
    ] = None,
    cancel: Annotated[
        bool, typer.Option("--cancel-on-timeout", help="Cancel the job when --timeout runs out.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Send a job to a serverless endpoint: queue it (prints its id), or wait for its output
    (--sync, printed as JSON), or print its chunks as they come (--stream)."""
    if sync and stream:
        raise typer.BadParameter("choose one of --sync and --stream", param_hint="--stream")
    payload = parse_input(input_text)

    async def body(rp: RunPod) -> Any:
        ep = rp.endpoint(endpoint_id)
        if sync:
            return await ep.run_sync(payload, timeout=timeout, cancel_remote=cancel)
        job = await ep.run(payload)
        if not stream:
            return job.last
        import asyncio

        async def chunks() -> None:
            async for chunk in job.stream():
                _line(chunk)

        try:
            await asyncio.wait_for(chunks(), timeout)
        except asyncio.TimeoutError:
            if cancel:
                await job.cancel()
            raise
        return None

    result = run(ctx, body)
    if sync:
        _line(result)
    elif not stream:
        render.emit(
            result,
            as_json,
            lambda: render.out().print(
                f"job {result.id} {result.status.value} on {endpoint_id}", markup=False
            ),
        )


HEALTH_COLUMNS: list[render.Column] = [("what", lambda r: r[0]), ("count", lambda r: r[1])]


@app.command("health")
def health(ctx: typer.Context, endpoint_id: EndpointId, as_json: JsonOpt = False) -> None:
    """Jobs by status and workers by state."""

    async def body(rp: RunPod) -> Any:
        return await rp.endpoint(endpoint_id).health()

    found = run(ctx, body)

    def human() -> None:
        rows = [
            *((f"jobs {k}", v) for k, v in found.jobs.model_dump().items()),
            *((f"workers {k}", v) for k, v in found.workers.model_dump().items()),
        ]
        render.table(rows, HEALTH_COLUMNS, title=f"endpoint {endpoint_id}")

    render.emit(found, as_json, human)


WORKER_COLUMNS: list[render.Column] = [
    ("id", lambda w: w.id),
    ("status", lambda w: w.status + (" (stale)" if w.stale else "")),
    ("gpu", lambda w: f"{w.gpu_count}x {w.gpu_type_id}" if w.gpu_type_id else "-"),
    ("data centre", lambda w: w.data_center_id),
    ("uptime s", lambda w: w.uptime_seconds),
    ("image", lambda w: w.image),
]


@app.command("workers")
def workers(ctx: typer.Context, endpoint_id: EndpointId, as_json: JsonOpt = False) -> None:
    """The endpoint's workers: status, GPU, data centre, uptime (REST v2)."""

    async def body(rp: RunPod) -> Any:
        return await rp.endpoints.workers(endpoint_id)

    found = run(ctx, body)
    title = f"workers of {endpoint_id}"
    render.emit(found, as_json, lambda: render.table(found, WORKER_COLUMNS, title=title))
