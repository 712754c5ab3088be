# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class RequestCountScaling(RestModel):
    """
    Scale on concurrent in-flight requests per worker. Required for
    load-balancing endpoints; also selectable for queue-based.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    type: Literal["REQUEST_COUNT"]
    """
    Scaler discriminator. Always `REQUEST_COUNT` for this variant.
    """
    request_count: Annotated[int, Field(alias="requestCount", examples=[4], ge=1)]
    """
    Adjusts the number of workers based on active in-flight requests.
    """
