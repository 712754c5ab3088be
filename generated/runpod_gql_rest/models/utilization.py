# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class Utilization(RestModel):
    """
    Single-value utilization percentage (0–100). Shared by `cpu` and `memory`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    util: Annotated[int | None, Field(examples=[45])] = None
