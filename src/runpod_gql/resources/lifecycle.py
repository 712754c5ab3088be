"""The lifecycle guard: pods that are always cleaned up, and a reaper for ones that were not.

It works on any object with the few pod operations of :class:`PodOps` (``rp.pods`` has them),
so it sits below ``pods.py`` and never imports it.
"""

from __future__ import annotations

import asyncio
import builtins
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Literal, Protocol

from ..errors import InputValidationError, PodCleanupError
from ..models import Pod, PodStatus
from .readiness import ProgressCallback
from .spec import pod_token

logger: logging.Logger = logging.getLogger("runpod_gql")


class PodOps(Protocol):
    """What the guard and the reaper do with pods."""

    async def find(self, pod_id: str) -> Pod | None: ...
    async def find_by_token(self, token: str) -> Pod | None: ...
    async def stop(self, pod_id: str) -> Pod: ...
    async def terminate(self, pod_id: str) -> bool: ...
    async def list(self, *, name_prefix: str | None = None) -> builtins.list[Pod]: ...
    async def wait_until_ready(
        self, pod_id: str, *, timeout: float, ssh: bool, on_progress: ProgressCallback | None
    ) -> Pod: ...


async def _clean_up(pods: PodOps, pod_id: str | None, token: str, on_exit: str) -> None:
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
        if after is not None and after.status not in (
            PodStatus.EXITED,
            PodStatus.TERMINATED,
        ):
            raise PodCleanupError(
                "guard: pod still running after stop",
                pod_id=pod_id,
                last_status=after.status.value,
            )
        return
    await pods.terminate(pod_id)
    after = await pods.find(pod_id)
    if after is not None and after.status != PodStatus.TERMINATED:
        raise PodCleanupError(
            "guard: pod still exists after terminate",
            pod_id=pod_id,
            last_status=after.status.value,
        )
    logger.info("guard: pod %s terminated", pod_id)


async def _shielded(pods: PodOps, pod_id: str | None, token: str, on_exit: str) -> None:
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
    pods: PodOps,
    create: Callable[[], Awaitable[Pod]],
    *,
    token: str,
    ready_timeout: float,
    ssh: bool,
    on_exit: Literal["terminate", "stop"],
    on_progress: ProgressCallback | None,
) -> AsyncIterator[Pod]:
    """Create (``create`` puts ``token`` on the pod), wait until ready, yield the ready pod,
    and on any exit terminate/stop it and confirm."""
    if on_exit not in ("terminate", "stop"):
        raise InputValidationError("on_exit", "must be 'terminate' or 'stop'")
    pod_id: str | None = None
    refused = False
    cancelled = False
    try:
        pod_id = (await create()).id
        yield await pods.wait_until_ready(
            pod_id, timeout=ready_timeout, ssh=ssh, on_progress=on_progress
        )
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
    pods: PodOps, *, name_prefix: str | None, all_tagged: bool, dry_run: bool
) -> list[Pod]:
    """Find (and unless ``dry_run`` terminate) pods that carry a runpod-gql create token."""
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
