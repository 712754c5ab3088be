"""The emulated RunPod account: one record per pod, template, volume, endpoint, registry credential,
secret and SSH key, plus stock, prices, the billing ledger and pod logs.

Time-dependent state is derived lazily: every request (and every read of ``Emulator.state``) first
calls :meth:`World.advance` with the emulated time, which bills the elapsed interval and moves pods
from ``CREATED`` to ``RUNNING`` (or to a failure). Nothing runs in the background.

The world renders no API's views: ``_gql_views`` and ``_rest_views`` do, each its own. Methods raise
:class:`EmulatedAPIError` with RunPod's text and a kind each API maps to its own answer.
"""

from __future__ import annotations

import functools
import hashlib
import random
import string
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal, NamedTuple

from ._catalog import (
    CPU_FLAVORS,
    CUDA_VERSIONS,
    DATA_CENTERS,
    GPU_TYPES,
    PUBLIC_TEMPLATES,
    CpuFlavorSpec,
    DataCenterSpec,
    GpuTypeSpec,
)
from ._records import (
    ClusterRecord,
    DelegationRecord,
    EndpointRecord,
    LogLine,
    LogSource,
    PodCreate,
    PodRecord,
    RegistryRecord,
    SecretRecord,
    TemplateRecord,
    VolumeRecord,
    WorkerInfo,
    env_list,
    env_map,
)

