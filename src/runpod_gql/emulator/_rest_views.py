"""REST v2's view of the world: records rendered in the shapes of RunPod's OpenAPI document."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from ._catalog import CPU_FLAVORS, CUDA_VERSIONS, CpuFlavorSpec, DataCenterSpec, GpuTypeSpec
from ._records import (
    EndpointRecord,
    PodRecord,
    TemplateRecord,
    VolumeRecord,
    WorkerInfo,
    env_map,
)
from ._state import World, parse_ports, port_mappings, runtime_ready, utilisation

__all__ = [
    "availability",
    "cpu_type_view",
    "data_center_view",
    "endpoint_view",
    "gpu_type_view",
    "pod_view",
    "rfc3339",
    "template_view",
    "volume_view",
]

SERVERLESS_MARKUP = 1.5  # serverless price per GPU relative to the secure pod price
JOB_API = "https://api.runpod.ai/v2"


@functools.lru_cache(maxsize=1 << 15)
def rfc3339(ts: float) -> str:
    dt = datetime.fromtimestamp(ts, tz=timezone.utc)
    return f"{dt.year:04d}-" + dt.strftime("%m-%dT%H:%M:%SZ")


def _ports(ports: str | None) -> list[str]:
    return [f"{n}/{k}" for n, k in parse_ports(ports)]


def availability(free: int, wanted: int = 1) -> str:
    """GraphQL's High/Medium/Low/None stock status, in v2's upper case."""
    if free < max(wanted, 1):
        return "NONE"
    return "HIGH" if free >= 16 else "MEDIUM" if free >= 6 else "LOW"


# ------------------------------------------------------------------------- pods
def pod_view(world: World, pod: PodRecord) -> dict[str, Any]:
    status = world.status(pod)
    up = status == "RUNNING" and runtime_ready(world, pod)
    mappings = port_mappings(world, pod) if up else None
    mounts: dict[str, Any] = {}
    if pod.network_volume_id:
        mounts["network"] = [{"volumeId": pod.network_volume_id, "path": pod.volume_mount_path}]
    elif pod.volume_in_gb:
        mounts["persistent"] = {"size": pod.volume_in_gb, "path": pod.volume_mount_path}
    view: dict[str, Any] = {
        "id": pod.id,
        "name": pod.name,
        "status": status,
        "actions": list(world.actions(pod)),
        "image": pod.image_name,
        "args": pod.docker_args,
        "disk": pod.container_disk_in_gb,
        "mounts": mounts,
        "ports": _ports(pod.ports),
        "env": env_map(pod.env),
        "registry": pod.container_registry_auth_id,
        "cloud": "SECURE" if pod.secure_cloud else "COMMUNITY",
        "dataCenterId": pod.data_center_id,
        "cudaVersion": pod.cuda_version if pod.gpu_type_id else None,
        "ssh": _ssh(pod, mappings),
        "template": None,  # v2 keeps no link to the template a pod was made from
        "cost": pod.cost_per_hr if status not in ("EXITED", "ERROR") else 0.0,
        "locked": pod.locked,
        "globalNetworking": {"enabled": pod.global_networking},
        "runtime": _runtime(world, pod, mappings) if mappings is not None else None,
        "createdAt": rfc3339(pod.created_at),
        "startedAt": rfc3339(pod.started_at) if status != "EXITED" else None,
    }
    if pod.gpu_type_id is not None:
        view["gpu"] = {"id": pod.gpu_type_id, "count": pod.gpu_count}
    else:
        view["cpu"] = {
            "id": pod.cpu_flavor_id or "cpu3c",
            "vcpuCount": int(pod.vcpu_count),
            "memory": max(1, int(pod.memory_in_gb)),
        }
    if pod.global_networking:
        view["globalNetworking"]["ip"] = pod.private_ip
    return view


Mappings = list[tuple[str, bool, int, int, str]]


def _ssh(pod: PodRecord, mappings: Mappings | None) -> dict[str, Any]:
    """The proxy always; a direct connection while the container is up with port 22 public."""
    username = pod.pod_host_id
    proxy = {
        "host": "ssh.runpod.io",
        "port": 22,
        "username": username,
        "command": f"ssh {username}@ssh.runpod.io",
    }
    direct = None
    for ip, public, private, port, kind in mappings or ():
        if public and private == 22 and kind == "tcp":
            direct = {
                "host": ip,
                "port": port,
                "username": "root",
                "command": f"ssh root@{ip} -p {port}",
            }
    return {"proxy": proxy, "direct": direct}


def _runtime(world: World, pod: PodRecord, mappings: Mappings) -> dict[str, Any]:
    use = utilisation(world, pod)
    return {
        "uptime": max(0, int(world.now - pod.started_at - world.boot_seconds)),
        "gpus": [{"util": util, "memoryUtil": mem} for util, mem in use.gpus],
        "cpu": {"util": use.cpu},
        "memory": {"util": use.memory},
        "ports": [
            {"private": priv, "public": pub if public else None, "type": kind, "ip": ip}
            for ip, public, priv, pub, kind in mappings
        ],
    }


# ------------------------------------------------------------------------- catalogue
def gpu_type_view(
    world: World,
    gpu: GpuTypeSpec,
    include: bool = False,
    count: int = 1,
    secure: bool = True,
    countries: Iterable[str] = (),
    cuda: tuple[list[str], str | None] = ([], None),
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": gpu.id,
        "name": gpu.display_name,
        "pool": gpu.pool,
        "manufacturer": gpu.manufacturer.upper() if gpu.manufacturer else "UNKNOWN",
        "memory": gpu.memory_in_gb,
        "secure": gpu.secure_price is not None,
        "community": gpu.community_price is not None,
        "price": {"secure": gpu.secure_price or 0.0, "community": gpu.community_price or 0.0},
        "maxCount": {
            "secure": gpu.max_gpu_count if gpu.secure_price is not None else 0,
            "community": gpu.max_gpu_count if gpu.community_price is not None else 0,
        },
    }
    if gpu.pool is not None and gpu.secure_price is not None:
        view["price"]["serverless"] = round(gpu.secure_price * SERVERLESS_MARKUP, 4)
    if not include:
        return view
    countries = set(countries)
    dcs = [
        dc
        for dc in world.offers(gpu.id)
        if dc.secure == secure and (not countries or dc.country_code in countries)
    ]
    allowed, minimum = cuda
    levels = []
    for dc in dcs:
        ok = world.cuda_for(dc.id, allowed, minimum) is not None
        free = world.free_gpus(gpu.id, dc.id) if ok else 0
        levels.append((dc, availability(free, count)))
    available = [(dc, level) for dc, level in levels if level != "NONE"]
    view["availability"] = _best(level for _, level in levels)
    if available:
        view["dataCenters"] = [
            {"id": dc.id, "name": dc.name, "availability": a} for dc, a in levels
        ]
    versions: dict[str, bool] = {}
    for dc in dcs:
        for version in CUDA_VERSIONS.get(dc.id, ()):
            has = world.free_gpus(gpu.id, dc.id) >= count
            versions[version] = versions.get(version, False) or has
    view["cudaVersions"] = [
        {"version": v, "available": a}
        for v, a in sorted(versions.items(), key=lambda kv: kv[0], reverse=True)
    ]
    return view


def _best(levels: Iterable[str]) -> str:
    order = ["NONE", "LOW", "MEDIUM", "HIGH"]
    return max(levels, key=order.index, default="NONE")


def cpu_type_view(
    world: World, flavor: CpuFlavorSpec, include: bool = False, vcpu: int | None = None
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": flavor.id,
        "name": flavor.display_name,
        "group": flavor.group_name,
        "vcpu": {"min": flavor.min_vcpu, "max": flavor.max_vcpu},
        "ramGbPerVcpu": flavor.ram_multiplier,
        "price": {
            "securePerVcpu": flavor.price_per_vcpu,
            "serverlessPerVcpu": round(flavor.price_per_vcpu * SERVERLESS_MARKUP, 4),
        },
    }
    if include:
        fits = vcpu is None or flavor.min_vcpu <= vcpu <= flavor.max_vcpu
        level = "HIGH" if fits else "NONE"
        view["availability"] = level
        if fits:
            view["dataCenters"] = [
                {"id": dc.id, "name": dc.name, "availability": level}
                for dc in world.data_centers.values()
                if dc.secure
            ]
    return view


def data_center_view(
    world: World, dc: DataCenterSpec, include: Iterable[str] = ()
) -> dict[str, Any]:
    include = set(include)
    view: dict[str, Any] = {
        "id": dc.id,
        "name": dc.name,
        "region": dc.region,
        "globalNetwork": dc.secure,
        "networkVolumeTypes": ["STANDARD"] if dc.volumes else [],
        "compliance": ["GDPR"] if dc.region == "EUROPE" else [],
    }
    if "GPU_AVAILABILITY" in include:
        gpus = [
            {
                "id": gpu_id,
                "name": world.gpu_types[gpu_id].display_name,
                "availability": availability(free),
            }
            for (gpu_id, dc_id), free in world.stock.items()
            if dc_id == dc.id
        ]
        if gpus:
            view["gpuAvailability"] = gpus
    if "CPU_AVAILABILITY" in include and dc.secure:
        view["cpuAvailability"] = [
            {"id": f.id, "name": f.display_name, "availability": "HIGH"} for f in CPU_FLAVORS
        ]
    return view


# ------------------------------------------------------------------------- other resources
def template_view(t: TemplateRecord) -> dict[str, Any]:
    mounts: dict[str, Any] = {}
    if t.volume_gb:
        mounts["persistent"] = {"size": max(t.volume_gb, 10), "path": t.volume_mount_path}
    return {
        "id": t.id,
        "name": t.name,
        "image": t.image,
        "args": t.docker_args,
        "disk": max(1, t.container_disk_gb),
        "mounts": mounts,
        "ports": _ports(t.ports),
        "env": dict(t.env),
        "registry": t.registry_id,
        "serverless": t.serverless,
        "public": t.public,
        "category": t.category if t.category in ("CPU", "NVIDIA", "AMD") else "NVIDIA",
        "startSsh": t.start_ssh,
        "startJupyter": t.start_jupyter,
        "allowedCudaVersions": list(t.allowed_cuda_versions),
    }


def volume_view(v: VolumeRecord) -> dict[str, Any]:
    return {
        "id": v.id,
        "name": v.name,
        "size": min(max(v.size, 10), 4096),
        "dataCenter": v.data_center_id,
        "type": v.type,
    }


def worker_view(world: World, e: EndpointRecord, w: WorkerInfo) -> dict[str, Any]:
    """One worker of an endpoint: placed on the first GPU type of its pools (a CPU endpoint's
    workers have none) in its first data centre, running the endpoint's image."""
    template = world.any_template(e.template_id)
    gpu = next((g for g in world.gpu_types.values() if g.pool in e.gpu_pools), None)
    ready = w.state != "initializing"
    return {
        "id": w.id,
        "status": w.state.upper(),
        "isStale": False,
        "version": 1,
        "gpuCount": e.gpu_count if gpu is not None else 0,
        "image": e.image or (template.image if template else None),
        "uptimeSeconds": max(0, int(world.now - w.ready_at)) if ready else None,
        "gpuTypeId": gpu.id if gpu is not None else None,
        "dataCenterId": next(iter(e.data_center_ids or world.data_centers), None),
        "startedAt": rfc3339(w.started_at),
    }


