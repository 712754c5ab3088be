# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import network_volume_billing_metadata, network_volume_billing_record


class ListNetworkVolumeBillingResponse(RestModel):
    """
    Time-bucketed network volume billing records plus metadata for the resolved query, record count, distinct volume count, and storage totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    records: list[network_volume_billing_record.NetworkVolumeBillingRecord]
    metadata: network_volume_billing_metadata.NetworkVolumeBillingMetadata
