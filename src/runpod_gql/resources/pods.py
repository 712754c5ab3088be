"""Pods: create (with placement and safe retries), read, list, stop, resume, terminate, edit.

Waiting lives in :mod:`.readiness`, the lifecycle guard in :mod:`.lifecycle`, metrics in
:mod:`.monitoring`, commands and files in :mod:`.remote_ops`; ``Pods`` gathers them as methods.
"""

from __future__ import annotations

import builtins
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from typing_extensions import Unpack

from .. import _validate as v
from .._transport import GraphQLTransport
from .._validate import CloudType
from ..backends.base import Backend, PodChanges
from ..errors import (
    APIConnectionError,
    CapacityError,
    InputValidationError,
    NotFoundError,
    PlacementAttempt,
    PlacementError,
    PodInterruptedError,
    PodStateError,
    ResponseValidationError,
    RunPodError,
    ServerError,
)
from ..models import LogLine, Pod, PodState, PodStatus
from . import lifecycle, monitoring, readiness, remote_ops
from ._base import Resource, port_list
from ._spec_backend import pod_create
from .catalog import Gpus
from .monitoring import PodMetrics
from .placement import Candidate, rank
from .readiness import ProgressCallback
from .remote_ops import SSHPool
from .spec import (
    TOKEN_ENV,
    CpuPodSpec,
    GpuPlacement,
    GpuPodSpec,
    LaunchSpec,
    SpotPodSpec,
    checked,
    keywords,
    new_token,
    pod_token,
)

if TYPE_CHECKING:
    from ..remote.endpoint import SSHEndpoint
    from ..remote.results import ExecResult, TransferCallback
    from ..remote.ssh import SSHSession

__all__ = ["TOKEN_ENV", "Pods", "new_token", "pod_token"]

logger: logging.Logger = logging.getLogger("runpod_gql")
T = TypeVar("T")

_STATUSES = tuple(s.value for s in PodStatus)
# GraphQL's desired statuses, as the observed status they stand for (the first build's filter).
_LEGACY_STATUSES = {
    "CREATED": "PROVISIONING",
    "RESTARTING": "STARTING",
    "PAUSED": "EXITED",
    "DEAD": "ERROR",
}
_PLACEMENT = GpuPlacement.__required_keys__ | GpuPlacement.__optional_keys__
_LAUNCH_ONLY = ("spot_bid_per_gpu", "ready_timeout", "ssh", "on_exit", "on_progress")


def _pod_filter(
    status: PodStatus | str | Sequence[PodStatus | str] | None,
    name: str | None,
    name_prefix: str | None,
    gpu_type: str | None,
) -> Callable[[Pod], bool] | None:
    """What ``pods.list``/``pods.pages`` keep (None: every pod), the arguments checked first."""
    wanted: set[PodStatus] | None = None
    if status is not None:
        items = [status] if isinstance(status, str) else status
        wanted = set()
        for item in items:
            raw = str(getattr(item, "value", item)).upper()
            raw = _LEGACY_STATUSES.get(raw, raw)
            wanted.add(PodStatus(v.enum_value("status", raw, _STATUSES)))
    if wanted is None and name is None and name_prefix is None and gpu_type is None:
        return None

    def keep(pod: Pod) -> bool:
        return (
            (wanted is None or pod.status in wanted)
            and (name is None or pod.name == name)
            and (name_prefix is None or pod.name.startswith(name_prefix))
            and (gpu_type is None or pod.gpu_type_id == gpu_type)
        )

    return keep


