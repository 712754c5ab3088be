# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from . import cloud as cloud_1
from . import (
    cpu_config,
    gpu_config,
    pod_action,
    pod_cluster,
    pod_global_networking,
    pod_runtime,
    pod_ssh,
    pod_status,
)
from . import mounts as mounts_1
from .container_config import ContainerConfig


class Pod(ContainerConfig):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["pod_abc123"])]
    name: Annotated[str, Field(examples=["my-training-pod"])]
    status: pod_status.PodStatus
    actions: list[pod_action.PodAction]
    """
    Valid state transitions for the current status.
    """
    mounts: mounts_1.Mounts
    gpu: gpu_config.GpuConfig | None = None
    """
    Present for GPU pods; omitted from CPU pods.
    """
    cpu: cpu_config.CpuConfig | None = None
    """
    Present for CPU pods; omitted from GPU pods.
    """
    cloud: cloud_1.Cloud
    data_center_id: Annotated[str | None, Field(alias="dataCenterId", examples=["US-TX-3"])]
    """
    Data center where the pod is running (assigned by scheduler)
    """
    cuda_version: Annotated[str | None, Field(alias="cudaVersion", examples=["12.8"])]
    """
    CUDA version reported by the host machine. Retained while the pod is stopped — a stopped pod keeps its machine assignment and resumes onto the same host. Null means unknown or not applicable (CPU pods, or a host that has not reported one), not that CUDA is absent.
    """
    ssh: pod_ssh.PodSsh
    """
    SSH connection details, via the Runpod proxy or directly to the pod's published `22/tcp` port.
    """
    cluster: pod_cluster.PodCluster | None = None
    """
    Cluster membership; omitted from a standalone pod. Member pods are managed through `/v2/clusters/{id}` — they are excluded from `GET /v2/pods` by default (pass `includeClusterPods=true` to include them) and cannot be modified or deleted via the pod endpoints.
    """
    template: Annotated[str | None, Field(examples=[None])]
    """
    ID of the template this pod was created from
    """
    cost: Annotated[float, Field(examples=[0.35])]
    """
    Current cost in USD per hour (0.0 when EXITED or TERMINATED)
    """
    locked: Annotated[bool, Field(examples=[False])]
    """
    Whether the pod is locked (prevents stopping or resetting)
    """
    global_networking: Annotated[
        pod_global_networking.PodGlobalNetworking, Field(alias="globalNetworking")
    ]
    runtime: pod_runtime.PodRuntime | None
    """
    Live utilization metrics. Null when the pod is not RUNNING.
    """
    created_at: Annotated[
        AwareDatetime, Field(alias="createdAt", examples=["2026-03-13T20:00:00Z"])
    ]
    started_at: Annotated[
        AwareDatetime | None, Field(alias="startedAt", examples=["2026-03-13T20:00:00Z"])
    ]
    image: Annotated[str, Field(examples=["runpod/pytorch:1.0.2-cu1281-torch280-ubuntu2404"])]
    """
    Docker image reference
    """
    args: Annotated[str, Field(examples=[""])]
    """
    Arguments passed to the container entrypoint
    """
    disk: Annotated[int, Field(examples=[50], ge=1)]
    """
    Container disk in GB (ephemeral, wiped on restart)
    """
    ports: Annotated[list[str], Field(examples=[["8888/http", "22/tcp"]])]
    """
    Exposed ports, formatted as port/protocol
    """
    env: Annotated[dict[str, str], Field(examples=[{"JUPYTER_PASSWORD": "hunter2"}])]
    """
    Environment variables as key-value pairs
    """
    registry: Annotated[str | None, Field(examples=[None])]
    """
    Container registry credential ID (for private images)
    """
