# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import billing_bucket_size
from .billing_time_range import BillingTimeRange


class BillingQuery(BillingTimeRange):
    """
    Resolved query window and granularity (routes without a filter).
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    bucket_size: Annotated[billing_bucket_size.BillingBucketSize, Field(alias="bucketSize")]
