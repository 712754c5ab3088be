"""REST v2's JSON shapes <-> the public models and our requests.

Pods are validated from the answer's bytes straight into the public models (the shape below);
the rest are pure functions over the documented shapes (``rest-v2-openapi.json``): the REST
backend calls them on every answer, the tests on the document's own examples. Requests are built from the
validated resource-level requests of :mod:`.base`; what v2 cannot carry is refused here with the
field named, before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, GetPydanticSchema, RootModel
from pydantic_core import core_schema
from runpod_gql_rest.models.endpoint import Endpoint as RestEndpoint
from runpod_gql_rest.models.template import Template as RestTemplate

from ..errors import InputValidationError
from ..models import (
    Availability,
    BillingRecord,
    CpuType,
    DataCenter,
    DataCenterStock,
    Endpoint,
    EndpointWorker,
    GpuType,
    GpuUtilization,
    LogLine,
    NetworkVolume,
    Pod,
    PodRuntime,
    PodState,
    PortMapping,
    RegistryAuth,
    SSHConnection,
    Template,
)
from .base import BillingQuery, EndpointSave, GpuQuery, PodChanges, PodCreate, TemplateSave
from .decoding import From, listed_or_null, present, read, shape, share_fields_set

Json = Mapping[str, Any]

MIN_PERSISTENT_GB = 10  # v2's floor for mounts.persistent.size (PersistentMount.minimum)


def _obj(data: Json, key: str) -> Json:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


# ------------------------------------------------------------------ pods, in one pass
# A pod answer is validated from its bytes straight into the public models (see .decoding):
# below is where each public field is in v2's Pod. Fields v2 lacks (desired status, pod type,
# machine) are left out, and stay None.


_PORT = shape(
    PortMapping,
    {
        "private_port": From("private", core_schema.nullable_schema(core_schema.int_schema())),
        "public_port": "public",
        "ip": "ip",
        "type": "type",
    },
)
_GPU = shape(GpuUtilization, {"util": "util", "memory_util": "memoryUtil"})
_RUNTIME = shape(
    PodRuntime,
    {
        "uptime_seconds": "uptime",
        "ports": From("ports", listed_or_null(_PORT)),
        "gpus": From("gpus", listed_or_null(_GPU)),
        "cpu_util": ("cpu", "util"),
        "memory_util": ("memory", "util"),
    },
)
_SSH = core_schema.nullable_schema(
    shape(
        SSHConnection,
        {
            "host": "host",
            "port": "port",
            "username": From("username", core_schema.nullable_schema(core_schema.str_schema())),
            "command": "command",
        },
    )
)
_NULLABLE_STR_LIST = core_schema.nullable_schema(core_schema.list_schema(core_schema.str_schema()))


def _finish_state(pod: dict[str, Any]) -> None:
    rt: PodRuntime | None = pod["runtime"]
    if rt is not None:
        values = rt.__dict__  # frozen: fixed in place, before anyone sees it
        values["ports"] = ports = present(values["ports"], "private_port")
        values["gpus"] = present(values["gpus"])
        for port in ports:
            # v2 lists only mappings reachable from outside; an address means a public one.
            port.__dict__["is_ip_public"] = bool(port.ip) and port.public_port is not None
        share_fields_set(rt, *ports, *values["gpus"])
    for name in ("ssh", "ssh_proxy"):
        ssh: SSHConnection | None = pod[name]
        if ssh is not None and not ssh.host:
            pod[name] = None
        elif ssh is not None:
            if not ssh.username:
                ssh.__dict__["username"] = "root"
            share_fields_set(ssh)
    pod["cost_per_hr"] = pod["cost_per_hr"] or 0.0


def _finish_pod(pod: dict[str, Any]) -> None:
    _finish_state(pod)
    pod["image"] = pod["image"] or ""
    pod["args"] = pod["args"] or None
    pod["env"] = pod["env"] or {}
    pod["ports"] = pod["ports"] or []
    pod["actions"] = pod["actions"] or []
    if pod["gpu_count"] is None:  # GpuConfig.count defaults to 1; no gpu block: a CPU pod
        pod["gpu_count"] = 0 if pod["gpu_type_id"] is None else 1


# What a wait reads of a pod: v2 has no field selection, but the rest of each pod is skipped.
_STATE_FIELDS: dict[str, str | From | tuple[str, ...]] = {
    "id": "id",
    "name": "name",
    "status": "status",
    "cost_per_hr": From("cost", core_schema.nullable_schema(core_schema.float_schema())),
    "runtime": From("runtime", core_schema.nullable_schema(_RUNTIME)),
    "ssh": From(("ssh", "direct"), _SSH),
    "ssh_proxy": From(("ssh", "proxy"), _SSH),
}
POD_STATE = shape(PodState, _STATE_FIELDS, finish=_finish_state)
POD = shape(
    Pod,
    {
        **_STATE_FIELDS,
        "image": From("image", core_schema.nullable_schema(core_schema.str_schema())),
        "args": "args",
        "gpu_type_id": ("gpu", "id"),
        # GpuConfig.count defaults to 1: a gpu block without it is one GPU; no block, a CPU pod.
        "gpu_count": From(
            ("gpu", "count"), core_schema.nullable_schema(core_schema.int_schema()), default=None
        ),
        "cpu_flavor_id": ("cpu", "id"),
        "vcpu_count": ("cpu", "vcpuCount"),  # v2 reports both for CPU pods only
        "memory_gb": ("cpu", "memory"),
        "container_disk_gb": "disk",
        "volume_gb": ("mounts", "persistent", "size"),
        "volume_mount_path": (("mounts", "persistent", "path"), ("mounts", "network", 0, "path")),
        "network_volume_id": ("mounts", "network", 0, "volumeId"),
        "env": From(
            "env",
            core_schema.nullable_schema(
                core_schema.dict_schema(core_schema.str_schema(), core_schema.str_schema())
            ),
        ),
        "ports": From("ports", _NULLABLE_STR_LIST),
        "cloud": "cloud",
        "data_center_id": "dataCenterId",
        "template_id": "template",
        "registry_auth_id": "registry",
        "cuda_version": "cudaVersion",
        "actions": From("actions", _NULLABLE_STR_LIST),
        "locked": "locked",
        "created_at": "createdAt",
        "started_at": "startedAt",
    },
    finish=_finish_pod,
)


def pod(data: bytes | str | Mapping[str, Any]) -> Pod:
    """One v2 pod (its JSON, or the object parsed from it) as the public model, read as the
    backend reads answers."""
    return read(PodAnswer, data)


RestPod = Annotated[Pod, GetPydanticSchema(lambda _type, _handler: POD)]
RestPodState = Annotated[PodState, GetPydanticSchema(lambda _type, _handler: POD_STATE)]


class _Answer(BaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(defer_build=True)


class PodAnswer(RootModel[RestPod]):
    """getPod, createPod, updatePod, podAction: one v2 Pod."""

    model_config: ClassVar[ConfigDict] = ConfigDict(defer_build=True)


class Pagination(_Answer):
    """The newer document's page marker (absent from v2.9.0's answers)."""

    next_cursor: str | None = Field(default=None, validation_alias="nextCursor")
    has_next_page: bool = Field(default=False, validation_alias="hasNextPage")


class Paged(_Answer):
    """A list's answer, with ``pagination`` where the API pages it (the newer document pages
    listPods, listTemplates and listEndpoints; v2.9.0 answers everything at once)."""

    pagination: Pagination | None = None


class PodsAnswer(Paged):
    """listPods: ``{"pods": [...]}``."""

    pods: list[RestPod]


class StatesAnswer(Paged):
    """listPods read for a wait: each pod's state only (:class:`PodState`)."""

    pods: list[RestPodState]


