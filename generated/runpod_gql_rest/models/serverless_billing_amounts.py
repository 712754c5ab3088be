# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class ServerlessBillingAmounts(RestModel):
    """
    Serverless cost components. Backs a record's amounts and the metadata totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    total_amount: Annotated[float, Field(alias="totalAmount", examples=[8.9])]
    """
    Total serverless cost in USD for the bucket.
    """
    gpu_amount: Annotated[float, Field(alias="gpuAmount")]
    """
    Serverless GPU compute cost in USD for the bucket.
    """
    cpu_amount: Annotated[float, Field(alias="cpuAmount")]
    """
    Serverless CPU compute cost in USD for the bucket.
    """
    disk_amount: Annotated[float, Field(alias="diskAmount")]
    """
    Serverless disk cost in USD for the bucket.
    """
    fee_amount: Annotated[float, Field(alias="feeAmount")]
    """
    Serverless platform fee in USD for the bucket.
    """
