# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import volume_type


class NetworkVolume(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["agv6w2qcg7"])]
    """
    Unique network volume identifier
    """
    name: Annotated[str, Field(examples=["my-dataset"])]
    """
    Human-readable name (not required to be unique)
    """
    size: Annotated[int, Field(examples=[50], ge=10, le=4096)]
    """
    Allocated storage in GB
    """
    data_center: Annotated[str, Field(alias="dataCenter", examples=["EU-RO-1"])]
    """
    Data center location; immutable after creation
    """
    type: volume_type.VolumeType
    """
    Storage tier of this volume. Set at creation and immutable.
    """