class TemplatesAnswer(Paged):
    """listTemplates: ``{"templates": [...]}`` (the generated models)."""

    templates: list[RestTemplate]


class EndpointsAnswer(Paged):
    """listEndpoints: ``{"endpoints": [...]}`` (the generated models)."""

    endpoints: list[RestEndpoint]


def _mounts(request: PodCreate | PodChanges, *, cpu: bool) -> dict[str, Any] | None:
    volume_gb = request.volume_gb or 0
    path = request.volume_mount_path or "/workspace"
    network_id = getattr(request, "network_volume_id", None)
    if network_id:
        if volume_gb:
            raise InputValidationError(
                "volume_gb",
                "REST v2 mounts either a pod volume or a network volume, not both:"
                " set volume_gb=0 with network_volume_id",
            )
        return {"network": [{"volumeId": network_id, "path": path}]}
    if not volume_gb:
        return None
    if cpu:
        raise InputValidationError(
            "volume_gb",
            "CPU pods have no pod volume on REST v2: use a network volume (network_volume_id)",
        )
    if volume_gb < MIN_PERSISTENT_GB:
        raise InputValidationError(
            "volume_gb",
            f"REST v2 pod volumes are at least {MIN_PERSISTENT_GB} GB, got {volume_gb}:"
            f" ask for {MIN_PERSISTENT_GB} or more, or 0 for none",
        )
    return {"persistent": {"size": volume_gb, "path": path}}


