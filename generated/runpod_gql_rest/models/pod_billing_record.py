# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .billing_time_range import BillingTimeRange
from .pod_billing_amounts import PodBillingAmounts


class PodBillingRecord(BillingTimeRange, PodBillingAmounts):
    """
    A single time-bucketed pod billing record, covering both GPU and CPU pods. Returned by GET /v2/billing/pods.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    pod_id: Annotated[str, Field(alias="podId", examples=["pod_abc123"])]
    """
    The pod this record bills. When the podId filter is set every record carries that id; otherwise one record is emitted per pod per bucket.

    """
