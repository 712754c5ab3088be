# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class CpuTypeVcpu(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    min: Annotated[int, Field(examples=[2])]
    max: Annotated[int, Field(examples=[32])]
