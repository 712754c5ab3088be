# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .billing_time_range import BillingTimeRange
from .network_volume_billing_amounts import NetworkVolumeBillingAmounts


class NetworkVolumeBillingRecord(BillingTimeRange, NetworkVolumeBillingAmounts):
    """
    A single time-bucketed network volume billing record, split into standard and high-performance storage. Returned by GET /v2/billing/network-volumes.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    network_volume_id: Annotated[str, Field(alias="networkVolumeId", examples=["vol_abc123"])]
    """
    The network volume this record bills. When the networkVolumeId filter is set every record carries that id; otherwise one record is emitted per network volume per bucket.

    """
