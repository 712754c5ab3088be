# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import worker_status


class Worker(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["worker_abc"])]
    status: worker_status.WorkerStatus
    is_stale: Annotated[bool, Field(alias="isStale", examples=[False])]
    """
    True when the worker is running an older endpoint configuration than
    the current one (e.g. mid rolling-update). This is the authoritative
    flag: it is derived from `version` vs the response's `endpointVersion`,
    except on legacy endpoints (`endpointVersion` 1) where it falls back
    to a container-image comparison.

    """
    version: Annotated[int | None, Field(examples=[4])] = None
    """
    Endpoint configuration version this worker is running. Compare with
    the response's `endpointVersion`. Null if unknown.

    """
    gpu_count: Annotated[int, Field(alias="gpuCount", examples=[1], ge=0)]
    """
    GPUs allocated to the worker.
    """
    image: Annotated[str | None, Field(examples=["my-org/sdxl-worker:latest"])] = None
    """
    Container image the worker is running.
    """
    uptime_seconds: Annotated[int | None, Field(alias="uptimeSeconds", examples=[3600], ge=0)] = (
        None
    )
    """
    Seconds the worker has been running. Null until the worker is placed and running.
    """
    gpu_type_id: Annotated[str | None, Field(alias="gpuTypeId", examples=["NVIDIA RTX 4090"])] = (
        None
    )
    """
    GPU type the worker is placed on. Null until the worker is placed.
    """
    data_center_id: Annotated[str | None, Field(alias="dataCenterId", examples=["US-TX-3"])] = None
    """
    Data center the worker is placed in. Null until the worker is placed.
    """
    started_at: Annotated[
        AwareDatetime | None, Field(alias="startedAt", examples=["2026-03-26T00:00:00Z"])
    ] = None
    """
    When the worker last started. Null if it has not started.
    """
