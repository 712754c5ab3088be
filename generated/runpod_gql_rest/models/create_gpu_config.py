# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import allowed_cuda_version
from .gpu_config import GpuConfig


class CreateGpuConfig(GpuConfig):
    """
    GPU request for a pod create. Carries the CUDA host constraints, which
    live here rather than at the body's top level so they are
    unrepresentable on a CPU pod.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    allowed_cuda_versions: Annotated[
        list[allowed_cuda_version.AllowedCudaVersion] | None,
        Field(alias="allowedCudaVersions", examples=[["12.8", "12.6"]]),
    ] = None
    """
    Acceptable CUDA versions for the host machine, as `major.minor`.
    Omit to accept any version. Matching is exact, so a version no
    machine reports yields a capacity error rather than a fallback —
    discover valid values per GPU type via
    `GET /v2/catalog/gpus?include=AVAILABILITY&product=POD`
    (`cudaVersions`).

    A non-empty set is mutually exclusive with minCudaVersion (400
    if both are sent). An explicit `[]` states no constraint, so it
    may accompany a floor.

    """
    min_cuda_version: Annotated[
        str | None, Field(alias="minCudaVersion", examples=["12.1"], pattern="^\\d+\\.\\d+$")
    ] = None
    """
    Lowest acceptable CUDA version for the host machine, as
    `major.minor`, compared numerically rather than as a decimal —
    so 12.11 is above 12.2. Use this for an open-ended floor and
    allowedCudaVersions for an exact set.

    Mutually exclusive with a non-empty allowedCudaVersions (400 if
    both are sent); an explicit `[]` there states no constraint and
    may accompany this floor.

    """
