# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import endpoint_billing_metadata, endpoint_billing_record


class ListEndpointBillingResponse(RestModel):
    """
    Time-bucketed Runpod public endpoint billing records plus metadata for the resolved query, record count, and total endpoint amount.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    records: list[endpoint_billing_record.EndpointBillingRecord]
    metadata: endpoint_billing_metadata.EndpointBillingMetadata
