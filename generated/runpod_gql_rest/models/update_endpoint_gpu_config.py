# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import allowed_cuda_version2
from .base_endpoint_gpu_config import BaseEndpointGpuConfig


class UpdateEndpointGpuConfig(BaseEndpointGpuConfig):
    """
    Partial GPU update — every field is optional and an omitted one is left
    unchanged. Unlike create, `pools` is optional, so changing only a CUDA
    constraint does not require resending the pool list.

    `excludedTypes` requires `pools`, because the two are one selection and
    only a supplied `pools` replaces it — an exclusion on its own would
    otherwise be silently dropped.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    allowed_cuda_versions: Annotated[
        list[allowed_cuda_version2.AllowedCudaVersion] | None, Field(alias="allowedCudaVersions")
    ] = None
    """
    Acceptable CUDA versions for worker placement, as
    `major.minor`. An explicit `[]` clears the constraint;
    omitting the field leaves it unchanged. Takes effect as
    workers are replaced.

    A non-empty set is mutually exclusive with minCudaVersion (400
    if both are sent). An explicit `[]` states no constraint, so it
    may accompany a floor.
    Setting one does not clear the other — clear it explicitly in
    the same patch if the endpoint already carries it.

    """
    min_cuda_version: Annotated[
        str | None, Field(alias="minCudaVersion", examples=["12.1"], pattern="^$|^\\d+\\.\\d+$")
    ] = None
    """
    Lowest acceptable CUDA version for worker placement, as
    `major.minor`. An explicit `""` clears the floor; omitting the
    field leaves it unchanged. Takes effect as workers are
    replaced.

    Mutually exclusive with a non-empty allowedCudaVersions (400 if
    both are sent); an explicit `[]` there states no constraint and
    may accompany this floor.

    """
