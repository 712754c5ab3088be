"""Pods: create (with placement and safe retries), read, list, stop, resume, terminate, edit.

Waiting lives in :mod:`.readiness`, the lifecycle guard in :mod:`.lifecycle`, metrics in
:mod:`.monitoring`, commands and files in :mod:`.remote_ops`; ``Pods`` gathers them as methods.
"""

from __future__ import annotations

import builtins
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from runpod_gql_generated.enums import CloudTypeEnum, PodStatus
from runpod_gql_generated.fragments import Pod, PodState
from runpod_gql_generated.input_types import (
    EnvironmentVariableInput,
    PodBidResumeInput,
    PodEditJobInput,
    PodFindAndDeployOnDemandInput,
    PodRentInterruptableInput,
    PodResumeInput,
    PodStopInput,
    PodTerminateInput,
    deployCpuPodInput,
)

from .. import _validate as v
from .._transport import GraphQLTransport
from ..errors import (
    APIConnectionError,
    CapacityError,
    InputValidationError,
    NotFoundError,
    PlacementAttempt,
    PlacementError,
    ResponseValidationError,
    ServerError,
)
from . import readiness
from ._base import Resource, present, required
from .catalog import CloudType, Gpus
from .placement import Candidate, rank

if TYPE_CHECKING:
    from ..remote.endpoint import SSHEndpoint
    from ..remote.ssh import ExecResult
    from ..remote.ssh import ProgressCallback as TransferCallback
    from .monitoring import PodMetrics
    from .readiness import ProgressCallback
    from .remote_ops import RemoteOps, SSHPool

logger: logging.Logger = logging.getLogger("runpod_gql")

TOKEN_ENV = "RUNPOD_GQL_TOKEN"
"""Environment variable every create puts on its pod: how a lost create is found again."""

DEFAULT_IMAGE_PORTS = "22/tcp"
_STATUSES = tuple(s.value for s in PodStatus)


def new_token() -> str:
    return uuid.uuid4().hex


def pod_token(pod: Pod) -> str | None:
    """The create token a pod carries, if runpod-gql created it."""
    for item in pod.env or ():
        if item and item.startswith(TOKEN_ENV + "="):
            return item.split("=", 1)[1]
    return None


def _env_input(
    env: Mapping[str, str], token: str
) -> builtins.list[EnvironmentVariableInput | None]:
    items: builtins.list[EnvironmentVariableInput | None] = [
        EnvironmentVariableInput(key=k, value=val) for k, val in env.items() if k != TOKEN_ENV
    ]
    items.append(EnvironmentVariableInput(key=TOKEN_ENV, value=token))
    return items


CreateInput = TypeVar(
    "CreateInput", PodFindAndDeployOnDemandInput, PodRentInterruptableInput, deployCpuPodInput
)


@dataclass(frozen=True)
class _PodSpec:
    """What every kind of create shares, validated once; ``fill`` writes it onto a create input."""

    token: str
    values: Mapping[str, Any]  # input fields by their Python name; None means "leave out"

    @classmethod
    def of(
        cls,
        *,
        name: str,
        image: str,
        container_disk_gb: int,
        volume_gb: int,
        volume_mount_path: str,
        env: Mapping[str, str] | None,
        ports: str | Sequence[str] | None,
        start_ssh: bool,
        support_public_ip: bool,
        token: str | None,
        **optional: Any,
    ) -> _PodSpec:
        token = token or new_token()
        values: dict[str, Any] = {
            "name": v.text("name", name, max_len=v.MAX_POD_NAME),
            "image_name": v.text("image", image),
            "container_disk_in_gb": v.integer("container_disk_gb", container_disk_gb, minimum=1),
            "volume_in_gb": v.integer("volume_gb", volume_gb),
            "volume_mount_path": volume_mount_path,
            "env": _env_input(v.env("env", env), token),
            "ports": v.ports("ports", ports),
            "start_ssh": start_ssh,
            "support_public_ip": support_public_ip,
            **optional,
        }
        return cls(token, values)

    def fill(self, fields: CreateInput, **specific: Any) -> CreateInput:
        for key, value in {**self.values, **specific}.items():
            if value is not None:
                setattr(fields, key, value)
        return fields


