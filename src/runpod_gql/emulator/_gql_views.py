"""GraphQL's view of the world: records rendered as the camelCase dicts the schema serves, and
GraphQL inputs translated into the world's terms.

A view value may be a callable ``(**args)`` (the field's arguments): it is only evaluated when the
query selects that field (see ``_gql_exec``), and it must be a pure read, as it may be evaluated
twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._catalog import CPU_TYPES, CUDA_VERSIONS, CpuFlavorSpec, DataCenterSpec, GpuTypeSpec
from ._records import (
    EndpointRecord,
    PodCreate,
    PodRecord,
    RegistryRecord,
    SecretRecord,
    TemplateRecord,
    VolumeRecord,
)
from ._state import USER_ID, World, iso, port_mappings, runtime_ready, utilisation

__all__ = [
    "cpu_flavor_view",
    "data_center_view",
    "endpoint_fields",
    "endpoint_view",
    "env_input",
    "gpu_type_view",
    "myself_view",
    "pod_create",
    "pod_view",
    "registry_view",
    "secret_view",
    "template_fields",
    "template_view",
    "volume_view",
]


def env_input(env: Any) -> dict[str, str]:
    # [EnvironmentVariableInput] admits null items: skip them (found by fuzzing: a TypeError).
    return {str(e["key"]): str(e["value"]) for e in env or [] if e is not None}


def _env_output(env: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"key": k, "value": v} for k, v in env.items()]


# ------------------------------------------------------------------------- inputs
def pod_create(data: Mapping[str, Any], spot: bool = False) -> PodCreate:
    """podFindAndDeployOnDemand / podRentInterruptable input -> PodCreate."""
    ids = list(data.get("gpuTypeIdList") or []) or (
        [data["gpuTypeId"]] if data.get("gpuTypeId") else []
    )
    return PodCreate(
        name=data.get("name"),
        image=data.get("imageName"),
        gpu_type_ids=ids,
        gpu_count=int(1 if data.get("gpuCount") is None else data["gpuCount"]) or 1,
        cloud=data.get("cloudType") or "ALL",
        data_center_ids=[data["dataCenterId"]] if data.get("dataCenterId") else [],
        country_codes=[data["countryCode"]] if data.get("countryCode") else [],
        container_disk_gb=data.get("containerDiskInGb") or None,
        volume_gb=data.get("volumeInGb") or None,
        volume_mount_path=data.get("volumeMountPath"),
        network_volume_id=data.get("networkVolumeId"),
        ports=data.get("ports") or None,
        env=env_input(data["env"]) if data.get("env") else None,
        docker_args=data.get("dockerArgs") or None,
        template_id=data.get("templateId"),
        start_ssh=data.get("startSsh"),
        min_vcpu=data.get("minVcpuCount"),
        min_memory_gb=data.get("minMemoryInGb"),
        registry_id=data.get("containerRegistryAuthId"),
        spot=spot,
        bid_per_gpu=data.get("bidPerGpu"),
        deploy_cost=data.get("deployCost"),
        cuda_versions=list(data.get("allowedCudaVersions") or []),
        min_cuda_version=data.get("minCudaVersion"),
    )


def cpu_pod_create(data: Mapping[str, Any]) -> PodCreate:
    """deployCpuPod: ``instanceId`` like ``cpu3c-2-4`` (flavour, vCPUs, GB of memory)."""
    flavor_id, vcpu, memory = "cpu3c", 2, 4
    parts = str(data.get("instanceId") or "").split("-")
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        flavor_id, vcpu, memory = parts[0], int(parts[1]), int(parts[2])
    spec = pod_create(data)
    spec.cpu_flavor_id, spec.vcpu_count, spec.memory_gb = flavor_id, vcpu, memory
    return spec


_TEMPLATE_FIELDS = {
    "imageName": "image",
    "dockerArgs": "docker_args",
    "containerDiskInGb": "container_disk_gb",
    "volumeInGb": "volume_gb",
    "volumeMountPath": "volume_mount_path",
    "ports": "ports",
    "containerRegistryAuthId": "registry_id",
    "isServerless": "serverless",
    "isPublic": "public",
    "category": "category",
    "startSsh": "start_ssh",
    "startJupyter": "start_jupyter",
    "readme": "readme",
    "allowedCudaVersions": "allowed_cuda_versions",
}


def template_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """saveTemplate input -> TemplateRecord attributes (unknown GraphQL fields go to ``extra``)."""
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("id", "name"):
            continue
        if key == "env":
            out["env"] = env_input(value)
        elif key in _TEMPLATE_FIELDS:
            if value is not None:
                out[_TEMPLATE_FIELDS[key]] = value
        else:
            extra[key] = value
    if extra:
        out["extra"] = extra
    return out


def endpoint_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """saveEndpoint input -> EndpointRecord attributes."""
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    simple = {
        "templateId": "template_id",
        "gpuCount": "gpu_count",
        "workersMin": "workers_min",
        "workersMax": "workers_max",
        "idleTimeout": "idle_timeout",
        "scalerType": "scaler_type",
        "scalerValue": "scaler_value",
        "executionTimeoutMs": "timeout_ms",
        "minCudaVersion": "min_cuda_version",
    }
    for key, value in data.items():
        if key in ("id", "name", "template"):
            continue
        if value is None:
            continue
        if key in simple:
            out[simple[key]] = value
        elif key == "gpuIds":
            out["gpu_pools"] = [g for g in str(value).split(",") if g]
        elif key == "locations":
            out["data_center_ids"] = [d for d in str(value).split(",") if d]
        elif key == "networkVolumeId":
            out["network_volume_ids"] = [value]
        elif key == "flashBootType":
            out["flashboot"] = value
        elif key == "allowedCudaVersions":
            out["allowed_cuda_versions"] = [v for v in str(value).split(",") if v]
        elif key == "type":
            out["type"] = "LOAD_BALANCER" if value == "LB" else "QUEUE"
        else:
            extra[key] = value
    if extra:
        out["extra"] = extra
    return out


# ------------------------------------------------------------------------- pods
def pod_view(world: World, pod: PodRecord) -> dict[str, Any]:
    running = pod.desired_status != "EXITED"
    up = running and world.now >= pod.started_at + world.boot_seconds
    uptime = int(world.now - pod.started_at - world.boot_seconds) if up else 0
    return {
        "id": pod.id,
        "name": pod.name,
        "desiredStatus": pod.desired_status,
        "podType": pod.pod_type,
        "imageName": pod.image_name,
        "gpuCount": pod.gpu_count,
        "vcpuCount": pod.vcpu_count,
        "memoryInGb": pod.memory_in_gb,
        "containerDiskInGb": pod.container_disk_in_gb,
        "volumeInGb": float(pod.volume_in_gb),
        "volumeMountPath": pod.volume_mount_path,
        "costPerHr": pod.cost_per_hr,
        "adjustedCostPerHr": pod.cost_per_hr,
        "costMultiplier": 1.0,
        "machineId": pod.machine_id,
        "env": list(pod.env),
        "ports": pod.ports,
        "dockerArgs": pod.docker_args,
        "templateId": pod.template_id,
        "networkVolumeId": pod.network_volume_id,
        "containerRegistryAuthId": pod.container_registry_auth_id,
        "cpuFlavorId": pod.cpu_flavor_id,
        "lastStatusChange": pod.last_status_change,
        "lastStartedAt": iso(pod.started_at),
        "createdAt": iso(pod.created_at),
        "uptimeSeconds": uptime,
        "consumerUserId": USER_ID,
        "gpuPowerLimitPercent": 100,
        "volumeEncrypted": False,
        "locked": pod.locked,
        "version": 0,
        "lowestBidPriceToResume": world.minimum_bid(pod),
        "gpus": [
            {"id": f"GPU-{pod.machine_id}-{i}", "podId": pod.id} for i in range(pod.gpu_count)
        ],
        "machine": lambda **_: machine_view(world, pod),
        "networkVolume": lambda **_: _volume_or_none(world, pod.network_volume_id),
        "runtime": lambda **_: runtime_view(world, pod),
    }


def _volume_or_none(world: World, volume_id: str | None) -> dict[str, Any] | None:
    volume = world.network_volumes.get(volume_id or "")
    return volume_view(volume) if volume else None


def machine_view(world: World, pod: PodRecord) -> dict[str, Any]:
    gpu = world.gpu_types.get(pod.gpu_type_id or "")
    dc = world.data_centers[pod.data_center_id]
    return {
        "id": pod.machine_id,
        "podHostId": pod.pod_host_id,
        "gpuTypeId": pod.gpu_type_id,
        "gpuDisplayName": gpu.display_name if gpu else None,
        "gpuType": lambda **_: gpu_type_view(world, gpu) if gpu else None,
        "dataCenterId": dc.id,
        "location": dc.location,
        "secureCloud": dc.secure,
        "supportPublicIp": True,
        "listed": True,
        "costPerHr": pod.cost_per_hr,
        "currentPricePerGpu": world.on_demand_price(gpu, dc) if gpu else None,
        "gpuAvailable": world.free_gpus(gpu.id, dc.id) if gpu else None,
        "cpuTypeId": CPU_TYPES[0]["id"],
        "maxDownloadSpeedMbps": 1000,
        "maxUploadSpeedMbps": 1000,
    }


def runtime_view(world: World, pod: PodRecord) -> dict[str, Any] | None:
    """None until the container is up (boot + ssh delay after the last start)."""
    if not runtime_ready(world, pod):
        return None
    use = utilisation(world, pod)
    return {
        "uptimeInSeconds": int(world.now - pod.started_at - world.boot_seconds),
        "ports": [
            {"ip": ip, "isIpPublic": public, "privatePort": priv, "publicPort": pub, "type": kind}
            for ip, public, priv, pub, kind in port_mappings(world, pod)
        ],
        "gpus": [
            {"id": f"GPU-{pod.machine_id}-{i}", "gpuUtilPercent": util, "memoryUtilPercent": mem}
            for i, (util, mem) in enumerate(use.gpus)
        ],
        "container": {"cpuPercent": use.cpu, "memoryPercent": use.memory},
    }


# ------------------------------------------------------------------------- catalogue
def gpu_type_view(world: World, gpu: GpuTypeSpec) -> dict[str, Any]:
    return {
        "id": gpu.id,
        "displayName": gpu.display_name,
        "manufacturer": gpu.manufacturer,
        "memoryInGb": gpu.memory_in_gb,
        "cudaCores": gpu.cuda_cores,
        "maxGpuCount": gpu.max_gpu_count,
        "maxGpuCountSecureCloud": gpu.max_gpu_count if gpu.secure_price is not None else 0,
        "maxGpuCountCommunityCloud": gpu.max_gpu_count if gpu.community_price is not None else 0,
        "secureCloud": gpu.secure_price is not None,
        "communityCloud": gpu.community_price is not None,
        "securePrice": gpu.secure_price,
        "communityPrice": gpu.community_price,
        "secureSpotPrice": gpu.secure_spot_price,
        "communitySpotPrice": gpu.community_spot_price,
        "minPodGpuCount": 1,
        "lowestPrice": lambda input=None, **_: lowest_price_view(world, gpu, input or {}),
    }


def _matching_dcs(world: World, gpu: GpuTypeSpec, data: Mapping[str, Any]) -> list[DataCenterSpec]:
    secure = data.get("secureCloud")
    return [
        dc
        for dc in world.offers(gpu.id)
        if (secure is None or dc.secure == secure)
        and (not data.get("dataCenterId") or dc.id == data["dataCenterId"])
        and (not data.get("countryCode") or dc.country_code == data["countryCode"])
    ]


def lowest_price_view(world: World, gpu: GpuTypeSpec, data: Mapping[str, Any]) -> dict[str, Any]:
    count = int(data.get("gpuCount") or 1)
    dcs = _matching_dcs(world, gpu, data)
    free = [world.free_gpus(gpu.id, dc.id) for dc in dcs]
    on_demand = [p for dc in dcs if (p := world.on_demand_price(gpu, dc)) is not None]
    spot = [p for dc in dcs if (p := world.spot_price(gpu, dc)) is not None]
    max_free = min(max(free, default=0), gpu.max_gpu_count)
    return {
        "gpuTypeId": gpu.id,
        "gpuName": gpu.display_name,
        "minimumBidPrice": min(spot) if spot else None,
        "uninterruptablePrice": min(on_demand) if on_demand else None,
        "stockStatus": stock_status(sum(free), count),
        "maxUnreservedGpuCount": max_free,
        "availableGpuCounts": [n for n in range(1, gpu.max_gpu_count + 1) if n <= max_free],
        "totalCount": sum(free),
        "rentedCount": 0,
        "minVcpu": 8 * count,
        "minMemory": 31 * count,
        "maxGpuCount": gpu.max_gpu_count,
        "supportPublicIp": True,
        "gpuTypeCudaVersions": lambda **_: _cuda_versions(world, dcs, count, gpu),
    }


def _cuda_versions(
    world: World, dcs: list[DataCenterSpec], count: int, gpu: GpuTypeSpec
) -> list[dict[str, Any]]:
    """Per CUDA version of the matching machines, whether any of them has the GPUs free."""
    best: dict[str, int] = {}
    for dc in dcs:
        for version in CUDA_VERSIONS.get(dc.id, ()):
            best[version] = max(best.get(version, 0), world.free_gpus(gpu.id, dc.id))
    return [
        {"cudaVersion": v, "availability": stock_status(free, count) or "None"}
        for v, free in sorted(best.items(), key=lambda kv: kv[0], reverse=True)
    ]


def stock_status(free: int, wanted: int) -> str | None:
    if free < max(wanted, 1):
        return None
    return "High" if free >= 16 else "Medium" if free >= 6 else "Low"


def data_center_view(world: World, dc: DataCenterSpec) -> dict[str, Any]:
    def availability(input: Mapping[str, Any] | None = None, **_: Any) -> Any:
        count = int((input or {}).get("gpuCount") or 1)
        out = []
        for (gpu_id, dc_id), free in world.stock.items():
            if dc_id == dc.id:
                gpu = world.gpu_types[gpu_id]
                status = stock_status(free, count)
                out.append(
                    {
                        "id": gpu_id,
                        "gpuTypeId": gpu_id,
                        "gpuTypeDisplayName": gpu.display_name,
                        "displayName": gpu.display_name,
                        "stockStatus": status,
                        "available": status is not None,
                    }
                )
        return out

    return {
        "id": dc.id,
        "name": dc.name,
        "location": dc.location,
        "listed": True,
        "storageSupport": dc.volumes,
        "globalNetwork": dc.secure,
        "compliance": [],
        "gpuAvailability": availability,
    }


def cpu_flavor_view(flavor: CpuFlavorSpec) -> dict[str, Any]:
    return {
        "id": flavor.id,
        "groupId": flavor.id,
        "groupName": flavor.group_name,
        "displayName": flavor.display_name,
        "minVcpu": float(flavor.min_vcpu),
        "maxVcpu": flavor.max_vcpu,
        "ramMultiplier": flavor.ram_multiplier,
        "diskLimitPerVcpu": 10,
        "vcpuBurstable": False,
        "specifics": lambda input=None, **_: {
            "stockStatus": "High",
            "securePrice": round(flavor.price_per_vcpu * flavor.min_vcpu, 4),
            "slsPrice": round(flavor.price_per_vcpu * flavor.min_vcpu * 1.5, 4),
        },
    }


# ------------------------------------------------------------------------- account
def myself_view(world: World) -> dict[str, Any]:
    return {
        "id": USER_ID,
        "email": world.email,
        "clientBalance": round(world.client_balance, 6),
        "currentSpendPerHr": round(world.current_spend_per_hr(), 6),
        "clientLifetimeSpend": round(world.client_lifetime_spend, 6),
        "spendLimit": world.spend_limit,
        "underBalance": world.client_balance <= 0,
        "pubKey": world.pub_key,
        "referral": {"code": "EMULATOR"},
        "dailyCharges": [],
        "pods": lambda **_: [pod_view(world, p) for p in world.pods.values()],
        "podTemplates": lambda **_: [template_view(t) for t in world.templates.values()],
        "networkVolumes": lambda **_: [volume_view(v) for v in world.network_volumes.values()],
        "endpoints": lambda **_: [endpoint_view(world, e) for e in world.endpoints.values()],
        "endpoint": lambda id, **_: (
            endpoint_view(world, e) if (e := world.endpoints.get(id)) else None
        ),
        "containerRegistryCreds": lambda **_: [
            registry_view(a) for a in world.registry_auths.values()
        ],
        "secrets": lambda **_: [secret_view(s) for s in world.secrets.values()],
        "datacenters": lambda **_: [
            data_center_view(world, dc) for dc in world.data_centers.values()
        ],
    }


def template_view(t: TemplateRecord) -> dict[str, Any]:
    return {
        **t.extra,
        "id": t.id,
        "name": t.name,
        "imageName": t.image,
        "dockerArgs": t.docker_args,
        "containerDiskInGb": t.container_disk_gb,
        "volumeInGb": t.volume_gb,
        "volumeMountPath": t.volume_mount_path,
        "ports": t.ports,
        "env": _env_output(t.env),
        "containerRegistryAuthId": t.registry_id,
        "isServerless": t.serverless,
        "isPublic": t.public,
        "isRunpod": t.is_runpod,
        "category": t.category,
        "startSsh": t.start_ssh,
        "startJupyter": t.start_jupyter,
        "readme": t.readme,
        "userId": t.user_id,
    }


def volume_view(v: VolumeRecord) -> dict[str, Any]:
    return {"id": v.id, "name": v.name, "size": v.size, "dataCenterId": v.data_center_id}


def endpoint_view(world: World, e: EndpointRecord) -> dict[str, Any]:
    template = world.any_template(e.template_id)
    return {
        **e.extra,
        "id": e.id,
        "name": e.name,
        "userId": USER_ID,
        "createdAt": iso(e.created_at),
        "templateId": e.template_id,
        "template": template_view(template) if template else None,
        "gpuIds": ",".join(e.gpu_pools),
        "gpuCount": e.gpu_count,
        "workersMin": e.workers_min,
        "workersMax": e.workers_max,
        "idleTimeout": e.idle_timeout,
        "scalerType": e.scaler_type,
        "scalerValue": int(e.scaler_value),
        "locations": ",".join(e.data_center_ids) or None,
        "networkVolumeId": e.network_volume_ids[0] if e.network_volume_ids else None,
        "executionTimeoutMs": e.timeout_ms,
        "flashBootType": e.flashboot,
        "type": "LB" if e.type == "LOAD_BALANCER" else "QB",
        "allowedCudaVersions": ",".join(e.allowed_cuda_versions) or None,
        "minCudaVersion": e.min_cuda_version,
    }


def registry_view(a: RegistryRecord) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "username": a.username, "userId": USER_ID}


def secret_view(s: SecretRecord) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "description": s.description,
        "createdAt": iso(s.created_at),
        "updatedAt": iso(s.updated_at),
        "lastUpdatedAt": iso(s.updated_at),
        "lastRetrievedAt": None,
    }
