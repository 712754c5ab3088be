"""One :class:`Backend` over both APIs: each operation goes where its mode's route says.

Backends are made on first use, so a client that never touches REST v2 never loads it (and
the reverse). ``served`` counts which API answered which public method, for demos and tests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime

from ..errors import ConfigurationError
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
    RegistryAuth,
    Secret,
    Template,
)
from .base import (
    Backend,
    BillingQuery,
    EndpointSave,
    GpuQuery,
    PodChanges,
    PodCreate,
    TemplateSave,
)
from .routes import CATALOGUE, ROUTES, ApiMode, choose, refuse


class RoutedBackend:
    """Sends each operation to REST v2 or GraphQL as ``mode`` says (see :mod:`.routes`)."""

    def __init__(
        self,
        mode: ApiMode,
        *,
        graphql: Callable[[], Backend],
        rest: Callable[[], Backend],
        has_key: bool = True,
        missing_key: str | None = None,
    ) -> None:
        self.mode = mode
        self._missing_key = missing_key
        self._factories = {"graphql": graphql, "rest": rest}
        self._made: dict[str, Backend] = {}
        self._has_key = has_key
        self.served: Counter[tuple[str, str]] = Counter()
        # operation -> (its backend, its key in ``served``): the mode and the key do not change,
        # so each operation is routed once and every later call is one lookup.
        self._routed: dict[str, tuple[Backend, tuple[str, str]]] = {}

    @property
    def api(self) -> str:
        return self.mode

    def __repr__(self) -> str:
        return f"<RoutedBackend api={self.mode!r}>"

    def within(self, seconds: float) -> RoutedBackend:
        """The same routing over bounded views of the backends (``served`` is shared)."""
        view = RoutedBackend(
            self.mode,
            graphql=lambda: self._backend("graphql").within(seconds),
            rest=lambda: self._backend("rest").within(seconds),
            has_key=self._has_key,
            missing_key=self._missing_key,
        )
        view.served = self.served
        return view

    def check_create(self, request: PodCreate) -> None:
        lacking = request.graphql_only()
        if lacking and self.mode == "rest":
            operation = (
                "create_spot_pod" if request.bid_per_gpu is not None else "create_pod_graphql_only"
            )
            refuse(operation, "rest", ", ".join(lacking))
        if not lacking:
            self._backend(self.api_for("create_pod")).check_create(request)

    def _backend(self, name: str) -> Backend:
        backend = self._made.get(name)
        if backend is None:
            backend = self._made[name] = self._factories[name]()
        return backend

    def api_for(self, operation: str) -> str:
        """'rest' or 'graphql': where ``operation`` goes now (raises if this mode refuses it)."""
        return choose(operation, self.mode, has_key=self._has_key)

    def on(self, operation: str) -> Backend:
        """The backend serving ``operation``, counted in ``served``."""
        routed = self._routed.get(operation)
        if routed is None:
            routed = self._routed[operation] = self._route(operation)
        backend, served_as = routed
        self.served[served_as] += 1
        return backend

    def _route(self, operation: str) -> tuple[Backend, tuple[str, str]]:
        """Where ``operation`` goes; raises (and is asked again next time) when it cannot go."""
        if not self._has_key and operation not in CATALOGUE:
            raise ConfigurationError(
                f"{ROUTES[operation].method} needs an API key: "
                f"{self._missing_key or 'none was configured'}"
            )
        name = self.api_for(operation)
        return self._backend(name), (ROUTES[operation].method, name)

    # ------------------------------------------------------------------ pods
    async def get_pod(self, pod_id: str) -> Pod | None:
        return await self.on("get_pod").get_pod(pod_id)

    async def list_pods(self) -> list[Pod]:
        return await self.on("list_pods").list_pods()

    def pod_pages(self) -> AsyncIterator[list[Pod]]:
        return self.on("pod_pages").pod_pages()

    async def list_pod_states(self) -> list[PodState]:
        return await self.on("list_pod_states").list_pod_states()

    async def create_pod(self, request: PodCreate) -> Pod:
        lacking = request.graphql_only()
        if request.bid_per_gpu is not None:
            return await self.on("create_spot_pod").create_pod(request)
        if not lacking or self.mode == "graphql":
            return await self.on("create_pod").create_pod(request)
        if self.mode == "rest":
            refuse("create_pod_graphql_only", "rest", ", ".join(lacking))
        return await self.on("create_pod_graphql_only").create_pod(request)

    async def stop_pod(self, pod_id: str) -> Pod:
        return await self.on("stop_pod").stop_pod(pod_id)

    async def resume_pod(self, pod_id: str, gpu_count: int | None) -> Pod:
        operation = "resume_pod" if gpu_count is None else "resume_pod_gpu_count"
        return await self.on(operation).resume_pod(pod_id, gpu_count)

    async def bid_resume_pod(self, pod_id: str, bid_per_gpu: float, gpu_count: int) -> Pod:
        return await self.on("bid_resume_pod").bid_resume_pod(pod_id, bid_per_gpu, gpu_count)

    async def pod_is_spot(self, pod_id: str) -> bool | None:
        """Asked of GraphQL (only it knows pod types); None on api="rest"."""
        if self.mode == "rest" or not self._has_key:
            return None
        return await self.on("bid_resume_pod").pod_is_spot(pod_id)

    async def restart_pod(self, pod_id: str) -> Pod:
        return await self.on("restart_pod").restart_pod(pod_id)

    async def terminate_pod(self, pod_id: str) -> bool:
        return await self.on("terminate_pod").terminate_pod(pod_id)

    async def edit_pod(self, pod_id: str, changes: PodChanges) -> Pod:
        return await self.on("edit_pod").edit_pod(pod_id, changes)

    def pod_logs(
        self,
        pod_id: str,
        *,
        follow: bool,
        tail: int | None,
        since: datetime | None,
        source: str | None,
        last_event_id: str | None,
    ) -> AsyncIterator[LogLine]:
        return self.on("pod_logs").pod_logs(
            pod_id,
            follow=follow,
            tail=tail,
            since=since,
            source=source,
            last_event_id=last_event_id,
        )

    # ------------------------------------------------------------------ catalogue
    async def list_gpu_types(self, query: GpuQuery) -> list[GpuType]:
        return await self.on("list_gpu_types").list_gpu_types(query)

    async def get_gpu_type(self, gpu_type_id: str, query: GpuQuery) -> GpuType | None:
        return await self.on("get_gpu_type").get_gpu_type(gpu_type_id, query)

    async def list_spot_gpu_types(self, query: GpuQuery) -> list[GpuType]:
        """GPU types with their spot prices and minimum bids (GraphQL only)."""
        return await self.on("minimum_bid").list_spot_gpu_types(query)

    async def list_cpu_types(self) -> list[CpuType]:
        return await self.on("list_cpu_types").list_cpu_types()

    async def list_data_centers(self) -> list[DataCenter]:
        return await self.on("list_data_centers").list_data_centers()

    # ------------------------------------------------------------------ the rest
    async def list_templates(self) -> list[Template]:
        return await self.on("list_templates").list_templates()

    async def get_template(self, template_id: str) -> Template | None:
        return await self.on("get_template").get_template(template_id)

    async def save_template(self, request: TemplateSave) -> Template:
        return await self.on("save_template").save_template(request)

    async def delete_template(self, template_id: str, name: str) -> bool:
        return await self.on("delete_template").delete_template(template_id, name)

    async def list_volumes(self) -> list[NetworkVolume]:
        return await self.on("list_volumes").list_volumes()

    async def get_volume(self, volume_id: str) -> NetworkVolume | None:
        return await self.on("get_volume").get_volume(volume_id)

    async def create_volume(self, name: str, size_gb: int, data_center_id: str) -> NetworkVolume:
        return await self.on("create_volume").create_volume(name, size_gb, data_center_id)

    async def update_volume(
        self, volume_id: str, name: str | None, size_gb: int | None
    ) -> NetworkVolume:
        return await self.on("update_volume").update_volume(volume_id, name, size_gb)

    async def delete_volume(self, volume_id: str) -> bool:
        return await self.on("delete_volume").delete_volume(volume_id)

    async def list_endpoints(self) -> list[Endpoint]:
        return await self.on("list_endpoints").list_endpoints()

    async def get_endpoint(self, endpoint_id: str) -> Endpoint | None:
        return await self.on("get_endpoint").get_endpoint(endpoint_id)

    async def save_endpoint(self, request: EndpointSave) -> Endpoint:
        operation = "save_endpoint" if request.type == "QUEUE" else "save_load_balancer"
        return await self.on(operation).save_endpoint(request)

    async def update_endpoint_template(self, endpoint_id: str, template_id: str) -> Endpoint:
        backend = self.on("update_endpoint_template")
        return await backend.update_endpoint_template(endpoint_id, template_id)

    async def set_endpoint_workers(
        self, endpoint_id: str, workers_min: int | None, workers_max: int | None
    ) -> Endpoint:
        backend = self.on("set_endpoint_workers")
        return await backend.set_endpoint_workers(endpoint_id, workers_min, workers_max)

    async def delete_endpoint(self, endpoint_id: str) -> bool:
        return await self.on("delete_endpoint").delete_endpoint(endpoint_id)

    async def list_endpoint_workers(self, endpoint_id: str) -> list[EndpointWorker] | None:
        backend = self.on("list_endpoint_workers")
        return await backend.list_endpoint_workers(endpoint_id)

    async def list_registry_auths(self) -> list[RegistryAuth]:
        return await self.on("list_registry_auths").list_registry_auths()

    async def create_registry_auth(self, name: str, username: str, password: str) -> RegistryAuth:
        return await self.on("create_registry_auth").create_registry_auth(name, username, password)

    async def update_registry_auth(self, auth_id: str, username: str, password: str) -> None:
        await self.on("update_registry_auth").update_registry_auth(auth_id, username, password)

    async def delete_registry_auth(self, auth_id: str) -> bool:
        return await self.on("delete_registry_auth").delete_registry_auth(auth_id)

    async def list_secrets(self) -> list[Secret]:
        return await self.on("list_secrets").list_secrets()

    async def create_secret(self, name: str, value: str, description: str | None) -> Secret:
        return await self.on("create_secret").create_secret(name, value, description)

    async def delete_secret(self, secret_id: str) -> bool:
        return await self.on("delete_secret").delete_secret(secret_id)

    async def get_account(self) -> Account:
        return await self.on("get_account").get_account()

    async def get_ssh_keys(self) -> list[str]:
        return await self.on("get_ssh_keys").get_ssh_keys()

    async def set_ssh_keys(self, keys: Sequence[str]) -> list[str]:
        return await self.on("set_ssh_keys").set_ssh_keys(keys)

    async def billing(self, query: BillingQuery) -> list[BillingRecord]:
        return await self.on("billing").billing(query)
