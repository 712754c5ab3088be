# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class NetworkVolumeBillingAmounts(RestModel):
    """
    Network volume storage cost, split into standard and high-performance. Backs a record's amounts and the metadata totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    total_amount: Annotated[float, Field(alias="totalAmount", examples=[5.79])]
    """
    Total network volume cost in USD for the bucket, across standard and high-performance storage.

    """
    standard_amount: Annotated[float, Field(alias="standardAmount")]
    """
    Standard storage cost in USD for the bucket.
    """
    high_performance_amount: Annotated[float, Field(alias="highPerformanceAmount")]
    """
    High-performance storage cost in USD for the bucket.
    """
