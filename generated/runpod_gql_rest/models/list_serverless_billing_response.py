# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import serverless_billing_metadata, serverless_billing_record


class ListServerlessBillingResponse(RestModel):
    """
    Billing records for serverless.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    records: list[serverless_billing_record.ServerlessBillingRecord]
    metadata: serverless_billing_metadata.ServerlessBillingMetadata
