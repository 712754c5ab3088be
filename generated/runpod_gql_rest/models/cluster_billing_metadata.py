# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import cluster_billing_amounts, cluster_billing_query


class ClusterBillingMetadata(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    query: cluster_billing_query.ClusterBillingQuery
    record_count: Annotated[int, Field(alias="recordCount")]
    """
    Number of records returned (buckets times distinct clusters).
    """
    unique_cluster_count: Annotated[int, Field(alias="uniqueClusterCount")]
    """
    Number of distinct clusters the records span.
    """
    totals: cluster_billing_amounts.ClusterBillingAmounts
