# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import cluster_billing_metadata, cluster_billing_record


class ListClusterBillingResponse(RestModel):
    """
    Time-bucketed Cluster billing records plus metadata for the resolved query, record count, distinct cluster count, and compute totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    records: list[cluster_billing_record.ClusterBillingRecord]
    metadata: cluster_billing_metadata.ClusterBillingMetadata
