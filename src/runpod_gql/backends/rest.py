"""The REST v2 backend: RunPod's ``/v2`` operations, answers mapped to the public models.

It sends through a :class:`RestCaller` (the REST side of our transport: rate limits, retries
by HTTP method, problem+json errors), so retries and error mapping stay in one place.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from ..errors import APIConnectionError, InputValidationError, NotFoundError
from ..models import (
    Account,
    BillingRecord,
    CpuType,
    DataCenter,
    Endpoint,
    GpuType,
    LogLine,
    NetworkVolume,
    Pod,
    PodState,
    RegistryAuth,
    Secret,
    Template,
)
from . import rest_map as to
from .base import BillingQuery, GpuQuery, PodChanges, PodCreate, TemplateSave
from .routes import refuse


class SSEEvent(Protocol):
    @property
    def id(self) -> str | None: ...
    @property
    def data(self) -> str: ...


class RestCaller(Protocol):
    """What the REST backend needs of the transport."""

    async def request(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        json: Any = None,
    ) -> Any:
        """Send one request; the decoded JSON body (None for 204). Errors are ours, typed."""
        ...

    def events(
        self,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        last_event_id: str | None = None,
    ) -> AsyncIterator[SSEEvent]:
        """The server-sent events of a ``text/event-stream`` answer, until it ends or drops."""
        ...


def _items(body: Any, key: str, operation: str) -> list[Mapping[str, Any]]:
    from ..errors import ResponseValidationError

    items = body.get(key) if isinstance(body, Mapping) else None
    if not isinstance(items, list):
        raise ResponseValidationError(
            f"the server returned no {key!r} list", field=key, operation=operation
        )
    return [i for i in items if isinstance(i, Mapping)]


class RestBackend:
    """Everything the resources ask, over RunPod's REST API v2."""

    api = "rest"

    def __init__(self, caller: RestCaller, *, log_reconnects: int = 5) -> None:
        self._c = caller
        self._log_reconnects = log_reconnects

    def __repr__(self) -> str:
        return "<RestBackend>"

    async def _get(self, path: str, operation: str, params: Mapping[str, str] | None = None) -> Any:
        return await self._c.request("GET", path, operation=operation, params=params)

    async def _find(self, path: str, operation: str) -> Any | None:
        try:
            return await self._get(path, operation)
        except NotFoundError:
            return None

    async def _delete(self, path: str, operation: str) -> bool:
        try:
            await self._c.request("DELETE", path, operation=operation)
        except NotFoundError:
            return False
        return True

    # ------------------------------------------------------------------ pods
    async def get_pod(self, pod_id: str) -> Pod | None:
        found = await self._find(f"/v2/pods/{pod_id}", "getPod")
        return to.pod(found) if found is not None else None

    async def list_pods(self) -> list[Pod]:
        return [
            to.pod(p) for p in _items(await self._get("/v2/pods", "listPods"), "pods", "listPods")
        ]

    async def list_pod_states(self) -> list[PodState]:
        return list(await self.list_pods())  # v2 has no field selection: the same one request

    async def create_pod(self, request: PodCreate) -> Pod:
        body = to.create_pod_body(request)
        return to.pod(await self._c.request("POST", "/v2/pods", operation="createPod", json=body))

    async def _action(self, pod_id: str, action: str) -> Pod:
        made = await self._c.request(
            "POST", f"/v2/pods/{pod_id}/action", operation="podAction", json={"action": action}
        )
        return to.pod(made)

    async def stop_pod(self, pod_id: str) -> Pod:
        return await self._action(pod_id, "stop")

    async def resume_pod(self, pod_id: str, gpu_count: int | None) -> Pod:
        if gpu_count is not None:
            refuse("resume_pod_gpu_count", "rest")
        return await self._action(pod_id, "start")

    async def bid_resume_pod(self, pod_id: str, bid_per_gpu: float, gpu_count: int) -> Pod:
        refuse("bid_resume_pod", "rest")

    async def restart_pod(self, pod_id: str) -> Pod:
        return await self._action(pod_id, "restart")

    async def terminate_pod(self, pod_id: str) -> bool:
        return await self._delete(f"/v2/pods/{pod_id}", "deletePod")

    async def edit_pod(self, pod_id: str, changes: PodChanges) -> Pod:
        body = to.update_pod_body(changes)
        changed = await self._c.request(
            "PATCH", f"/v2/pods/{pod_id}", operation="updatePod", json=body
        )
        return to.pod(changed)

    async def pod_logs(
        self,
        pod_id: str,
        *,
        follow: bool,
        tail: int | None,
        since: datetime | None,
        source: str | None,
        last_event_id: str | None,
    ) -> AsyncIterator[LogLine]:
        """Lines of the pod's log; after a dropped stream, resumes after the last line seen."""
        params: dict[str, str] = {}
        if tail is not None:
            params["tail"] = str(tail)
        if since is not None:
            params["since"] = to._rfc3339(since)
        if source is not None:
            params["source"] = source
        last = last_event_id
        drops = 0
        while True:
            try:
                async for event in self._c.events(
                    f"/v2/pods/{pod_id}/logs",
                    operation="getPodLogs",
                    params=params,
                    last_event_id=last,
                ):
                    line = _log_line(event)
                    if line is None:
                        continue
                    last = line.id
                    drops = 0
                    yield line
            except APIConnectionError:
                drops += 1
                if drops > self._log_reconnects:
                    raise
                await asyncio.sleep(0)  # resume at once: Last-Event-ID says where
                continue
            if not follow:
                return
            drops += 1
            if drops > self._log_reconnects:
                return

    # ------------------------------------------------------------------ catalogue
    async def _gpus(self, query: GpuQuery, cloud: str) -> list[GpuType]:
        body = await self._get("/v2/catalog/gpus", "listGpuTypes", to.gpu_params(query, cloud))
        return [
            to.gpu_type(g, gpu_count=query.gpu_count) for g in _items(body, "gpus", "listGpuTypes")
        ]

    async def list_gpu_types(self, query: GpuQuery) -> list[GpuType]:
        # v2 has no ALL cloud: the cheaper of both, with stock from either.
        clouds = ["SECURE", "COMMUNITY"] if query.cloud == "ALL" else [query.cloud]
        merged: dict[str, GpuType] = {}
        for cloud in clouds:
            for gpu in await self._gpus(query, cloud):
                if query.data_center_id is not None:
                    gpu = to.for_data_center(gpu, query.data_center_id)
                if query.ids is not None and gpu.id not in query.ids:
                    continue
                merged[gpu.id] = to.merge_clouds(merged.get(gpu.id), gpu)
        return list(merged.values())

    async def get_gpu_type(self, gpu_type_id: str, query: GpuQuery) -> GpuType | None:
        found = [g for g in await self.list_gpu_types(query) if g.id == gpu_type_id]
        return found[0] if found else None

    async def list_cpu_types(self) -> list[CpuType]:
        body = await self._get("/v2/catalog/cpus", "listCpuTypes")
        return [to.cpu_type(c) for c in _items(body, "cpus", "listCpuTypes")]

    async def list_data_centers(self) -> list[DataCenter]:
        body = await self._get(
            "/v2/catalog/datacenters", "listDataCenters", {"include": "GPU_AVAILABILITY"}
        )
        return [to.data_center(d) for d in _items(body, "dataCenters", "listDataCenters")]

    # ------------------------------------------------------------------ templates
    async def list_templates(self) -> list[Template]:
        body = await self._get("/v2/templates", "listTemplates")
        return [to.template(t) for t in _items(body, "templates", "listTemplates")]

    async def get_template(self, template_id: str) -> Template | None:
        found = await self._find(f"/v2/templates/{template_id}", "getTemplate")
        return to.template(found) if found is not None else None

    async def save_template(self, request: TemplateSave) -> Template:
        if request.template_id is None:
            body = to.template_body(request, update=False)
            made = await self._c.request(
                "POST", "/v2/templates", operation="createTemplate", json=body
            )
        else:
            body = to.template_body(request, update=True)
            made = await self._c.request(
                "PATCH",
                f"/v2/templates/{request.template_id}",
                operation="updateTemplate",
                json=body,
            )
        return to.template(made)

    async def delete_template(self, template_id: str, name: str) -> bool:
        return await self._delete(f"/v2/templates/{template_id}", "deleteTemplate")

    # ------------------------------------------------------------------ volumes
    async def list_volumes(self) -> list[NetworkVolume]:
        body = await self._get("/v2/network-volumes", "listNetworkVolumes")
        return [to.network_volume(n) for n in _items(body, "networkVolumes", "listNetworkVolumes")]

    async def get_volume(self, volume_id: str) -> NetworkVolume | None:
        found = await self._find(f"/v2/network-volumes/{volume_id}", "getNetworkVolume")
        return to.network_volume(found) if found is not None else None

    async def create_volume(self, name: str, size_gb: int, data_center_id: str) -> NetworkVolume:
        if not 10 <= size_gb <= 4096:
            raise InputValidationError(
                "size_gb", f"REST v2 network volumes are 10-4096 GB, got {size_gb}"
            )
        body = {"name": name, "size": size_gb, "dataCenter": data_center_id}
        made = await self._c.request(
            "POST", "/v2/network-volumes", operation="createNetworkVolume", json=body
        )
        return to.network_volume(made)

    async def update_volume(
        self, volume_id: str, name: str | None, size_gb: int | None
    ) -> NetworkVolume:
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = name
        if size_gb is not None:
            body["size"] = size_gb
        changed = await self._c.request(
            "PATCH", f"/v2/network-volumes/{volume_id}", operation="updateNetworkVolume", json=body
        )
        return to.network_volume(changed)

    async def delete_volume(self, volume_id: str) -> bool:
        return await self._delete(f"/v2/network-volumes/{volume_id}", "deleteNetworkVolume")

    # ------------------------------------------------------------------ endpoints
    async def list_endpoints(self) -> list[Endpoint]:
        body = await self._get("/v2/serverless", "listEndpoints")
        return [to.endpoint(e) for e in _items(body, "endpoints", "listEndpoints")]

    async def get_endpoint(self, endpoint_id: str) -> Endpoint | None:
        found = await self._find(f"/v2/serverless/{endpoint_id}", "getEndpoint")
        return to.endpoint(found) if found is not None else None

    async def delete_endpoint(self, endpoint_id: str) -> bool:
        return await self._delete(f"/v2/serverless/{endpoint_id}", "deleteEndpoint")

    # ------------------------------------------------------------------ registry, secrets, account
    async def list_registry_auths(self) -> list[RegistryAuth]:
        body = await self._get("/v2/registries", "listRegistries")
        return [to.registry_auth(r) for r in _items(body, "registries", "listRegistries")]

    async def create_registry_auth(self, name: str, username: str, password: str) -> RegistryAuth:
        body = {"name": name, "username": username, "password": password}
        made = await self._c.request(
            "POST", "/v2/registries", operation="createRegistry", json=body
        )
        return to.registry_auth(made)

    async def update_registry_auth(self, auth_id: str, username: str, password: str) -> None:
        refuse("update_registry_auth", "rest")

    async def delete_registry_auth(self, auth_id: str) -> bool:
        return await self._delete(f"/v2/registries/{auth_id}", "deleteRegistry")

    async def list_secrets(self) -> list[Secret]:
        refuse("list_secrets", "rest")

    async def get_account(self) -> Account:
        refuse("get_account", "rest")

    async def get_ssh_keys(self) -> list[str]:
        body = await self._get("/v2/account/ssh-keys", "getSshKeys")
        return [str(k) for k in (body or {}).get("keys") or ()]

    async def set_ssh_keys(self, keys: Sequence[str]) -> list[str]:
        body = await self._c.request(
            "PUT", "/v2/account/ssh-keys", operation="updateSshKeys", json={"keys": list(keys)}
        )
        return [str(k) for k in (body or {}).get("keys") or ()]

    async def billing(self, query: BillingQuery) -> list[BillingRecord]:
        path, params = to.billing_request(query)
        body = await self._get(path, "listBilling", params)
        return [to.billing_record(r) for r in _items(body, "records", "listBilling")]


def _log_line(event: SSEEvent) -> LogLine | None:
    import json

    if not event.id or not event.data:
        return None
    try:
        data = json.loads(event.data)
    except ValueError:
        return None
    return to.log_line(event.id, data) if isinstance(data, Mapping) else None
