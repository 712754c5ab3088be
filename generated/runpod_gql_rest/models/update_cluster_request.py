# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class UpdateClusterRequest(RestModel):
    """
    Request body for updating a cluster. Only the cluster name can be
    changed — this endpoint is a rename. Compute shape, type, and container
    configuration are fixed at creation.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    name: Annotated[str | None, Field(examples=["renamed-cluster"], min_length=1)] = None
