# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class CreateDelegationRequest(RestModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    resource: Annotated[
        str, Field(examples=["arn:aws:ecr:us-east-2:418399314813:repository/runpod/deployment"])
    ]
    """
    ECR resource ARN
    """
    name: Annotated[str | None, Field(examples=["my-delegation"])] = None
    """
    Optional name for the delegation
    """
