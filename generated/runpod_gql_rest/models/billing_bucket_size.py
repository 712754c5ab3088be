# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class BillingBucketSize(str, Enum):
    """
    Length of each billing time bucket.
    """

    BILLING_BUCKET_SIZE_HOUR = "hour"
    BILLING_BUCKET_SIZE_DAY = "day"
    BILLING_BUCKET_SIZE_WEEK = "week"
    BILLING_BUCKET_SIZE_MONTH = "month"
    BILLING_BUCKET_SIZE_YEAR = "year"