def cpu_instance(instance_id: str) -> tuple[str, int]:
    """``cpu3c-2-4`` (flavor, vCPUs, GB) as v2's ``(flavor id, vcpuCount)``; memory follows
    from the flavor's RAM per vCPU on v2."""
    parts = instance_id.split("-")
    if len(parts) < 2 or not parts[0] or not parts[1].isdigit():
        raise InputValidationError(
            "instance_id",
            f"expected <flavor>-<vcpus>[-<memory GB>] such as 'cpu3c-2-4', got {instance_id!r}",
        )
    vcpus = int(parts[1])
    if vcpus < 2 or vcpus & (vcpus - 1):
        raise InputValidationError(
            "instance_id", f"REST v2 CPU pods take a power of two >= 2 vCPUs, got {vcpus}"
        )
    return parts[0], vcpus


def create_pod_body(request: PodCreate) -> dict[str, Any]:
    """The ``createPod`` body for one candidate.

    ``gpu.count`` is always sent (RunPod's own client reports that an omitted count is refused
    for capacity). Options v2 has no field for are refused with the option named; the router
    sends such creates to GraphQL on ``api="auto"``.
    """
    lacking = request.graphql_only()
    if lacking:
        raise InputValidationError(
            lacking[0],
            f"REST v2 cannot create a pod with {', '.join(lacking)}: drop "
            + ("it" if len(lacking) == 1 else "them")
            + " or use RunPod(api='auto') / api='graphql' while GraphQL is served",
        )
    body: dict[str, Any] = {"name": request.name}
    if request.image is not None:
        body["image"] = request.image
    cpu = request.cpu_instance_id is not None
    if request.cpu_instance_id is not None:
        flavor, vcpus = cpu_instance(request.cpu_instance_id)
        body["cpu"] = {"id": flavor, "vcpuCount": vcpus}
    else:
        gpu: dict[str, Any] = {"id": request.gpu_type_id, "count": request.gpu_count}
        if request.allowed_cuda_versions:
            gpu["allowedCudaVersions"] = list(request.allowed_cuda_versions)
        body["gpu"] = gpu
    body["cloud"] = request.cloud
    if request.data_center_id:
        body["dataCenterIds"] = [request.data_center_id]
    body["disk"] = request.container_disk_gb
    mounts = _mounts(request, cpu=cpu)
    if mounts is not None:
        body["mounts"] = mounts
    body["ports"] = list(request.ports)
    body["env"] = dict(request.env)
    if request.args:
        body["args"] = request.args
    if request.template_id:
        body["templateId"] = request.template_id
    if request.registry_auth_id:
        body["registry"] = request.registry_auth_id
    body["startSsh"] = request.start_ssh
    return body


def update_pod_body(changes: PodChanges) -> dict[str, Any]:
    """The ``updatePod`` (PATCH) body: only what changes."""
    body: dict[str, Any] = {}
    if changes.name is not None:
        body["name"] = changes.name
    if changes.image is not None:
        body["image"] = changes.image
    if changes.args is not None:
        body["args"] = changes.args
    if changes.container_disk_gb is not None:
        body["disk"] = changes.container_disk_gb
    if changes.ports is not None:
        body["ports"] = list(changes.ports)
    if changes.env is not None:
        body["env"] = dict(changes.env)
    if changes.volume_gb is not None:
        mounts = _mounts(changes, cpu=False)
        if mounts is not None:
            body["mounts"] = mounts
    if not body:
        raise InputValidationError("changes", "nothing to change")
    return body


