# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class GpuConfig(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["NVIDIA GeForce RTX 4090"])]
    """
    GPU type identifier
    """
    count: Annotated[int | None, Field(examples=[1], ge=1)] = 1
    """
    Number of GPUs
    """
