"""``runpod-gql pods logs ID [-f]`` and ``pods restart ID``: what REST v2 adds for pods."""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .. import render
from .._context import run
from ..options import JsonOpt, PodId
from .view import show_pod

if TYPE_CHECKING:
    from ...client import RunPod


class Source(str, enum.Enum):
    container = "container"
    system = "system"


def logs(
    ctx: typer.Context,
    pod_id: PodId,
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Keep printing new lines until interrupted.")
    ] = False,
    tail: Annotated[
        int, typer.Option("--tail", min=0, max=5000, help="Lines from before now (0: none).")
    ] = 100,
    source: Annotated[
        Optional[Source],  # noqa: UP045
        typer.Option("--source", help="Only the container's or only RunPod's system lines."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The pod's log (container and system lines), without SSH; -f follows it (REST v2)."""

    async def body(rp: RunPod) -> None:
        lines = rp.pods.logs(
            pod_id, follow=follow, tail=tail, source=source.value if source else None
        )
        out = render.out()
        async for line in lines:
            if as_json:
                print(json.dumps(line.model_dump(mode="json")), flush=True)
            else:
                out.print(f"{line.ts:%H:%M:%S} {line.line}", markup=False, highlight=False)

    run(ctx, body)


def restart(ctx: typer.Context, pod_id: PodId, as_json: JsonOpt = False) -> None:
    """Restart the pod's container in place (REST v2)."""

    async def body(rp: RunPod) -> Any:
        return await rp.pods.restart(pod_id)

    pod = run(ctx, body)
    show_pod(pod, as_json)
