# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class PodBillingAmounts(RestModel):
    """
    Pod cost components covering both GPU and CPU pods. Backs a record's amounts and the metadata totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    total_amount: Annotated[float, Field(alias="totalAmount", examples=[12.34])]
    """
    Total pod cost in USD for the bucket.
    """
    gpu_amount: Annotated[float, Field(alias="gpuAmount")]
    """
    GPU pod compute cost in USD for the bucket.
    """
    cpu_amount: Annotated[float, Field(alias="cpuAmount")]
    """
    CPU pod compute cost in USD for the bucket.
    """
    disk_amount: Annotated[float, Field(alias="diskAmount")]
    """
    Pod disk cost in USD for the bucket.
    """