__all__ = [
    "ACTIONS",
    "BALANCE_ERROR",
    "CAPACITY_ERROR",
    "FLEET_GPU",
    "HOST_FULL_ERROR",
    "OPAQUE_ERROR",
    "SPOT_RESUME_ERROR",
    "TERMINATE_NOT_FOUND_ERROR",
    "USER_ID",
    "VOLUME_NOT_FOUND_ERROR",
    "Charge",
    "EmulatedAPIError",
    "Utilisation",
    "World",
    "env_map",
    "iso",
    "parse_ports",
    "port_mappings",
    "runtime_ready",
    "status_change_text",
    "utilisation",
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
BALANCE_ERROR = "Insufficient balance to deploy this pod. Add funds to your account."
FLEET_GPU = "NVIDIA A40"  # what World.add_fleet's pods run on unless told otherwise
IMAGE_PULL_ERROR = "failed to pull image {image}: manifest unknown or access denied"

USER_ID = "user_emulator"
# Storage prices per GB per hour (RunPod bills per month; /730 hours).
RUNNING_DISK_PER_GB_HR = 0.10 / 730
STOPPED_VOLUME_PER_GB_HR = 0.20 / 730
NETWORK_VOLUME_PER_GB_HR = 0.07 / 730
DEFAULT_STOCK = 8
_ID_ALPHABET = string.ascii_lowercase + string.digits

ErrorKind = Literal["invalid", "not_found", "conflict", "payment"]

# Observed status -> the actions allowed in it (the REST document's table); terminate is always fine.
ACTIONS: dict[str, tuple[str, ...]] = {
    "PROVISIONING": ("stop", "terminate"),
    "STARTING": ("stop", "terminate"),
    "RUNNING": ("stop", "restart", "terminate"),
    "EXITED": ("start", "terminate"),
    "ERROR": ("start", "terminate"),
    "TERMINATED": (),
}


class EmulatedAPIError(Exception):
    """A refused operation. GraphQL answers its text in ``errors`` (HTTP 200); REST maps ``kind``
    to a status: invalid 400, not_found 404, conflict 409, payment 402."""

    def __init__(self, message: str, kind: ErrorKind = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.kind: ErrorKind = kind


@functools.lru_cache(maxsize=1 << 15)
def iso(ts: float) -> str:
    """RunPod-style DateTime: ISO 8601 in UTC with milliseconds and a ``Z``. Cached: a pod's times
    rarely change, and formatting two of them took a fifth of rendering a pod."""
    dt = datetime.fromtimestamp(ts, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def status_change_text(reason: str, ts: float) -> str:
    """The shape of ``Pod.lastStatusChange`` ("Rented by User: Thu Jan 01 2026 00:00:00 GMT+0000 ...")."""
    dt = datetime.fromtimestamp(ts, tz=timezone.utc)
    return f"{reason}: {dt.strftime('%a %b %d %Y %H:%M:%S')} GMT+0000 (Coordinated Universal Time)"


@functools.lru_cache(maxsize=1024)
def parse_ports(ports: str | None) -> tuple[tuple[int, str], ...]:
    """``"22/tcp,8888/http"`` -> ``((22, "tcp"), (8888, "http"))``; malformed entries are skipped.
    Cached: a fleet's pods share a few port specs."""
    out: list[tuple[int, str]] = []
    for part in (ports or "").split(","):
        num, _, kind = part.strip().partition("/")
        if num.isdigit():
            out.append((int(num), kind or "tcp"))
    return tuple(out)


def _cuda_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


@dataclass
class Charge:
    """Spend in one hour bucket for one resource (``kind`` pod or volume)."""

    gpu: float = 0.0
    cpu: float = 0.0
    disk: float = 0.0

    @property
    def total(self) -> float:
        return self.gpu + self.cpu + self.disk


@dataclass
class World:
    """Everything the emulated account holds. Mutate through the methods, which keep stock,
    billing, logs and statuses consistent."""

    now: float
    seed: int = 0
    ssh_host: str = "127.0.0.1"
    ssh_port: int | None = None
    boot_seconds: float = 20.0
    ssh_seconds: float = 10.0
    client_balance: float = 100.0
    email: str = "emulator@example.invalid"
    pub_key: str = ""  # the account's SSH public keys, one a line
    spend_limit: int = 80
    # GET /v2/pods, /v2/templates and /v2/serverless a page at a time, as RunPod's newer document
    # pages them (cursor, limit, a pagination marker), this many a page by default; None answers
    # everything at once, as the v2.9.0 document this project compiles does.
    rest_page_size: int | None = None
    client_lifetime_spend: float = 0.0
    pods: dict[str, PodRecord] = field(default_factory=dict)
    gpu_types: dict[str, GpuTypeSpec] = field(default_factory=dict)
    data_centers: dict[str, DataCenterSpec] = field(default_factory=dict)
    cpu_flavors: dict[str, CpuFlavorSpec] = field(default_factory=dict)
    stock: dict[tuple[str, str], int] = field(default_factory=dict)  # (gpu type, dc) -> free GPUs
    full_hosts: set[str] = field(default_factory=set)  # machine ids whose resume fails
    bad_images: set[str] = field(default_factory=set)  # images whose pull fails: pods go ERROR
    templates: dict[str, TemplateRecord] = field(default_factory=dict)  # the user's templates
    public_templates: dict[str, TemplateRecord] = field(default_factory=dict)
    network_volumes: dict[str, VolumeRecord] = field(default_factory=dict)
    endpoints: dict[str, EndpointRecord] = field(default_factory=dict)
    registry_auths: dict[str, RegistryRecord] = field(default_factory=dict)
    secrets: dict[str, SecretRecord] = field(default_factory=dict)
    delegations: dict[str, DelegationRecord] = field(default_factory=dict)
    clusters: dict[str, ClusterRecord] = field(default_factory=dict)
    logs: dict[str, list[LogLine]] = field(default_factory=dict)  # pod id -> lines, oldest first
    # (hour index, "pod" | "volume", resource id) -> spend in that hour
    ledger: dict[tuple[int, str, str], Charge] = field(default_factory=dict)
    # An endpoint's workers, from the job service that runs them (none without one).
    workers_of: Callable[[str], list[WorkerInfo]] = field(default=lambda _endpoint_id: [])
    _log_seq: int = 0
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
                if self.on_demand_price(gpu, dc) is not None:
                    self.stock[(gpu.id, dc.id)] = DEFAULT_STOCK
        for t in PUBLIC_TEMPLATES:
            self.public_templates[t.id] = t

    # ----------------------------------------------------------------- time and billing
    @property
    def ready_seconds(self) -> float:
        """From a start to a runtime with SSH published: boot, then sshd."""
        return self.boot_seconds + self.ssh_seconds

    def advance(self, now: float) -> None:
        """Bill the time since the last call; boot (or fail) pods whose boot time has come."""
        if now > self._last_settled:
            self._bill(self._last_settled, now)
            self._last_settled = now
        self.now = max(self.now, now)
        for pod in self.pods.values():
            if pod.desired_status == "CREATED" and self.now >= pod.started_at + self.boot_seconds:
                self._boot(pod)

    def _bill(self, start: float, end: float) -> None:
        """Charge every pod and volume from ``start`` to ``end``, split at hour boundaries."""
        t = start
        while t < end:
            hour = int(t // 3600)
            stop = min(end, (hour + 1) * 3600.0)
            hours = (stop - t) / 3600.0
            for pod in self.pods.values():
                disk = self._pod_disk_cost(pod) * hours
                compute = max(pod.cost_per_hr * hours - disk, 0.0)
                charge = self.ledger.get((hour, "pod", pod.id))
                if charge is None:  # not setdefault: a Charge for every pod on every request
                    charge = self.ledger[(hour, "pod", pod.id)] = Charge()
                if pod.gpu_type_id is None:
                    charge.cpu += compute
                else:
                    charge.gpu += compute
                charge.disk += disk
            for volume in self.network_volumes.values():
                charge = self.ledger.setdefault((hour, "volume", volume.id), Charge())
                charge.disk += volume.size * NETWORK_VOLUME_PER_GB_HR * hours
            spent = self.current_spend_per_hr() * hours
            self.client_balance -= spent
            self.client_lifetime_spend += spent
            t = stop

    def _pod_disk_cost(self, pod: PodRecord) -> float:
        running = pod.desired_status != "EXITED"
        return self.storage_cost(pod.container_disk_in_gb, pod.volume_in_gb, running)

    def current_spend_per_hr(self) -> float:
        pods = sum(p.cost_per_hr for p in self.pods.values())
        volumes = sum(v.size for v in self.network_volumes.values())
        return pods + volumes * NETWORK_VOLUME_PER_GB_HR

    # ----------------------------------------------------------------- ids and prices
    def new_id(self, length: int = 14) -> str:
        return "".join(self._rng.choices(_ID_ALPHABET, k=length))

    @staticmethod
    def on_demand_price(gpu: GpuTypeSpec, dc: DataCenterSpec) -> float | None:
        return gpu.secure_price if dc.secure else gpu.community_price

    @staticmethod
    def spot_price(gpu: GpuTypeSpec, dc: DataCenterSpec) -> float | None:
        return gpu.secure_spot_price if dc.secure else gpu.community_spot_price

    @staticmethod
    def storage_cost(container_disk: int, volume: int, running: bool) -> float:
        if running:
            return (container_disk + volume) * RUNNING_DISK_PER_GB_HR
        return volume * STOPPED_VOLUME_PER_GB_HR

    def _running_cost(self, pod: PodRecord) -> float:
        storage = self.storage_cost(pod.container_disk_in_gb, pod.volume_in_gb, running=True)
        if pod.gpu_type_id is None:
            flavor = self.cpu_flavors.get(pod.cpu_flavor_id or "")
            compute = (flavor.price_per_vcpu if flavor else 0.03) * pod.vcpu_count
        elif pod.pod_type == "INTERRUPTABLE" and pod.bid_per_gpu is not None:
            compute = pod.bid_per_gpu * pod.gpu_count
        else:
            gpu, dc = self.gpu_types[pod.gpu_type_id], self.data_centers[pod.data_center_id]
            compute = (self.on_demand_price(gpu, dc) or 0.0) * pod.gpu_count
        return round(compute + storage, 6)

    def minimum_bid(self, pod: PodRecord) -> float | None:
        if pod.gpu_type_id is None:
            return None
        gpu, dc = self.gpu_types[pod.gpu_type_id], self.data_centers[pod.data_center_id]
        return self.spot_price(gpu, dc)

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

    def add_fleet(
        self,
        count: int,
        gpu_type_id: str = FLEET_GPU,
        *,
        name: str = "fleet",
        image: str = "img",
    ) -> list[PodRecord]:
        """``count`` one-GPU pods named ``{name}-0``, ``{name}-1``... with 22/tcp published, on
        machines added for them: the free stock is what it was before (a large account in one
        call, for fleet tests and benchmarks)."""
        if count < 0:
            raise ValueError("count must be >= 0")
        keys = [k for k in self.stock if k[0] == gpu_type_id]
        if not keys:
            raise KeyError(f"unknown GPU type {gpu_type_id!r}")
        free = {k: self.stock[k] for k in keys}
        for key in keys:
            self.stock[key] += count
        try:
            return [
                self.create_pod(
                    PodCreate(
                        gpu_type_ids=[gpu_type_id], name=f"{name}-{i}", image=image, ports="22/tcp"
                    )
                )
                for i in range(count)
            ]
        finally:
            self.stock.update(free)

    def free_gpus(self, gpu_type_id: str, data_center_id: str) -> int:
        return self.stock.get((gpu_type_id, data_center_id), 0)

    def offers(self, gpu_type_id: str) -> Iterator[DataCenterSpec]:
        """The data centres that have machines with this GPU type (in stock or not)."""
        return (dc for dc in self.data_centers.values() if (gpu_type_id, dc.id) in self.stock)

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
        pod = self.pod(pod_id)
        (self.full_hosts.add if full else self.full_hosts.discard)(pod.machine_id)

    # ----------------------------------------------------------------- pod lifecycle
    def pod(self, pod_id: str, message: str = POD_NOT_FOUND_ERROR) -> PodRecord:
        pod = self.pods.get(pod_id)
        if pod is None:
            raise EmulatedAPIError(message, "not_found")
        return pod

    def status(self, pod: PodRecord) -> str:
        """The observed status (REST v2 ``PodStatus``), derived from the stored one and the time."""
        if pod.error is not None:
            return "ERROR"
        if pod.desired_status == "EXITED":
            return "EXITED"
        if pod.desired_status == "CREATED":
            halfway = pod.started_at + self.boot_seconds / 2
            return "PROVISIONING" if self.now < halfway else "STARTING"
        return "RUNNING"

    def actions(self, pod: PodRecord) -> tuple[str, ...]:
        return ACTIONS[self.status(pod)]

    def _placements(
        self, spec: PodCreate
    ) -> Iterable[tuple[GpuTypeSpec, DataCenterSpec, float, str]]:
        """Candidate (GPU type, data centre, price per GPU, CUDA version) in preference order,
        ignoring stock."""
        wanted_dcs = set(spec.data_center_ids)
        volume = self.network_volumes.get(spec.network_volume_id or "")
        if volume is not None:
            wanted_dcs = {volume.data_center_id}
        for gpu_id in spec.gpu_type_ids:
            gpu = self.gpu_types.get(gpu_id)
            if gpu is None:
                continue
            for dc in self.data_centers.values():
                if (spec.cloud == "SECURE" and not dc.secure) or (
                    spec.cloud == "COMMUNITY" and dc.secure
                ):
                    continue
                if (wanted_dcs and dc.id not in wanted_dcs) or (
                    spec.country_codes and dc.country_code not in spec.country_codes
                ):
                    continue
                cuda = self.cuda_for(dc.id, spec.cuda_versions, spec.min_cuda_version)
                price = self.spot_price(gpu, dc) if spec.spot else self.on_demand_price(gpu, dc)
                if price is not None and cuda is not None:
                    yield gpu, dc, price, cuda

    @staticmethod
    def cuda_for(dc_id: str, allowed: Iterable[str], minimum: str | None) -> str | None:
        """The newest CUDA version of the data centre's machines that the filters allow."""
        allowed = set(allowed)
        for version in CUDA_VERSIONS.get(dc_id, ()):  # newest first
            if allowed and version not in allowed:
                continue
            if minimum and _cuda_key(version) < _cuda_key(minimum):
                continue
            return version
        return None

    def create_pod(self, spec: PodCreate) -> PodRecord:
        """Place and start a pod (GPU on demand or spot, or CPU when ``cpu_flavor_id`` is set)."""
        if self.client_balance <= 0:
            raise EmulatedAPIError(BALANCE_ERROR, "payment")
        if spec.cpu_flavor_id is not None:
            return self._create_cpu_pod(spec)
        count = spec.gpu_count
        if count < 1:
            raise EmulatedAPIError(GPU_COUNT_ERROR)
        bid = spec.bid_per_gpu
        if spec.spot and bid is None:
            raise EmulatedAPIError("bidPerGpu is required for a spot (interruptable) pod")
        lowest_refused_bid: float | None = None
        for gpu, dc, price, cuda in self._placements(spec):
            if count > gpu.max_gpu_count or self.free_gpus(gpu.id, dc.id) < count:
                continue
            if spec.spot and bid is not None and bid < price:
                lowest_refused_bid = min(price, lowest_refused_bid or price)
                continue
            unit = float(bid) if spec.spot and bid is not None else price
            if spec.deploy_cost is not None and unit * count > spec.deploy_cost:
                continue
            pod = self._new_pod(spec, gpu, dc, count)
            pod.cuda_version = cuda
            return pod
        if lowest_refused_bid is not None:
            raise EmulatedAPIError(
                f"Your bid of ${float(bid or 0):.3f}/GPU/hr is below the minimum bid price of "
                f"${lowest_refused_bid:.3f}/GPU/hr for this GPU type."
            )
        raise EmulatedAPIError(CAPACITY_ERROR)

    def _create_cpu_pod(self, spec: PodCreate) -> PodRecord:
        flavor = self.cpu_flavors.get(spec.cpu_flavor_id or "")
        if flavor is None:
            raise EmulatedAPIError(CAPACITY_ERROR)
        vcpu = spec.vcpu_count or flavor.min_vcpu
        if not flavor.min_vcpu <= vcpu <= flavor.max_vcpu:
            raise EmulatedAPIError(
                f"vcpuCount must be between {flavor.min_vcpu} and {flavor.max_vcpu} for {flavor.id}"
            )
        dcs = spec.data_center_ids or [next(iter(self.data_centers))]
        dc = self.data_centers.get(dcs[0])
        if dc is None:
            raise EmulatedAPIError(CAPACITY_ERROR)
        pod = self._new_pod(spec, None, dc, 0)
        pod.cpu_flavor_id = flavor.id
        pod.vcpu_count = float(vcpu)
        pod.memory_in_gb = float(spec.memory_gb or vcpu * flavor.ram_multiplier)
        pod.cost_per_hr = self._running_cost(pod)
        return pod

    def _new_pod(
        self, spec: PodCreate, gpu: GpuTypeSpec | None, dc: DataCenterSpec, count: int
    ) -> PodRecord:
        template = self.any_template(spec.template_id)
        t = template or TemplateRecord(id="", name="", ports="", volume_gb=0)
        env = {**t.env, **(spec.env or {})}
        pod_id = self.new_id()

        def pick(value: Any, fallback: Any) -> Any:
            return fallback if value is None else value

        pod = PodRecord(
            id=pod_id,
            name=spec.name or t.name or f"pod-{pod_id}",
            image_name=spec.image or t.image,
            desired_status="CREATED",
            pod_type="INTERRUPTABLE" if spec.spot else "RESERVED",
            gpu_type_id=gpu.id if gpu else None,
            gpu_count=count,
            data_center_id=dc.id,
            secure_cloud=dc.secure,
            cost_per_hr=0.0,
            bid_per_gpu=float(spec.bid_per_gpu)
            if spec.spot and spec.bid_per_gpu is not None
            else None,
            env=env_list(env),
            ports=spec.ports if spec.ports is not None else (t.ports or None),
            docker_args=pick(spec.docker_args, t.docker_args) or "",
            container_disk_in_gb=pick(spec.container_disk_gb, t.container_disk_gb) or 10,
            volume_in_gb=pick(spec.volume_gb, t.volume_gb) or 0,
            volume_mount_path=spec.volume_mount_path or t.volume_mount_path or "/workspace",
            vcpu_count=float(max(spec.min_vcpu or 0, 8 * max(count, 1))),
            memory_in_gb=float(max(spec.min_memory_gb or 0, 31 * max(count, 1))),
            template_id=spec.template_id if template is not None else None,
            network_volume_id=spec.network_volume_id,
            machine_id=self.new_id(12),
            pod_host_id=f"{pod_id}-{self.new_id(8)}",
            created_at=self.now,
            started_at=self.now,
            last_status_change=status_change_text("Rented by User", self.now),
            ssh_public_port=self.ssh_port or 10000 + self._rng.randrange(50000),
            private_ip=f"10.{self._rng.randrange(256)}.{self._rng.randrange(256)}.{self._rng.randrange(1, 255)}",
            container_registry_auth_id=spec.registry_id or t.registry_id,
            start_ssh=pick(spec.start_ssh, t.start_ssh),
            holds_gpus=False,
            global_networking=spec.global_networking,
        )
        self._take_gpus(pod)
        pod.cost_per_hr = self._running_cost(pod)
        self.pods[pod.id] = pod
        self.write_log(pod.id, f"Pod {pod.id} scheduled on machine {pod.machine_id}", "system")
        return pod

    def _boot(self, pod: PodRecord) -> None:
        """The boot delay passed: the image is pulled (or fails to be) and the container runs."""
        if pod.image_name in self.bad_images:
            self.fail_pod(pod.id, IMAGE_PULL_ERROR.format(image=pod.image_name))
            return
        pod.desired_status = "RUNNING"
        at = pod.started_at + self.boot_seconds
        self.write_log(pod.id, f"Pulled image {pod.image_name}", "system", at)
        self.write_log(pod.id, "Container started", "system", at)

    def fail_pod(self, pod_id: str, reason: str = "container exited with an error") -> PodRecord:
        """Put a pod in the unrecoverable ERROR state (e.g. its image cannot be pulled)."""
        pod = self.pod(pod_id)
        pod.error = reason
        self.write_log(pod.id, f"Error: {reason}", "system")
        self._exit(pod, "Error")
        return pod

    def stop_pod(self, pod_id: str) -> PodRecord:
        pod = self.pod(pod_id)
        if pod.desired_status != "EXITED":
            self._exit(pod, "Exited by user")
        return pod

    def _exit(self, pod: PodRecord, reason: str) -> None:
        pod.desired_status = "EXITED"
        pod.last_status_change = status_change_text(reason, self.now)
        self._release_gpus(pod)
        pod.cost_per_hr = round(self.storage_cost(0, pod.volume_in_gb, running=False), 6)
        self.write_log(pod.id, f"Container stopped ({reason})", "system")

    def _start(self, pod: PodRecord, gpu_count: int | None) -> None:
        if pod.desired_status != "EXITED":
            return
        count = pod.gpu_count if gpu_count is None else gpu_count
        if pod.gpu_type_id is not None and count < 1:
            raise EmulatedAPIError(GPU_COUNT_ERROR)
        if pod.gpu_type_id is not None:
            free = self.free_gpus(pod.gpu_type_id, pod.data_center_id)
            if pod.machine_id in self.full_hosts or free < count:
                raise EmulatedAPIError(HOST_FULL_ERROR)
        pod.gpu_count = count
        self._take_gpus(pod)
        # A resumed container starts from its pulled image at once; a failed one pulls again.
        pod.desired_status = "CREATED" if pod.error is not None else "RUNNING"
        pod.error = None
        pod.started_at = self.now
        pod.last_status_change = status_change_text("Rented by User", self.now)
        pod.cost_per_hr = self._running_cost(pod)
        self.write_log(pod.id, "Container started", "system")

    def resume_pod(self, pod_id: str, gpu_count: int | None = None) -> PodRecord:
        pod = self.pod(pod_id)
        if pod.pod_type == "INTERRUPTABLE":
            raise EmulatedAPIError(SPOT_RESUME_ERROR)
        self._start(pod, gpu_count)
        return pod

    def bid_resume_pod(self, pod_id: str, bid_per_gpu: float, gpu_count: int) -> PodRecord:
        pod = self.pod(pod_id)
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

    def outbid(self, pod_id: str) -> PodRecord:
        """Interrupt a running spot pod, as when a higher bid takes its GPUs."""
        pod = self.pod(pod_id)
        if pod.pod_type != "INTERRUPTABLE":
            raise ValueError(f"pod {pod_id} is not a spot (INTERRUPTABLE) pod")
        if pod.desired_status != "EXITED":
            self._exit(pod, "Outbid")
        return pod

    def terminate_pod(self, pod_id: str) -> None:
        pod = self.pod(pod_id, TERMINATE_NOT_FOUND_ERROR)
        self._release_gpus(pod)
        del self.pods[pod.id]
        self.logs.pop(pod.id, None)

    def restart_pod(self, pod_id: str) -> PodRecord:
        pod = self.pod(pod_id)
        if pod.desired_status != "EXITED":
            pod.started_at = self.now
            pod.desired_status = "RUNNING"
            self.write_log(pod.id, "Container restarted", "system")
        return pod

    def update_pod(self, pod_id: str, changes: dict[str, Any]) -> PodRecord:
        """Change container fields; keys are ``PodRecord`` attributes (``env`` as a map). A running
        container restarts (runtime resets)."""
        pod = self.pod(pod_id)
        for key, value in changes.items():
            if key == "env":
                pod.env = env_list(value)
            elif hasattr(pod, key):
                setattr(pod, key, value)
            else:
                raise AttributeError(key)
        if pod.desired_status != "EXITED":
            pod.started_at = self.now
            pod.cost_per_hr = self._running_cost(pod)
        else:
            pod.cost_per_hr = round(self.storage_cost(0, pod.volume_in_gb, running=False), 6)
        return pod

    # ----------------------------------------------------------------- logs
    @property
    def log_seq(self) -> int:
        """The sequence number of the last line written to any pod's log."""
        return self._log_seq

    def write_log(
        self, pod_id: str, line: str, source: LogSource = "container", ts: float | None = None
    ) -> LogLine:
        """Append a line to a pod's log (``ts`` defaults to now)."""
        if pod_id not in self.pods:
            raise EmulatedAPIError(POD_NOT_FOUND_ERROR, "not_found")
        self._log_seq += 1
        entry = LogLine(self.now if ts is None else ts, self._log_seq, source, line)
        self.logs.setdefault(pod_id, []).append(entry)
        return entry

    # ----------------------------------------------------------------- templates
    def any_template(self, template_id: object) -> TemplateRecord | None:
        if not isinstance(template_id, str):
            return None
        return self.templates.get(template_id) or self.public_templates.get(template_id)

    def create_template(self, name: str, **fields: Any) -> TemplateRecord:
        if not name:
            raise EmulatedAPIError("Template name is required.")
        if any(t.name == name for t in self.templates.values()):
            raise EmulatedAPIError("Template name must be unique.")
        template = TemplateRecord(
            id=self.new_id(10), name=name, user_id=USER_ID, created_at=self.now, **fields
        )
        self.templates[template.id] = template
        return template

    def update_template(self, template_id: str, **fields: Any) -> TemplateRecord:
        template = self.templates.get(template_id)
        if template is None:
            raise EmulatedAPIError("template not found", "not_found")
        name = fields.get("name")
        if name is not None and any(
            t.name == name and t.id != template_id for t in self.templates.values()
        ):
            raise EmulatedAPIError("Template name must be unique.")
        extra = fields.pop("extra", None)
        for key, value in fields.items():
            setattr(template, key, value)
        if extra:
            template.extra.update(extra)
        return template

    def template_users(self, template_id: str) -> list[str]:
        """Ids of the pods and endpoints that use a template."""
        return [p.id for p in self.pods.values() if p.template_id == template_id] + [
            e.id for e in self.endpoints.values() if e.template_id == template_id
        ]

    def delete_template(self, template_id: str) -> None:
        if template_id not in self.templates:
            raise EmulatedAPIError("template not found", "not_found")
        users = self.template_users(template_id)
        if users:
            raise EmulatedAPIError(f"template is in use by {', '.join(users)}")
        del self.templates[template_id]

    def template_by_name(self, name: str) -> TemplateRecord:
        for template in self.templates.values():
            if template.name == name:
                return template
        raise EmulatedAPIError(f"Template {name} not found.", "not_found")

    # ----------------------------------------------------------------- network volumes
    def create_network_volume(
        self, name: str, size: int, data_center_id: str, type: str = "STANDARD"
    ) -> VolumeRecord:
        dc = self.data_centers.get(data_center_id)
        if dc is None or not dc.volumes:
            with_volumes = ", ".join(d.id for d in self.data_centers.values() if d.volumes)
            raise EmulatedAPIError(
                f"Invalid data center id: {data_center_id}. "
                f"Data centers that support network volumes: {with_volumes}"
            )
        if size <= 0:
            raise EmulatedAPIError("Network volume size must be at least 1 GB.")
        volume = VolumeRecord(self.new_id(10), name, size, data_center_id, type)
        self.network_volumes[volume.id] = volume
        return volume

    def volume(self, volume_id: str) -> VolumeRecord:
        volume = self.network_volumes.get(volume_id)
        if volume is None:
            raise EmulatedAPIError("Network volume not found.", "not_found")
        return volume

    def update_network_volume(
        self, volume_id: str, name: str | None = None, size: int | None = None
    ) -> VolumeRecord:
        volume = self.volume(volume_id)
        if size is not None:
            if size < volume.size:
                raise EmulatedAPIError("Network volume size can only be increased.")
            volume.size = size
        if name is not None:
            volume.name = name
        return volume

    def delete_network_volume(self, volume_id: str) -> None:
        if self.network_volumes.pop(volume_id, None) is None:
            raise EmulatedAPIError(VOLUME_NOT_FOUND_ERROR, "not_found")

    # ----------------------------------------------------------------- endpoints
    def create_endpoint(self, name: str, **fields: Any) -> EndpointRecord:
        endpoint = EndpointRecord(id=self.new_id(14), name=name, created_at=self.now, **fields)
        self.endpoints[endpoint.id] = endpoint
        return endpoint

    def endpoint(self, endpoint_id: str | None) -> EndpointRecord:
        endpoint = self.endpoints.get(endpoint_id or "")
        if endpoint is None:
            raise EmulatedAPIError("Endpoint not found.", "not_found")
        return endpoint

    def update_endpoint(self, endpoint_id: str | None, **fields: Any) -> EndpointRecord:
        endpoint = self.endpoint(endpoint_id)
        extra = fields.pop("extra", None)
        for key, value in fields.items():
            setattr(endpoint, key, value)
        if extra:
            endpoint.extra.update(extra)
        return endpoint

    def delete_endpoint(self, endpoint_id: str) -> None:
        if self.endpoints.pop(endpoint_id, None) is None:
            raise EmulatedAPIError("Endpoint not found.", "not_found")

    # ----------------------------------------------------------------- registry auth, secrets
    def create_registry_auth(self, name: str, username: str, password: str) -> RegistryRecord:
        if any(a.name == name for a in self.registry_auths.values()):
            raise EmulatedAPIError("Registry auth name must be unique.")
        auth = RegistryRecord(self.new_id(10), name, username, password)
        self.registry_auths[auth.id] = auth
        return auth

    def registry_auth(self, auth_id: str) -> RegistryRecord:
        auth = self.registry_auths.get(auth_id)
        if auth is None:
            raise EmulatedAPIError("Registry auth not found.", "not_found")
        return auth

    def update_registry_auth(
        self, auth_id: str, username: str | None = None, password: str | None = None
    ) -> RegistryRecord:
        auth = self.registry_auth(auth_id)
        if username is not None:
            auth.username = username
        if password is not None:
            auth.password = password
        return auth

    def delete_registry_auth(self, auth_id: str) -> None:
        self.registry_auth(auth_id)
        users = [p.id for p in self.pods.values() if p.container_registry_auth_id == auth_id]
        if users:
            raise EmulatedAPIError(f"registry credential is in use by {', '.join(users)}")
        for template in self.templates.values():  # templates silently lose the reference
            if template.registry_id == auth_id:
                template.registry_id = None
        del self.registry_auths[auth_id]

    def create_secret(self, name: str, value: str, description: str | None) -> SecretRecord:
        if not name:
            raise EmulatedAPIError("Secret name is required.")
        if any(s.name == name for s in self.secrets.values()):
            raise EmulatedAPIError(f"A secret named {name} already exists.", "conflict")
        secret = SecretRecord(self.new_id(10), name, value, description, self.now, self.now)
        self.secrets[secret.id] = secret
        return secret

    def delete_secret(self, secret_id: str) -> None:
        if self.secrets.pop(secret_id, None) is None:
            raise EmulatedAPIError("Secret not found.", "not_found")

    # ----------------------------------------------------------------- clusters, delegations
    def create_cluster(
        self, name: str, type: str, spec: PodCreate, pod_count: int
    ) -> ClusterRecord:
        """``pod_count`` pods of one GPU type in one data centre, or none at all (capacity)."""
        needed = spec.gpu_count * pod_count
        gpu_id = spec.gpu_type_ids[0] if spec.gpu_type_ids else ""
        for gpu, dc, _, _ in self._placements(spec):
            if self.free_gpus(gpu.id, dc.id) >= needed and spec.gpu_count <= gpu.max_gpu_count:
                spec.data_center_ids = [dc.id]
                break
        else:
            raise EmulatedAPIError(CAPACITY_ERROR)
        cluster = ClusterRecord(
            self.new_id(12),
            name,
            type,
            gpu_id,
            spec.gpu_count,
            spec.data_center_ids[0],
            [],
            self.now,
        )
        for rank in range(pod_count):
            spec.name = f"{name}-{rank}"
            pod = self.create_pod(spec)
            pod.cluster_id = cluster.id
            cluster.pod_ids.append(pod.id)
        self.clusters[cluster.id] = cluster
        return cluster

    def cluster(self, cluster_id: str) -> ClusterRecord:
        cluster = self.clusters.get(cluster_id)
        if cluster is None:
            raise EmulatedAPIError("cluster not found", "not_found")
        return cluster

    def delete_cluster(self, cluster_id: str) -> None:
        for pod_id in self.cluster(cluster_id).pod_ids:
            if pod_id in self.pods:
                self.terminate_pod(pod_id)
        del self.clusters[cluster_id]

    def create_delegation(self, resource: str, name: str | None) -> DelegationRecord:
        """``resource`` is an ECR repository ARN (``arn:aws:ecr:REGION:ACCOUNT:repository/NAME``,
        optionally ``:TAG``)."""
        parts = resource.split(":")
        if (
            len(parts) < 6
            or parts[:3] != ["arn", "aws", "ecr"]
            or not parts[5].startswith("repository/")
        ):
            raise EmulatedAPIError(f"resource must be an ECR repository ARN, got {resource!r}")
        repository = parts[5].removeprefix("repository/")
        tag = parts[6] if len(parts) > 6 and parts[6] else "latest"
        record = DelegationRecord(
            self.new_id(10), name, parts[3], parts[4], repository, tag, self.now
        )
        self.delegations[record.id] = record
        return record

    def delete_delegation(self, delegation_id: str) -> None:
        if self.delegations.pop(delegation_id, None) is None:
            raise EmulatedAPIError("delegation not found", "not_found")

    # ----------------------------------------------------------------- account
    @property
    def ssh_keys(self) -> list[str]:
        return [k for k in self.pub_key.splitlines() if k.strip()]

    def set_ssh_keys(self, keys: Iterable[str]) -> None:
        self.pub_key = "\n".join(keys)


# ----------------------------------------------------------------- derived pod state
def port_mappings(world: World, pod: PodRecord) -> list[tuple[str, bool, int, int, str]]:
    """(ip, is public, private port, public port, type) of a running container.

    A custom dockerArgs replaces the start script, so no sshd and no port mappings appear:
    "RUNNING but never reachable" (see API-BEHAVIOUR.md)."""
    out: list[tuple[str, bool, int, int, str]] = []
    if pod.docker_args:
        return out
    for private, kind in parse_ports(pod.ports or ("22/tcp" if pod.start_ssh else "")):
        if private == 22 and kind == "tcp":
            out.append((pod.private_ip, False, 22, 22, "tcp"))
            out.append((world.ssh_host, True, 22, pod.ssh_public_port, "tcp"))
        elif kind == "tcp":
            out.append(
                (
                    world.ssh_host,
                    True,
                    private,
                    10000 + (pod.ssh_public_port + private) % 50000,
                    "tcp",
                )
            )
        else:
            out.append((pod.private_ip, False, private, private, kind))
    return out


class Utilisation(NamedTuple):
    """A running container's use, in percent (0-100)."""

    gpus: tuple[tuple[int, int], ...]  # (compute, memory) per GPU
    cpu: int
    memory: int


def utilisation(world: World, pod: PodRecord) -> Utilisation:
    """Utilisation varies every 10 emulated seconds, reproducibly for a given seed: a hash of the
    seed, the pod and the 10-second bucket (a seeded ``random.Random`` cost 6 us a pod, a third
    of a pod's runtime view)."""
    words = _words(2 * max(pod.gpu_count, 0) + 2)
    digest = hashlib.shake_128(f"{world.seed}:{pod.id}:{int(world.now // 10)}".encode())
    values = [v % 101 for v in words.unpack(digest.digest(words.size))]
    return Utilisation(
        tuple(zip(values[0:-2:2], values[1:-2:2], strict=True)), values[-2], values[-1]
    )


@functools.lru_cache(maxsize=64)
def _words(count: int) -> struct.Struct:
    return struct.Struct(f">{count}H")


def runtime_ready(world: World, pod: PodRecord) -> bool:
    """The container is up: boot + ssh delay after the last start, and not stopped."""
    return pod.desired_status != "EXITED" and world.now >= pod.started_at + world.ready_seconds
