"""The lifecycle guard: pods that are always cleaned up, and a reaper for ones that were not."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Literal

from runpod_gql_generated.enums import PodStatus
from runpod_gql_generated.fragments import Pod

from .. import _validate as v
from ..errors import InputValidationError, RunPodError
from .catalog import CloudType
from .readiness import ProgressCallback

if TYPE_CHECKING:
    from .pods import Pods

logger: logging.Logger = logging.getLogger("runpod_gql")


async def _clean_up(pods: Pods, pod_id: str | None, token: str, on_exit: str) -> None:
    """Terminate (or stop) the pod and confirm it; find it by token if its id never arrived."""
    if pod_id is None:
        found = await pods.find_by_token(token)
        if found is None:
            return
        pod_id = found.id
        logger.info("guard: the interrupted create made pod %s; cleaning it up", pod_id)
    if on_exit == "stop":
        await pods.stop(pod_id)
        after = await pods.find(pod_id)
        if after is not None and after.desired_status not in (
            PodStatus.EXITED,
            PodStatus.TERMINATED,
        ):
            raise RunPodError(f"guard: pod {pod_id} still {after.desired_status.value} after stop")
        return
    await pods.terminate(pod_id)
    if await pods.find(pod_id) is not None:
        raise RunPodError(f"guard: pod {pod_id} still exists after terminate")
    logger.info("guard: pod %s terminated", pod_id)


async def _shielded(pods: Pods, pod_id: str | None, token: str, on_exit: str) -> None:
    """Run the clean-up to its end even if the caller is being cancelled meanwhile."""
    task = asyncio.ensure_future(_clean_up(pods, pod_id, token, on_exit))
    cancelled = False
    while not task.done():
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            cancelled = True
    task.result()
    if cancelled:
        raise asyncio.CancelledError


@asynccontextmanager
async def launch(
    pods: Pods,
    *,
    create_kwargs: Mapping[str, Any],
    gpu_types: str | Sequence[str],
    cloud_types: CloudType | Sequence[CloudType],
    max_price_per_hr: float | None,
    spot_bid_per_gpu: float | None,
    ready_timeout: float,
    ssh: bool,
    on_exit: Literal["terminate", "stop"],
    on_progress: ProgressCallback | None,
) -> AsyncIterator[Pod]:
    """Create, wait until ready, yield, and on any exit terminate/stop and confirm."""
    from .pods import new_token

    if on_exit not in ("terminate", "stop"):
        raise InputValidationError("on_exit", "must be 'terminate' or 'stop'")
    spot: tuple[str, CloudType, float] | None = None
    if spot_bid_per_gpu is not None:
        gpus = v.names("gpu_types", gpu_types)
        if len(gpus) != 1:
            raise InputValidationError("gpu_types", "a spot launch takes exactly one GPU type")
        clouds = [cloud_types] if isinstance(cloud_types, str) else list(cloud_types)
        if not clouds:
            raise InputValidationError("cloud_types", "must name at least one")
        cloud: CloudType = v.cloud_type("cloud_types", clouds[0])  # type: ignore[assignment]
        spot = (gpus[0], cloud, spot_bid_per_gpu)
    token = new_token()
    pod_id: str | None = None
    refused = False
    cancelled = False
    try:
        if spot is not None:
            pod = await pods.create_spot(
                gpu_type=spot[0],
                bid_per_gpu=spot[2],
                cloud_type=spot[1],
                token=token,
                **create_kwargs,
            )
        else:
            pod = await pods.create(
                gpu_types=gpu_types,
                cloud_types=cloud_types,
                max_price_per_hr=max_price_per_hr,
                token=token,
                **create_kwargs,
            )
        pod_id = pod.id
        await pods.wait_until_ready(pod_id, timeout=ready_timeout, ssh=ssh, on_progress=on_progress)
        yield await pods.get(pod_id)
    except InputValidationError:
        # Refused before any create was sent: there is no pod to look for.
        refused = pod_id is None
        raise
    except asyncio.CancelledError:
        cancelled = True
        raise
    finally:
        if not refused:
            try:
                await _shielded(pods, pod_id, token, on_exit)
            except Exception as exc:
                if not cancelled:
                    raise
                # Cancellation must stay cancellation (timeouts and task groups rely on it);
                # a pod that may still bill is said loudly instead.
                logger.error(
                    "guard: clean-up after cancellation failed, pod %s may still exist: %s",
                    pod_id or f"with create token {token}",
                    exc,
                )


async def reap(
    pods: Pods, *, name_prefix: str | None, all_tagged: bool, dry_run: bool
) -> list[Pod]:
    """Find (and unless ``dry_run`` terminate) pods that carry a runpod-gql create token."""
    from .pods import pod_token

    if name_prefix is None and not all_tagged:
        raise InputValidationError(
            "name_prefix", "give a name prefix, or all_tagged=True to reap every tagged pod"
        )
    found = [p for p in await pods.list(name_prefix=name_prefix) if pod_token(p) is not None]
    if not dry_run:
        for pod in found:
            await pods.terminate(pod.id)
            logger.info("reaped pod %s (%s)", pod.id, pod.name)
    return found
