# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class BaseContainerConfig(RestModel):
    """
    Container configuration universal to every containerized resource. Compose ContainerConfig instead unless the resource cannot support private registries (clusters, until the upstream input accepts a registry credential).

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    args: Annotated[str | None, Field(examples=[""])] = None
    """
    Arguments passed to the container entrypoint
    """
    disk: Annotated[int | None, Field(examples=[50], ge=1)] = None
    """
    Container disk in GB (ephemeral, wiped on restart)
    """
    env: Annotated[dict[str, str] | None, Field(examples=[{"JUPYTER_PASSWORD": "hunter2"}])] = None
    """
    Environment variables as key-value pairs
    """
    image: Annotated[
        str | None, Field(examples=["runpod/pytorch:1.0.2-cu1281-torch280-ubuntu2404"])
    ] = None
    """
    Docker image reference
    """
    ports: Annotated[list[str] | None, Field(examples=[["8888/http", "22/tcp"]])] = None
    """
    Exposed ports, formatted as port/protocol
    """
