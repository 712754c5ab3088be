# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import (
    create_cpu_config,
    create_endpoint_gpu_config,
    endpoint_type,
    flash_boot,
    queue_delay_scaling,
    request_count_scaling,
)
from . import workers as workers_1
from .container_config import ContainerConfig


class CreateEndpointRequest(ContainerConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    gpu: create_endpoint_gpu_config.CreateEndpointGpuConfig | None = None
    name: Annotated[str, Field(examples=["my-inference"], min_length=1)]
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
    type: endpoint_type.EndpointType
    """
    Request-routing model. Required — it determines the valid scaler
    and request URLs, so it must be chosen explicitly on every create.

    """
    cpu: Annotated[list[create_cpu_config.CreateCpuConfig] | None, Field(min_length=1)] = None
    """
    Eligible CPU configurations for each worker. Memory is derived from the
    selected flavor's catalog RAM multiplier. Exact duplicate configurations
    are rejected; the same flavor may be listed at different vCPU counts.

    """
    data_center_ids: Annotated[list[str] | None, Field(alias="dataCenterIds")] = None
    """
    Preferred data centers for placement. Omit or pass an empty array to let the scheduler choose.
    """
    flashboot: flash_boot.FlashBoot | None = flash_boot.FlashBoot.OFF
    network_volumes: Annotated[list[str] | None, Field(alias="networkVolumes")] = None
    template_id: Annotated[
        str | None, Field(alias="templateId", examples=["30zmvf89kd"], min_length=1)
    ] = None
    """
    ID of a serverless template to base this endpoint on. The
    template is resolved at create time into the same container
    settings you could otherwise spread into this body (image,
    args, disk, ports, env, registry); explicit body fields
    override the template's, except `env`, which is merged per
    key with body values winning. The template's
    allowedCudaVersions seeds `gpu.allowedCudaVersions` when the
    body omits it — but only for a GPU create, since a CPU endpoint
    has no gpu block to seed into, and not when the body sets
    `gpu.minCudaVersion`, since seeding a set beside a floor would
    manufacture the mutual-exclusion 400 from a valid request. Its
    pod-specific startSsh/startJupyter flags are
    ignored. Later template edits do not affect the endpoint.
    The template may be one of your own or a public catalog
    template — see `GET /v2/catalog/templates` (unknown or
    inaccessible ID → 404) — and must be a serverless template
    (→ 422).

    """
    timeout: int | None = 300000
    workers: workers_1.Workers | None = None
