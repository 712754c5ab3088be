# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from .billing_amounts import BillingAmounts
from .billing_time_range import BillingTimeRange


class BillingRecord(BillingTimeRange, BillingAmounts):
    """
    A single time-bucketed record of total spend across all billable Runpod resources, with each cost component broken out. Returned by GET /v2/billing.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
