# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import pod_billing_amounts, pod_billing_query


class PodBillingMetadata(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    query: pod_billing_query.PodBillingQuery
    record_count: Annotated[int, Field(alias="recordCount")]
    """
    Number of records returned (buckets times distinct pods).
    """
    unique_pod_count: Annotated[int, Field(alias="uniquePodCount")]
    """
    Number of distinct pods the records span.
    """
    totals: pod_billing_amounts.PodBillingAmounts
