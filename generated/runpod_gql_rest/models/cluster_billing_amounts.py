# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class ClusterBillingAmounts(RestModel):
    """
    Cluster cost components (GPU-only, no CPU). Backs a record's amounts and the metadata totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    total_amount: Annotated[float, Field(alias="totalAmount", examples=[99.0])]
    """
    Total Instant Cluster cost in USD for the bucket.
    """
    gpu_amount: Annotated[float, Field(alias="gpuAmount")]
    """
    Cluster GPU compute cost in USD for the bucket.
    """
    disk_amount: Annotated[float, Field(alias="diskAmount")]
    """
    Cluster disk cost in USD for the bucket.
    """
    networking_amount: Annotated[float, Field(alias="networkingAmount")]
    """
    Cluster inter-node networking cost in USD for the bucket.
    """
