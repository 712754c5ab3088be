# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import (
    create_cpu_config,
    endpoint_workers,
    flash_boot,
    queue_delay_scaling,
    request_count_scaling,
    update_endpoint_gpu_config,
)
from .container_config import ContainerConfig


class UpdateEndpointRequest(ContainerConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    cpu: Annotated[list[create_cpu_config.CreateCpuConfig] | None, Field(min_length=1)] = None
    """
    Complete replacement CPU selection. Valid only for an existing CPU
    endpoint; endpoint compute family cannot be changed.

    """
    data_center_ids: Annotated[list[str] | None, Field(alias="dataCenterIds")] = None
    """
    Preferred data centers for placement. Omit or pass an empty array to let the scheduler choose.
    """
    flashboot: flash_boot.FlashBoot | None = None
    gpu: update_endpoint_gpu_config.UpdateEndpointGpuConfig | None = None
    name: Annotated[str | None, Field(min_length=1)] = None
    network_volumes: Annotated[list[str] | None, Field(alias="networkVolumes")] = None
    scaling: Annotated[
        queue_delay_scaling.QueueDelayScaling | request_count_scaling.RequestCountScaling | None,
        Field(discriminator="type"),
    ] = None
    """
    Autoscaling signal — a discriminated union on `type`: `QUEUE_DELAY`
    (queue-based endpoints only) or `REQUEST_COUNT`. The scaler is chosen
    independently of the endpoint's routing `type` and can be switched on
    update.

    """
    template_id: Annotated[str | None, Field(alias="templateId", examples=["30zmvf89kd"])] = None
    """
    ID of a serverless template whose container settings are
    applied as if they were provided in this PATCH body (image,
    args, disk, ports, env, registry). Explicit body fields
    override the template's; `env` merges template and body per
    key (body wins) and, per PATCH semantics, replaces the
    endpoint's env. One-time application — no link to the
    template is retained. Must be one of your templates or a
    public template (unknown or inaccessible ID → 404); must be
    a serverless template (→ 422).

    """
    timeout: int | None = None
    workers: endpoint_workers.EndpointWorkers | None = None
