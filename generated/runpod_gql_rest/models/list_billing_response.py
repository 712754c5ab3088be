# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import billing_metadata, billing_record


class ListBillingResponse(RestModel):
    """
    Aggregated billing records across all Runpod resources.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    records: list[billing_record.BillingRecord]
    metadata: billing_metadata.BillingMetadata
