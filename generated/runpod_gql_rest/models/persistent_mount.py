# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class PersistentMount(RestModel):
    """
    Host-local persistent storage. Pinned to the pod's host machine — data
    does not survive a host failure. Disallowed on CPU pods. Mutually
    exclusive with NetworkMount. Deprecated: prefer NetworkMount for any
    data you cannot recreate.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    size: Annotated[int, Field(examples=[20], ge=10)]
    """
    Host-local persistent storage in GB. Upstream enforces a 10 GB floor.
    """
    path: Annotated[str, Field(examples=["/workspace"])]
    """
    Mount path inside the container. May be changed via PATCH.
    """