def _level(value: Any) -> Availability | None:
    return (
        Availability(value)
        if isinstance(value, str) and value in Availability.__members__
        else None
    )


def _stock(items: Any) -> list[DataCenterStock]:
    return [
        DataCenterStock(
            id=i["id"], name=i.get("name"), availability=_level(i.get("availability")) or "NONE"
        )
        for i in items or ()
        if isinstance(i, dict) and i.get("id")
    ]


def gpu_type(data: Json, *, gpu_count: int = 1) -> GpuType:
    price = _obj(data, "price")
    max_count = _obj(data, "maxCount")
    counts = [c for c in (max_count.get("secure"), max_count.get("community")) if c is not None]
    with_stock = data.get("availability") is not None
    cuda = data.get("cudaVersions")
    return GpuType(
        id=data["id"],
        name=data.get("name"),
        manufacturer=data.get("manufacturer"),
        memory_gb=data.get("memory"),
        max_gpu_count=max(counts) if counts else None,
        secure_cloud=data.get("secure"),
        community_cloud=data.get("community"),
        secure_price=price.get("secure") or None,
        community_price=price.get("community") or None,
        serverless_price=price.get("serverless"),
        pool=data.get("pool"),
        availability=_level(data.get("availability")),
        # Omitted when the type is out of stock everywhere: an empty list, not "unknown".
        data_centers=_stock(data.get("dataCenters")) if with_stock else None,
        cuda_versions=[c["version"] for c in cuda if isinstance(c, dict) and c.get("available")]
        if isinstance(cuda, list)
        else None,
        gpu_count=gpu_count,
    )


def gpu_params(query: GpuQuery, cloud: str) -> dict[str, Any]:
    """``listGpuTypes`` arguments: stock for ``gpu_count`` GPUs on one cloud (``product`` is
    required with ``include``, and filters are valid only with it)."""
    return {
        "include": ["AVAILABILITY"],
        "product": ["POD"],
        "count": query.gpu_count,
        "cloud": cloud,
    }


def for_data_center(gpu: GpuType, data_center_id: str) -> GpuType:
    """The type as seen from one data centre: its availability there (NONE when not listed)."""
    here = [d for d in gpu.data_centers or () if d.id == data_center_id]
    level = here[0].availability if here else Availability.NONE
    return gpu.model_copy(update={"availability": level, "data_centers": here})


_LEVELS = list(Availability)


def merge_clouds(first: GpuType | None, second: GpuType) -> GpuType:
    """One type read per cloud (v2 has no ALL), merged: the better stock, every data centre."""
    if first is None:
        return second
    levels = [a for a in (first.availability, second.availability) if a is not None]
    best = max(levels, key=_LEVELS.index) if levels else None
    centres: dict[str, DataCenterStock] = {}
    for stock in [*(first.data_centers or ()), *(second.data_centers or ())]:
        seen = centres.get(stock.id)
        if seen is None or _LEVELS.index(stock.availability) > _LEVELS.index(seen.availability):
            centres[stock.id] = stock
    has_centres = first.data_centers is not None or second.data_centers is not None
    return first.model_copy(
        update={
            "availability": best,
            "data_centers": list(centres.values()) if has_centres else None,
        }
    )


def cpu_type(data: Json) -> CpuType:
    vcpu = _obj(data, "vcpu")
    price = _obj(data, "price")
    return CpuType(
        id=data["id"],
        name=data.get("name"),
        group=data.get("group"),
        min_vcpu=vcpu.get("min"),
        max_vcpu=vcpu.get("max"),
        ram_gb_per_vcpu=data.get("ramGbPerVcpu"),
        secure_price_per_vcpu=price.get("securePerVcpu"),
        serverless_price_per_vcpu=price.get("serverlessPerVcpu"),
    )


def data_center(data: Json) -> DataCenter:
    types = list(data.get("networkVolumeTypes") or ())
    return DataCenter(
        id=data["id"],
        name=data.get("name"),
        region=data.get("region"),
        supports_network_volumes=bool(types),
        network_volume_types=types,
        compliance=list(data.get("compliance") or ()),
        global_network=data.get("globalNetwork"),
        gpu_availability=_stock(data.get("gpuAvailability")),
    )


