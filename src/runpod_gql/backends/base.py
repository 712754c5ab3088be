"""The narrow interface resources call, whichever RunPod API serves them.

A backend turns one resource-level request into one API's operation(s) and that API's answer
into the public models (:mod:`runpod_gql.models`). Resources never see a generated module.
Requests arrive validated: a backend only translates, and refuses what its API cannot express.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal, Protocol

from .._transport import RequestOptions
from ..models import (
    Account,
    BillingRecord,
    CpuType,
    DataCenter,
    Endpoint,
    EndpointWorker,
    GpuType,
    LogLine,
    NetworkVolume,
    Pod,
    PodState,
    RegistryAuth,
    Secret,
    Template,
)

ApiName = Literal["rest", "graphql"]
CloudChoice = Literal["SECURE", "COMMUNITY", "ALL"]


@dataclass(frozen=True)
class PodCreate:
    """One create for one placement candidate, from a validated pod spec (and its token in env).

    GPU pods set ``gpu_type_id`` (and ``gpu_count`` >= 1), CPU pods ``cpu_instance_id``
    (``<flavor>-<vcpus>-<memory GB>``, e.g. ``cpu3c-2-4``). The fields under "GraphQL only" have no REST v2 request field:
    :meth:`graphql_only` names the ones set, so the router can send the create where it fits.
    """

    name: str
    image: str | None
    env: Mapping[str, str]
    gpu_type_id: str | None = None
    gpu_count: int = 1
    cpu_instance_id: str | None = None
    cloud: CloudChoice = "SECURE"
    data_center_id: str | None = None
    container_disk_gb: int = 20
    volume_gb: int = 0
    volume_mount_path: str = "/workspace"
    network_volume_id: str | None = None
    ports: Sequence[str] = ()
    args: str | None = None
    template_id: str | None = None
    registry_auth_id: str | None = None
    start_ssh: bool = True
    allowed_cuda_versions: Sequence[str] = ()
    # GraphQL only:
    bid_per_gpu: float | None = None
    min_vcpu: int | None = None
    min_memory_gb: int | None = None
    support_public_ip: bool | None = None  # None: the API's default (GraphQL: True)
    country_code: str | None = None
    stop_after: datetime | None = None
    terminate_after: datetime | None = None
    max_price_per_hr: float | None = None  # GraphQL's deployCost; checked client-side on v2

    def graphql_only(self) -> list[str]:
        """The options set here that only GraphQL can carry (empty: REST v2 can create it)."""
        found = [
            name
            for name in ("bid_per_gpu", "min_vcpu", "min_memory_gb", "country_code")
            if getattr(self, name) is not None
        ]
        found += [n for n in ("stop_after", "terminate_after") if getattr(self, n) is not None]
        if self.support_public_ip is not None:
            found.append("support_public_ip")
        if self.cloud == "ALL":
            found.append("cloud='ALL'")
        return found


@dataclass(frozen=True)
class PodChanges:
    """A partial pod edit: only the fields set (not None) change."""

    image: str | None = None
    args: str | None = None
    container_disk_gb: int | None = None
    volume_gb: int | None = None
    volume_mount_path: str | None = None
    ports: Sequence[str] | None = None
    env: Mapping[str, str] | None = None
    name: str | None = None

    def set_fields(self) -> dict[str, object]:
        return {k: val for k, val in self.__dict__.items() if val is not None}


@dataclass(frozen=True)
class GpuQuery:
    """Which stock a catalogue read prices: GPUs per pod, cloud, optional data centre."""

    gpu_count: int = 1
    cloud: CloudChoice = "ALL"
    data_center_id: str | None = None
    ids: Sequence[str] | None = None


@dataclass(frozen=True)
class TemplateSave:
    """A template to create (``template_id`` None) or change."""

    name: str
    image: str
    template_id: str | None = None
    args: str | None = None
    container_disk_gb: int = 10
    volume_gb: int = 0
    volume_mount_path: str = "/workspace"
    ports: Sequence[str] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    serverless: bool = False
    start_ssh: bool = True
    registry_auth_id: str | None = None
    readme: str | None = None  # GraphQL only


@dataclass(frozen=True)
class EndpointSave:
    """A serverless endpoint to create (``endpoint_id`` None) or change."""

    name: str
    template_id: str
    gpu_pools: Sequence[str]
    excluded_gpu_types: Sequence[str] = ()
    endpoint_id: str | None = None
    type: Literal["QUEUE", "LOAD_BALANCER"] = "QUEUE"  # LOAD_BALANCER: REST v2 only
    gpu_count: int = 1
    workers_min: int = 0
    workers_max: int = 3
    idle_timeout: int = 5
    scaler_type: Literal["QUEUE_DELAY", "REQUEST_COUNT"] = "QUEUE_DELAY"
    scaler_value: int = 4
    data_center_ids: Sequence[str] = ()
    network_volume_id: str | None = None


@dataclass(frozen=True)
class BillingQuery:
    """A window of spend history: ``start``/``end`` or the last ``last_n`` buckets."""

    kind: Literal["account", "pods", "endpoints", "volumes"] = "account"
    resource_id: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    last_n: int | None = None
    bucket: Literal["hour", "day", "week", "month", "year"] = "day"


def bounded(options: RequestOptions, seconds: float) -> RequestOptions:
    """``options`` with the retry deadline cut to ``seconds`` (never lengthened)."""
    policy = options.retry
    deadline = seconds if policy.deadline is None else min(policy.deadline, seconds)
    return replace(options, retry=policy.with_(deadline=deadline))


class Backend(Protocol):
    """What resources ask of an API. Each method says which public model it returns."""

    @property
    def api(self) -> str:
        """'rest', 'graphql', or the mode of a router over both."""
        ...

    def api_for(self, operation: str) -> str:
        """'rest' or 'graphql': the API that would serve ``operation`` (see :mod:`.routes`)."""
        ...

    def within(self, seconds: float) -> Backend:
        """This backend with each call's retries bounded to ``seconds`` (a wait's time left)."""
        ...

    def check_create(self, request: PodCreate) -> None:
        """Refuse, before anything is sent, a create the serving API cannot express."""
        ...

    # pods
    async def get_pod(self, pod_id: str) -> Pod | None: ...
    async def list_pods(self) -> list[Pod]: ...
    def pod_pages(self) -> AsyncIterator[list[Pod]]:
        """The pods a page at a time (one page where the API does not page)."""
        ...

    async def list_pod_states(self) -> list[PodState]: ...
    async def create_pod(self, request: PodCreate) -> Pod: ...
    async def stop_pod(self, pod_id: str) -> Pod: ...
    async def resume_pod(self, pod_id: str, gpu_count: int | None) -> Pod: ...
    async def bid_resume_pod(self, pod_id: str, bid_per_gpu: float, gpu_count: int) -> Pod: ...
    async def pod_is_spot(self, pod_id: str) -> bool | None:
        """Whether the pod is interruptible; None when this API cannot say (REST v2)."""
        ...

    async def restart_pod(self, pod_id: str) -> Pod: ...
    async def terminate_pod(self, pod_id: str) -> bool: ...
    async def edit_pod(self, pod_id: str, changes: PodChanges) -> Pod: ...
    def pod_logs(
        self,
        pod_id: str,
        *,
        follow: bool,
        tail: int | None,
        since: datetime | None,
        source: str | None,
        last_event_id: str | None,
    ) -> AsyncIterator[LogLine]: ...

    # catalogue
    async def list_gpu_types(self, query: GpuQuery) -> list[GpuType]: ...
    async def get_gpu_type(self, gpu_type_id: str, query: GpuQuery) -> GpuType | None: ...
    async def list_spot_gpu_types(self, query: GpuQuery) -> list[GpuType]: ...
    async def list_cpu_types(self) -> list[CpuType]: ...
    async def list_data_centers(self) -> list[DataCenter]: ...

    # templates, volumes, endpoints, registry, secrets, account, billing
    async def list_templates(self) -> list[Template]: ...
    async def get_template(self, template_id: str) -> Template | None: ...
    async def save_template(self, request: TemplateSave) -> Template: ...
    async def delete_template(self, template_id: str, name: str) -> bool: ...
    async def list_volumes(self) -> list[NetworkVolume]: ...
    async def get_volume(self, volume_id: str) -> NetworkVolume | None: ...
    async def create_volume(
        self, name: str, size_gb: int, data_center_id: str
    ) -> NetworkVolume: ...
    async def update_volume(
        self, volume_id: str, name: str | None, size_gb: int | None
    ) -> NetworkVolume: ...
    async def delete_volume(self, volume_id: str) -> bool: ...
    async def list_endpoints(self) -> list[Endpoint]: ...
    async def get_endpoint(self, endpoint_id: str) -> Endpoint | None: ...
    async def save_endpoint(self, request: EndpointSave) -> Endpoint: ...
    async def update_endpoint_template(self, endpoint_id: str, template_id: str) -> Endpoint: ...
    async def set_endpoint_workers(
        self, endpoint_id: str, workers_min: int | None, workers_max: int | None
    ) -> Endpoint: ...
    async def delete_endpoint(self, endpoint_id: str) -> bool: ...
    async def list_endpoint_workers(self, endpoint_id: str) -> list[EndpointWorker] | None: ...
    async def list_registry_auths(self) -> list[RegistryAuth]: ...
    async def create_registry_auth(
        self, name: str, username: str, password: str
    ) -> RegistryAuth: ...
    async def update_registry_auth(self, auth_id: str, username: str, password: str) -> None: ...
    async def delete_registry_auth(self, auth_id: str) -> bool: ...
    async def list_secrets(self) -> list[Secret]: ...
    async def create_secret(self, name: str, value: str, description: str | None) -> Secret: ...
    async def delete_secret(self, secret_id: str) -> bool: ...
    async def get_account(self) -> Account: ...
    async def get_ssh_keys(self) -> list[str]: ...
    async def set_ssh_keys(self, keys: Sequence[str]) -> list[str]: ...
    async def billing(self, query: BillingQuery) -> list[BillingRecord]: ...
