# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from runpod_gql_rest._base import RestModel


class EcrDelegation(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["deleg_abc123"])]
    """
    Delegation identifier
    """
    name: Annotated[str | None, Field(examples=["my-delegation"])] = None
    """
    Optional name for the delegation
    """
    delegator_user_id: Annotated[str, Field(alias="delegatorUserId", examples=["user_xyz"])]
    """
    User ID that created the delegation
    """
    aws_user: Annotated[str, Field(alias="awsUser", examples=["123456789"])]
    """
    AWS user/role being delegated
    """
    repository: Annotated[str, Field(examples=["runpod/deployment"])]
    """
    ECR repository name
    """
    tag: Annotated[str, Field(examples=["latest"])]
    """
    ECR image tag
    """
    aws_region: Annotated[str, Field(alias="awsRegion", examples=["us-east-2"])]
    """
    AWS region
    """
    docker_registry_uri: Annotated[
        str | None,
        Field(alias="dockerRegistryUri", examples=["123456789.dkr.ecr.us-east-2.amazonaws.com"]),
    ] = None
    """
    Formatted ECR registry URI for Docker login
    """
    created_at: Annotated[
        AwareDatetime, Field(alias="createdAt", examples=["2026-03-13T20:00:00Z"])
    ]
    """
    When the delegation was created
    """
