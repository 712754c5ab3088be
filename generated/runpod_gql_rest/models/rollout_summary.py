# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class RolloutSummary(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    in_progress: Annotated[bool, Field(alias="inProgress", examples=[True])]
    """
    True while any worker is still running an older version.
    """
    workers_on_latest: Annotated[int, Field(alias="workersOnLatest", examples=[2], ge=0)]
    """
    Workers running the endpoint's current version.
    """
    workers_total: Annotated[int, Field(alias="workersTotal", examples=[3], ge=0)]
    """
    All workers currently allocated to the endpoint.
    """
    percent_on_latest: Annotated[int, Field(alias="percentOnLatest", examples=[67], ge=0, le=100)]
    """
    Percentage of workers on the current version (0 when there are no workers).
    """
