# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .billing_time_range import BillingTimeRange
from .cluster_billing_amounts import ClusterBillingAmounts


class ClusterBillingRecord(BillingTimeRange, ClusterBillingAmounts):
    """
    A single time-bucketed cluster billing record; clusters are GPU-only (no CPU component). Returned by GET /v2/billing/clusters.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    cluster_id: Annotated[str, Field(alias="clusterId", examples=["cluster_abc123"])]
    """
    The cluster this record bills. When the clusterId filter is set every record carries that id; otherwise one record is emitted per cluster per bucket.

    """
