# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import volume_type


class CreateNetworkVolumeRequest(RestModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    data_center: Annotated[str, Field(alias="dataCenter", examples=["EU-RO-1"], min_length=1)]
    """
    Data center in which to create the volume
    """
    name: Annotated[str, Field(examples=["my-dataset"], min_length=1)]
    """
    Human-readable name
    """
    size: Annotated[int, Field(examples=[50], ge=10, le=4096)]
    """
    Storage to allocate in GB
    """
    type: volume_type.VolumeType | None = None
    """
    Storage tier for the volume. Optional. When omitted, the volume is
    provisioned using the requested data center's default (primary)
    storage tier. HIGH_PERFORMANCE provisions a high-performance (HPS)
    volume; STANDARD provisions a standard volume. A volume's tier is
    immutable after creation.

    """
