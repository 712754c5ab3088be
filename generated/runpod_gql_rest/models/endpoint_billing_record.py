# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from .billing_time_range import BillingTimeRange
from .endpoint_billing_amounts import EndpointBillingAmounts


class EndpointBillingRecord(BillingTimeRange, EndpointBillingAmounts):
    """
    A single time-bucketed Runpod public endpoint billing record. Returned by GET /v2/billing/endpoints.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
