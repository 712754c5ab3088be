# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class CudaVersionAvailability(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    version: Annotated[str, Field(examples=["12.8"], pattern="^\\d+\\.\\d+$")]
    """
    CUDA version as `major.minor`, suitable for `gpu.allowedCudaVersions` on pod create.
    """
    available: Annotated[bool, Field(examples=[True])]
    """
    True when at least one machine on this CUDA version has free capacity now. False means the version is offered for this GPU type but is currently full, so a pod constrained to it will fail on capacity.
    """
