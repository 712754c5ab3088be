# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class EndpointBillingAmounts(RestModel):
    """
    Runpod public endpoint cost. Backs a record's amounts and the metadata totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    total_amount: Annotated[float, Field(alias="totalAmount", examples=[3.21])]
    """
    Total public endpoint cost in USD for the bucket.
    """
