"""A checked pod spec as the backends' create request: the one place the spec meets the APIs.

:class:`~.spec.CheckedSpec` (validated once, API-neutral) plus one placement candidate gives a
:class:`~runpod_gql.backends.base.PodCreate`; each backend maps that to its own request
(GraphQL's create inputs, REST v2's ``createPod`` body) and refuses what it cannot carry.
"""

from __future__ import annotations

from .._validate import CloudType
from ..backends.base import PodCreate
from .spec import TOKEN_ENV, CheckedSpec


def pod_create(
    spec: CheckedSpec,
    *,
    cloud: CloudType,
    gpu_type_id: str | None = None,
    gpu_count: int = 1,
    cpu_instance_id: str | None = None,
    data_center_id: str | None = None,
    bid_per_gpu: float | None = None,
    max_price_per_hr: float | None = None,
) -> PodCreate:
    """The create for one candidate; the pod's environment carries the create token."""
    values = spec.values
    ports = values["ports"] or ""
    return PodCreate(
        name=values["name"],
        image=values["image"],
        env={**values["env"], TOKEN_ENV: spec.token},
        gpu_type_id=gpu_type_id,
        gpu_count=gpu_count,
        cpu_instance_id=cpu_instance_id,
        cloud=cloud,
        data_center_id=data_center_id,
        container_disk_gb=values["container_disk_gb"],
        volume_gb=values["volume_gb"],
        volume_mount_path=values["volume_mount_path"],
        network_volume_id=values["network_volume_id"],
        ports=tuple(p for p in ports.split(",") if p),
        args=values["docker_args"],
        template_id=values["template_id"],
        registry_auth_id=values["registry_auth_id"],
        start_ssh=values["start_ssh"],
        allowed_cuda_versions=tuple(values["allowed_cuda_versions"] or ()),
        bid_per_gpu=bid_per_gpu,
        min_vcpu=values["min_vcpu"],
        min_memory_gb=values["min_memory_gb"],
        # True is both APIs' default: only an explicit False needs GraphQL's field.
        support_public_ip=None if values["support_public_ip"] else False,
        country_code=values["country_code"],
        stop_after=values["stop_after"],
        terminate_after=values["terminate_after"],
        max_price_per_hr=max_price_per_hr,
    )
