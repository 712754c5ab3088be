# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class PodGpuUtilization(RestModel):
    """
    Per-GPU utilization metrics.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    util: Annotated[int | None, Field(examples=[94])] = None
    memory_util: Annotated[int | None, Field(alias="memoryUtil", examples=[78])] = None
