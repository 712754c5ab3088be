"""The emulated account's records: one per pod, template, volume, endpoint, registry credential,
secret and log line, with snake_case attributes and no knowledge of any API's wire shape.

The GraphQL views (``_gql_views``) and the REST v2 views (``_rest_views``) render these; the job
service reads endpoint records. Create requests arrive as :class:`PodCreate`, which both APIs
translate their bodies into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ClusterRecord",
    "DelegationRecord",
    "EndpointRecord",
    "LogLine",
    "PodCreate",
    "PodRecord",
    "RegistryRecord",
    "SecretRecord",
    "TemplateRecord",
    "VolumeRecord",
    "env_list",
    "env_map",
]

LogSource = Literal["container", "system"]


def env_map(env: list[str]) -> dict[str, str]:
    """``["K=v"]`` -> ``{"K": "v"}`` (the first ``=`` splits)."""
    out: dict[str, str] = {}
    for item in env:
        key, _, value = item.partition("=")
        out[key] = value
    return out


def env_list(env: dict[str, str]) -> list[str]:
    return [f"{k}={v}" for k, v in env.items()]


@dataclass
class PodCreate:
    """What a create asks for, whichever API it came through. ``None`` = not given (a template's
    value, then the emulator's default, applies)."""

    name: str | None = None
    image: str | None = None
    gpu_type_ids: list[str] = field(default_factory=list)  # empty: a CPU pod (see cpu_flavor)
    gpu_count: int = 1
    cloud: str = "ALL"  # SECURE, COMMUNITY or ALL
    data_center_ids: list[str] = field(default_factory=list)  # empty: any
    country_codes: list[str] = field(default_factory=list)
    container_disk_gb: int | None = None
    volume_gb: int | None = None
    volume_mount_path: str | None = None
    network_volume_id: str | None = None
    ports: str | None = None  # "22/tcp,8888/http"
    env: dict[str, str] | None = None
    docker_args: str | None = None
    template_id: str | None = None
    start_ssh: bool | None = None
    min_vcpu: int | None = None
    min_memory_gb: int | None = None
    registry_id: str | None = None
    spot: bool = False
    bid_per_gpu: float | None = None
    deploy_cost: float | None = None  # price ceiling for the whole pod, per hour
    cpu_flavor_id: str | None = None
    vcpu_count: int | None = None
    memory_gb: int | None = None
    global_networking: bool = False
    cuda_versions: list[str] = field(default_factory=list)  # allowed CUDA versions (empty: any)
    min_cuda_version: str | None = None


@dataclass
class PodRecord:
    """One pod. ``desired_status`` is the stored status (CREATED, RUNNING, EXITED); it advances
    with emulated time. ``error`` is set when the pod failed (REST status ERROR)."""

    id: str
    name: str
    image_name: str
    desired_status: str
    pod_type: str  # RESERVED (on demand) or INTERRUPTABLE (spot)
    gpu_type_id: str | None  # None for CPU pods
    gpu_count: int
    data_center_id: str
    secure_cloud: bool
    cost_per_hr: float
    bid_per_gpu: float | None
    env: list[str]  # "KEY=value"
    ports: str | None
    docker_args: str
    container_disk_in_gb: int
    volume_in_gb: int
    volume_mount_path: str
    vcpu_count: float
    memory_in_gb: float
    template_id: str | None
    network_volume_id: str | None
    machine_id: str
    pod_host_id: str
    created_at: float
    started_at: float  # emulated time of the last (re)start
    last_status_change: str
    ssh_public_port: int
    private_ip: str
    cpu_flavor_id: str | None = None
    container_registry_auth_id: str | None = None
    start_ssh: bool = True
    holds_gpus: bool = True  # whether its GPUs are taken out of the data centre's stock
    error: str | None = None
    booted: bool = False  # the boot lines of the current start were logged
    locked: bool = False
    global_networking: bool = False
    cuda_version: str = "12.8"
    cluster_id: str | None = None


@dataclass
class TemplateRecord:
    """A pod or serverless template. ``extra`` keeps GraphQL-only fields as they were sent."""

    id: str
    name: str
    image: str = ""
    docker_args: str = ""
    container_disk_gb: int = 10
    volume_gb: int = 0
    volume_mount_path: str = "/workspace"
    ports: str = ""
    env: dict[str, str] = field(default_factory=dict)
    registry_id: str | None = None
    serverless: bool = False
    public: bool = False
    is_runpod: bool = False
    category: str = "NVIDIA"
    start_ssh: bool = True
    start_jupyter: bool = False
    readme: str = ""
    allowed_cuda_versions: list[str] = field(default_factory=list)
    user_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0  # RunPod's own templates: before any of the account's


@dataclass
class VolumeRecord:
    id: str
    name: str
    size: int  # GB
    data_center_id: str
    type: str = "STANDARD"


@dataclass(frozen=True)
class WorkerInfo:
    """One serverless worker as the REST views show it (the job service owns the workers)."""

    id: str
    state: Literal["initializing", "idle", "running"]
    started_at: float  # emulated time it was started
    ready_at: float  # emulated time its cold start ended (or ends)


@dataclass
class EndpointRecord:
    """A serverless endpoint in v2 terms; GraphQL's ``gpuIds``/``locations`` strings and scaler
    fields are views of these."""

    id: str
    name: str
    created_at: float
    type: str = "QUEUE"  # QUEUE or LOAD_BALANCER
    template_id: str | None = None
    image: str = ""
    docker_args: str = ""
    container_disk_gb: int = 10
    ports: str = ""
    env: dict[str, str] = field(default_factory=dict)
    registry_id: str | None = None
    gpu_pools: list[str] = field(default_factory=list)  # empty with cpu set: a CPU endpoint
    excluded_gpu_types: list[str] = field(default_factory=list)
    gpu_count: int = 1
    allowed_cuda_versions: list[str] = field(default_factory=list)
    min_cuda_version: str | None = None
    cpu: list[dict[str, Any]] = field(default_factory=list)  # [{id, vcpuCount}]
    workers_min: int = 0
    workers_max: int = 3
    idle_timeout: int = 5
    scaler_type: str = "QUEUE_DELAY"  # or REQUEST_COUNT
    scaler_value: float = 4
    data_center_ids: list[str] = field(default_factory=list)
    network_volume_ids: list[str] = field(default_factory=list)
    timeout_ms: int = 0
    flashboot: str = "OFF"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RegistryRecord:
    id: str
    name: str
    username: str
    password: str  # never served by any view

    def __repr__(self) -> str:  # never the password
        return f"RegistryRecord(id={self.id!r}, name={self.name!r}, username={self.username!r})"


@dataclass
class SecretRecord:
    id: str
    name: str
    value: str  # never served
    description: str | None
    created_at: float
    updated_at: float

    def __repr__(self) -> str:
        return f"SecretRecord(id={self.id!r}, name={self.name!r})"


@dataclass
class DelegationRecord:
    """An ECR pull delegation: RunPod may pull from the AWS repository named by ``resource``."""

    id: str
    name: str | None
    aws_region: str
    aws_account: str
    repository: str
    tag: str
    created_at: float


@dataclass
class ClusterRecord:
    """An instant cluster: ``pod_ids`` are its member pods, rank by position."""

    id: str
    name: str
    type: str
    gpu_type_id: str
    gpu_count_per_pod: int
    data_center_id: str
    pod_ids: list[str]
    created_at: float


@dataclass(frozen=True)
class LogLine:
    """One line of a pod's log; ``seq`` is unique and increasing across the account."""

    ts: float
    seq: int
    source: LogSource
    line: str
