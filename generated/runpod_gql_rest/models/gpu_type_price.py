# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class GpuTypePrice(RestModel):
    """
    List price in USD per hour for a **single** GPU of this type. Pod
    rates are quoted separately per cloud (`secure`, `community`);
    `serverless` is the rate for this GPU's pool. In every case the
    rate for a unit is the figure times `gpu.count`; the rate actually
    billed for a pod is reported as `cost` on the pod itself.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    secure: Annotated[float, Field(examples=[0.44])]
    community: Annotated[float, Field(examples=[0.31])]
    serverless: Annotated[float | None, Field(examples=[1.1])] = None
    """
    Serverless list price per GPU per hour, from the `pool` this GPU
    belongs to. Multiply by `gpu.count` for the per-worker rate.
    Absent when the GPU is not in a serverless pool available to the
    caller. Negotiated account discounts are not reflected.

    """
