"""The REST v2 backend: RunPod's ``/v2`` operations, answers mapped to the public models.

It calls the generated operations (``runpod_gql_rest.RestClient``), which send through our
transport (rate limits, retries by HTTP method, problem+json errors: one place for both APIs)
and validate every answer against the document's models; :mod:`.rest_map` maps those to ours.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel
from runpod_gql_rest._runtime import body as encode
from runpod_gql_rest._runtime import segment
from runpod_gql_rest.client import OPERATIONS

from .._transport import TransportCore
from ..errors import (
    APIConnectionError,
    ConflictError,
    InputValidationError,
    NotFoundError,
    ResponseValidationError,
)
from ..models import (
    Account,
    BillingRecord,
    CpuType,
    DataCenter,
    Endpoint,
    EndpointWorker,
    GpuType,
    LogLine,
    NetworkVolume,
    Pod,
    PodState,
    PodStatus,
    RegistryAuth,
    Secret,
    Template,
)
from . import rest_map as to
from .base import BillingQuery, EndpointSave, GpuQuery, PodChanges, PodCreate, TemplateSave, bounded
from .decoding import built
from .routes import refuse

if TYPE_CHECKING:
    from runpod_gql_rest._runtime import Event
    from runpod_gql_rest.client import RestClient


T = TypeVar("T")
A = TypeVar("A", bound=BaseModel)
PageT = TypeVar("PageT", bound=to.Paged)

# Internal: RunPod wires this backend in; users reach REST v2 through the resources (or rp.rest,
# the generated operations).
__all__: list[str] = []


_ALREADY: dict[str, tuple[PodStatus, ...]] = {
    "stop": (PodStatus.EXITED,),
    "start": (PodStatus.PROVISIONING, PodStatus.STARTING, PodStatus.RUNNING),
}


def _json(model: BaseModel) -> dict[str, Any]:
    """A generated model as the document's JSON shape (what :mod:`.rest_map` reads): fields the
    server left out stay out, so "not reported" and "reported empty" stay apart."""
    return model.model_dump(by_alias=True, exclude_unset=True)


async def _together(calls: Sequence[Awaitable[T]]) -> list[T]:
    """Every call's result, in order, the calls run at once; when one fails, the others are
    cancelled (and awaited) before its error is raised."""
    tasks = [asyncio.ensure_future(call) for call in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


class RestBackend:
    """Everything the resources ask, over RunPod's REST API v2."""

    api = "rest"

    def __init__(
        self,
        client: Any,  # the generated operations (runpod_gql_rest.client.RestClient)
        *,
        transport: Any = None,  # the REST transport (runpod_gql._rest.RestTransport)
        log_reconnects: int = 5,
        log_idle: float = 2.0,
    ) -> None:
        self._c: RestClient = client
        self._transport = transport  # what ``within`` derives bounded views from
        self._log_reconnects = log_reconnects
        # The server holds a log stream open to tail it: without ``follow`` the lines so far
        # are those that arrive before the stream has been quiet this long (seconds).
        self._log_idle = log_idle

    @classmethod
    def over(cls, transport: Any) -> RestBackend:
        """The backend over our REST transport (``RunPod`` makes it so)."""
        return cls(transport.operations, transport=transport)

    def __repr__(self) -> str:
        return "<RestBackend>"

    def api_for(self, operation: str) -> str:
        return "rest"

    def within(self, seconds: float) -> RestBackend:
        if self._transport is None:
            return self
        from .._rest import RestTransport

        core: TransportCore = self._transport.core
        view = RestTransport(core.derive(bounded(core.options, seconds)), self._transport.base_url)
        return RestBackend.over(view)

    def check_create(self, request: PodCreate) -> None:
        to.create_pod_body(request)

    @staticmethod
    async def _found(call: Awaitable[T]) -> T | None:
        try:
            return await call
        except NotFoundError:
            return None

    @staticmethod
    async def _deleted(call: Awaitable[None]) -> bool:
        try:
            await call
        except NotFoundError:
            return False
        return True

    # ------------------------------------------------------------------ answers of our own
    # Pod answers are validated from their bytes straight into the public models (rest_map's
    # shape), and lists are followed page by page: these operations are sent here, by the
    # generated table's method and path, and decoded with the answer given.
    async def _request(
        self,
        answer: type[A],
        operation: str,
        pod_id: str | None = None,
        *,
        params: dict[str, str] | None = None,
        body: BaseModel | None = None,
    ) -> A:
        method, path, _ = OPERATIONS[operation]
        sender = self._c.sender
        reply = await sender.send(
            method,
            path.format(id=segment(pod_id)) if pod_id is not None else path,
            operation=operation,
            params=params,
            body=encode(body) if body is not None else None,
        )
        return sender.decode(reply, built(answer), operation=operation)

    # ------------------------------------------------------------------ pods
    async def _pod(
        self, operation: str, pod_id: str | None = None, body: BaseModel | None = None
    ) -> Pod:
        return (await self._request(to.PodAnswer, operation, pod_id, body=body)).root

    async def get_pod(self, pod_id: str) -> Pod | None:
        return await self._found(self._pod("getPod", pod_id))

    async def list_pods(self) -> list[Pod]:
        return [pod async for page in self._pages(to.PodsAnswer, "listPods") for pod in page.pods]

    async def pod_pages(self) -> AsyncIterator[list[Pod]]:
        """The account's pods a page at a time (see :meth:`_pages`)."""
        async for page in self._pages(to.PodsAnswer, "listPods"):
            yield page.pods

    async def list_pod_states(self) -> list[PodState]:
        # v2 has no field selection: the same request as list_pods, each pod read as its state
        # only (a 1,000-pod answer: ~17 ms instead of ~30 ms).
        states = self._pages(to.StatesAnswer, "listPods")
        return [pod async for page in states for pod in page.pods]

    async def _pages(self, answer: type[PageT], operation: str) -> AsyncIterator[PageT]:
        """A list a page at a time. v2.9.0 answers all in one; a newer API pages, and each
        page's ``nextCursor`` is followed once, until ``hasNextPage`` is false."""
        params: dict[str, str] = {}
        seen: set[str] = set()
        while True:
            page = await self._request(answer, operation, params=params)
            yield page
            marker = page.pagination
            if marker is None or not marker.has_next_page:
                return
            cursor = marker.next_cursor
            # Stopping here would return part of the account as if it were all of it.
            if not cursor or cursor in seen:
                said = "no nextCursor" if not cursor else f"the cursor {cursor!r} twice"
                raise ResponseValidationError(
                    f"{operation} said hasNextPage but gave {said}: the list cannot be completed",
                    field="pagination.nextCursor",
                    operation=operation,
                )
            seen.add(cursor)
            params = {"cursor": cursor}

    async def create_pod(self, request: PodCreate) -> Pod:
        from runpod_gql_rest.models import CreatePodRequest

        body = CreatePodRequest.model_validate(to.create_pod_body(request))
        return await self._pod("createPod", body=body)

    async def _action(self, pod_id: str, action: str) -> Pod:
        from runpod_gql_rest.models import PodActionRequest

        request = PodActionRequest.model_validate({"action": action})
        try:
            return await self._pod("podAction", pod_id, request)
        except ConflictError:
            # 409: not allowed in the pod's status. When the pod is already where the action
            # leads (an earlier attempt applied, its answer lost), that is success, as GraphQL
            # answers it; anything else is the conflict it says.
            pod = await self.get_pod(pod_id)
            if pod is not None and pod.status in _ALREADY.get(action, ()):
                return pod
            raise

    async def stop_pod(self, pod_id: str) -> Pod:
        return await self._action(pod_id, "stop")

    async def resume_pod(self, pod_id: str, gpu_count: int | None) -> Pod:
        if gpu_count is not None:
            refuse("resume_pod_gpu_count", "rest")
        return await self._action(pod_id, "start")

    async def bid_resume_pod(self, pod_id: str, bid_per_gpu: float, gpu_count: int) -> Pod:
        refuse("bid_resume_pod", "rest")

    async def pod_is_spot(self, pod_id: str) -> bool | None:
        return None  # v2 has no spot pods and does not say whether a pod is one

    async def restart_pod(self, pod_id: str) -> Pod:
        return await self._action(pod_id, "restart")

    async def terminate_pod(self, pod_id: str) -> bool:
        return await self._deleted(self._c.delete_pod(pod_id))

    async def edit_pod(self, pod_id: str, changes: PodChanges) -> Pod:
        from runpod_gql_rest.models import UpdatePodRequest

        body = UpdatePodRequest.model_validate(to.update_pod_body(changes))
        return await self._pod("updatePod", pod_id, body)

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
        """Lines of the pod's log. After a dropped stream it reopens after the last line seen
        (``Last-Event-ID``), so no line is repeated or lost. Without ``follow`` it ends with the
        stream; with it, an ended stream is reopened where it stopped."""
        last = last_event_id
        drops = 0
        while True:
            events = self._c.get_pod_logs(
                pod_id,
                source=source,  # type: ignore[arg-type]
                tail=tail if last is None else None,
                since=to.rfc3339(since) if since is not None and last is None else None,
                last_event_id=last,
            )
            try:
                async for event in _until_idle(events, None if follow else self._log_idle):
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
                continue
            if not follow:
                return
            drops += 1
            if drops > self._log_reconnects:
                return

    # ------------------------------------------------------------------ catalogue
    async def _gpus(
        self, query: GpuQuery, read: Callable[[dict[str, Any]], Awaitable[list[Any]]]
    ) -> list[GpuType]:
        """What ``read`` answers for each cloud asked, as the public models, the clouds merged.

        v2 has no ALL cloud: one read per cloud, sent together (one round trip), merged (the
        better stock of the two).
        """
        clouds = ["SECURE", "COMMUNITY"] if query.cloud == "ALL" else [query.cloud]
        answers = await _together([read(to.gpu_params(query, cloud)) for cloud in clouds])
        merged: dict[str, GpuType] = {}
        for answer in answers:
            for found in answer:
                gpu = to.gpu_type(_json(found), gpu_count=query.gpu_count)
                if query.data_center_id is not None:
                    gpu = to.for_data_center(gpu, query.data_center_id)
                if query.ids is not None and gpu.id not in query.ids:
                    continue
                merged[gpu.id] = to.merge_clouds(merged.get(gpu.id), gpu)
        return list(merged.values())

    async def list_gpu_types(self, query: GpuQuery) -> list[GpuType]:
        async def every(params: dict[str, Any]) -> list[Any]:
            return list(await self._c.list_gpu_types(**params))

        return await self._gpus(query, every)

    async def list_spot_gpu_types(self, query: GpuQuery) -> list[GpuType]:
        refuse("minimum_bid", "rest")

    async def get_gpu_type(self, gpu_type_id: str, query: GpuQuery) -> GpuType | None:
        # getGpuType: the one type, not the whole catalogue (404: no such type).
        async def one(params: dict[str, Any]) -> list[Any]:
            found = await self._found(self._c.get_gpu_type(gpu_type_id, **params))
            return [] if found is None else [found]

        gpus = await self._gpus(query, one)
        return gpus[0] if gpus else None

    async def list_cpu_types(self) -> list[CpuType]:
        return [to.cpu_type(_json(c)) for c in await self._c.list_cpu_types()]

    async def list_data_centers(self) -> list[DataCenter]:
        found = await self._c.list_data_centers(include=["GPU_AVAILABILITY"])
        return [to.data_center(_json(d)) for d in found]

    # ------------------------------------------------------------------ templates
    async def list_templates(self) -> list[Template]:
        pages = self._pages(to.TemplatesAnswer, "listTemplates")
        return [to.template(_json(t)) async for page in pages for t in page.templates]

    async def get_template(self, template_id: str) -> Template | None:
        found = await self._found(self._c.get_template(template_id))
        return to.template(_json(found)) if found is not None else None

    async def save_template(self, request: TemplateSave) -> Template:
        from runpod_gql_rest.models import CreateTemplateRequest, UpdateTemplateRequest

        if request.template_id is None:
            create = CreateTemplateRequest.model_validate(to.template_body(request, update=False))
            return to.template(_json(await self._c.create_template(create)))
        update = UpdateTemplateRequest.model_validate(to.template_body(request, update=True))
        return to.template(_json(await self._c.update_template(request.template_id, update)))

    async def delete_template(self, template_id: str, name: str) -> bool:
        return await self._deleted(self._c.delete_template(template_id))

    # ------------------------------------------------------------------ volumes
    async def list_volumes(self) -> list[NetworkVolume]:
        return [to.network_volume(_json(n)) for n in await self._c.list_network_volumes()]

    async def get_volume(self, volume_id: str) -> NetworkVolume | None:
        found = await self._found(self._c.get_network_volume(volume_id))
        return to.network_volume(_json(found)) if found is not None else None

    async def create_volume(self, name: str, size_gb: int, data_center_id: str) -> NetworkVolume:
        from runpod_gql_rest.models import CreateNetworkVolumeRequest

        if not 10 <= size_gb <= 4096:
            raise InputValidationError(
                "size_gb", f"REST v2 network volumes are 10-4096 GB, got {size_gb}"
            )
        body = CreateNetworkVolumeRequest.model_validate(
            {"name": name, "size": size_gb, "dataCenter": data_center_id}
        )
        return to.network_volume(_json(await self._c.create_network_volume(body)))

    async def update_volume(
        self, volume_id: str, name: str | None, size_gb: int | None
    ) -> NetworkVolume:
        from runpod_gql_rest.models import UpdateNetworkVolumeRequest

        fields = {"name": name, "size": size_gb}
        body = UpdateNetworkVolumeRequest.model_validate(
            {k: val for k, val in fields.items() if val is not None}
        )
        return to.network_volume(_json(await self._c.update_network_volume(volume_id, body)))

    async def delete_volume(self, volume_id: str) -> bool:
        return await self._deleted(self._c.delete_network_volume(volume_id))

    # ------------------------------------------------------------------ endpoints
    async def list_endpoints(self) -> list[Endpoint]:
        pages = self._pages(to.EndpointsAnswer, "listEndpoints")
        return [to.endpoint(_json(e)) async for page in pages for e in page.endpoints]

    async def get_endpoint(self, endpoint_id: str) -> Endpoint | None:
        found = await self._found(self._c.get_endpoint(endpoint_id))
        return to.endpoint(_json(found)) if found is not None else None

    async def save_endpoint(self, request: EndpointSave) -> Endpoint:
        from runpod_gql_rest.models import CreateEndpointRequest, UpdateEndpointRequest

        if request.endpoint_id is None:
            create = CreateEndpointRequest.model_validate(to.endpoint_body(request, update=False))
            return to.endpoint(_json(await self._c.create_endpoint(create)))
        update = UpdateEndpointRequest.model_validate(to.endpoint_body(request, update=True))
        return to.endpoint(_json(await self._c.update_endpoint(request.endpoint_id, update)))

    async def _patch_endpoint(self, endpoint_id: str, body: dict[str, Any]) -> Endpoint:
        from runpod_gql_rest.models import UpdateEndpointRequest

        changed = await self._c.update_endpoint(
            endpoint_id, UpdateEndpointRequest.model_validate(body)
        )
        return to.endpoint(_json(changed))

    async def update_endpoint_template(self, endpoint_id: str, template_id: str) -> Endpoint:
        return await self._patch_endpoint(endpoint_id, {"templateId": template_id})

    async def set_endpoint_workers(
        self, endpoint_id: str, workers_min: int | None, workers_max: int | None
    ) -> Endpoint:
        workers = {"min": workers_min, "max": workers_max}
        body = {"workers": {k: val for k, val in workers.items() if val is not None}}
        return await self._patch_endpoint(endpoint_id, body)  # one request for both bounds

    async def delete_endpoint(self, endpoint_id: str) -> bool:
        return await self._deleted(self._c.delete_endpoint(endpoint_id))

    async def list_endpoint_workers(self, endpoint_id: str) -> list[EndpointWorker] | None:
        found = await self._found(self._c.list_endpoint_workers(endpoint_id))
        if found is None:
            return None
        return [to.endpoint_worker(_json(w)) for w in found.workers]

    # ------------------------------------------------------------------ registry, secrets, account
    async def list_registry_auths(self) -> list[RegistryAuth]:
        return [to.registry_auth(_json(r)) for r in await self._c.list_registries()]

    async def create_registry_auth(self, name: str, username: str, password: str) -> RegistryAuth:
        from runpod_gql_rest.models import CreateRegistryRequest

        body = CreateRegistryRequest.model_validate(
            {"name": name, "username": username, "password": password}
        )
        return to.registry_auth(_json(await self._c.create_registry(body)))

    async def update_registry_auth(self, auth_id: str, username: str, password: str) -> None:
        refuse("update_registry_auth", "rest")

    async def delete_registry_auth(self, auth_id: str) -> bool:
        return await self._deleted(self._c.delete_registry(auth_id))

    async def list_secrets(self) -> list[Secret]:
        refuse("list_secrets", "rest")

    async def create_secret(self, name: str, value: str, description: str | None) -> Secret:
        refuse("create_secret", "rest")

    async def delete_secret(self, secret_id: str) -> bool:
        refuse("delete_secret", "rest")

    async def get_account(self) -> Account:
        refuse("get_account", "rest")

    async def get_ssh_keys(self) -> list[str]:
        return list((await self._c.get_ssh_keys()).keys)

    async def set_ssh_keys(self, keys: Sequence[str]) -> list[str]:
        from runpod_gql_rest.models import UpdateSshKeysRequest

        body = UpdateSshKeysRequest.model_validate({"keys": list(keys)})
        return list((await self._c.update_ssh_keys(body)).keys)

    async def billing(self, query: BillingQuery) -> list[BillingRecord]:
        operation, arguments = to.billing_request(query)
        answer = await getattr(self._c, operation)(**arguments)
        return [to.billing_record(_json(r)) for r in answer.records]


async def _until_idle(events: AsyncIterator[Event], idle: float | None) -> AsyncIterator[Event]:
    """The events, ending once none has come for ``idle`` seconds (None: never)."""
    iterator = aiter(events)
    try:
        while True:
            try:
                if idle is None:
                    event = await anext(iterator)
                else:
                    event = await asyncio.wait_for(anext(iterator), idle)
            except (StopAsyncIteration, asyncio.TimeoutError):
                return
            yield event
    finally:
        close = getattr(iterator, "aclose", None)
        if close is not None:
            await close()


def _log_line(event: Event) -> LogLine | None:
    """A log event as a line; keep-alives and events without an id or JSON data are skipped."""
    if not event.id or not event.data:
        return None
    try:
        data = json.loads(event.data)
    except ValueError:
        return None
    return to.log_line(event.id, data) if isinstance(data, dict) else None
