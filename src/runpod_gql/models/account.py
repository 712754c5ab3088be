"""Templates, network volumes, serverless endpoints, registry credentials, secrets, the account
and its spend history."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from ._base import Model


class Template(Model):
    """A saved container configuration pods and endpoints start from."""

    id: str
    name: str
    image: str | None = None
    args: str | None = None
    container_disk_gb: int | None = None
    volume_gb: int | None = None
    volume_mount_path: str | None = None
    ports: list[str] = Field(default_factory=list)
    env: dict[str, str] = Field(default_factory=dict)
    serverless: bool | None = None
    public: bool | None = None
    start_ssh: bool | None = None
    start_jupyter: bool | None = None
    registry_auth_id: str | None = None
    category: str | None = Field(default=None, description="REST v2 only: CPU, NVIDIA or AMD")
    allowed_cuda_versions: list[str] | None = Field(default=None, description="REST v2 only")
    readme: str | None = Field(default=None, description="GraphQL only (v2 has no readme)")

    @property
    def image_name(self) -> str | None:
        """Deprecated: use ``image``."""
        return self.image

    @property
    def is_serverless(self) -> bool | None:
        """Deprecated: use ``serverless``."""
        return self.serverless


class NetworkVolume(Model):
    """Storage in one data centre that pods there can mount."""

    id: str
    name: str | None = None
    size_gb: int | None = None
    data_center_id: str | None = None
    type: str | None = Field(default=None, description="REST v2 only: STANDARD, HIGH_PERFORMANCE")

    @property
    def size(self) -> int | None:
        """Deprecated: use ``size_gb``."""
        return self.size_gb


class Endpoint(Model):
    """A serverless endpoint: which GPUs its workers use and how it scales."""

    id: str
    name: str | None = None
    type: str | None = Field(default=None, description="QUEUE or LOAD_BALANCER")
    template_id: str | None = Field(default=None, description="GraphQL only")
    gpu_pools: list[str] = Field(default_factory=list, description="e.g. ['ADA_24']")
    excluded_gpu_types: list[str] = Field(default_factory=list)
    gpu_count: int | None = None
    workers_min: int | None = None
    workers_max: int | None = None
    idle_timeout: int | None = None
    scaler_type: str | None = Field(default=None, description="QUEUE_DELAY or REQUEST_COUNT")
    scaler_value: float | None = None
    data_center_ids: list[str] = Field(default_factory=list)
    network_volume_ids: list[str] = Field(default_factory=list)
    flashboot: str | None = Field(default=None, description="REST v2 only")
    timeout_ms: int | None = Field(default=None, description="REST v2 only")
    created_at: datetime | None = Field(default=None, description="REST v2 only")
    url: str | None = Field(
        default=None,
        description="REST v2 only: a LOAD_BALANCER endpoint's base URL (its workers' HTTP server)",
    )


class EndpointWorker(Model):
    """One worker of a serverless endpoint (REST v2 only: ``rp.endpoints.workers``)."""

    id: str
    status: str = Field(description="RUNNING, IDLE, INITIALIZING, THROTTLED or UNHEALTHY")
    stale: bool = Field(
        default=False, description="running an older configuration than the endpoint's"
    )
    version: int | None = Field(default=None, description="the configuration version it runs")
    gpu_count: int = 0
    gpu_type_id: str | None = Field(default=None, description="None until it is placed")
    data_center_id: str | None = Field(default=None, description="None until it is placed")
    image: str | None = None
    uptime_seconds: int | None = Field(default=None, description="None until it runs")
    started_at: datetime | None = None


class RegistryAuth(Model):
    """Credentials for a private container registry (the password is write-only)."""

    id: str
    name: str | None = None
    username: str | None = Field(default=None, description="GraphQL only")


class Secret(Model):
    """An account secret pods read as ``{{ RUNPOD_SECRET_<name> }}`` (its value is write-only)."""

    id: str
    name: str
    description: str | None = None
    created_at: datetime | None = None
    last_updated_at: datetime | None = None


class Account(Model):
    """The account: balance and spend (GraphQL only) and SSH keys."""

    id: str | None = None
    email: str | None = None
    balance: float | None = Field(default=None, description="GraphQL only (USD)")
    current_spend_per_hr: float | None = Field(default=None, description="GraphQL only")
    lifetime_spend: float | None = Field(default=None, description="GraphQL only")
    spend_limit: float | None = Field(default=None, description="GraphQL only")
    under_balance: bool | None = Field(default=None, description="GraphQL only")
    ssh_keys: list[str] = Field(default_factory=list)

    @property
    def client_balance(self) -> float | None:
        """Deprecated: use ``balance``."""
        return self.balance


class BillingRecord(Model):
    """Spend in one time bucket (REST v2 only), for the account or one pod, endpoint or volume.

    ``resource_id`` is the pod, endpoint or volume the record is for (None for account totals);
    ``amounts`` breaks ``total`` down as the API does (``gpu``, ``cpu``, ``disk``, ...), in USD.
    """

    start: datetime
    end: datetime
    total: float
    resource_id: str | None = None
    amounts: dict[str, float] = Field(default_factory=dict)
