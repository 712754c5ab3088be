# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class CreateRegistryRequest(RestModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    name: Annotated[str, Field(examples=["my-private-registry"], min_length=1)]
    password: Annotated[str, Field(min_length=1)]
    """
    Registry password (write-only, not returned in responses)
    """
    username: Annotated[str, Field(min_length=1)]
    """
    Registry username (write-only, not returned in responses)
    """
