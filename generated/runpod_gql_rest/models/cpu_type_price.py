# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class CpuTypePrice(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    secure_per_vcpu: Annotated[float, Field(alias="securePerVcpu", examples=[0.04])]
    """
    Price for secure pods per vCPU. Multiply by the chosen vCPU
    count (within `vcpu.min`..`vcpu.max`) to get the total price.

    """
    serverless_per_vcpu: Annotated[float, Field(alias="serverlessPerVcpu", examples=[0.03])]
    """
    Price for serverless per vCPU. Multiply by the chosen vCPU
    count (within `vcpu.min`..`vcpu.max`) to get the total price.

    """
