"""The emulated RunPod account: pods and their lifecycle, stock, prices, billing, and the rest.

Time-dependent state is derived lazily: every request (and every read of ``Emulator.state``) first
calls :meth:`World.advance` with the emulated time, which bills the elapsed interval and moves pods
from ``CREATED`` to ``RUNNING``. Nothing runs in the background.

Records use snake_case attributes; ``*_view`` methods turn them into the camelCase dicts the
GraphQL layer serves. A view value may be a callable ``(info, **args)``: it is only evaluated when
the query selects that field.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ._catalog import (
    CPU_FLAVORS,
    CPU_TYPES,
    DATA_CENTERS,
    GPU_TYPES,
    PUBLIC_TEMPLATES,
    CpuFlavorSpec,
    DataCenterSpec,
    GpuTypeSpec,
)

__all__ = [
    "CAPACITY_ERROR",
    "HOST_FULL_ERROR",
    "OPAQUE_ERROR",
    "SPOT_RESUME_ERROR",
    "TERMINATE_NOT_FOUND_ERROR",
    "VOLUME_NOT_FOUND_ERROR",
    "EmulatedAPIError",
    "PodRecord",
    "World",
]

# Error texts RunPod answers with (see shared/runpod/API-BEHAVIOUR.md); clients match on them.
CAPACITY_ERROR = (
    "There are no longer any instances available with the requested specifications. "
    "Please refresh and try again."
)
HOST_FULL_ERROR = "There are not enough free GPUs on the host machine to start this pod."
SPOT_RESUME_ERROR = "Cannot resume a spot pod as an on demand pod."
TERMINATE_NOT_FOUND_ERROR = "pod not found to terminate"
VOLUME_NOT_FOUND_ERROR = "Tried to delete nonexistent network volume"
OPAQUE_ERROR = "Something went wrong. Please try again later or contact support."
GPU_COUNT_ERROR = "gpuCount must be at least 1"  # text not observed live
POD_NOT_FOUND_ERROR = "pod not found"  # stop/resume/edit of an unknown id (text not observed live)

USER_ID = "user_emulator"
# Storage prices per GB per hour (RunPod bills per month; /730 hours).
RUNNING_DISK_PER_GB_HR = 0.10 / 730
STOPPED_VOLUME_PER_GB_HR = 0.20 / 730
NETWORK_VOLUME_PER_GB_HR = 0.07 / 730
DEFAULT_STOCK = 8
_ID_ALPHABET = string.ascii_lowercase + string.digits

ViewFn = Callable[..., Any]


class EmulatedAPIError(Exception):
    """A resolver failure; becomes one entry of the response's ``errors`` (HTTP 200)."""


