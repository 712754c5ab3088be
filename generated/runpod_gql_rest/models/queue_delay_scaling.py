# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class QueueDelayScaling(RestModel):
    """
    Scale on queue wait time. Queue-based endpoints only.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    type: Literal["QUEUE_DELAY"]
    """
    Scaler discriminator. Always `QUEUE_DELAY` for this variant.
    """
    queue_delay: Annotated[float, Field(alias="queueDelay", examples=[4], ge=0.5)]
    """
    Adjusts the number of workers based on how long requests wait in the queue.
    """
