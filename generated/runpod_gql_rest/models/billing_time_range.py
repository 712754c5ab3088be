# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from runpod_gql_rest._base import RestModel


class BillingTimeRange(RestModel):
    """
    Half-open time range [startTime, endTime) in RFC 3339. On a record it is the time bucket; on a query echo it is the resolved window.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    start_time: Annotated[
        AwareDatetime, Field(alias="startTime", examples=["2026-06-01T00:00:00Z"])
    ]
    """
    Start of the range, inclusive (RFC 3339).
    """
    end_time: Annotated[AwareDatetime, Field(alias="endTime", examples=["2026-06-02T00:00:00Z"])]
    """
    End of the range, exclusive (RFC 3339).
    """