class Pods(Resource):
    """``rp.pods``: everything done with pods."""

    def __init__(
        self, transport: GraphQLTransport, *, backend: Backend, gpus: Gpus, ssh: SSHPool
    ) -> None:
        super().__init__(transport)
        self._b = backend
        self._gpus = gpus
        self._ssh = ssh

    # ------------------------------------------------------------------ reading
    async def get(self, pod_id: str) -> Pod:
        """One pod; NotFoundError when it does not exist (or was terminated)."""
        pod = await self.find(pod_id)
        if pod is None:
            raise NotFoundError(f"pod {pod_id} not found", operation="GetPod")
        return pod

    async def find(self, pod_id: str) -> Pod | None:
        """One pod, or None when it does not exist."""
        return await self._b.get_pod(v.text("pod_id", pod_id))

    async def list(
        self,
        *,
        status: PodStatus | str | Sequence[PodStatus | str] | None = None,
        name: str | None = None,
        name_prefix: str | None = None,
        gpu_type: str | None = None,
    ) -> builtins.list[Pod]:
        """Your pods (one request), filtered by status, exact name, name prefix or GPU type id.

        ``status`` is the observed :class:`PodStatus`; GraphQL's old desired-status names are
        read as the status they stand for (CREATED: PROVISIONING, DEAD: ERROR, ...). Where the
        API pages its answer, every page is read (each once); :meth:`pages` streams them.
        """
        keep = _pod_filter(status, name, name_prefix, gpu_type)
        pods = await self._b.list_pods()
        return pods if keep is None else [p for p in pods if keep(p)]

    async def pages(
        self,
        *,
        status: PodStatus | str | Sequence[PodStatus | str] | None = None,
        name: str | None = None,
        name_prefix: str | None = None,
        gpu_type: str | None = None,
    ) -> AsyncIterator[builtins.list[Pod]]:
        """Your pods a page at a time, as the API pages them, with :meth:`list`'s filters.

        For accounts too large to hold at once: each page is one request, read once and handed
        over before the next is asked for. An API that does not page (GraphQL, REST v2.9.0)
        gives one page. A page the filters empty is still yielded (an empty list)."""
        keep = _pod_filter(status, name, name_prefix, gpu_type)
        async for page in self._b.pod_pages():
            yield page if keep is None else [p for p in page if keep(p)]

    async def states(self) -> builtins.list[PodState]:
        """The light per-pod state (status, runtime, ports) of all pods in one request."""
        return await self._b.list_pod_states()

    async def find_by_token(self, token: str) -> Pod | None:
        """The pod a create with this token made, if it exists."""
        for pod in await self.list():
            if pod_token(pod) == token:
                return pod
        return None

    # ------------------------------------------------------------------ placement
    async def plan(self, **placement: Unpack[GpuPlacement]) -> builtins.list[Candidate]:
        """What :meth:`create` would try, in order, with prices and why any is skipped.

        Takes the placement keywords of :meth:`create` (:class:`~runpod_gql.GpuPlacement`).
        One catalogue request per (cloud type, data centre) asked for; creates nothing.
        """
        keywords(placement, GpuPlacement, "plan")
        gpu_ids = v.names("gpu_types", placement["gpu_types"])
        cloud_types = placement.get("cloud_types", "ALL")
        clouds = [
            v.cloud_type("cloud_types", c)
            for c in ([cloud_types] if isinstance(cloud_types, str) else cloud_types)
        ]
        if not clouds:
            raise InputValidationError("cloud_types", "must name at least one")
        if self._b.api_for("create_pod") == "rest":
            # REST v2 has no ALL cloud: it is both, secure first (as RunPod's ALL preferred).
            clouds = [
                c
                for cloud in clouds
                for c in (("SECURE", "COMMUNITY") if cloud == "ALL" else (cloud,))
            ]
        gpu_count = v.integer("gpu_count", placement.get("gpu_count", 1), minimum=1)
        max_price = placement.get("max_price_per_hr")
        if max_price is not None:
            v.number("max_price_per_hr", max_price)
        data_centers = placement.get("data_centers")
        dcs: builtins.list[str | None] = (
            list(v.names("data_centers", data_centers)) if data_centers else [None]
        )
        offers = {}
        for cloud in dict.fromkeys(clouds):
            for dc in dict.fromkeys(dcs):
                offers[(cloud, dc)] = await self._gpus.offers(
                    gpu_ids, gpu_count=gpu_count, cloud=cloud, data_center_id=dc
                )
        known = {gid for by_id in offers.values() for gid in by_id}
        for i, gid in enumerate(gpu_ids):
            if gid not in known:
                raise InputValidationError(
                    f"gpu_types[{i}]",
                    f"unknown GPU type id {gid!r} (see `runpod-gql gpus list` for the ids)",
                )
        return rank(gpu_ids, clouds, dcs, offers, gpu_count=gpu_count, max_price_per_hr=max_price)

    # ------------------------------------------------------------------ creating
    async def create(self, **spec: Unpack[GpuPodSpec]) -> Pod:
        """Create an on-demand GPU pod on the first candidate that has capacity.

        Takes a :class:`~runpod_gql.PodSpec` (``name``, ``image``, disks, ports, env, ...) and
        where to place it (:class:`~runpod_gql.GpuPlacement`): ``gpu_types``, ``cloud_types``
        and ``data_centers`` are ordered preferences. Candidates the catalogue reports out of
        stock or over ``max_price_per_hr`` are skipped; a capacity error moves on to the next.
        When all fail, :class:`PlacementError` lists every attempt. A lost answer (time-out,
        dropped connection, 5xx) never makes a second pod: the pod is looked up by its create
        token before anything is sent again.
        """
        keywords(spec, GpuPodSpec, "create")
        gpu_count = v.integer("gpu_count", spec.get("gpu_count", 1), minimum=1, maximum=16)
        pod_spec = checked(spec)
        max_price = spec.get("max_price_per_hr")
        first = pod_create(pod_spec, gpu_type_id="-", gpu_count=gpu_count, cloud="SECURE")
        self._b.check_create(first)  # what the serving API cannot take, refused before anything
        attempts: builtins.list[PlacementAttempt] = []
        placement: dict[str, Any] = {k: x for k, x in spec.items() if k in _PLACEMENT}
        for c in await self.plan(**placement):
            if not c.viable:
                attempts.append(c.attempt(f"skipped: {c.skip}"))
                continue
            request = pod_create(
                pod_spec,
                gpu_type_id=c.gpu_type_id,
                gpu_count=gpu_count,
                cloud=c.cloud_type,
                data_center_id=c.data_center_id,
                max_price_per_hr=max_price,
            )

            async def send(request: Any = request) -> Pod:
                return await self._b.create_pod(request)

            try:
                pod = await self._safe_create(send, pod_spec.token)
            except CapacityError as exc:  # 400 "no longer any instances" on v2: next candidate
                attempts.append(c.attempt(exc.message))
                logger.info("placement: %s on %s has no capacity", c.gpu_type_id, c.cloud_type)
                continue
            logger.info(
                "created pod %s (%s x%d, %s)", pod.id, c.gpu_type_id, gpu_count, c.cloud_type
            )
            return pod
        raise PlacementError(attempts, operation="CreatePod")

    async def create_spot(self, **spec: Unpack[SpotPodSpec]) -> Pod:
        """Create a spot (interruptible) pod: a :class:`~runpod_gql.PodSpec` plus ``gpu_type``,
        ``bid_per_gpu`` (per GPU, checked against the live minimum), ``gpu_count``,
        ``cloud_type`` and ``data_center_id``."""
        keywords(spec, SpotPodSpec, "create_spot")
        gpu_type = v.text("gpu_type", spec["gpu_type"])
        bid = v.number("bid_per_gpu", spec["bid_per_gpu"])
        gpu_count = v.integer("gpu_count", spec.get("gpu_count", 1), minimum=1, maximum=16)
        cloud = v.cloud_type("cloud_type", spec.get("cloud_type", "ALL"))
        data_center = spec.get("data_center_id")
        if data_center is not None:
            v.text("data_center_id", data_center)
        pod_spec = checked(spec)
        request = pod_create(
            pod_spec,
            gpu_type_id=gpu_type,
            gpu_count=gpu_count,
            bid_per_gpu=bid,
            cloud=cloud,
            data_center_id=data_center,
        )
        self._b.check_create(request)  # REST v2 has no spot pods: refused before anything
        await self._check_bid(gpu_type, bid, gpu_count, cloud)

        async def send() -> Pod:
            return await self._b.create_pod(request)

        return await self._safe_create(send, pod_spec.token)

    async def create_cpu(self, **spec: Unpack[CpuPodSpec]) -> Pod:
        """Create a CPU pod: a :class:`~runpod_gql.PodSpec` plus ``instance_id`` (a CPU flavor
        instance such as ``cpu3c-2-4``), ``cloud_type`` and ``data_center_id``."""
        keywords(spec, CpuPodSpec, "create_cpu")
        instance_id = v.text("instance_id", spec["instance_id"])
        cloud = v.cloud_type("cloud_type", spec.get("cloud_type", "SECURE"))
        data_center = spec.get("data_center_id")
        if data_center is not None:
            v.text("data_center_id", data_center)
        pod_spec = checked(spec, gpu=False)
        request = pod_create(
            pod_spec, cpu_instance_id=instance_id, cloud=cloud, data_center_id=data_center
        )
        self._b.check_create(request)

        async def send() -> Pod:
            return await self._b.create_pod(request)

        return await self._safe_create(send, pod_spec.token)

    async def _check_bid(self, gpu_type: str, bid: float, gpu_count: int, cloud: CloudType) -> None:
        offers = await self._gpus.spot_offers([gpu_type], gpu_count=gpu_count, cloud=cloud)
        if gpu_type not in offers:
            raise InputValidationError(
                "gpu_type",
                f"unknown GPU type id {gpu_type!r} (see `runpod-gql gpus list` for the ids)",
            )
        minimum = offers[gpu_type].minimum_bid_price
        if minimum is None:
            raise InputValidationError(
                "gpu_type",
                f"{gpu_type!r} has no spot offer for {gpu_count} GPU(s) on {cloud} cloud",
            )
        if bid < minimum:
            raise InputValidationError(
                "bid_per_gpu",
                f"${bid:.3f}/GPU/h is below the current minimum bid ${minimum:.3f} for {gpu_type}"
                " (the bid is per GPU, not the total)",
            )

    async def _safe_create(self, send: Callable[[], Awaitable[Pod]], token: str) -> Pod:
        """Send a create; after an ambiguous failure, adopt the pod if it was made, else resend."""
        max_retries = self._t.options.retry.max_retries
        attempt = 0
        while True:
            try:
                return await send()
            except (APIConnectionError, ServerError, ResponseValidationError) as exc:
                # A garbled answer (HTML page, cut-off JSON) is as ambiguous as a lost one.
                if isinstance(exc, APIConnectionError) and not exc.request_sent:
                    raise  # the transport already retried what never reached the server
                attempt += 1
                logger.warning(
                    "create failed ambiguously (%s); looking for its pod", type(exc).__name__
                )
                await self._t.clock.sleep(self._t.backoff(attempt, exc))
                adopted = await self.find_by_token(token)
                if adopted is not None:
                    logger.info("the lost create made pod %s: adopting it", adopted.id)
                    return adopted
                if attempt > max_retries:
                    raise
                logger.warning("no pod carries the create token: sending the create again")

    # ------------------------------------------------------------------ lifecycle mutations
    async def stop(self, pod_id: str) -> Pod:
        """Stop (EXITED): GPU billing ends, volume storage is still billed."""
        return await self._b.stop_pod(v.text("pod_id", pod_id))

    async def resume(self, pod_id: str, *, gpu_count: int | None = None) -> Pod:
        """Start a stopped on-demand pod again (a spot pod needs :meth:`bid_resume`).

        ``gpu_count`` (another count than the pod's) is GraphQL only: REST v2 starts a pod with
        the GPUs it was created with.
        """
        v.text("pod_id", pod_id)
        if gpu_count is not None:
            v.integer("gpu_count", gpu_count, minimum=1)
        return await self._b.resume_pod(pod_id, gpu_count)

    async def bid_resume(
        self, pod_id: str, *, bid_per_gpu: float, gpu_count: int | None = None
    ) -> Pod:
        """Start a stopped spot pod with a new bid per GPU (checked against the live minimum)."""
        v.number("bid_per_gpu", bid_per_gpu)
        pod = await self.get(pod_id)
        count = gpu_count if gpu_count is not None else pod.gpu_count
        v.integer("gpu_count", count, minimum=1)
        if pod.gpu_type_id:
            await self._check_bid(pod.gpu_type_id, bid_per_gpu, count, "ALL")
        return await self._b.bid_resume_pod(pod_id, bid_per_gpu, count)

    async def restart(self, pod_id: str) -> Pod:
        """Restart a running pod's container in place (REST v2; the pod keeps its machine)."""
        return await self._b.restart_pod(v.text("pod_id", pod_id))

    def logs(
        self,
        pod_id: str,
        *,
        follow: bool = False,
        tail: int | None = 100,
        since: datetime | None = None,
        source: Literal["container", "system"] | None = None,
    ) -> AsyncIterator[LogLine]:
        """The pod's log lines (REST v2's log stream): container and system lines, the last
        ``tail`` (0: only new ones) or those ``since`` a time.

        ``follow`` keeps reading until you stop iterating; a dropped stream is resumed after the
        last line seen, with no line repeated or lost. No SSH needed: it works for a pod that
        never became reachable. ::

            async for line in rp.pods.logs(pod.id, follow=True):
                print(line.ts, line.line)
        """
        v.text("pod_id", pod_id)
        if tail is not None:
            v.integer("tail", tail, maximum=5000)
        if source not in (None, "container", "system"):
            raise InputValidationError("source", f"must be 'container' or 'system', got {source!r}")
        return self._b.pod_logs(
            pod_id, follow=follow, tail=tail, since=since, source=source, last_event_id=None
        )

    async def terminate(self, pod_id: str) -> bool:
        """Terminate (delete) a pod. True if it was terminated, False if it was already gone."""
        return await self._b.terminate_pod(v.text("pod_id", pod_id))

    async def edit(
        self,
        pod_id: str,
        *,
        image: str | None = None,
        container_disk_gb: int | None = None,
        volume_gb: int | None = None,
        volume_mount_path: str | None = None,
        ports: str | Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
        docker_args: str | None = None,
        name: str | None = None,
    ) -> Pod:
        """Change what you give, leave the rest (a partial update on REST v2; GraphQL resends the
        job with the current values). The pod restarts with the change.

        ``env`` replaces the environment; the pod keeps its create token. ``name`` is REST v2 only.
        """
        v.text("pod_id", pod_id)
        new_env = None
        if env is not None:
            current = await self.get(pod_id)
            new_env = {**v.env("env", env)}
            token = pod_token(current)
            if token is not None:
                new_env[TOKEN_ENV] = token
        changes = PodChanges(
            image=v.text("image", image) if image is not None else None,
            args=docker_args,
            container_disk_gb=v.integer("container_disk_gb", container_disk_gb, minimum=1)
            if container_disk_gb is not None
            else None,
            volume_gb=v.integer("volume_gb", volume_gb) if volume_gb is not None else None,
            volume_mount_path=volume_mount_path,
            ports=port_list(ports) if ports is not None else None,
            env=new_env,
            name=v.text("name", name, max_len=v.MAX_POD_NAME) if name is not None else None,
        )
        if not changes.set_fields():
            raise InputValidationError("image", "give at least one thing to change")
        return await self._b.edit_pod(pod_id, changes)

    # ------------------------------------------------------------------ waiting
    async def wait_until(
        self,
        pod_id: str,
        status: PodStatus | str,
        *,
        timeout: float = 300.0,
        on_progress: ProgressCallback | None = None,
    ) -> Pod:
        """Wait until the pod's status is ``status``; fails fast on a terminal state.

        Returns the pod as the last poll saw it."""
        raw = str(getattr(status, "value", status)).upper()
        target = PodStatus(v.enum_value("status", _LEGACY_STATUSES.get(raw, raw), _STATUSES))
        if target == PodStatus.TERMINATED:
            raise InputValidationError(
                "status",
                "a terminated pod disappears: terminate() confirms it, find() returns None",
            )
        return await self._outbids_named(
            readiness.wait_until(
                self._b, self._t.clock, pod_id, target, timeout=timeout, on_progress=on_progress
            ),
            target,
        )

    async def wait_until_ready(
        self,
        pod_id: str,
        *,
        timeout: float = 600.0,
        ssh: bool = True,
        ports: Sequence[int] = (22,),
        on_progress: ProgressCallback | None = None,
    ) -> Pod:
        """Wait until RUNNING with runtime, public mappings for ``ports`` and (``ssh``) an SSH banner.

        Returns the ready pod as the last poll saw it: no need to get it again."""
        return await self._outbids_named(
            readiness.wait_until_ready(
                self._b,
                self._t.clock,
                pod_id,
                timeout=timeout,
                ssh=ssh,
                ports=ports,
                on_progress=on_progress,
            ),
            PodStatus.RUNNING,
        )

    async def wait_all_ready(
        self,
        pod_ids: Sequence[str],
        *,
        timeout: float = 900.0,
        ssh: bool = True,
        ports: Sequence[int] = (22,),
        on_progress: ProgressCallback | None = None,
    ) -> dict[str, PodState]:
        """Wait for many pods at once: one list request per tick, whatever their number.

        Returns each pod's state (status, runtime, ports) as the last list showed it."""
        return await self._outbids_named(
            readiness.wait_all_ready(
                self._b,
                self._t.clock,
                pod_ids,
                timeout=timeout,
                ssh=ssh,
                ports=ports,
                on_progress=on_progress,
            ),
            PodStatus.RUNNING,
        )

    async def _outbids_named(self, wait: Awaitable[T], target: PodStatus) -> T:
        """A wait, with a stopped spot pod reported as outbid when REST v2 served the polls.

        v2 does not say whether a pod is interruptible, so a wait polling it sees a spot pod's
        outbid as a plain stop; GraphQL is then asked once, for that pod only.
        """
        try:
            return await wait
        except PodStateError as exc:
            if (
                type(exc) is not PodStateError
                or exc.last_status != PodStatus.EXITED.value
                or target != PodStatus.RUNNING
                or self._b.api_for("get_pod") != "rest"
            ):
                raise
            try:
                spot = await self._b.pod_is_spot(exc.pod_id)
            except RunPodError:
                spot = None
            if not spot:
                raise
            raise PodInterruptedError(
                "spot pod was interrupted (outbid) while waiting",
                pod_id=exc.pod_id,
                last_status=exc.last_status,
                waited=exc.waited,
            ) from exc

    # ------------------------------------------------------------------ guard
    def launch(self, **spec: Unpack[LaunchSpec]) -> AbstractAsyncContextManager[Pod]:
        """``async with rp.pods.launch(...) as pod:`` create, wait until ready, and always clean up.

        Takes every option of :meth:`create` (:class:`~runpod_gql.LaunchSpec`), plus
        ``spot_bid_per_gpu`` for a spot pod and ``ready_timeout``, ``ssh``, ``on_exit``,
        ``on_progress``. On leaving the block — normally, by an exception or by cancellation —
        the pod is terminated (or stopped, ``on_exit="stop"``) and that is confirmed. A pod
        whose create was interrupted is found by its create token and cleaned up too.
        """
        keywords(spec, LaunchSpec, "launch")
        create_spec: dict[str, Any] = {k: x for k, x in spec.items() if k not in _LAUNCH_ONLY}
        token = create_spec.get("token") or new_token()
        create_spec["token"] = token
        bid = spec.get("spot_bid_per_gpu")

        async def create() -> Pod:
            if bid is None:
                return await self.create(**create_spec)
            return await self.create_spot(**_spot_spec(create_spec, bid))

        return lifecycle.launch(
            self,
            create,
            token=token,
            ready_timeout=spec.get("ready_timeout", 600.0),
            ssh=spec.get("ssh", True),
            on_exit=spec.get("on_exit", "terminate"),
            on_progress=spec.get("on_progress"),
        )

    async def reap(
        self, *, name_prefix: str | None = None, all_tagged: bool = False, dry_run: bool = False
    ) -> builtins.list[Pod]:
        """Terminate pods runpod-gql created and left behind (they carry a create token).

        Give ``name_prefix`` to limit it to your pods' names, or ``all_tagged=True`` for every
        pod runpod-gql made with this key. Returns the pods found (terminated unless ``dry_run``).
        """
        return await lifecycle.reap(
            self, name_prefix=name_prefix, all_tagged=all_tagged, dry_run=dry_run
        )

    # ------------------------------------------------------------------ watching
    async def metrics(self, pod_id: str) -> PodMetrics:
        """GPU/CPU/memory utilisation, uptime, price and cost accrued so far."""
        return monitoring.metrics_of(await self.get(pod_id))

    def watch(
        self, pod_id: str, *, interval: float = 10.0, count: int | None = None
    ) -> AsyncIterator[PodMetrics]:
        """Yield the pod's metrics every ``interval`` seconds (``count`` times, or until it stops)."""
        return monitoring.watch(self.get, self._t.clock, pod_id, interval=interval, count=count)

    # ------------------------------------------------------------------ commands and files
    async def ssh_endpoint(self, pod_id: str) -> SSHEndpoint:
        """The pod's public SSH endpoint (host, port, user); SSHError when it has none yet."""
        return remote_ops.ssh_endpoint(await self.get(pod_id))

    async def _session(self, pod_id: str, key_path: str | Path | None) -> SSHSession:
        """The pooled, logged-in SSH session to the pod (opened on first use)."""
        return await self._ssh.session(await self.ssh_endpoint(pod_id), key_path)

    async def exec(
        self,
        pod_id: str,
        command: str | Sequence[str],
        *,
        timeout: float | None = 600.0,
        env: Mapping[str, str] | None = None,
        check: bool = True,
        on_stdout: Callable[[str], object] | None = None,
        on_stderr: Callable[[str], object] | None = None,
        key_path: str | Path | None = None,
    ) -> ExecResult:
        """Run a command on the pod over SSH; non-zero exit raises RemoteCommandError unless ``check=False``."""
        session = await self._session(pod_id, key_path)
        return await session.exec(
            command, timeout=timeout, env=env, check=check, on_stdout=on_stdout, on_stderr=on_stderr
        )

    async def upload(
        self,
        pod_id: str,
        local: str | Path,
        remote: str,
        *,
        progress: TransferCallback | None = None,
        key_path: str | Path | None = None,
    ) -> None:
        """Copy a local file or directory to the pod (SFTP)."""
        session = await self._session(pod_id, key_path)
        await session.upload(local, remote, progress=progress)

    async def download(
        self,
        pod_id: str,
        remote: str,
        local: str | Path,
        *,
        progress: TransferCallback | None = None,
        key_path: str | Path | None = None,
    ) -> None:
        """Copy a file or directory from the pod (SFTP)."""
        session = await self._session(pod_id, key_path)
        await session.download(remote, local, progress=progress)

    async def run_script(
        self,
        pod_id: str,
        script: str | Path,
        args: Sequence[str] = (),
        *,
        remote_dir: str = "/tmp/runpod-gql",
        timeout: float | None = None,
        check: bool = True,
        on_stdout: Callable[[str], object] | None = None,
        on_stderr: Callable[[str], object] | None = None,
        key_path: str | Path | None = None,
    ) -> ExecResult:
        """Upload a script and run it (the seeds' start_training.sh workflow)."""
        session = await self._session(pod_id, key_path)
        return await session.run_script(
            script,
            args,
            remote_dir=remote_dir,
            timeout=timeout,
            check=check,
            on_stdout=on_stdout,
            on_stderr=on_stderr,
        )