def iso(ts: float) -> str:
    """RunPod-style DateTime: ISO 8601 in UTC with milliseconds and a ``Z``."""
    dt = datetime.fromtimestamp(ts, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def status_change_text(reason: str, ts: float) -> str:
    """The shape of ``Pod.lastStatusChange`` ("Rented by User: Thu Jan 01 2026 00:00:00 GMT+0000 ...")."""
    dt = datetime.fromtimestamp(ts, tz=timezone.utc)
    return f"{reason}: {dt.strftime('%a %b %d %Y %H:%M:%S')} GMT+0000 (Coordinated Universal Time)"


def parse_ports(ports: str | None) -> list[tuple[int, str]]:
    """``"22/tcp,8888/http"`` -> ``[(22, "tcp"), (8888, "http")]``; malformed entries are skipped."""
    out: list[tuple[int, str]] = []
    for part in (ports or "").split(","):
        num, _, kind = part.strip().partition("/")
        if num.isdigit():
            out.append((int(num), kind or "tcp"))
    return out


@dataclass
class PodRecord:
    """One pod. ``desired_status`` is the stored status; it advances with emulated time."""

    id: str
    name: str
    image_name: str
    desired_status: str  # CREATED, RUNNING, EXITED
    pod_type: str  # RESERVED (on demand) or INTERRUPTABLE (spot)
    gpu_type_id: str | None  # None for CPU pods
    gpu_count: int
    data_center_id: str
    secure_cloud: bool
    cost_per_hr: float
    bid_per_gpu: float | None
    env: list[str]  # "KEY=value"
    ports: str | None
    docker_args: str
    container_disk_in_gb: int
    volume_in_gb: int
    volume_mount_path: str
    vcpu_count: float
    memory_in_gb: float
    template_id: str | None
    network_volume_id: str | None
    machine_id: str
    pod_host_id: str
    created_at: float
    started_at: float  # emulated time of the last (re)start
    last_status_change: str
    ssh_public_port: int
    private_ip: str
    cpu_flavor_id: str | None = None
    container_registry_auth_id: str | None = None
    start_ssh: bool = True
    holds_gpus: bool = True  # whether its GPUs are taken out of the data centre's stock


@dataclass
class World:
    """Everything the emulated account holds. Mutate through the methods, which keep stock,
    billing and statuses consistent."""

    now: float
    seed: int = 0
    ssh_host: str = "127.0.0.1"
    ssh_port: int | None = None
    boot_seconds: float = 20.0
    ssh_seconds: float = 10.0
    client_balance: float = 100.0
    email: str = "emulator@example.invalid"
    pub_key: str = ""
    spend_limit: int = 80
    client_lifetime_spend: float = 0.0
    pods: dict[str, PodRecord] = field(default_factory=dict)
    gpu_types: dict[str, GpuTypeSpec] = field(default_factory=dict)
    data_centers: dict[str, DataCenterSpec] = field(default_factory=dict)
    cpu_flavors: dict[str, CpuFlavorSpec] = field(default_factory=dict)
    stock: dict[tuple[str, str], int] = field(default_factory=dict)  # (gpu type, dc) -> free GPUs
    full_hosts: set[str] = field(default_factory=set)  # machine ids whose resume fails
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)  # the user's templates
    public_templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    network_volumes: dict[str, dict[str, Any]] = field(default_factory=dict)
    endpoints: dict[str, dict[str, Any]] = field(default_factory=dict)
    registry_auths: dict[str, dict[str, Any]] = field(default_factory=dict)
    registry_passwords: dict[str, str] = field(default_factory=dict)  # never served
    secrets: dict[str, dict[str, Any]] = field(default_factory=dict)
    secret_values: dict[str, str] = field(default_factory=dict)  # never served
    _last_settled: float = 0.0
    _rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._last_settled = self.now
        self.gpu_types = {g.id: g for g in GPU_TYPES}
        self.data_centers = {d.id: d for d in DATA_CENTERS}
        self.cpu_flavors = {c.id: c for c in CPU_FLAVORS}
        for gpu in GPU_TYPES:
            for dc in DATA_CENTERS:
                if self._on_demand_price(gpu, dc) is not None:
                    self.stock[(gpu.id, dc.id)] = DEFAULT_STOCK
        self.public_templates = {
            str(t["id"]): self._template_defaults(dict(t), is_runpod=True) for t in PUBLIC_TEMPLATES
        }

    # ----------------------------------------------------------------- time and billing
    def advance(self, now: float) -> None:
        """Bill the time since the last call and move booted pods from CREATED to RUNNING."""
        if now > self._last_settled:
            spent = self.current_spend_per_hr() * (now - self._last_settled) / 3600.0
            self.client_balance -= spent
            self.client_lifetime_spend += spent
            self._last_settled = now
        self.now = max(self.now, now)
        for pod in self.pods.values():
            if pod.desired_status == "CREATED" and self.now >= pod.started_at + self.boot_seconds:
                pod.desired_status = "RUNNING"

    def current_spend_per_hr(self) -> float:
        pods = sum(p.cost_per_hr for p in self.pods.values())
        volumes = sum(int(v["size"]) for v in self.network_volumes.values())
        return pods + volumes * NETWORK_VOLUME_PER_GB_HR

    # ----------------------------------------------------------------- ids and prices
    def new_id(self, length: int = 14) -> str:
        return "".join(self._rng.choices(_ID_ALPHABET, k=length))

    @staticmethod
    def _on_demand_price(gpu: GpuTypeSpec, dc: DataCenterSpec) -> float | None:
        return gpu.secure_price if dc.secure else gpu.community_price

    @staticmethod
    def _spot_price(gpu: GpuTypeSpec, dc: DataCenterSpec) -> float | None:
        return gpu.secure_spot_price if dc.secure else gpu.community_spot_price

    @staticmethod
    def _storage_cost(container_disk: int, volume: int, running: bool) -> float:
        if running:
            return (container_disk + volume) * RUNNING_DISK_PER_GB_HR
        return volume * STOPPED_VOLUME_PER_GB_HR

    def _running_cost(self, pod: PodRecord) -> float:
        storage = self._storage_cost(pod.container_disk_in_gb, pod.volume_in_gb, running=True)
        if pod.gpu_type_id is None:
            flavor = self.cpu_flavors.get(pod.cpu_flavor_id or "")
            compute = (flavor.price_per_vcpu if flavor else 0.03) * pod.vcpu_count
        elif pod.pod_type == "INTERRUPTABLE" and pod.bid_per_gpu is not None:
            compute = pod.bid_per_gpu * pod.gpu_count
        else:
            gpu, dc = self.gpu_types[pod.gpu_type_id], self.data_centers[pod.data_center_id]
            compute = (self._on_demand_price(gpu, dc) or 0.0) * pod.gpu_count
        return round(compute + storage, 6)

    # ----------------------------------------------------------------- stock
    def set_stock(self, gpu_type_id: str, count: int, data_center_id: str | None = None) -> None:
        """Set the free GPUs of a type in one data centre, or in every one that offers it."""
        if gpu_type_id not in self.gpu_types:
            raise KeyError(f"unknown GPU type {gpu_type_id!r}")
        if count < 0:
            raise ValueError("count must be >= 0")
        keys = [k for k in self.stock if k[0] == gpu_type_id]
        if data_center_id is not None:
            if data_center_id not in self.data_centers:
                raise KeyError(f"unknown data centre {data_center_id!r}")
            keys = [(gpu_type_id, data_center_id)]
        for key in keys:
            self.stock[key] = count

    def _take_gpus(self, pod: PodRecord) -> None:
        if pod.gpu_type_id is not None and not pod.holds_gpus:
            self.stock[(pod.gpu_type_id, pod.data_center_id)] -= pod.gpu_count
            pod.holds_gpus = True

    def _release_gpus(self, pod: PodRecord) -> None:
        if pod.gpu_type_id is not None and pod.holds_gpus:
            key = (pod.gpu_type_id, pod.data_center_id)
            self.stock[key] = self.stock.get(key, 0) + pod.gpu_count
        pod.holds_gpus = False

    def fill_host(self, pod_id: str, full: bool = True) -> None:
        """Make (or stop making) resuming this pod fail with the host-full error."""
        pod = self._pod(pod_id)
        (self.full_hosts.add if full else self.full_hosts.discard)(pod.machine_id)

    # ----------------------------------------------------------------- pod lifecycle
    def _pod(self, pod_id: str, message: str = POD_NOT_FOUND_ERROR) -> PodRecord:
        pod = self.pods.get(pod_id)
        if pod is None:
            raise EmulatedAPIError(message)
        return pod

    def _placements(
        self, data: Mapping[str, Any], spot: bool
    ) -> Iterable[tuple[GpuTypeSpec, DataCenterSpec, float]]:
        """Candidate (GPU type, data centre, price per GPU) in preference order, ignoring stock."""
        ids = list(data.get("gpuTypeIdList") or []) or (
            [data["gpuTypeId"]] if data.get("gpuTypeId") else []
        )
        cloud = data.get("cloudType") or "ALL"
        wanted_dc = data.get("dataCenterId")
        volume = self.network_volumes.get(data.get("networkVolumeId") or "")
        if volume is not None:
            wanted_dc = volume["dataCenterId"]
        country = data.get("countryCode")
        for gpu_id in ids:
            gpu = self.gpu_types.get(gpu_id)
            if gpu is None:
                continue
            for dc in self.data_centers.values():
                if (cloud == "SECURE" and not dc.secure) or (cloud == "COMMUNITY" and dc.secure):
                    continue
                if (wanted_dc and dc.id != wanted_dc) or (country and dc.country_code != country):
                    continue
                price = self._spot_price(gpu, dc) if spot else self._on_demand_price(gpu, dc)
                if price is not None:
                    yield gpu, dc, price

    def create_pod(self, data: Mapping[str, Any], spot: bool = False) -> PodRecord:
        """podFindAndDeployOnDemand / podRentInterruptable."""
        count = int(data.get("gpuCount") or 1)
        if count < 1:
            raise EmulatedAPIError(GPU_COUNT_ERROR)
        bid = data.get("bidPerGpu")
        if spot and bid is None:
            raise EmulatedAPIError("bidPerGpu is required for a spot (interruptable) pod")
        ceiling = data.get("deployCost")
        lowest_refused_bid: float | None = None
        for gpu, dc, price in self._placements(data, spot):
            if count > gpu.max_gpu_count or self.stock.get((gpu.id, dc.id), 0) < count:
                continue
            if spot and bid is not None and bid < price:
                lowest_refused_bid = min(price, lowest_refused_bid or price)
                continue
            unit = float(bid) if spot and bid is not None else price
            if ceiling is not None and unit * count > ceiling:
                continue
            return self._new_pod(data, gpu, dc, count, spot, bid)
        if lowest_refused_bid is not None:
            raise EmulatedAPIError(
                f"Your bid of ${float(bid or 0):.3f}/GPU/hr is below the minimum bid price of "
                f"${lowest_refused_bid:.3f}/GPU/hr for this GPU type."
            )
        raise EmulatedAPIError(CAPACITY_ERROR)

    def create_cpu_pod(self, data: Mapping[str, Any]) -> PodRecord:
        """deployCpuPod: ``instanceId`` like ``cpu3c-2-4`` (flavour, vCPUs, GB of memory)."""
        flavor_id, vcpu, memory = "cpu3c", 2, 4
        parts = str(data.get("instanceId") or "").split("-")
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            flavor_id, vcpu, memory = parts[0], int(parts[1]), int(parts[2])
        if flavor_id not in self.cpu_flavors:
            raise EmulatedAPIError(CAPACITY_ERROR)
        dc_id = data.get("dataCenterId") or next(iter(self.data_centers))
        if dc_id not in self.data_centers:
            raise EmulatedAPIError(CAPACITY_ERROR)
        pod = self._new_pod(data, None, self.data_centers[dc_id], 0, False, None)
        pod.cpu_flavor_id = flavor_id
        pod.vcpu_count, pod.memory_in_gb = float(vcpu), float(memory)
        pod.cost_per_hr = self._running_cost(pod)
        return pod

    def _new_pod(
        self,
        data: Mapping[str, Any],
        gpu: GpuTypeSpec | None,
        dc: DataCenterSpec,
        count: int,
        spot: bool,
        bid: float | None,
    ) -> PodRecord:
        template = self._any_template(data.get("templateId")) or {}
        pod_id = self.new_id()
        env = [f"{e['key']}={e['value']}" for e in data.get("env") or template.get("env") or []]
        start_ssh = data.get("startSsh")
        pod = PodRecord(
            id=pod_id,
            name=str(data.get("name") or template.get("name") or f"pod-{pod_id}"),
            image_name=str(data.get("imageName") or template.get("imageName") or ""),
            desired_status="CREATED",
            pod_type="INTERRUPTABLE" if spot else "RESERVED",
            gpu_type_id=gpu.id if gpu else None,
            gpu_count=count,
            data_center_id=dc.id,
            secure_cloud=dc.secure,
            cost_per_hr=0.0,
            bid_per_gpu=float(bid) if spot and bid is not None else None,
            env=env,
            ports=data.get("ports") or template.get("ports"),
            docker_args=str(data.get("dockerArgs") or template.get("dockerArgs") or ""),
            container_disk_in_gb=int(
                data.get("containerDiskInGb") or template.get("containerDiskInGb") or 10
            ),
            volume_in_gb=int(data.get("volumeInGb") or template.get("volumeInGb") or 0),
            volume_mount_path=str(
                data.get("volumeMountPath") or template.get("volumeMountPath") or "/workspace"
            ),
            vcpu_count=float(max(int(data.get("minVcpuCount") or 0), 8 * max(count, 1))),
            memory_in_gb=float(max(int(data.get("minMemoryInGb") or 0), 31 * max(count, 1))),
            template_id=data.get("templateId"),
            network_volume_id=data.get("networkVolumeId"),
            machine_id=self.new_id(12),
            pod_host_id=f"{pod_id}-{self.new_id(8)}",
            created_at=self.now,
            started_at=self.now,
            last_status_change=status_change_text("Rented by User", self.now),
            ssh_public_port=self.ssh_port or 10000 + self._rng.randrange(50000),
            private_ip=f"10.{self._rng.randrange(256)}.{self._rng.randrange(256)}.{self._rng.randrange(1, 255)}",
            container_registry_auth_id=data.get("containerRegistryAuthId"),
            start_ssh=True if start_ssh is None else bool(start_ssh),
            holds_gpus=False,
        )
        self._take_gpus(pod)
        pod.cost_per_hr = self._running_cost(pod)
        self.pods[pod.id] = pod
        return pod

    def stop_pod(self, pod_id: str) -> PodRecord:
        pod = self._pod(pod_id)
        if pod.desired_status != "EXITED":
            self._exit(pod, "Exited by user")
        return pod

    def _exit(self, pod: PodRecord, reason: str) -> None:
        pod.desired_status = "EXITED"
        pod.last_status_change = status_change_text(reason, self.now)
        self._release_gpus(pod)
        pod.cost_per_hr = round(self._storage_cost(0, pod.volume_in_gb, running=False), 6)

    def _start(self, pod: PodRecord, gpu_count: int | None) -> None:
        if pod.desired_status != "EXITED":
            return
        count = pod.gpu_count if gpu_count is None else gpu_count
        if pod.gpu_type_id is not None and count < 1:
            raise EmulatedAPIError(GPU_COUNT_ERROR)
        if pod.gpu_type_id is not None:
            free = self.stock.get((pod.gpu_type_id, pod.data_center_id), 0)
            if pod.machine_id in self.full_hosts or free < count:
                raise EmulatedAPIError(HOST_FULL_ERROR)
        pod.gpu_count = count
        self._take_gpus(pod)
        pod.desired_status = "RUNNING"
        pod.started_at = self.now
        pod.last_status_change = status_change_text("Rented by User", self.now)
        pod.cost_per_hr = self._running_cost(pod)

    def resume_pod(self, pod_id: str, gpu_count: int | None = None) -> PodRecord:
        pod = self._pod(pod_id)
        if pod.pod_type == "INTERRUPTABLE":
            raise EmulatedAPIError(SPOT_RESUME_ERROR)
        self._start(pod, gpu_count)
        return pod

    def bid_resume_pod(self, pod_id: str, bid_per_gpu: float, gpu_count: int) -> PodRecord:
        pod = self._pod(pod_id)
        minimum = self.minimum_bid(pod)
        if minimum is not None and bid_per_gpu < minimum:
            raise EmulatedAPIError(
                f"Your bid of ${bid_per_gpu:.3f}/GPU/hr is below the minimum bid price of "
                f"${minimum:.3f}/GPU/hr for this GPU type."
            )
        if pod.desired_status == "EXITED":
            old = (pod.pod_type, pod.bid_per_gpu)
            pod.pod_type, pod.bid_per_gpu = "INTERRUPTABLE", float(bid_per_gpu)
            try:
                self._start(pod, gpu_count)
            except EmulatedAPIError:
                pod.pod_type, pod.bid_per_gpu = old
                raise
        return pod

    def minimum_bid(self, pod: PodRecord) -> float | None:
        if pod.gpu_type_id is None:
            return None
        gpu, dc = self.gpu_types[pod.gpu_type_id], self.data_centers[pod.data_center_id]
        return self._spot_price(gpu, dc)

    def outbid(self, pod_id: str) -> PodRecord:
        """Interrupt a running spot pod, as when a higher bid takes its GPUs."""
        pod = self._pod(pod_id)
        if pod.pod_type != "INTERRUPTABLE":
            raise ValueError(f"pod {pod_id} is not a spot (INTERRUPTABLE) pod")
        if pod.desired_status != "EXITED":
            self._exit(pod, "Outbid")
        return pod

    def terminate_pod(self, pod_id: str) -> None:
        pod = self._pod(pod_id, TERMINATE_NOT_FOUND_ERROR)
        self._release_gpus(pod)
        del self.pods[pod.id]

    def restart_pod(self, pod_id: str) -> PodRecord:
        pod = self._pod(pod_id)
        if pod.desired_status != "EXITED":
            pod.started_at = self.now
            pod.desired_status = "RUNNING"
        return pod

    def edit_pod_job(self, data: Mapping[str, Any]) -> PodRecord:
        """podEditJob: change image/env/ports/disks; the container restarts (runtime resets)."""
        pod = self._pod(str(data["podId"]))
        pod.image_name = str(data.get("imageName") or pod.image_name)
        pod.container_disk_in_gb = int(data.get("containerDiskInGb") or pod.container_disk_in_gb)
        if "env" in data:
            pod.env = [f"{e['key']}={e['value']}" for e in data.get("env") or []]
        for key, attr in (
            ("ports", "ports"),
            ("dockerArgs", "docker_args"),
            ("volumeMountPath", "volume_mount_path"),
            ("containerRegistryAuthId", "container_registry_auth_id"),
        ):
            if data.get(key) is not None:
                setattr(pod, attr, data[key])
        if data.get("volumeInGb") is not None:
            pod.volume_in_gb = int(data["volumeInGb"])
        if pod.desired_status != "EXITED":
            pod.started_at = self.now
            pod.cost_per_hr = self._running_cost(pod)
        return pod

    # ----------------------------------------------------------------- pod views
    def pod_view(self, pod: PodRecord) -> dict[str, Any]:
        running = pod.desired_status != "EXITED"
        up = running and self.now >= pod.started_at + self.boot_seconds
        uptime = int(self.now - pod.started_at - self.boot_seconds) if up else 0
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
            "locked": False,
            "version": 0,
            "lowestBidPriceToResume": self.minimum_bid(pod),
            "gpus": [
                {"id": f"GPU-{pod.machine_id}-{i}", "podId": pod.id} for i in range(pod.gpu_count)
            ],
            "machine": lambda info, **_: self.machine_view(pod),
            "networkVolume": lambda info, **_: self.network_volumes.get(
                pod.network_volume_id or ""
            ),
            "runtime": lambda info, **_: self.runtime_view(pod),
        }

    def machine_view(self, pod: PodRecord) -> dict[str, Any]:
        gpu = self.gpu_types.get(pod.gpu_type_id or "")
        dc = self.data_centers[pod.data_center_id]
        return {
            "id": pod.machine_id,
            "podHostId": pod.pod_host_id,
            "gpuTypeId": pod.gpu_type_id,
            "gpuDisplayName": gpu.display_name if gpu else None,
            "gpuType": self.gpu_type_view(gpu) if gpu else None,
            "dataCenterId": dc.id,
            "location": dc.location,
            "secureCloud": dc.secure,
            "supportPublicIp": True,
            "listed": True,
            "costPerHr": pod.cost_per_hr,
            "currentPricePerGpu": self._on_demand_price(gpu, dc) if gpu else None,
            "gpuAvailable": self.stock.get((gpu.id, dc.id), 0) if gpu else None,
            "cpuTypeId": CPU_TYPES[0]["id"],
            "maxDownloadSpeedMbps": 1000,
            "maxUploadSpeedMbps": 1000,
        }

    def runtime_view(self, pod: PodRecord) -> dict[str, Any] | None:
        """None until the container is up (boot + ssh delay after the last start)."""
        if pod.desired_status == "EXITED":
            return None
        ready_at = pod.started_at + self.boot_seconds + self.ssh_seconds
        if self.now < ready_at:
            return None
        # Utilisation varies every 10 emulated seconds, reproducibly for a given seed.
        rng = random.Random(f"{self.seed}:{pod.id}:{int(self.now // 10)}")
        ports: list[dict[str, Any]] = []
        # A custom dockerArgs replaces the start script, so no sshd and no port mappings appear:
        # "RUNNING but never reachable" (see API-BEHAVIOUR.md).
        if not pod.docker_args:
            for private, kind in parse_ports(pod.ports or ("22/tcp" if pod.start_ssh else "")):
                if private == 22 and kind == "tcp":
                    ports.append(self._port(pod.private_ip, False, 22, 22, "tcp"))
                    ports.append(self._port(self.ssh_host, True, 22, pod.ssh_public_port, "tcp"))
                elif kind == "tcp":
                    public = 10000 + (pod.ssh_public_port + private) % 50000
                    ports.append(self._port(self.ssh_host, True, private, public, "tcp"))
                else:
                    ports.append(self._port(pod.private_ip, False, private, private, kind))
        return {
            "uptimeInSeconds": int(self.now - pod.started_at - self.boot_seconds),
            "ports": ports,
            "gpus": [
                {
                    "id": f"GPU-{pod.machine_id}-{i}",
                    "gpuUtilPercent": rng.randrange(0, 101),
                    "memoryUtilPercent": rng.randrange(0, 101),
                }
                for i in range(pod.gpu_count)
            ],
            "container": {
                "cpuPercent": rng.randrange(0, 101),
                "memoryPercent": rng.randrange(0, 101),
            },
        }

    @staticmethod
    def _port(ip: str, public: bool, private: int, public_port: int, kind: str) -> dict[str, Any]:
        return {
            "ip": ip,
            "isIpPublic": public,
            "privatePort": private,
            "publicPort": public_port,
            "type": kind,
        }

    # ----------------------------------------------------------------- catalogue views
    def gpu_type_view(self, gpu: GpuTypeSpec) -> dict[str, Any]:
        return {
            "id": gpu.id,
            "displayName": gpu.display_name,
            "manufacturer": gpu.manufacturer,
            "memoryInGb": gpu.memory_in_gb,
            "cudaCores": gpu.cuda_cores,
            "maxGpuCount": gpu.max_gpu_count,
            "maxGpuCountSecureCloud": gpu.max_gpu_count if gpu.secure_price is not None else 0,
            "maxGpuCountCommunityCloud": gpu.max_gpu_count
            if gpu.community_price is not None
            else 0,
            "secureCloud": gpu.secure_price is not None,
            "communityCloud": gpu.community_price is not None,
            "securePrice": gpu.secure_price,
            "communityPrice": gpu.community_price,
            "secureSpotPrice": gpu.secure_spot_price,
            "communitySpotPrice": gpu.community_spot_price,
            "minPodGpuCount": 1,
            "lowestPrice": lambda info, input=None, **_: self.lowest_price_view(gpu, input or {}),
        }

    def lowest_price_view(self, gpu: GpuTypeSpec, data: Mapping[str, Any]) -> dict[str, Any]:
        count = int(data.get("gpuCount") or 1)
        secure = data.get("secureCloud")
        dcs = [
            dc
            for dc in self.data_centers.values()
            if (gpu.id, dc.id) in self.stock
            and (secure is None or dc.secure == secure)
            and (not data.get("dataCenterId") or dc.id == data["dataCenterId"])
            and (not data.get("countryCode") or dc.country_code == data["countryCode"])
        ]
        free = [self.stock[(gpu.id, dc.id)] for dc in dcs]
        on_demand = [p for dc in dcs if (p := self._on_demand_price(gpu, dc)) is not None]
        spot = [p for dc in dcs if (p := self._spot_price(gpu, dc)) is not None]
        max_free = min(max(free, default=0), gpu.max_gpu_count)
        return {
            "gpuTypeId": gpu.id,
            "gpuName": gpu.display_name,
            "minimumBidPrice": min(spot) if spot else None,
            "uninterruptablePrice": min(on_demand) if on_demand else None,
            "stockStatus": self._stock_status(sum(free), count),
            "maxUnreservedGpuCount": max_free,
            "availableGpuCounts": [n for n in range(1, gpu.max_gpu_count + 1) if n <= max_free],
            "totalCount": sum(free),
            "rentedCount": 0,
            "minVcpu": 8 * count,
            "minMemory": 31 * count,
            "maxGpuCount": gpu.max_gpu_count,
            "supportPublicIp": True,
        }

    @staticmethod
    def _stock_status(free: int, wanted: int) -> str | None:
        if free < max(wanted, 1):
            return None
        return "High" if free >= 16 else "Medium" if free >= 6 else "Low"

    def data_center_view(self, dc: DataCenterSpec) -> dict[str, Any]:
        def availability(info: object, input: Mapping[str, Any] | None = None, **_: Any) -> Any:
            count = int((input or {}).get("gpuCount") or 1)
            out = []
            for (gpu_id, dc_id), free in self.stock.items():
                if dc_id == dc.id:
                    gpu = self.gpu_types[gpu_id]
                    status = self._stock_status(free, count)
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
            "storageSupport": True,
            "globalNetwork": dc.secure,
            "compliance": [],
            "gpuAvailability": availability,
        }

    def cpu_flavor_view(self, flavor: CpuFlavorSpec) -> dict[str, Any]:
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
            "specifics": lambda info, input=None, **_: {
                "stockStatus": "High",
                "securePrice": round(flavor.price_per_vcpu * flavor.min_vcpu, 4),
                "slsPrice": round(flavor.price_per_vcpu * flavor.min_vcpu * 1.5, 4),
            },
        }

    # ----------------------------------------------------------------- account
    def myself_view(self) -> dict[str, Any]:
        return {
            "id": USER_ID,
            "email": self.email,
            "clientBalance": round(self.client_balance, 6),
            "currentSpendPerHr": round(self.current_spend_per_hr(), 6),
            "clientLifetimeSpend": round(self.client_lifetime_spend, 6),
            "spendLimit": self.spend_limit,
            "underBalance": self.client_balance <= 0,
            "pubKey": self.pub_key,
            "referral": {"code": "EMULATOR"},
            "dailyCharges": [],
            "pods": lambda info, **_: [self.pod_view(p) for p in self.pods.values()],
            "podTemplates": lambda info, **_: list(self.templates.values()),
            "networkVolumes": lambda info, **_: list(self.network_volumes.values()),
            "endpoints": lambda info, **_: list(self.endpoints.values()),
            "endpoint": lambda info, id, **_: self.endpoints.get(id),
            "containerRegistryCreds": lambda info, **_: list(self.registry_auths.values()),
            "secrets": lambda info, **_: list(self.secrets.values()),
            "datacenters": lambda info, **_: [
                self.data_center_view(dc) for dc in self.data_centers.values()
            ],
        }

    # ----------------------------------------------------------------- templates
    def _any_template(self, template_id: object) -> dict[str, Any] | None:
        if not isinstance(template_id, str):
            return None
        return self.templates.get(template_id) or self.public_templates.get(template_id)

    @staticmethod
    def _template_defaults(t: dict[str, Any], is_runpod: bool = False) -> dict[str, Any]:
        t.setdefault("env", [])
        t.setdefault("dockerArgs", "")
        t.setdefault("isServerless", False)
        t.setdefault("isPublic", is_runpod)
        t.setdefault("isRunpod", is_runpod)
        t.setdefault("startSsh", True)
        t.setdefault("startJupyter", False)
        t.setdefault("readme", "")
        t.setdefault("userId", None if is_runpod else USER_ID)
        return t

    def save_template(self, data: Mapping[str, Any]) -> dict[str, Any]:
        fields = {k: v for k, v in data.items() if k != "id"}
        existing = self.templates.get(str(data.get("id") or ""))
        if existing is not None:
            existing.update(fields)
            return existing
        if not fields.get("name"):
            raise EmulatedAPIError("Template name is required.")
        if any(t["name"] == fields["name"] for t in self.templates.values()):
            raise EmulatedAPIError("Template name must be unique.")
        template = self._template_defaults({"id": self.new_id(10), **fields})
        self.templates[template["id"]] = template
        return template

    def delete_template(self, name: str) -> None:
        for tid, template in list(self.templates.items()):
            if template["name"] == name:
                del self.templates[tid]
                return
        raise EmulatedAPIError(f"Template {name} not found.")

    # ----------------------------------------------------------------- network volumes
    def create_network_volume(self, data: Mapping[str, Any]) -> dict[str, Any]:
        dc_id = data.get("dataCenterId")
        if dc_id not in self.data_centers:
            raise EmulatedAPIError(f"Invalid data center id: {dc_id}")
        size = int(data.get("size") or 0)
        if size <= 0:
            raise EmulatedAPIError("Network volume size must be at least 1 GB.")
        volume = {
            "id": self.new_id(10),
            "name": str(data.get("name") or ""),
            "size": size,
            "dataCenterId": dc_id,
        }
        self.network_volumes[str(volume["id"])] = volume
        return volume

    def update_network_volume(self, data: Mapping[str, Any]) -> dict[str, Any]:
        volume = self.network_volumes.get(str(data.get("id") or ""))
        if volume is None:
            raise EmulatedAPIError("Network volume not found.")
        if data.get("size") is not None:
            if int(data["size"]) < int(volume["size"]):
                raise EmulatedAPIError("Network volume size can only be increased.")
            volume["size"] = int(data["size"])
        if data.get("name") is not None:
            volume["name"] = data["name"]
        return volume

    def delete_network_volume(self, volume_id: str) -> None:
        if self.network_volumes.pop(volume_id, None) is None:
            raise EmulatedAPIError(VOLUME_NOT_FOUND_ERROR)

    # ----------------------------------------------------------------- endpoints
    def save_endpoint(self, data: Mapping[str, Any]) -> dict[str, Any]:
        fields = {k: v for k, v in data.items() if k not in ("id", "template")}
        existing = self.endpoints.get(str(data.get("id") or ""))
        if existing is not None:
            existing.update(fields)
            return existing
        endpoint = {
            "id": self.new_id(14),
            "userId": USER_ID,
            "createdAt": iso(self.now),
            "workersMin": 0,
            "workersMax": 3,
            "idleTimeout": 5,
            "scalerType": "QUEUE_DELAY",
            "scalerValue": 4,
            "gpuCount": 1,
            "type": "QB",
            **fields,
        }
        self.endpoints[str(endpoint["id"])] = endpoint
        return endpoint

    def update_endpoint(self, endpoint_id: str | None, **fields: Any) -> dict[str, Any]:
        endpoint = self.endpoints.get(endpoint_id or "")
        if endpoint is None:
            raise EmulatedAPIError("Endpoint not found.")
        endpoint.update(fields)
        return endpoint

    def delete_endpoint(self, endpoint_id: str) -> None:
        if self.endpoints.pop(endpoint_id, None) is None:
            raise EmulatedAPIError("Endpoint not found.")

    # ----------------------------------------------------------------- registry auth, secrets
    def save_registry_auth(self, data: Mapping[str, Any]) -> dict[str, Any]:
        for required in ("name", "username", "password"):
            if data.get(required) is None:
                raise EmulatedAPIError(f"Registry auth {required} is required.")
        if any(a["name"] == data["name"] for a in self.registry_auths.values()):
            raise EmulatedAPIError("Registry auth name must be unique.")
        auth = {
            "id": self.new_id(10),
            "name": data["name"],
            "username": data["username"],
            "userId": USER_ID,
        }
        self.registry_auths[str(auth["id"])] = auth
        self.registry_passwords[str(auth["id"])] = str(data["password"])
        return auth

    def update_registry_auth(self, data: Mapping[str, Any]) -> dict[str, Any]:
        auth = self.registry_auths.get(str(data.get("id") or ""))
        if auth is None:
            raise EmulatedAPIError("Registry auth not found.")
        if data.get("username") is not None:
            auth["username"] = data["username"]
        if data.get("password") is not None:
            self.registry_passwords[str(auth["id"])] = str(data["password"])
        return auth

    def delete_registry_auth(self, auth_id: str) -> None:
        if self.registry_auths.pop(auth_id, None) is None:
            raise EmulatedAPIError("Registry auth not found.")
        self.registry_passwords.pop(auth_id, None)

    def create_secret(self, data: Mapping[str, Any]) -> dict[str, Any]:
        name = data.get("name")
        if not name:
            raise EmulatedAPIError("Secret name is required.")
        if any(s["name"] == name for s in self.secrets.values()):
            raise EmulatedAPIError(f"A secret named {name} already exists.")
        secret = {
            "id": self.new_id(10),
            "name": name,
            "description": data.get("description"),
            "createdAt": iso(self.now),
            "updatedAt": iso(self.now),
            "lastUpdatedAt": iso(self.now),
            "lastRetrievedAt": None,
        }
        self.secrets[str(secret["id"])] = secret
        self.secret_values[str(secret["id"])] = str(data.get("value") or "")
        return secret

    def delete_secret(self, secret_id: str) -> None:
        if self.secrets.pop(secret_id, None) is None:
            raise EmulatedAPIError("Secret not found.")
        self.secret_values.pop(secret_id, None)