def endpoint_view(world: World, e: EndpointRecord) -> dict[str, Any]:
    template = world.any_template(e.template_id)
    image = e.image or (template.image if template else "")
    base = f"{JOB_API}/{e.id}"
    if e.type == "LOAD_BALANCER":
        urls = {
            "base": f"https://{e.id}.api.runpod.ai",
            "health": f"https://{e.id}.api.runpod.ai/ping",
        }
    else:
        urls = {
            "run": f"{base}/run",
            "runSync": f"{base}/runsync",
            "status": f"{base}/status",
            "stream": f"{base}/stream",
            "cancel": f"{base}/cancel",
            "retry": f"{base}/retry",
            "purgeQueue": f"{base}/purge-queue",
            "health": f"{base}/health",
        }
    scaling: dict[str, Any]
    if e.scaler_type == "REQUEST_COUNT":
        scaling = {"type": "REQUEST_COUNT", "requestCount": max(1, int(e.scaler_value))}
    else:
        scaling = {"type": "QUEUE_DELAY", "queueDelay": max(0.5, float(e.scaler_value))}
    view: dict[str, Any] = {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "requestUrls": urls,
        "image": image,
        "args": e.docker_args,
        "disk": max(1, e.container_disk_gb),
        "ports": _ports(e.ports),
        "env": dict(e.env),
        "registry": e.registry_id,
        "workers": {
            "min": e.workers_min,
            "max": e.workers_max,
            "idleTimeout": min(max(e.idle_timeout, 1), 3600),
        },
        "scaling": scaling,
        "dataCenterIds": list(e.data_center_ids),
        "networkVolumes": list(e.network_volume_ids),
        "timeout": e.timeout_ms,
        "flashboot": e.flashboot,
        "createdAt": rfc3339(e.created_at),
    }
    if e.cpu:
        view["cpu"] = [_cpu_config(c) for c in e.cpu]
        view["gpu"] = None
    else:
        view["gpu"] = {
            "pools": list(e.gpu_pools) or ["ADA_24"],
            "excludedTypes": list(e.excluded_gpu_types),
            "count": max(1, e.gpu_count),
            "allowedCudaVersions": list(e.allowed_cuda_versions),
            "minCudaVersion": e.min_cuda_version,
        }
    return view


def _cpu_config(c: dict[str, Any]) -> dict[str, Any]:
    flavor = next((f for f in CPU_FLAVORS if f.id == c["id"]), None)
    ram = flavor.ram_multiplier if flavor else 2.0
    return {"id": c["id"], "vcpuCount": c["vcpuCount"], "memory": max(1, int(c["vcpuCount"] * ram))}
