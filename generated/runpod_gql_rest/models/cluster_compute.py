# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class ClusterCompute(RestModel):
    """
    The homogeneous compute shape of a cluster. Every pod in the cluster is identical: `podCount` pods, each with `gpuCountPerPod` GPUs of type `gpuTypeId`. Total GPUs = `podCount` * `gpuCountPerPod`.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    gpu_type_id: Annotated[
        str, Field(alias="gpuTypeId", examples=["NVIDIA H100 80GB HBM3"], min_length=1)
    ]
    """
    GPU type for every pod in the cluster, as returned by GET /v2/catalog/gpus.
    """
    gpu_count_per_pod: Annotated[int, Field(alias="gpuCountPerPod", examples=[8], ge=1)]
    """
    Number of GPUs on each pod. Bounded above by the GPU type's per-cloud maximum (GpuType.maxCount); the upstream rejects values beyond it.
    """
    pod_count: Annotated[int, Field(alias="podCount", examples=[4], ge=2, le=250)]
    """
    Number of pods (nodes) in the cluster.
    """
