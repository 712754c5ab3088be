# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import billing_query, endpoint_billing_amounts


class EndpointBillingMetadata(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    query: billing_query.BillingQuery
    record_count: Annotated[int, Field(alias="recordCount")]
    totals: endpoint_billing_amounts.EndpointBillingAmounts
