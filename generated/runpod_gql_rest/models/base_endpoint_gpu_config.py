# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import base_endpoint_gpu_config_excluded_type


class BaseEndpointGpuConfig(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    pools: Annotated[list[str] | None, Field(examples=[["ADA_24"]], min_length=1)] = None
    """
    Serverless GPU pool IDs (as returned by `GET /v2/catalog/gpus` in
    `pool`). Workers are placed on whichever listed pool has capacity.
    Narrow a pool down to specific cards with `excludedTypes`.

    """
    excluded_types: Annotated[
        list[base_endpoint_gpu_config_excluded_type.BaseEndpointGpuConfigExcludedType] | None,
        Field(alias="excludedTypes", examples=[["NVIDIA L40"]]),
    ] = None
    """
    GPU **type** IDs to subtract from the selected pools — the `id`
    field of `GET /v2/catalog/gpus`, the same identifiers pods take in
    `gpu.id`. Workers run on every type in `pools` except these. Omit to
    use the whole pool.

    Pools stay the unit of selection; types are the unit of
    subtraction. There is no inclusive allowlist: a card later added to
    one of your pools becomes eligible, which is the honest reading of
    "this pool, minus these".

    Tied to `pools`, because the two together are one selection:
    supplying `pools` replaces that selection wholesale, so a `PATCH`
    sending `pools` **without `excludedTypes`** **clears** them —
    restate them to keep them. A `PATCH` that omits `pools` leaves both
    the pools and the exclusions untouched, so changing only a CUDA
    constraint cannot widen a pinned endpoint.

    Rejected with 400 if a value is not a GPU type in one of `pools`;
    upstream accepts unrecognized exclusions silently, so a typo would
    otherwise produce a filter that does nothing. Surrounding whitespace
    is trimmed, so `" NVIDIA L40"` and `"NVIDIA L40"` mean the same card.

    """
    count: Annotated[int | None, Field(examples=[1], ge=1)] = 1
    """
    GPUs per worker
    """
