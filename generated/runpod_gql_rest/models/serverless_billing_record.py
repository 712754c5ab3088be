# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .billing_time_range import BillingTimeRange
from .serverless_billing_amounts import ServerlessBillingAmounts


class ServerlessBillingRecord(BillingTimeRange, ServerlessBillingAmounts):
    """
    A single time-bucketed serverless billing record. Returned by GET /v2/billing/serverless.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    serverless_id: Annotated[str, Field(alias="serverlessId", examples=["ep_abc123"])]
    """
    The serverless endpoint this record bills. When the serverlessId filter is set every record carries that id; otherwise one record is emitted per serverless endpoint per bucket.

    """
