"""The REST v2 operations, one function per ``operationId``, over the shared world.

A handler gets a request whose body and query already passed the document's schemas, and returns
``(status, JSON value or None)``; it raises :class:`Problem` for a status of its own, or lets the
world's :class:`EmulatedAPIError` through (400/402/404/409 by kind). Rules the schemas cannot
express (one of ``gpu``/``cpu``, filters only with ``include``, grow-only volumes...) live here.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from . import _rest_views as v
from ._openapi import RFC3339 as _RFC3339
from ._records import ClusterRecord, EndpointRecord, PodCreate, PodRecord, env_map
from ._rest_base import Handler, Problem, Reply, Request, parse_time
from ._rest_billing import BILLING_HANDLERS
from ._state import World

__all__ = ["HANDLERS", "LogStream"]


# ------------------------------------------------------------------------- pods
def _member_pod(world: World, pod_id: str) -> PodRecord:
    """A pod addressed through the pod endpoints: a cluster member answers 409."""
    pod = world.pod(pod_id)
    if pod.cluster_id is not None:
        raise Problem(409, f"pod {pod_id} belongs to cluster {pod.cluster_id}: use the cluster")
    return pod


def list_pods(world: World, req: Request) -> Reply:
    with_clusters = bool(req.query.get("includeClusterPods"))
    pods = [p for p in world.pods.values() if with_clusters or p.cluster_id is None]
    return _listed(world, req, "listPods", "pods", pods, functools.partial(v.pod_view, world))


class _Listed(Protocol):
    id: str
    created_at: float


ListedT = TypeVar("ListedT", bound=_Listed)


def _listed(
    world: World,
    req: Request,
    operation: str,
    key: str,
    records: list[ListedT],
    view: Callable[[ListedT], dict[str, Any]],
) -> Reply:
    """A list's answer: everything at once (v2.9.0), or a page of it when the world pages as
    the newer document does (``rest_page_size``)."""
    if world.rest_page_size is None:
        return 200, {key: [view(r) for r in records]}
    page, marker = _page(req, operation, records, world.rest_page_size)
    return 200, {key: [view(r) for r in page], "pagination": marker}


def _page(
    req: Request, operation: str, records: list[ListedT], default_limit: int
) -> tuple[list[ListedT], dict[str, Any]]:
    """The newer document's cursor pagination: newest first, ``limit`` (1-1000) a page, the
    cursor opaque and valid only for the operation it came from (422 otherwise). The cursor is
    the last record handed out, so records created or deleted between pages neither repeat
    nor skip those not yet seen."""
    raw_limit = (req.raw_query.get("limit") or [str(default_limit)])[-1]
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= 1000:
        raise Problem(422, "Request validation failed.", ["$.limit: must be 1 to 1000"])
    newest_first = sorted(records, key=lambda p: (p.created_at, p.id), reverse=True)
    cursors = req.raw_query.get("cursor")
    if cursors:
        cursor = cursors[-1]
        try:
            kind, created, last_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
            after = (float(created), last_id)
        except ValueError:
            raise Problem(422, "Request validation failed.", ["$.cursor: malformed"]) from None
        if kind != operation:
            raise Problem(422, "Request validation failed.", ["$.cursor: not this list's"])
        newest_first = [p for p in newest_first if (p.created_at, p.id) < after]
    page = newest_first[: int(raw_limit)]
    more = len(newest_first) > len(page)
    last = page[-1] if page and more else None
    next_cursor = (
        base64.urlsafe_b64encode(f"{operation}|{last.created_at!r}|{last.id}".encode()).decode()
        if last is not None
        else None
    )
    return page, {"nextCursor": next_cursor, "hasNextPage": more}


def _pod_spec(world: World, body: Mapping[str, Any]) -> PodCreate:
    """A v2 create body -> PodCreate, with the rules the schema leaves to the handler."""
    gpu, cpu, mounts = body.get("gpu"), body.get("cpu"), body.get("mounts") or {}
    if (gpu is None) == (cpu is None):
        raise Problem(400, "exactly one of gpu or cpu must be set")
    if gpu and gpu.get("allowedCudaVersions") and gpu.get("minCudaVersion"):
        raise Problem(400, "allowedCudaVersions and minCudaVersion are mutually exclusive")
    if "persistent" in mounts and "network" in mounts:
        raise Problem(400, "mounts takes persistent or network, not both")
    if cpu and "persistent" in mounts:
        raise Problem(400, "CPU pods support container disk and network volumes only")
    network = (mounts.get("network") or [None])[0]
    if network is not None and network["volumeId"] not in world.network_volumes:
        raise Problem(404, f"network volume {network['volumeId']} not found")
    template = world.any_template(body.get("templateId"))
    if body.get("templateId") is not None:
        if template is None:
            raise Problem(404, f"template {body['templateId']} not found")
        if template.serverless:
            raise Problem(422, "a serverless template cannot create a pod")
    if body.get("registry") and body["registry"] not in world.registry_auths:
        raise Problem(404, f"registry {body['registry']} not found")
    env = dict(body.get("env") or {})
    start_ssh = bool(body.get("startSsh", False))
    if start_ssh and world.ssh_keys:
        env.setdefault("PUBLIC_KEY", "\n".join(world.ssh_keys))
    if body.get("startJupyter"):
        env.setdefault("JUPYTER_PASSWORD", world.new_id(16))
    persistent = mounts.get("persistent")
    return PodCreate(
        name=body["name"],
        image=body.get("image"),
        gpu_type_ids=[gpu["id"]] if gpu else [],
        gpu_count=int(gpu.get("count", 1)) if gpu else 0,
        cloud=body.get("cloud", "SECURE"),
        data_center_ids=list(body.get("dataCenterIds") or []),
        container_disk_gb=body.get("disk"),
        # Omitting mounts means no persistent storage (the template's volume is not applied).
        volume_gb=persistent["size"] if persistent else 0,
        volume_mount_path=(persistent or network or {}).get("path"),
        network_volume_id=network["volumeId"] if network else None,
        ports=",".join(body["ports"]) if "ports" in body else None,
        env=env or None,
        docker_args=body.get("args"),
        template_id=body.get("templateId"),
        start_ssh=start_ssh,
        registry_id=body.get("registry"),
        cpu_flavor_id=cpu["id"] if cpu else None,
        vcpu_count=cpu["vcpuCount"] if cpu else None,
        global_networking=bool(body.get("globalNetworking", False)),
        cuda_versions=list((gpu or {}).get("allowedCudaVersions") or []),
        min_cuda_version=(gpu or {}).get("minCudaVersion"),
    )


def create_pod(world: World, req: Request) -> Reply:
    pod = world.create_pod(_pod_spec(world, req.body))
    return 201, v.pod_view(world, pod)


def get_pod(world: World, req: Request) -> Reply:
    return 200, v.pod_view(world, world.pod(req.path["id"]))


_POD_FIELDS = {
    "name": "name",
    "image": "image_name",
    "args": "docker_args",
    "disk": "container_disk_in_gb",
    "registry": "container_registry_auth_id",
    "locked": "locked",
    "globalNetworking": "global_networking",
}


def update_pod(world: World, req: Request) -> Reply:
    pod = _member_pod(world, req.path["id"])
    body: Mapping[str, Any] = req.body
    changes: dict[str, Any] = {}
    template = world.any_template(body.get("templateId")) if "templateId" in body else None
    if "templateId" in body and template is None:
        raise Problem(404, f"template {body['templateId']} not found")
    if template is not None:  # the template's container fields, once; the body overrides them
        changes.update(
            image_name=template.image,
            docker_args=template.docker_args,
            container_disk_in_gb=template.container_disk_gb,
            ports=template.ports or None,
            env={**env_map(pod.env), **template.env},
        )
    for key, attr in _POD_FIELDS.items():
        if key in body:
            changes[attr] = body[key]
    if body.get("registry") and body["registry"] not in world.registry_auths:
        raise Problem(404, f"registry {body['registry']} not found")
    if "ports" in body:
        changes["ports"] = ",".join(body["ports"]) or None
    if "env" in body:
        changes["env"] = dict(body["env"])
    if "mounts" in body:
        changes.update(_mount_changes(pod, body["mounts"]))
    return 200, v.pod_view(world, world.update_pod(pod.id, changes))


def _mount_changes(pod: PodRecord, mounts: Mapping[str, Any]) -> dict[str, Any]:
    """The kind of mount is fixed at create; a network volume cannot be swapped."""
    if "network" in mounts:
        entries = mounts["network"]
        if not entries or pod.network_volume_id is None:
            raise Problem(400, "network mounts can only be changed on a pod created with one")
        if entries[0]["volumeId"] != pod.network_volume_id:
            raise Problem(400, "the network volume of a pod cannot be changed")
        return {"volume_mount_path": entries[0]["path"]}
    if "persistent" in mounts:
        if pod.network_volume_id is not None or pod.gpu_type_id is None:
            raise Problem(400, "this pod has no persistent volume")
        return {
            "volume_in_gb": mounts["persistent"]["size"],
            "volume_mount_path": mounts["persistent"]["path"],
        }
    return {}


def delete_pod(world: World, req: Request) -> Reply:
    world.terminate_pod(_member_pod(world, req.path["id"]).id)
    return 204, None


def pod_action(world: World, req: Request) -> Reply:
    pod = _member_pod(world, req.path["id"])
    action = req.body["action"]
    status = world.status(pod)
    if action not in world.actions(pod):
        raise Problem(409, f"cannot {action} a pod in status {status}")
    if action == "terminate":
        world.terminate_pod(pod.id)
        return 204, None
    if action == "stop":
        world.stop_pod(pod.id)
    elif action == "restart":
        world.restart_pod(pod.id)
    elif pod.pod_type == "INTERRUPTABLE":
        world.bid_resume_pod(pod.id, pod.bid_per_gpu or 0.0, pod.gpu_count)
    else:
        world.resume_pod(pod.id)
    return 200, v.pod_view(world, pod)


# ------------------------------------------------------------------------- logs
@dataclass
class LogStream:
    """The lines a log request selected, and the ones written while it follows."""

    pod_id: str
    source: str | None
    after_seq: int  # lines with a larger seq are still to be sent
    live: list[Any] = field(default_factory=list)

    def pending(self, world: World) -> bytes:
        out = []
        for line in world.logs.get(self.pod_id, []):
            if line.seq > self.after_seq and (self.source is None or line.source == self.source):
                ts = v.rfc3339(line.ts)
                data = json.dumps({"ts": ts, "source": line.source, "line": line.line})
                out.append(f"id: {ts}/{line.seq:012d}\ndata: {data}\n\n")
                self.after_seq = line.seq
        return "".join(out).encode()

    def following(self, world: World) -> bool:
        """Follow while the pod exists and is not stopped or failed."""
        pod = world.pods.get(self.pod_id)
        return pod is not None and world.status(pod) not in ("EXITED", "ERROR")


def get_pod_logs(world: World, req: Request) -> Reply:
    pod = world.pod(req.path["id"])
    source = req.query.get("source")
    lines = [ln for ln in world.logs.get(pod.id, []) if source is None or ln.source == source]
    last_id = req.headers.get("last-event-id")
    if last_id is not None:  # takes precedence over since and tail
        # The document types it as a date-time; the ids the stream sends are "<ts>/<seq>".
        stamp, _, seq_text = last_id.partition("/")
        since = parse_time(stamp) if _RFC3339.match(stamp) else None
        if since is None or (seq_text and not seq_text.isdigit()):
            detail = (
                f"$.Last-Event-ID: {last_id!r} is neither an event id (<ts>/<seq>) nor a date-time"
            )
            raise Problem(422, "Request validation failed.", [detail])
        if seq_text:
            return 200, LogStream(pod.id, source, int(seq_text))
        return 200, LogStream(pod.id, source, _last_seq_before(lines, since, inclusive=True))
    if "since" in req.query:
        since = parse_time(req.query["since"])
        if since is None:
            raise Problem(400, "since must be an RFC 3339 timestamp")
        return 200, LogStream(pod.id, source, _last_seq_before(lines, since, inclusive=False))
    tail = int(req.query.get("tail", 100))
    if tail == 0 or not lines:  # live only
        return 200, LogStream(pod.id, source, lines[-1].seq if lines else world.log_seq)
    start = lines[-tail] if tail < len(lines) else lines[0]
    return 200, LogStream(pod.id, source, start.seq - 1)


def _last_seq_before(lines: list[Any], ts: float, inclusive: bool) -> int:
    seq = 0
    for line in lines:
        if line.ts < ts or (inclusive and line.ts <= ts):
            seq = line.seq
    return seq


# ------------------------------------------------------------------------- catalogue
def _catalog_filters(query: Mapping[str, Any], filters: Iterable[str]) -> bool:
    """Whether ``include`` is given; filters without it, and include without product: 400."""
    include = bool(query.get("include"))
    used = [f for f in filters if f in query]
    if used and not include:
        raise Problem(400, f"{', '.join(used)} is only valid with include=AVAILABILITY")
    if include and not query.get("product"):
        raise Problem(400, "product is required with include=AVAILABILITY")
    return include


_GPU_FILTERS = ("product", "count", "cloud", "countryCodes", "cudaVersions", "minCudaVersion")


def _gpu_view_args(query: Mapping[str, Any]) -> dict[str, Any]:
    include = _catalog_filters(query, _GPU_FILTERS)
    if query.get("cudaVersions") and query.get("minCudaVersion"):
        raise Problem(400, "cudaVersions and minCudaVersion are mutually exclusive")
    return {
        "include": include,
        "count": int(query.get("count", 1)),
        "secure": query.get("cloud", "SECURE") == "SECURE",
        "countries": query.get("countryCodes") or (),
        "cuda": (list(query.get("cudaVersions") or []), query.get("minCudaVersion")),
    }


def list_gpu_types(world: World, req: Request) -> Reply:
    args = _gpu_view_args(req.query)
    return 200, {"gpus": [v.gpu_type_view(world, g, **args) for g in world.gpu_types.values()]}


def get_gpu_type(world: World, req: Request) -> Reply:
    args = _gpu_view_args(req.query)
    gpu = world.gpu_types.get(req.path["id"])
    if gpu is None:
        raise Problem(404, f"GPU type {req.path['id']} not found")
    return 200, v.gpu_type_view(world, gpu, **args)


def list_cpu_types(world: World, req: Request) -> Reply:
    include = _catalog_filters(req.query, ("product", "vcpuCount"))
    vcpu = req.query.get("vcpuCount")
    flavors = world.cpu_flavors.values()
    return 200, {"cpus": [v.cpu_type_view(world, f, include, vcpu) for f in flavors]}


def get_cpu_type(world: World, req: Request) -> Reply:
    include = _catalog_filters(req.query, ("product", "vcpuCount"))
    flavor = world.cpu_flavors.get(req.path["id"])
    if flavor is None:
        raise Problem(404, f"CPU type {req.path['id']} not found")
    return 200, v.cpu_type_view(world, flavor, include, req.query.get("vcpuCount"))


def list_data_centers(world: World, req: Request) -> Reply:
    q = req.query
    views = [
        v.data_center_view(world, dc, q.get("include") or ()) for dc in world.data_centers.values()
    ]
    if q.get("regions"):
        views = [d for d in views if d["region"] in q["regions"]]
    if q.get("networkVolumeTypes"):
        views = [d for d in views if set(q["networkVolumeTypes"]) <= set(d["networkVolumeTypes"])]
    if q.get("compliance"):
        views = [d for d in views if set(q["compliance"]) <= set(d["compliance"])]
    if "globalNetwork" in q:
        views = [d for d in views if d["globalNetwork"] == q["globalNetwork"]]
    return 200, {"dataCenters": views}


def get_data_center(world: World, req: Request) -> Reply:
    dc = world.data_centers.get(req.path["id"])
    if dc is None:
        raise Problem(404, f"data center {req.path['id']} not found")
    return 200, v.data_center_view(world, dc, req.query.get("include") or ())


def list_public_templates(world: World, req: Request) -> Reply:
    source = req.query.get("source")
    templates = [
        t
        for t in world.public_templates.values()
        if source is None or (source == "official") == t.is_runpod
    ]
    return 200, {"templates": [v.template_view(t) for t in templates[:100]]}


# ------------------------------------------------------------------------- templates
_TEMPLATE_FIELDS = {
    "image": "image",
    "args": "docker_args",
    "disk": "container_disk_gb",
    "registry": "registry_id",
    "serverless": "serverless",
    "public": "public",
    "category": "category",
    "startSsh": "start_ssh",
    "startJupyter": "start_jupyter",
    "allowedCudaVersions": "allowed_cuda_versions",
    "env": "env",
}


def _template_fields(body: Mapping[str, Any]) -> dict[str, Any]:
    fields = {attr: body[key] for key, attr in _TEMPLATE_FIELDS.items() if key in body}
    if "ports" in body:
        fields["ports"] = ",".join(body["ports"])
    persistent = (body.get("mounts") or {}).get("persistent")
    if persistent is not None:
        fields["volume_gb"], fields["volume_mount_path"] = persistent["size"], persistent["path"]
    elif "mounts" in body:
        fields["volume_gb"] = 0
    return fields


def list_templates(world: World, req: Request) -> Reply:
    templates = list(world.templates.values())
    return _listed(world, req, "listTemplates", "templates", templates, v.template_view)


def create_template(world: World, req: Request) -> Reply:
    defaults = {"start_ssh": True, "start_jupyter": True, "volume_gb": 0}
    fields = {**defaults, **_template_fields(req.body)}
    return 201, v.template_view(world.create_template(req.body["name"], **fields))


def get_template(world: World, req: Request) -> Reply:
    template = world.any_template(req.path["id"])
    if template is None:
        raise Problem(404, f"template {req.path['id']} not found")
    return 200, v.template_view(template)


def update_template(world: World, req: Request) -> Reply:
    fields = _template_fields(req.body)
    if "name" in req.body:
        fields["name"] = req.body["name"]
    return 200, v.template_view(world.update_template(req.path["id"], **fields))


def delete_template(world: World, req: Request) -> Reply:
    world.delete_template(req.path["id"])
    return 204, None


# ------------------------------------------------------------------------- network volumes
def list_volumes(world: World, req: Request) -> Reply:
    return 200, {"networkVolumes": [v.volume_view(n) for n in world.network_volumes.values()]}


def create_volume(world: World, req: Request) -> Reply:
    b = req.body
    volume = world.create_network_volume(
        b["name"], b["size"], b["dataCenter"], b.get("type", "STANDARD")
    )
    return 201, v.volume_view(volume)


def get_volume(world: World, req: Request) -> Reply:
    return 200, v.volume_view(world.volume(req.path["id"]))


def update_volume(world: World, req: Request) -> Reply:
    b = req.body
    volume = world.update_network_volume(req.path["id"], b.get("name"), b.get("size"))
    return 200, v.volume_view(volume)


def delete_volume(world: World, req: Request) -> Reply:
    world.volume(req.path["id"])
    world.delete_network_volume(req.path["id"])
    return 204, None


# ------------------------------------------------------------------------- endpoints
def _endpoint_fields(
    world: World, body: Mapping[str, Any], current: EndpointRecord | None
) -> dict[str, Any]:
    """A v2 create/update body -> EndpointRecord attributes."""
    fields: dict[str, Any] = {}
    if "templateId" in body:
        if body["templateId"] and world.any_template(body["templateId"]) is None:
            raise Problem(404, f"template {body['templateId']} not found")
        fields["template_id"] = body["templateId"] or None
    for key, attr in (
        ("image", "image"),
        ("args", "docker_args"),
        ("disk", "container_disk_gb"),
        ("registry", "registry_id"),
        ("dataCenterIds", "data_center_ids"),
        ("networkVolumes", "network_volume_ids"),
        ("timeout", "timeout_ms"),
        ("flashboot", "flashboot"),
        ("name", "name"),
        ("type", "type"),
    ):
        if key in body:
            fields[attr] = body[key]
    if "env" in body:
        fields["env"] = dict(body["env"])
    if "ports" in body:
        fields["ports"] = ",".join(body["ports"])
    for volume_id in body.get("networkVolumes") or []:
        world.volume(volume_id)
    fields.update(_endpoint_compute(world, body, current))
    workers = body.get("workers")
    if workers is not None:
        for key, attr in (
            ("min", "workers_min"),
            ("max", "workers_max"),
            ("idleTimeout", "idle_timeout"),
        ):
            if key in workers:
                fields[attr] = workers[key]
    scaling = body.get("scaling")
    if scaling is not None:
        fields["scaler_type"] = scaling["type"]
        fields["scaler_value"] = scaling.get("queueDelay", scaling.get("requestCount"))
    return fields


def _endpoint_compute(
    world: World, body: Mapping[str, Any], current: EndpointRecord | None
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    gpu, cpu = body.get("gpu"), body.get("cpu")
    if gpu is not None and cpu is not None:
        raise Problem(400, "exactly one of gpu or cpu must be set")
    if gpu is not None:
        if current is not None and current.cpu:
            raise Problem(400, "a CPU endpoint cannot take gpu")
        pools = {g.pool for g in world.gpu_types.values() if g.pool}
        unknown = [p for p in gpu.get("pools") or [] if p not in pools]
        if unknown:
            raise Problem(400, f"unknown GPU pools: {', '.join(unknown)}")
        if gpu.get("allowedCudaVersions") and gpu.get("minCudaVersion"):
            raise Problem(400, "allowedCudaVersions and minCudaVersion are mutually exclusive")
        chosen = gpu.get("pools") or (current.gpu_pools if current else [])
        excluded = gpu.get("excludedTypes", [] if "pools" in gpu else None)
        if excluded is not None:
            outside = [
                t
                for t in excluded
                if world.gpu_types.get(t) is None or world.gpu_types[t].pool not in chosen
            ]
            if outside:
                raise Problem(400, f"excludedTypes must belong to pools: {', '.join(outside)}")
            fields["excluded_gpu_types"] = list(excluded)
        fields["gpu_pools"] = list(chosen)
        for key, attr in (
            ("count", "gpu_count"),
            ("allowedCudaVersions", "allowed_cuda_versions"),
            ("minCudaVersion", "min_cuda_version"),
        ):
            if key in gpu:
                fields[attr] = gpu[key] or None if key == "minCudaVersion" else gpu[key]
    if cpu is not None:
        if current is not None and not current.cpu:
            raise Problem(400, "a GPU endpoint cannot take cpu")
        for c in cpu:
            if c["id"] not in world.cpu_flavors:
                raise Problem(400, f"unknown CPU flavor {c['id']}")
        fields["cpu"] = [{"id": c["id"], "vcpuCount": c["vcpuCount"]} for c in cpu]
    return fields


def list_endpoints(world: World, req: Request) -> Reply:
    endpoints = list(world.endpoints.values())
    view = functools.partial(v.endpoint_view, world)
    return _listed(world, req, "listEndpoints", "endpoints", endpoints, view)


def create_endpoint(world: World, req: Request) -> Reply:
    body = req.body
    if (body.get("gpu") is None) == (body.get("cpu") is None):
        raise Problem(400, "exactly one of gpu or cpu must be set")
    workers = body.get("workers") or {}
    if (
        body["type"] == "QUEUE"
        and body["scaling"]["type"] == "REQUEST_COUNT"
        and "idleTimeout" in workers
    ):
        raise Problem(
            400, "workers.idleTimeout is not allowed for a QUEUE endpoint scaled by REQUEST_COUNT"
        )
    fields: dict[str, Any] = {
        "workers_min": 0,
        "workers_max": 3,
        "idle_timeout": 10,
        "timeout_ms": 0,
    }
    fields.update(_endpoint_fields(world, body, None))
    name = fields.pop("name")
    return 201, v.endpoint_view(world, world.create_endpoint(name, **fields))


def get_endpoint(world: World, req: Request) -> Reply:
    return 200, v.endpoint_view(world, world.endpoint(req.path["id"]))


def update_endpoint(world: World, req: Request) -> Reply:
    current = world.endpoint(req.path["id"])
    fields = _endpoint_fields(world, req.body, current)
    if (
        fields.get("type", current.type) == "LOAD_BALANCER"
        and fields.get("scaler_type", current.scaler_type) != "REQUEST_COUNT"
    ):
        raise Problem(400, "a LOAD_BALANCER endpoint scales by REQUEST_COUNT")
    return 200, v.endpoint_view(world, world.update_endpoint(current.id, **fields))


def delete_endpoint(world: World, req: Request) -> Reply:
    endpoint = world.endpoint(req.path["id"])
    world.delete_endpoint(endpoint.id)
    template = world.templates.get(endpoint.template_id or "")
    if template is not None and template.serverless and not world.template_users(template.id):
        world.delete_template(template.id)  # its bound template goes with it
    return 204, None


def list_workers(world: World, req: Request) -> Reply:
    endpoint = world.endpoint(req.path["id"])
    workers = [v.worker_view(world, endpoint, w) for w in world.workers_of(endpoint.id)]
    summary = dict.fromkeys(("running", "idle", "initializing", "throttled", "unhealthy"), 0)
    for worker in workers:
        summary[worker["status"].lower()] += 1
    summary["total"] = len(workers)
    return 200, {"workers": workers, "summary": summary, "endpointVersion": 1}


def list_releases(world: World, req: Request) -> Reply:
    endpoint = world.endpoint(req.path["id"])
    release = {
        "id": f"{endpoint.id}-1",
        "version": 1,
        "source": "MANUAL",
        "buildId": None,
        "createdByUserId": "user_emulator",
        "workerCount": 0,
        "createdAt": v.rfc3339(endpoint.created_at),
        "diff": [],
    }
    rollout = {"inProgress": False, "workersOnLatest": 0, "workersTotal": 0, "percentOnLatest": 100}
    return 200, {"endpointVersion": 1, "rollout": rollout, "releases": [release]}


def get_worker_logs(world: World, req: Request) -> Reply:
    world.endpoint(req.path["id"])
    raise Problem(404, f"worker {req.path['workerId']} not found")  # no worker ever runs here


# ------------------------------------------------------------------------- registries, keys
def list_registries(world: World, req: Request) -> Reply:
    return 200, {
        "registries": [{"id": a.id, "name": a.name} for a in world.registry_auths.values()]
    }


def create_registry(world: World, req: Request) -> Reply:
    b = req.body
    auth = world.create_registry_auth(b["name"], b["username"], b["password"])
    return 201, {"id": auth.id, "name": auth.name}


def get_registry(world: World, req: Request) -> Reply:
    auth = world.registry_auth(req.path["id"])
    return 200, {"id": auth.id, "name": auth.name}


def delete_registry(world: World, req: Request) -> Reply:
    world.delete_registry_auth(req.path["id"])
    return 204, None


def list_delegations(world: World, req: Request) -> Reply:
    return 200, {"delegations": [_delegation(d) for d in world.delegations.values()]}


def _delegation(d: Any) -> dict[str, Any]:
    return {
        "id": d.id,
        "name": d.name,
        "delegatorUserId": "user_emulator",
        "awsUser": f"arn:aws:iam::{d.aws_account}:user/runpod-pull",
        "repository": d.repository,
        "tag": d.tag,
        "awsRegion": d.aws_region,
        "dockerRegistryUri": f"{d.aws_account}.dkr.ecr.{d.aws_region}.amazonaws.com",
        "createdAt": v.rfc3339(d.created_at),
    }


def create_delegation(world: World, req: Request) -> Reply:
    return 201, _delegation(world.create_delegation(req.body["resource"], req.body.get("name")))


def revoke_delegation(world: World, req: Request) -> Reply:
    world.delete_delegation(req.path["id"])
    return 204, None


def get_ssh_keys(world: World, req: Request) -> Reply:
    return 200, {"keys": world.ssh_keys}


def update_ssh_keys(world: World, req: Request) -> Reply:
    world.set_ssh_keys(req.body["keys"])
    return 200, {"keys": world.ssh_keys}


# ------------------------------------------------------------------------- clusters
def _cluster_view(world: World, c: ClusterRecord) -> dict[str, Any]:
    pods = [world.pods[p] for p in c.pod_ids if p in world.pods]
    by_status: dict[str, int] = {}
    for pod in pods:
        by_status[world.status(pod)] = by_status.get(world.status(pod), 0) + 1
    view: dict[str, Any] = {
        "id": c.id,
        "name": c.name,
        "type": c.type,
        "compute": {
            "gpuTypeId": c.gpu_type_id,
            "gpuCountPerPod": c.gpu_count_per_pod,
            "podCount": max(2, len(c.pod_ids)),
        },
        "dataCenterId": c.data_center_id,
        "pods": {"total": len(pods), "byStatus": by_status},
        "createdAt": v.rfc3339(c.created_at),
    }
    if pods:
        view["primary"] = {"podId": pods[0].id, "status": world.status(pods[0])}
    return view


def list_clusters(world: World, req: Request) -> Reply:
    return 200, {"clusters": [_cluster_view(world, c) for c in world.clusters.values()]}


def create_cluster(world: World, req: Request) -> Reply:
    b = req.body
    compute = b["compute"]
    spec = PodCreate(
        image=b.get("image"),
        gpu_type_ids=[compute["gpuTypeId"]],
        gpu_count=compute["gpuCountPerPod"],
        cloud="SECURE",
        data_center_ids=list(b.get("dataCenterIds") or []),
        container_disk_gb=b.get("disk"),
        ports=",".join(b["ports"]) if "ports" in b else None,
        env=dict(b.get("env") or {}) or None,
        docker_args=b.get("args"),
        start_ssh=bool(b.get("startSsh", False)),
    )
    if not b.get("image"):
        raise Problem(400, "image is required")
    cluster = world.create_cluster(b["name"], b["type"], spec, compute["podCount"])
    return 201, _cluster_view(world, cluster)


def get_cluster(world: World, req: Request) -> Reply:
    return 200, _cluster_view(world, world.cluster(req.path["id"]))


def update_cluster(world: World, req: Request) -> Reply:
    cluster = world.cluster(req.path["id"])
    cluster.name = req.body.get("name", cluster.name)
    return 200, _cluster_view(world, cluster)


def delete_cluster(world: World, req: Request) -> Reply:
    world.delete_cluster(req.path["id"])
    return 204, None


def list_cluster_pods(world: World, req: Request) -> Reply:
    cluster = world.cluster(req.path["id"])
    pods = [world.pods[p] for p in cluster.pod_ids if p in world.pods]
    views = []
    for rank, pod in enumerate(pods):
        view = v.pod_view(world, pod)
        view["cluster"] = {"id": cluster.id, "rank": rank}
        views.append(view)
    return 200, {"pods": views}


HANDLERS: dict[str, Handler] = {
    "getSshKeys": get_ssh_keys,
    "updateSshKeys": update_ssh_keys,
    "listPods": list_pods,
    "createPod": create_pod,
    "getPod": get_pod,
    "updatePod": update_pod,
    "deletePod": delete_pod,
    "getPodLogs": get_pod_logs,
    "podAction": pod_action,
    "listClusters": list_clusters,
    "createCluster": create_cluster,
    "getCluster": get_cluster,
    "updateCluster": update_cluster,
    "deleteCluster": delete_cluster,
    "listClusterPods": list_cluster_pods,
    "listEndpoints": list_endpoints,
    "createEndpoint": create_endpoint,
    "getEndpoint": get_endpoint,
    "updateEndpoint": update_endpoint,
    "deleteEndpoint": delete_endpoint,
    "listEndpointWorkers": list_workers,
    "listEndpointReleases": list_releases,
    "getWorkerLogs": get_worker_logs,
    "listTemplates": list_templates,
    "createTemplate": create_template,
    "getTemplate": get_template,
    "updateTemplate": update_template,
    "deleteTemplate": delete_template,
    "listNetworkVolumes": list_volumes,
    "createNetworkVolume": create_volume,
    "getNetworkVolume": get_volume,
    "updateNetworkVolume": update_volume,
    "deleteNetworkVolume": delete_volume,
    "listRegistries": list_registries,
    "createRegistry": create_registry,
    "getRegistry": get_registry,
    "deleteRegistry": delete_registry,
    "listDelegations": list_delegations,
    "createDelegation": create_delegation,
    "revokeDelegation": revoke_delegation,
    "listGpuTypes": list_gpu_types,
    "getGpuType": get_gpu_type,
    "listCpuTypes": list_cpu_types,
    "getCpuType": get_cpu_type,
    "listDataCenters": list_data_centers,
    "getDataCenter": get_data_center,
    "listPublicTemplates": list_public_templates,
    **BILLING_HANDLERS,
}
