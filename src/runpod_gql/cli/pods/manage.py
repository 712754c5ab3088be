"""Pod commands that read or change a pod through the API: list, get, start, stop, terminate,
reap, wait, metrics."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ...errors import InputValidationError
from .. import render
from .._context import run
from ..options import JsonOpt, NoSSHCheck, PodId, Status, Timeout
from .view import POD_COLUMNS, show_pod, wait_ready

if TYPE_CHECKING:
    from ...client import RunPod


def list_pods(
    ctx: typer.Context,
    status: Annotated[
        Optional[list[Status]],  # noqa: UP045
        typer.Option("--status", help="Only pods in this status (repeatable)."),
    ] = None,
    name: Annotated[Optional[str], typer.Option(help="Exact name.")] = None,  # noqa: UP045
    name_prefix: Annotated[Optional[str], typer.Option(help="Name prefix.")] = None,  # noqa: UP045
    gpu_type: Annotated[Optional[str], typer.Option(help="GPU type id.")] = None,  # noqa: UP045
    as_json: JsonOpt = False,
) -> None:
    """Your pods (one request)."""

    async def body(rp: RunPod) -> Any:
        return await rp.pods.list(
            status=[s.value for s in status] if status else None,
            name=name,
            name_prefix=name_prefix,
            gpu_type=gpu_type,
        )

    items = run(ctx, body)
    render.emit(items, as_json, lambda: render.table(items, POD_COLUMNS, title="pods"))


def get(ctx: typer.Context, pod_id: PodId, as_json: JsonOpt = False) -> None:
    """One pod, with its machine and runtime."""

    async def body(rp: RunPod) -> Any:
        return await rp.pods.get(pod_id)

    pod = run(ctx, body)
    render.emit(pod, as_json, lambda: render.fields(pod, title=f"pod {pod_id}"))


def start(
    ctx: typer.Context,
    pod_id: PodId,
    bid_per_gpu: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--bid", help="Resume a spot pod with this bid per GPU."),
    ] = None,
    gpu_count: Annotated[Optional[int], typer.Option("--gpu-count")] = None,  # noqa: UP045
    as_json: JsonOpt = False,
) -> None:
    """Resume a stopped pod (a spot pod needs --bid)."""

    async def body(rp: RunPod) -> Any:
        if bid_per_gpu is not None:
            return await rp.pods.bid_resume(pod_id, bid_per_gpu=bid_per_gpu, gpu_count=gpu_count)
        return await rp.pods.resume(pod_id, gpu_count=gpu_count)

    show_pod(run(ctx, body), as_json)


def stop(ctx: typer.Context, pod_id: PodId, as_json: JsonOpt = False) -> None:
    """Stop a pod: GPU billing ends, its volume is kept (and billed)."""

    async def body(rp: RunPod) -> Any:
        return await rp.pods.stop(pod_id)

    show_pod(run(ctx, body), as_json)


def terminate(ctx: typer.Context, pod_id: PodId, as_json: JsonOpt = False) -> None:
    """Delete a pod for good (succeeds when it is already gone)."""

    async def body(rp: RunPod) -> bool:
        return await rp.pods.terminate(pod_id)

    done = run(ctx, body)
    result = {"id": pod_id, "terminated": done, "already_gone": not done}
    render.emit(
        result,
        as_json,
        lambda: render.out().print(
            f"terminated pod {pod_id}" if done else f"pod {pod_id} was already gone"
        ),
    )


def reap(
    ctx: typer.Context,
    name_prefix: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Only pods whose name starts with this."),
    ] = None,
    all_tagged: Annotated[
        bool, typer.Option("--all-tagged", help="Every pod runpod-gql created with this key.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List them; terminate none.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Terminate pods runpod-gql created and left behind (they carry its create token)."""
    if not name_prefix and not all_tagged:
        # Refused here, in the CLI's words (the library's names its keyword all_tagged=True).
        raise InputValidationError(
            "--name-prefix",
            "give a prefix, or --all-tagged for every pod runpod-gql made with this key",
        )

    async def body(rp: RunPod) -> Any:
        return await rp.pods.reap(name_prefix=name_prefix, all_tagged=all_tagged, dry_run=dry_run)

    items = run(ctx, body)
    verb = "would terminate" if dry_run else "terminated"
    render.emit(
        items,
        as_json,
        lambda: render.table(items, POD_COLUMNS, title=f"{verb} {len(items)} pod(s)"),
    )


def wait(
    ctx: typer.Context,
    pod_id: PodId,
    timeout: Timeout = 600.0,
    status: Annotated[
        Optional[Status],  # noqa: UP045
        typer.Option("--status", help="Wait for this status instead of readiness."),
    ] = None,
    no_ssh_check: NoSSHCheck = False,
    as_json: JsonOpt = False,
) -> None:
    """Wait until the pod is ready: RUNNING, port 22 mapped, and sshd answering."""

    async def body(rp: RunPod) -> Any:
        return await wait_ready(rp, pod_id, timeout=timeout, ssh=not no_ssh_check, status=status)

    state = run(ctx, body)

    def human() -> None:
        render.out().print(f"pod {pod_id} is {state.status.value}", markup=False)

    render.emit(state, as_json, human)


def metrics(
    ctx: typer.Context,
    pod_id: PodId,
    count: Annotated[int, typer.Option("--count", help="Samples to take.")] = 1,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between samples.")] = 10.0,
    as_json: JsonOpt = False,
) -> None:
    """GPU/CPU/memory use, uptime and cost so far (--count N: N samples; JSON: one per line)."""

    async def body(rp: RunPod) -> None:
        async for m in rp.pods.watch(pod_id, interval=interval, count=count):
            if as_json:
                import json

                sys.stdout.write(json.dumps(render.jsonable(m)) + "\n")
                sys.stdout.flush()
                continue
            gpu = m.gpu_util_percent
            render.out().print(
                f"pod {m.pod_id} {m.status.value}: GPU {'-' if gpu is None else f'{gpu:.0f}%'}"
                f" ({', '.join(f'{g.util_percent}%' for g in m.gpus) or 'no GPUs reported'}),"
                f" CPU {render.cell(m.cpu_percent)}%, memory {render.cell(m.memory_percent)}%,"
                f" up {m.uptime_seconds}s, {render.money(m.cost_per_hr)}/h,"
                f" cost so far {render.money(m.cost_so_far)}",
                markup=False,
            )

    run(ctx, body)