def template(data: Json) -> Template:
    # Observed: a template without a volume may come back with no `mounts` key at all.
    persistent = _obj(_obj(data, "mounts"), "persistent")
    return Template(
        id=data["id"],
        name=data["name"],
        image=data.get("image"),
        args=data.get("args") or None,
        container_disk_gb=data.get("disk"),
        volume_gb=persistent.get("size"),
        volume_mount_path=persistent.get("path"),
        ports=list(data.get("ports") or ()),
        env=dict(data.get("env") or {}),
        serverless=data.get("serverless"),
        public=data.get("public"),
        start_ssh=data.get("startSsh"),
        start_jupyter=data.get("startJupyter"),
        registry_auth_id=data.get("registry"),
        category=data.get("category"),
        allowed_cuda_versions=data.get("allowedCudaVersions"),
    )


def template_body(request: TemplateSave, *, update: bool) -> dict[str, Any]:
    """``createTemplate`` / ``updateTemplate`` body. v2 has no readme: refused, not dropped."""
    if request.readme:
        raise InputValidationError(
            "readme", "REST v2 templates have no readme: leave it out, or use api='graphql'"
        )
    body: dict[str, Any] = {
        "name": request.name,
        "image": request.image,
        "disk": request.container_disk_gb,
        "ports": list(request.ports),
        "env": dict(request.env),
        "startSsh": request.start_ssh,
    }
    if not update:
        body["serverless"] = request.serverless
    if request.args:
        body["args"] = request.args
    if request.volume_gb:
        if request.volume_gb < MIN_PERSISTENT_GB:
            raise InputValidationError(
                "volume_gb",
                f"REST v2 template volumes are at least {MIN_PERSISTENT_GB} GB,"
                f" got {request.volume_gb}",
            )
        body["mounts"] = {
            "persistent": {"size": request.volume_gb, "path": request.volume_mount_path}
        }
    if request.registry_auth_id:
        body["registry"] = request.registry_auth_id
    return body


def network_volume(data: Json) -> NetworkVolume:
    return NetworkVolume(
        id=data["id"],
        name=data.get("name"),
        size_gb=data.get("size"),
        data_center_id=data.get("dataCenter"),
        type=data.get("type"),
    )


def endpoint(data: Json) -> Endpoint:
    gpu = _obj(data, "gpu")
    workers = _obj(data, "workers")
    scaling = _obj(data, "scaling")
    scaler = scaling.get("type")
    value = scaling.get("queueDelay" if scaler == "QUEUE_DELAY" else "requestCount")
    return Endpoint(
        id=data["id"],
        name=data.get("name"),
        type=data.get("type"),
        gpu_pools=list(gpu.get("pools") or ()),
        excluded_gpu_types=list(gpu.get("excludedTypes") or ()),
        gpu_count=gpu.get("count"),
        workers_min=workers.get("min"),
        workers_max=workers.get("max"),
        idle_timeout=workers.get("idleTimeout"),
        scaler_type=scaler,
        scaler_value=value,
        data_center_ids=list(data.get("dataCenterIds") or ()),
        network_volume_ids=list(data.get("networkVolumes") or ()),
        flashboot=data.get("flashboot"),
        timeout_ms=data.get("timeout"),
        created_at=data.get("createdAt"),
        url=_base_url(data),
    )


def _base_url(endpoint: Json) -> str | None:
    """A load balancer's ``requestUrls.base``, as sent (the generated model's URL type adds a
    ``/`` to an empty path)."""
    base = _obj(endpoint, "requestUrls").get("base")
    if endpoint.get("type") != "LOAD_BALANCER" or not base:
        return None
    return str(base).rstrip("/")


