# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from . import (
    cpu_config,
    endpoint_gpu_config,
    endpoint_type,
    endpoint_workers,
    flash_boot,
    load_balancing_request_urls,
    queue_based_request_urls,
    queue_delay_scaling,
    request_count_scaling,
)
from .container_config import ContainerConfig


class Endpoint(ContainerConfig):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["ep_abc123"])]
    name: Annotated[str, Field(examples=["my-inference"])]
    type: endpoint_type.EndpointType | None = None
    request_urls: Annotated[
        queue_based_request_urls.QueueBasedRequestUrls
        | load_balancing_request_urls.LoadBalancingRequestUrls
        | None,
        Field(alias="requestUrls"),
    ] = None
    """
    Request URLs appropriate to the endpoint's top-level `type`.
    Queue-based endpoints provide job submission and management URLs;
    load-balancing endpoints provide `base` and `health` because their
    remaining paths are worker-defined.

    """
    gpu: endpoint_gpu_config.EndpointGpuConfig | None = None
    cpu: Annotated[list[cpu_config.CpuConfig] | None, Field(min_length=1)] = None
    """
    Eligible CPU configurations for each worker, in the order they
    were submitted. Present for CPU endpoints and omitted for GPU
    endpoints. Memory is derived from the selected flavor's catalog
    RAM multiplier.

    """
    workers: endpoint_workers.EndpointWorkers
    scaling: Annotated[
        queue_delay_scaling.QueueDelayScaling | request_count_scaling.RequestCountScaling,
        Field(discriminator="type"),
    ]
    """
    Autoscaling signal — a discriminated union on `type`: `QUEUE_DELAY`
    (queue-based endpoints only) or `REQUEST_COUNT`. The scaler is chosen
    independently of the endpoint's routing `type` and can be switched on
    update.

    """
    data_center_ids: Annotated[list[str], Field(alias="dataCenterIds", examples=[["US-TX-3"]])]
    network_volumes: Annotated[list[str], Field(alias="networkVolumes", examples=[["vol_abc"]])]
    timeout: Annotated[int, Field(examples=[300000])]
    """
    Per-request execution timeout in milliseconds
    """
    flashboot: flash_boot.FlashBoot
    created_at: Annotated[
        AwareDatetime, Field(alias="createdAt", examples=["2026-03-13T20:00:00Z"])
    ]
