# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class BaseCpuConfig(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["cpu5c"], min_length=1)]
    """
    CPU flavor identifier, as returned by GET /v2/catalog/cpus.
    """
    vcpu_count: Annotated[int, Field(alias="vcpuCount", examples=[4], ge=2)]
    """
    Number of vCPUs. Must be valid for the selected CPU flavor and must be a power of two.
    """
