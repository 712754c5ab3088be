# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import availability_level


class CatalogResourceAvailability(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["NVIDIA GeForce RTX 4090"])]
    """
    Catalog resource identifier.
    """
    name: Annotated[str, Field(examples=["RTX 4090"])]
    """
    Human-readable catalog resource name.
    """
    availability: availability_level.AvailabilityLevel
