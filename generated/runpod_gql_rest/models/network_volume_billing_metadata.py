# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import network_volume_billing_amounts, network_volume_billing_query


class NetworkVolumeBillingMetadata(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    query: network_volume_billing_query.NetworkVolumeBillingQuery
    record_count: Annotated[int, Field(alias="recordCount")]
    """
    Number of records returned (buckets times distinct volumes).
    """
    unique_network_volume_count: Annotated[int, Field(alias="uniqueNetworkVolumeCount")]
    """
    Number of distinct network volumes the records span.
    """
    totals: network_volume_billing_amounts.NetworkVolumeBillingAmounts
