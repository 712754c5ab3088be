# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import availability_level


class DataCenterAvailability(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["US-CA-2"])]
    """
    Data center identifier.
    """
    name: Annotated[str, Field(examples=["US California 2"])]
    """
    Human-readable data center name.
    """
    availability: availability_level.AvailabilityLevel