def endpoint_body(request: EndpointSave, *, update: bool) -> dict[str, Any]:
    """``createEndpoint`` / ``updateEndpoint`` body: a queue endpoint, or a load balancer.

    The scaler becomes v2's ``scaling`` union; ``idleTimeout`` is not sent for a queue endpoint
    scaled by REQUEST_COUNT (v2 refuses it there); data centres must be ids (v2 takes no
    regions). The type is sent on create only: v2 cannot change it.
    """
    if request.scaler_type == "QUEUE_DELAY":
        scaling: dict[str, Any] = {"type": "QUEUE_DELAY", "queueDelay": request.scaler_value}
    else:
        scaling = {"type": "REQUEST_COUNT", "requestCount": request.scaler_value}
    workers: dict[str, Any] = {"min": request.workers_min, "max": request.workers_max}
    if request.type == "LOAD_BALANCER" or request.scaler_type == "QUEUE_DELAY":
        workers["idleTimeout"] = request.idle_timeout
    gpu: dict[str, Any] = {"pools": list(request.gpu_pools), "count": request.gpu_count}
    if request.excluded_gpu_types:
        gpu["excludedTypes"] = list(request.excluded_gpu_types)
    body: dict[str, Any] = {
        "name": request.name,
        "templateId": request.template_id,
        "gpu": gpu,
        "workers": workers,
        "scaling": scaling,
    }
    if not update:
        body["type"] = request.type
    if request.data_center_ids:
        body["dataCenterIds"] = list(request.data_center_ids)
    if request.network_volume_id:
        body["networkVolumes"] = [request.network_volume_id]
    return body


def endpoint_worker(data: Json) -> EndpointWorker:
    status = data["status"]
    return EndpointWorker(
        id=data["id"],
        status=getattr(status, "value", status),
        stale=data.get("isStale", False),
        version=data.get("version"),
        gpu_count=data.get("gpuCount") or 0,
        gpu_type_id=data.get("gpuTypeId"),
        data_center_id=data.get("dataCenterId"),
        image=data.get("image"),
        uptime_seconds=data.get("uptimeSeconds"),
        started_at=data.get("startedAt"),
    )


def registry_auth(data: Json) -> RegistryAuth:
    return RegistryAuth(id=data["id"], name=data.get("name"))


_BILLING_CALLS = {
    "account": ("list_billing", None),
    "pods": ("list_pod_billing", "pod_id"),
    "endpoints": ("list_serverless_billing", "serverless_id"),
    "volumes": ("list_network_volume_billing", "network_volume_id"),
}
_BILLING_META = {"startTime", "endTime", "totalAmount", "podId", "serverlessId", "networkVolumeId"}


def rfc3339(value: datetime) -> str:
    if value.tzinfo is None:
        raise InputValidationError("start/end", "give time-zone-aware datetimes (e.g. UTC)")
    return value.isoformat().replace("+00:00", "Z")


def billing_request(query: BillingQuery) -> tuple[str, dict[str, Any]]:
    """The generated operation of one billing read and its arguments (serverless endpoints bill
    under ``/v2/billing/serverless``; ``/v2/billing/endpoints`` is public endpoints)."""
    operation, id_argument = _BILLING_CALLS[query.kind]
    arguments: dict[str, Any] = {"bucket_size": query.bucket}
    if query.last_n is not None:
        if query.start is not None or query.end is not None:
            raise InputValidationError("last_n", "give either last_n or start/end, not both")
        arguments["last_n"] = query.last_n
    if query.start is not None:
        arguments["start_time"] = rfc3339(query.start)
    if query.end is not None:
        arguments["end_time"] = rfc3339(query.end)
    if query.resource_id is not None:
        if id_argument is None:
            raise InputValidationError("resource_id", "account totals take no resource id")
        arguments[id_argument] = query.resource_id
    return operation, arguments


def billing_record(data: Json) -> BillingRecord:
    resource = data.get("podId") or data.get("serverlessId") or data.get("networkVolumeId")
    amounts = {
        k.removesuffix("Amount"): float(val)
        for k, val in data.items()
        if k not in _BILLING_META and k.endswith("Amount") and isinstance(val, (int, float))
    }
    return BillingRecord(
        start=data["startTime"],
        end=data["endTime"],
        total=data["totalAmount"],
        resource_id=resource,
        amounts=amounts,
    )


def log_line(event_id: str, data: Json) -> LogLine:
    """One SSE event of ``getPodLogs``: ``id: <ts>/<seq>``, ``data: {ts, source, line}``."""
    return LogLine(
        id=event_id, ts=data["ts"], source=data.get("source") or "container", line=data["line"]
    )
