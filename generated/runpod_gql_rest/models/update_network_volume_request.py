# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class UpdateNetworkVolumeRequest(RestModel):
    """
    Only the provided fields are updated. At least one field must be
    present; an empty body is rejected.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    name: Annotated[str | None, Field(examples=["renamed-volume"], min_length=1)] = None
    """
    New human-readable name
    """
    size: Annotated[int | None, Field(examples=[100], ge=10, le=4096)] = None
    """
    New size in GB. Must be greater than or equal to the current size —
    network volume storage cannot be reduced.

    """
