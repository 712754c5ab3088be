"""A pod as users see it, whichever RunPod API reported it.

Status is the **observed** state (REST v2's ``status``); GraphQL reports only the state asked for
(``desiredStatus``), from which the observed one is derived (see :func:`PodStatus`).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Literal

from pydantic import Field

from ._base import Model

Cloud = Literal["SECURE", "COMMUNITY"]


class PodStatus(str, Enum):
    """What a pod is doing now (REST v2's observed status).

    ``PROVISIONING`` (being placed, image pulling) -> ``STARTING`` (container starting) ->
    ``RUNNING``; ``EXITED`` (stopped: no compute billed, disk kept), ``ERROR`` (failed: it will
    not recover on its own), ``TERMINATED`` (deleted). On GraphQL it is derived from the desired
    status and the runtime: desired ``RUNNING`` without a runtime is ``STARTING``, with one
    ``RUNNING``; ``CREATED`` is ``PROVISIONING``; ``DEAD`` is ``ERROR``; ``PAUSED`` is ``EXITED``.
    """

    PROVISIONING = "PROVISIONING"
    STARTING = "STARTING"
    RUNNING = "RUNNING"
    EXITED = "EXITED"
    ERROR = "ERROR"
    TERMINATED = "TERMINATED"


class DesiredStatus(str, Enum):
    """The state GraphQL says was asked for (``desiredStatus``). REST v2 does not report it."""

    CREATED = "CREATED"
    RUNNING = "RUNNING"
    RESTARTING = "RESTARTING"
    EXITED = "EXITED"
    PAUSED = "PAUSED"
    DEAD = "DEAD"
    TERMINATED = "TERMINATED"


class PortMapping(Model):
    """A container port published on the host: ``ip:public_port`` reaches ``private_port``."""

    private_port: int
    public_port: int | None = None
    ip: str | None = None
    is_ip_public: bool | None = None
    type: str | None = Field(default=None, description="'tcp' or 'http'")


class GpuUtilization(Model):
    """One GPU's load in percent."""

    gpu_id: str | None = Field(default=None, description="GraphQL only; None on REST v2")
    util: float | None = None
    memory_util: float | None = None


class PodRuntime(Model):
    """Live figures of a pod whose container is up (None otherwise)."""

    uptime_seconds: int | None = None
    ports: list[PortMapping] = Field(default_factory=list)
    gpus: list[GpuUtilization] = Field(default_factory=list)
    cpu_util: float | None = None
    memory_util: float | None = None


class SSHConnection(Model):
    """Where to ``ssh``: ``ssh -p port username@host``."""

    host: str
    port: int
    username: str = "root"
    command: str | None = Field(default=None, description="the ssh command RunPod suggests")


class PodState(Model):
    """What a wait needs of a pod: status, cost, runtime and SSH addresses.

    :class:`Pod` is a PodState with everything else; lists of states come in one request.
    """

    id: str
    name: str
    status: PodStatus
    desired_status: DesiredStatus | None = Field(
        default=None, description="GraphQL only: the state asked for; None on REST v2"
    )
    pod_type: str | None = Field(
        default=None, description="GraphQL only: ON_DEMAND, INTERRUPTABLE (spot), BID..."
    )
    cost_per_hr: float = Field(description="USD per hour billed now (0 when stopped on REST v2)")
    runtime: PodRuntime | None = None
    ssh: SSHConnection | None = Field(
        default=None,
        description="direct SSH over the published 22/tcp mapping; None until it is published",
    )
    ssh_proxy: SSHConnection | None = Field(
        default=None,
        description="RunPod's SSH proxy (shell only: no scp/sftp); None until placed",
    )
    last_status_change: str | None = Field(default=None, description="GraphQL only")

    @property
    def is_spot(self) -> bool:
        """Whether the pod is interruptible (spot). Known on GraphQL only: False on REST v2."""
        return self.pod_type in ("INTERRUPTABLE", "BID")


class Pod(PodState):
    """A pod: what was asked for (image, GPUs, disk, env, ports) and where it runs."""

    image: str
    args: str | None = Field(default=None, description="arguments the container starts with")
    gpu_type_id: str | None = Field(default=None, description="None for CPU pods")
    gpu_count: int = Field(default=0, description="0 for CPU pods")
    cpu_flavor_id: str | None = Field(default=None, description="CPU pods on REST v2 only")
    vcpu_count: float | None = None
    memory_gb: float | None = None
    container_disk_gb: int | None = None
    volume_gb: int | None = Field(default=None, description="the pod's persistent volume, if any")
    volume_mount_path: str | None = None
    network_volume_id: str | None = None
    env: dict[str, str] = Field(default_factory=dict)
    ports: list[str] = Field(default_factory=list, description="as asked for: '22/tcp', ...")
    cloud: Cloud | None = Field(default=None, description="REST v2 only")
    data_center_id: str | None = None
    template_id: str | None = None
    registry_auth_id: str | None = Field(default=None, description="REST v2 only")
    cuda_version: str | None = Field(default=None, description="REST v2 only")
    actions: list[str] | None = Field(
        default=None, description="REST v2 only: actions allowed now (start, stop, ...)"
    )
    locked: bool | None = Field(default=None, description="REST v2 only")
    machine_id: str | None = Field(default=None, description="GraphQL only")
    created_at: datetime | None = Field(default=None, description="REST v2 only")
    started_at: datetime | None = None

    # Names the GraphQL-only models used; kept so existing code reads on.
    @property
    def image_name(self) -> str:
        """Deprecated: use ``image``."""
        return self.image

    @property
    def docker_args(self) -> str | None:
        """Deprecated: use ``args``."""
        return self.args

    @property
    def container_disk_in_gb(self) -> int | None:
        """Deprecated: use ``container_disk_gb``."""
        return self.container_disk_gb

    @property
    def volume_in_gb(self) -> int | None:
        """Deprecated: use ``volume_gb``."""
        return self.volume_gb

    @property
    def uptime_seconds(self) -> int | None:
        """Seconds the container has been up, when it is."""
        return self.runtime.uptime_seconds if self.runtime else None


class LogLine(Model):
    """One line of a pod's log (REST v2 only), with the event id a resumed stream continues after."""

    id: str = Field(description="'<timestamp>/<sequence>': the stream's resume point")
    ts: datetime
    source: Literal["container", "system"] | str
    line: str
