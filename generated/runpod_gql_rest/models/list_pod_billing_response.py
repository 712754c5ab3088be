# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import pod_billing_metadata, pod_billing_record


class ListPodBillingResponse(RestModel):
    """
    Billing records for pods.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    records: list[pod_billing_record.PodBillingRecord]
    metadata: pod_billing_metadata.PodBillingMetadata
