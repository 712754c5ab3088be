# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .base_endpoint_gpu_config import BaseEndpointGpuConfig


class EndpointGpuConfig(BaseEndpointGpuConfig):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    allowed_cuda_versions: Annotated[list[str], Field(alias="allowedCudaVersions", examples=[[]])]
    """
    Acceptable CUDA versions for worker placement, as `major.minor`. Empty means any version.
    """
    min_cuda_version: Annotated[str | None, Field(alias="minCudaVersion", examples=[None])]
    """
    Lowest acceptable CUDA version for worker placement, as `major.minor`. Null means no floor.
    """
    pools: Annotated[list[str], Field(examples=[["ADA_24"]], min_length=1)]
    """
    Serverless GPU pool IDs (as returned by `GET /v2/catalog/gpus` in
    `pool`). Workers are placed on whichever listed pool has capacity.
    Narrow a pool down to specific cards with `excludedTypes`.

    """
