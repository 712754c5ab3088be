# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import serverless_billing_amounts, serverless_billing_query


class ServerlessBillingMetadata(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    query: serverless_billing_query.ServerlessBillingQuery
    record_count: Annotated[int, Field(alias="recordCount")]
    """
    Number of records returned (buckets times distinct endpoints).
    """
    unique_serverless_count: Annotated[int, Field(alias="uniqueServerlessCount")]
    """
    Number of distinct serverless endpoints the records span.
    """
    totals: serverless_billing_amounts.ServerlessBillingAmounts
