# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import pod_gpu_utilization, pod_runtime_port, utilization


class PodRuntime(RestModel):
    """
    Live utilization metrics for a running pod.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    uptime: Annotated[int | None, Field(examples=[3600])] = None
    """
    Seconds since the container started
    """
    gpus: list[pod_gpu_utilization.PodGpuUtilization] | None = None
    cpu: utilization.Utilization | None = None
    memory: utilization.Utilization | None = None
    ports: list[pod_runtime_port.PodRuntimePort] | None = None
