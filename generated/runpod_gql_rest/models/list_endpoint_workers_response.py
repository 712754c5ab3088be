# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import worker, worker_summary


class ListEndpointWorkersResponse(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    workers: list[worker.Worker]
    summary: worker_summary.WorkerSummary
    endpoint_version: Annotated[int | None, Field(alias="endpointVersion", examples=[4])] = None
    """
    The endpoint's current configuration version. A worker whose
    `version` differs is running stale config (see `worker.isStale`).
    Null if unknown.

    """