class Pods(Resource):
    """``rp.pods``: everything done with pods."""

    def __init__(self, transport: GraphQLTransport, *, gpus: Gpus, ssh: SSHPool) -> None:
        super().__init__(transport)
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
        v.text("pod_id", pod_id)
        result = await self._t.run(self._t.get_pod(pod_id=pod_id))
        return result.pod

    async def list(
        self,
        *,
        status: PodStatus | str | Sequence[PodStatus | str] | None = None,
        name: str | None = None,
        name_prefix: str | None = None,
        gpu_type: str | None = None,
    ) -> builtins.list[Pod]:
        """Your pods (one request), filtered by status, exact name, name prefix or GPU type id."""
        wanted: set[PodStatus] | None = None
        if status is not None:
            items = [status] if isinstance(status, str) else status
            wanted = {PodStatus(v.enum_value("status", s, _STATUSES)) for s in items}
        result = await self._t.run(self._t.list_pods())
        pods = present(required(result.myself, "myself", "ListPods").pods)
        if wanted is not None:
            pods = [p for p in pods if p.desired_status in wanted]
        if name is not None:
            pods = [p for p in pods if p.name == name]
        if name_prefix is not None:
            pods = [p for p in pods if p.name.startswith(name_prefix)]
        if gpu_type is not None:
            pods = [p for p in pods if p.machine is not None and p.machine.gpu_type_id == gpu_type]
        return pods

    async def states(self) -> builtins.list[PodState]:
        """The light per-pod state (status, runtime, ports) of all pods in one request."""
        result = await self._t.run(self._t.list_pod_states())
        return present(required(result.myself, "myself", "ListPodStates").pods)

    async def find_by_token(self, token: str) -> Pod | None:
        """The pod a create with this token made, if it exists."""
        for pod in await self.list():
            if pod_token(pod) == token:
                return pod
        return None

    # ------------------------------------------------------------------ placement
    async def plan(
        self,
        *,
        gpu_types: str | Sequence[str],
        gpu_count: int = 1,
        cloud_types: CloudType | Sequence[CloudType] = "ALL",
        data_centers: str | Sequence[str] | None = None,
        max_price_per_hr: float | None = None,
    ) -> builtins.list[Candidate]:
        """What :meth:`create` would try, in order, with prices and why any is skipped.

        One catalogue request per (cloud type, data centre) asked for; creates nothing.
        """
        gpu_ids = v.names("gpu_types", gpu_types)
        clouds: builtins.list[CloudType] = [
            v.cloud_type("cloud_types", c)  # type: ignore[misc]
            for c in ([cloud_types] if isinstance(cloud_types, str) else cloud_types)
        ]
        if not clouds:
            raise InputValidationError("cloud_types", "must name at least one")
        v.integer("gpu_count", gpu_count, minimum=1)
        if max_price_per_hr is not None:
            v.number("max_price_per_hr", max_price_per_hr)
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
        return rank(
            gpu_ids, clouds, dcs, offers, gpu_count=gpu_count, max_price_per_hr=max_price_per_hr
        )

    # ------------------------------------------------------------------ creating
    async def create(
        self,
        *,
        name: str,
        image: str,
        gpu_types: str | Sequence[str],
        gpu_count: int = 1,
        cloud_types: CloudType | Sequence[CloudType] = "ALL",
        data_centers: str | Sequence[str] | None = None,
        max_price_per_hr: float | None = None,
        container_disk_gb: int = 20,
        volume_gb: int = 0,
        volume_mount_path: str = "/workspace",
        network_volume_id: str | None = None,
        ports: str | Sequence[str] | None = DEFAULT_IMAGE_PORTS,
        env: Mapping[str, str] | None = None,
        docker_args: str | None = None,
        template_id: str | None = None,
        min_vcpu: int | None = None,
        min_memory_gb: int | None = None,
        start_ssh: bool = True,
        support_public_ip: bool = True,
        country_code: str | None = None,
        registry_auth_id: str | None = None,
        allowed_cuda_versions: Sequence[str] | None = None,
        stop_after: datetime | None = None,
        terminate_after: datetime | None = None,
        token: str | None = None,
    ) -> Pod:
        """Create an on-demand GPU pod on the first candidate that has capacity.

        ``gpu_types``, ``cloud_types`` and ``data_centers`` are ordered preferences. Candidates the
        catalogue reports out of stock or over ``max_price_per_hr`` are skipped; a capacity error
        moves on to the next. When all fail, :class:`PlacementError` lists every attempt.
        A lost answer (time-out, dropped connection, 5xx) never makes a second pod: the pod is
        looked up by its create token before anything is sent again.
        """
        v.integer("gpu_count", gpu_count, minimum=1, maximum=16)
        spec = _PodSpec.of(
            name=name,
            image=image,
            container_disk_gb=container_disk_gb,
            volume_gb=volume_gb,
            volume_mount_path=volume_mount_path,
            env=env,
            ports=ports,
            start_ssh=start_ssh,
            support_public_ip=support_public_ip,
            token=token,
            docker_args=docker_args,
            template_id=template_id,
            network_volume_id=network_volume_id,
            min_vcpu_count=v.integer("min_vcpu", min_vcpu, minimum=1)
            if min_vcpu is not None
            else None,
            min_memory_in_gb=v.integer("min_memory_gb", min_memory_gb, minimum=1)
            if min_memory_gb is not None
            else None,
            country_code=country_code,
            container_registry_auth_id=registry_auth_id,
            allowed_cuda_versions=list(allowed_cuda_versions) if allowed_cuda_versions else None,
            stop_after=stop_after,
            terminate_after=terminate_after,
            deploy_cost=max_price_per_hr,
        )
        candidates = await self.plan(
            gpu_types=gpu_types,
            gpu_count=gpu_count,
            cloud_types=cloud_types,
            data_centers=data_centers,
            max_price_per_hr=max_price_per_hr,
        )
        attempts: builtins.list[PlacementAttempt] = []
        for c in candidates:
            if not c.viable:
                attempts.append(c.attempt(f"skipped: {c.skip}"))
                continue
            fields = spec.fill(
                PodFindAndDeployOnDemandInput(),
                gpu_type_id=c.gpu_type_id,
                gpu_count=gpu_count,
                cloud_type=CloudTypeEnum(c.cloud_type),
                data_center_id=c.data_center_id,
            )

            async def send(fields: PodFindAndDeployOnDemandInput = fields) -> Pod:
                result = await self._t.run(self._t.create_pod(input=fields))
                return required(
                    result.pod_find_and_deploy_on_demand, "podFindAndDeployOnDemand", "CreatePod"
                )

            try:
                pod = await self._safe_create(send, spec.token)
            except CapacityError as exc:
                attempts.append(c.attempt(exc.message))
                logger.info("placement: %s on %s has no capacity", c.gpu_type_id, c.cloud_type)
                continue
            logger.info(
                "created pod %s (%s x%d, %s)", pod.id, c.gpu_type_id, gpu_count, c.cloud_type
            )
            return pod
        raise PlacementError(attempts, operation="CreatePod")

    async def create_spot(
        self,
        *,
        name: str,
        image: str,
        gpu_type: str,
        bid_per_gpu: float,
        gpu_count: int = 1,
        cloud_type: CloudType = "ALL",
        data_center_id: str | None = None,
        container_disk_gb: int = 20,
        volume_gb: int = 0,
        volume_mount_path: str = "/workspace",
        network_volume_id: str | None = None,
        ports: str | Sequence[str] | None = DEFAULT_IMAGE_PORTS,
        env: Mapping[str, str] | None = None,
        docker_args: str | None = None,
        template_id: str | None = None,
        min_vcpu: int | None = None,
        min_memory_gb: int | None = None,
        start_ssh: bool = True,
        support_public_ip: bool = True,
        registry_auth_id: str | None = None,
        token: str | None = None,
    ) -> Pod:
        """Create a spot (interruptible) pod. ``bid_per_gpu`` is per GPU, checked against the live minimum."""
        v.text("gpu_type", gpu_type)
        v.number("bid_per_gpu", bid_per_gpu)
        v.integer("gpu_count", gpu_count, minimum=1, maximum=16)
        cloud: CloudType = v.cloud_type("cloud_type", cloud_type)  # type: ignore[assignment]
        spec = _PodSpec.of(
            name=name,
            image=image,
            container_disk_gb=container_disk_gb,
            volume_gb=volume_gb,
            volume_mount_path=volume_mount_path,
            env=env,
            ports=ports,
            start_ssh=start_ssh,
            support_public_ip=support_public_ip,
            token=token,
            docker_args=docker_args,
            template_id=template_id,
            network_volume_id=network_volume_id,
            data_center_id=data_center_id,
            min_vcpu_count=v.integer("min_vcpu", min_vcpu, minimum=1)
            if min_vcpu is not None
            else None,
            min_memory_in_gb=v.integer("min_memory_gb", min_memory_gb, minimum=1)
            if min_memory_gb is not None
            else None,
            container_registry_auth_id=registry_auth_id,
        )
        await self._check_bid(gpu_type, bid_per_gpu, gpu_count, cloud)
        fields = spec.fill(
            PodRentInterruptableInput(),
            gpu_type_id=gpu_type,
            gpu_count=gpu_count,
            bid_per_gpu=bid_per_gpu,
            cloud_type=CloudTypeEnum(cloud),
        )

        async def send() -> Pod:
            result = await self._t.run(self._t.create_spot_pod(input=fields))
            return required(result.pod_rent_interruptable, "podRentInterruptable", "CreateSpotPod")

        return await self._safe_create(send, spec.token)

    async def create_cpu(
        self,
        *,
        name: str,
        image: str,
        instance_id: str,
        cloud_type: CloudType = "SECURE",
        container_disk_gb: int = 10,
        volume_gb: int = 0,
        volume_mount_path: str = "/workspace",
        network_volume_id: str | None = None,
        ports: str | Sequence[str] | None = DEFAULT_IMAGE_PORTS,
        env: Mapping[str, str] | None = None,
        docker_args: str | None = None,
        template_id: str | None = None,
        data_center_id: str | None = None,
        start_ssh: bool = True,
        support_public_ip: bool = True,
        token: str | None = None,
    ) -> Pod:
        """Create a CPU pod. ``instance_id`` is a CPU flavor instance such as ``cpu3c-2-4``."""
        v.text("instance_id", instance_id)
        cloud = v.cloud_type("cloud_type", cloud_type)
        spec = _PodSpec.of(
            name=name,
            image=image,
            container_disk_gb=container_disk_gb,
            volume_gb=volume_gb,
            volume_mount_path=volume_mount_path,
            env=env,
            ports=ports,
            start_ssh=start_ssh,
            support_public_ip=support_public_ip,
            token=token,
            docker_args=docker_args,
            template_id=template_id,
            network_volume_id=network_volume_id,
            data_center_id=data_center_id,
        )
        fields = spec.fill(
            deployCpuPodInput(), instance_id=instance_id, cloud_type=CloudTypeEnum(cloud)
        )

        async def send() -> Pod:
            result = await self._t.run(self._t.create_cpu_pod(input=fields))
            return required(result.deploy_cpu_pod, "deployCpuPod", "CreateCpuPod")

        return await self._safe_create(send, spec.token)

    async def _check_bid(self, gpu_type: str, bid: float, gpu_count: int, cloud: CloudType) -> None:
        try:
            offer = await self._gpus.get(gpu_type, gpu_count=gpu_count, cloud=cloud)
        except NotFoundError as exc:
            raise InputValidationError(
                "gpu_type",
                f"unknown GPU type id {gpu_type!r} (see `runpod-gql gpus list` for the ids)",
            ) from exc
        minimum = offer.lowest_price.minimum_bid_price if offer.lowest_price else None
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
        policy = self._t.options.retry
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
                if attempt > policy.max_retries:
                    raise
                logger.warning("no pod carries the create token: sending the create again")

    # ------------------------------------------------------------------ lifecycle mutations
    async def stop(self, pod_id: str) -> Pod:
        """Stop (EXITED): GPU billing ends, volume storage is still billed."""
        v.text("pod_id", pod_id)
        result = await self._t.run(self._t.stop_pod(input=PodStopInput(pod_id=pod_id)))
        return required(result.pod_stop, "podStop", "StopPod")

    async def resume(self, pod_id: str, *, gpu_count: int | None = None) -> Pod:
        """Start a stopped on-demand pod again (a spot pod needs :meth:`bid_resume`)."""
        v.text("pod_id", pod_id)
        fields = PodResumeInput(pod_id=pod_id)
        if gpu_count is not None:
            fields.gpu_count = v.integer("gpu_count", gpu_count, minimum=1)
        result = await self._t.run(self._t.resume_pod(input=fields))
        return required(result.pod_resume, "podResume", "ResumePod")

    async def bid_resume(
        self, pod_id: str, *, bid_per_gpu: float, gpu_count: int | None = None
    ) -> Pod:
        """Start a stopped spot pod with a new bid per GPU (checked against the live minimum)."""
        v.number("bid_per_gpu", bid_per_gpu)
        pod = await self.get(pod_id)
        count = gpu_count if gpu_count is not None else pod.gpu_count
        v.integer("gpu_count", count, minimum=1)
        if pod.machine is not None and pod.machine.gpu_type_id:
            await self._check_bid(pod.machine.gpu_type_id, bid_per_gpu, count, "ALL")
        fields = PodBidResumeInput(pod_id=pod_id, bid_per_gpu=bid_per_gpu, gpu_count=count)
        result = await self._t.run(self._t.bid_resume_pod(input=fields))
        return required(result.pod_bid_resume, "podBidResume", "BidResumePod")

    async def terminate(self, pod_id: str) -> bool:
        """Terminate (delete) a pod. True if it was terminated, False if it was already gone."""
        v.text("pod_id", pod_id)
        try:
            await self._t.run(self._t.terminate_pod(input=PodTerminateInput(pod_id=pod_id)))
        except NotFoundError:
            return False
        return True

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
    ) -> Pod:
        """Change a pod's job (image, disk, ports, env, args); the pod restarts with it."""
        current = await self.get(pod_id)
        fields = PodEditJobInput(
            pod_id=pod_id,
            image_name=v.text("image", image) if image is not None else current.image_name,
            container_disk_in_gb=v.integer("container_disk_gb", container_disk_gb, minimum=1)
            if container_disk_gb is not None
            else current.container_disk_in_gb or 20,
        )
        if volume_gb is not None:
            fields.volume_in_gb = v.integer("volume_gb", volume_gb)
        if volume_mount_path is not None:
            fields.volume_mount_path = volume_mount_path
        if ports is not None:
            fields.ports = v.ports("ports", ports)
        if env is not None:
            token = pod_token(current) or new_token()
            fields.env = _env_input(v.env("env", env), token)
        if docker_args is not None:
            fields.docker_args = docker_args
        result = await self._t.run(self._t.edit_pod_job(input=fields))
        return required(result.pod_edit_job, "podEditJob", "EditPodJob")

    # ------------------------------------------------------------------ waiting
    async def wait_until(
        self,
        pod_id: str,
        status: PodStatus | str,
        *,
        timeout: float = 300.0,
        on_progress: ProgressCallback | None = None,
    ) -> PodState:
        """Wait until the pod's status is ``status``; fails fast on a terminal state."""
        target = PodStatus(v.enum_value("status", status, _STATUSES))
        if target == PodStatus.TERMINATED:
            raise InputValidationError(
                "status",
                "a terminated pod disappears: terminate() confirms it, find() returns None",
            )
        return await readiness.wait_until(
            self._t, pod_id, target, timeout=timeout, on_progress=on_progress
        )

    async def wait_until_ready(
        self,
        pod_id: str,
        *,
        timeout: float = 600.0,
        ssh: bool = True,
        ports: Sequence[int] = (22,),
        on_progress: ProgressCallback | None = None,
    ) -> PodState:
        """Wait until RUNNING with runtime, public mappings for ``ports`` and (``ssh``) an SSH banner."""
        return await readiness.wait_until_ready(
            self._t, pod_id, timeout=timeout, ssh=ssh, ports=ports, on_progress=on_progress
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
        """Wait for many pods at once: one list request per tick, whatever their number."""
        return await readiness.wait_all_ready(
            self._t, pod_ids, timeout=timeout, ssh=ssh, ports=ports, on_progress=on_progress
        )

    # ------------------------------------------------------------------ guard
    def launch(
        self,
        *,
        name: str,
        image: str,
        gpu_types: str | Sequence[str],
        gpu_count: int = 1,
        cloud_types: CloudType | Sequence[CloudType] = "ALL",
        max_price_per_hr: float | None = None,
        spot_bid_per_gpu: float | None = None,
        container_disk_gb: int = 20,
        volume_gb: int = 0,
        ports: str | Sequence[str] | None = DEFAULT_IMAGE_PORTS,
        env: Mapping[str, str] | None = None,
        docker_args: str | None = None,
        template_id: str | None = None,
        network_volume_id: str | None = None,
        ready_timeout: float = 600.0,
        ssh: bool = True,
        on_exit: Literal["terminate", "stop"] = "terminate",
        on_progress: ProgressCallback | None = None,
    ) -> AbstractAsyncContextManager[Pod]:
        """``async with rp.pods.launch(...) as pod:`` create, wait until ready, and always clean up.

        On leaving the block — normally, by an exception or by cancellation — the pod is
        terminated (or stopped, ``on_exit="stop"``) and that is confirmed. A pod whose create
        was interrupted is found by its create token and cleaned up too.
        """
        from .lifecycle import launch

        create_kwargs: dict[str, Any] = {
            "name": name,
            "image": image,
            "gpu_count": gpu_count,
            "container_disk_gb": container_disk_gb,
            "volume_gb": volume_gb,
            "ports": ports,
            "env": env,
            "docker_args": docker_args,
            "template_id": template_id,
            "network_volume_id": network_volume_id,
        }
        return launch(
            self,
            create_kwargs=create_kwargs,
            gpu_types=gpu_types,
            cloud_types=cloud_types,
            max_price_per_hr=max_price_per_hr,
            spot_bid_per_gpu=spot_bid_per_gpu,
            ready_timeout=ready_timeout,
            ssh=ssh,
            on_exit=on_exit,
            on_progress=on_progress,
        )

    async def reap(
        self, *, name_prefix: str | None = None, all_tagged: bool = False, dry_run: bool = False
    ) -> builtins.list[Pod]:
        """Terminate pods runpod-gql created and left behind (they carry a create token).

        Give ``name_prefix`` to limit it to your pods' names, or ``all_tagged=True`` for every
        pod runpod-gql made with this key. Returns the pods found (terminated unless ``dry_run``).
        """
        from .lifecycle import reap

        return await reap(self, name_prefix=name_prefix, all_tagged=all_tagged, dry_run=dry_run)

    # ------------------------------------------------------------------ watching
    async def metrics(self, pod_id: str) -> PodMetrics:
        """GPU/CPU/memory utilisation, uptime, price and cost accrued so far."""
        from .monitoring import metrics

        return await metrics(self, pod_id)

    def watch(
        self, pod_id: str, *, interval: float = 10.0, count: int | None = None
    ) -> AsyncIterator[PodMetrics]:
        """Yield the pod's metrics every ``interval`` seconds (``count`` times, or until it stops)."""
        from .monitoring import watch

        return watch(self, pod_id, interval=interval, count=count)

    # ------------------------------------------------------------------ commands and files
    def _remote(self) -> RemoteOps:
        from .remote_ops import RemoteOps

        return RemoteOps(self, self._ssh)

    async def ssh_endpoint(self, pod_id: str) -> SSHEndpoint:
        """The pod's public SSH endpoint (host, port, user); SSHError when it has none yet."""
        return await self._remote().endpoint(pod_id)

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
        session = await self._remote().session(pod_id, key_path)
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
        session = await self._remote().session(pod_id, key_path)
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
        session = await self._remote().session(pod_id, key_path)
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
        session = await self._remote().session(pod_id, key_path)
        return await session.run_script(
            script,
            args,
            remote_dir=remote_dir,
            timeout=timeout,
            check=check,
            on_stdout=on_stdout,
            on_stderr=on_stderr,
        )