def _spot_spec(spec: Mapping[str, Any], bid: float) -> dict[str, Any]:
    """A launch's create options as :meth:`Pods.create_spot` takes them: one GPU type and cloud."""
    gpus = v.names("gpu_types", spec["gpu_types"])
    if len(gpus) != 1:
        raise InputValidationError("gpu_types", "a spot launch takes exactly one GPU type")
    cloud_types = spec.get("cloud_types", "ALL")
    clouds = [cloud_types] if isinstance(cloud_types, str) else list(cloud_types)
    if not clouds:
        raise InputValidationError("cloud_types", "must name at least one")
    data_centers = spec.get("data_centers")
    dcs = v.names("data_centers", data_centers) if data_centers else [None]
    if len(dcs) != 1:
        raise InputValidationError("data_centers", "a spot launch takes at most one data centre")
    if spec.get("max_price_per_hr") is not None:
        raise InputValidationError(
            "max_price_per_hr", "a spot launch pays its bid: give spot_bid_per_gpu only"
        )
    placement = ("gpu_types", "cloud_types", "data_centers", "max_price_per_hr")
    return {
        **{k: x for k, x in spec.items() if k not in placement},
        "gpu_type": gpus[0],
        "bid_per_gpu": bid,
        "cloud_type": v.cloud_type("cloud_types", clouds[0]),
        "data_center_id": dcs[0],
    }
