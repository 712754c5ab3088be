# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class WorkerSummary(RestModel):
    """
    Histogram of the returned workers by status. The per-status counts are a
    roll-up of the `workers` array, so `running + idle + initializing +
    throttled + unhealthy == total == len(workers)`.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    running: Annotated[int, Field(examples=[2], ge=0)]
    """
    Workers actively processing a job.
    """
    idle: Annotated[int, Field(examples=[1], ge=0)]
    """
    Ready workers polling for jobs.
    """
    initializing: Annotated[int, Field(examples=[0], ge=0)]
    """
    Workers starting up, not yet ready.
    """
    throttled: Annotated[int, Field(examples=[0], ge=0)]
    """
    Workers waiting on compute capacity.
    """
    unhealthy: Annotated[int, Field(examples=[0], ge=0)]
    """
    Workers failing health checks.
    """
    total: Annotated[int, Field(examples=[3], ge=0)]
    """
    All workers currently allocated to the endpoint.
    """
