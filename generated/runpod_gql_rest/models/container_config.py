# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .base_container_config import BaseContainerConfig


class ContainerConfig(BaseContainerConfig):
    """
    Reusable container configuration shared across templates, pods, and serverless endpoints. Adding a field here automatically propagates to all three resources.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    registry: Annotated[str | None, Field(examples=[None])] = None
    """
    Container registry credential ID (for private images)
    """
