# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import billing_amounts, billing_query


class BillingMetadata(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    query: billing_query.BillingQuery
    record_count: Annotated[int, Field(alias="recordCount")]
    """
    Number of records returned.
    """
    totals: billing_amounts.BillingAmounts
