# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class GpuTypeMaxCount(RestModel):
    """
    The largest number of GPUs you can request on a single pod of this
    type, quoted separately per cloud. A pod runs on one machine, so
    this is the GPU count of the largest machine of this type Runpod
    operates in that cloud.

    This is a ceiling, not a stock level — it does not mean that many
    GPUs are free right now. For current availability, request
    `include=AVAILABILITY&product=POD` and read `availability`
    (overall) or `dataCenters` (per data center).

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    secure: Annotated[int, Field(examples=[8])]
    community: Annotated[int, Field(examples=[4])]
