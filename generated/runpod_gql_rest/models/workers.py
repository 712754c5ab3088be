# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .endpoint_workers import EndpointWorkers


class Workers(EndpointWorkers):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    min: Annotated[int | None, Field(examples=[0], ge=0)] = 0
    """
    Minimum number of workers.
    """
    max: Annotated[int | None, Field(examples=[5], ge=0)] = 3
    """
    Maximum number of workers.
    """
    idle_timeout: Annotated[int | None, Field(alias="idleTimeout", examples=[5], ge=1, le=3600)] = (
        10
    )
    """
    Seconds before idle workers scale down. Not applicable to queue-based
    endpoints scaling on `requestCount` — rejected on create/update and
    omitted from responses for that combination.

    """
