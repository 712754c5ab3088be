"""A checked pod spec as GraphQL create inputs: the one place the spec meets the GraphQL schema.

The three creates (on-demand, spot, CPU) share the spec's fields under the same names; each adds
its own placement. A REST mapping of the same :class:`~.spec.CheckedSpec` belongs beside this.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from runpod_gql_generated.enums import CloudTypeEnum
from runpod_gql_generated.input_types import (
    EnvironmentVariableInput,
    PodFindAndDeployOnDemandInput,
    PodRentInterruptableInput,
    deployCpuPodInput,
)

from .._validate import CloudType
from .spec import TOKEN_ENV, CheckedSpec

# PodSpec option -> the create inputs' field.
_FIELDS = {
    "name": "name",
    "image": "image_name",
    "container_disk_gb": "container_disk_in_gb",
    "volume_gb": "volume_in_gb",
    "volume_mount_path": "volume_mount_path",
    "network_volume_id": "network_volume_id",
    "ports": "ports",
    "docker_args": "docker_args",
    "template_id": "template_id",
    "min_vcpu": "min_vcpu_count",
    "min_memory_gb": "min_memory_in_gb",
    "start_ssh": "start_ssh",
    "support_public_ip": "support_public_ip",
    "country_code": "country_code",
    "registry_auth_id": "container_registry_auth_id",
    "allowed_cuda_versions": "allowed_cuda_versions",
    "stop_after": "stop_after",
    "terminate_after": "terminate_after",
}

Input = TypeVar(
    "Input", PodFindAndDeployOnDemandInput, PodRentInterruptableInput, deployCpuPodInput
)


def env_input(env: Mapping[str, str], token: str) -> list[EnvironmentVariableInput | None]:
    """The pod's environment with its create token (a token in ``env`` is replaced)."""
    items: list[EnvironmentVariableInput | None] = [
        EnvironmentVariableInput(key=k, value=val) for k, val in env.items() if k != TOKEN_ENV
    ]
    items.append(EnvironmentVariableInput(key=TOKEN_ENV, value=token))
    return items


def _fill(fields: Input, spec: CheckedSpec, **placement: Any) -> Input:
    values = {_FIELDS[k]: val for k, val in spec.values.items() if k in _FIELDS}
    values["env"] = env_input(spec["env"], spec.token)
    for key, value in {**values, **placement}.items():
        if value is not None:
            setattr(fields, key, value)
    return fields


def on_demand_input(
    spec: CheckedSpec,
    *,
    gpu_type_id: str,
    gpu_count: int,
    cloud_type: CloudType,
    data_center_id: str | None,
    max_price_per_hr: float | None,
) -> PodFindAndDeployOnDemandInput:
    return _fill(
        PodFindAndDeployOnDemandInput(),
        spec,
        gpu_type_id=gpu_type_id,
        gpu_count=gpu_count,
        cloud_type=CloudTypeEnum(cloud_type),
        data_center_id=data_center_id,
        deploy_cost=max_price_per_hr,
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def spot_input(
    spec: CheckedSpec,
    *,
    gpu_type_id: str,
    gpu_count: int,
    bid_per_gpu: float,
    cloud_type: CloudType,
    data_center_id: str | None,
) -> PodRentInterruptableInput:
    # podRentInterruptable takes its times as strings (the schema says String, not DateTime).
    return _fill(
        PodRentInterruptableInput(),
        spec,
        gpu_type_id=gpu_type_id,
        gpu_count=gpu_count,
        bid_per_gpu=bid_per_gpu,
        cloud_type=CloudTypeEnum(cloud_type),
        data_center_id=data_center_id,
        stop_after=_iso(spec["stop_after"]),
        terminate_after=_iso(spec["terminate_after"]),
    )


def cpu_input(
    spec: CheckedSpec, *, instance_id: str, cloud_type: CloudType, data_center_id: str | None
) -> deployCpuPodInput:
    return _fill(
        deployCpuPodInput(),
        spec,
        instance_id=instance_id,
        cloud_type=CloudTypeEnum(cloud_type),
        data_center_id=data_center_id,
    )
