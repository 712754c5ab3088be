"""The GraphQL backend: the generated GraphQL client, answers mapped to the public models."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Mapping, Sequence
from datetime import datetime
from typing import Any, Optional, TypeVar

from runpod_gql_generated.enums import CloudTypeEnum
from runpod_gql_generated.input_types import (
    CreateNetworkVolumeInput,
    DeleteNetworkVolumeInput,
    EndpointInput,
    EnvironmentVariableInput,
    GpuLowestPriceInput,
    PodBidResumeInput,
    PodEditJobInput,
    PodFindAndDeployOnDemandInput,
    PodRentInterruptableInput,
    PodResumeInput,
    PodStopInput,
    PodTerminateInput,
    SaveRegistryAuthInput,
    SaveTemplateInput,
    SecretCreateInput,
    UpdateEndpointTemplateInput,
    UpdateEndpointWorkersInput,
    UpdateNetworkVolumeInput,
    UpdateRegistryAuthInput,
    UpdateUserSettingsInput,
    deployCpuPodInput,
)
from runpod_gql_generated.operations import (
    BID_RESUME_POD_GQL,
    CREATE_CPU_POD_GQL,
    CREATE_POD_GQL,
    CREATE_SPOT_POD_GQL,
    EDIT_POD_JOB_GQL,
    GET_POD_GQL,
    LIST_POD_STATES_GQL,
    LIST_PODS_GQL,
    RESUME_POD_GQL,
    STOP_POD_GQL,
)

from .._transport import GraphQLTransport
from ..errors import APIError, APIRetiredError, NotFoundError, ResponseValidationError
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
from . import graphql_map as to
from .base import BillingQuery, EndpointSave, GpuQuery, PodChanges, PodCreate, TemplateSave, bounded
from .decoding import built
from .routes import refuse

T = TypeVar("T")

RETIRED_HINT = (
    "RunPod has retired its GraphQL API: use RunPod(api='rest') (or the default 'auto'), which"
    " serves everything REST v2 has; what only GraphQL had (spot pods, bids, balance) is gone"
)


def _required(value: T | None, what: str, operation: str) -> T:
    if value is None:
        raise ResponseValidationError(
            f"the server returned no {what}", field=what, operation=operation
        )
    return value


def _env(env: Mapping[str, str]) -> list[EnvironmentVariableInput | None]:
    return [EnvironmentVariableInput(key=k, value=val) for k, val in env.items()]


def _price(query: GpuQuery) -> GpuLowestPriceInput:
    fields = GpuLowestPriceInput(gpu_count=query.gpu_count)
    if query.cloud != "ALL":
        fields.secure_cloud = query.cloud == "SECURE"
    if query.data_center_id is not None:
        fields.data_center_id = query.data_center_id
    return fields


def _create_fields(request: PodCreate, fields: Any) -> Any:
    values: dict[str, Any] = {
        "name": request.name,
        "image_name": request.image,
        "container_disk_in_gb": request.container_disk_gb,
        "volume_in_gb": request.volume_gb,
        "volume_mount_path": request.volume_mount_path,
        "env": _env(request.env),
        "ports": ",".join(request.ports),
        "start_ssh": request.start_ssh,
        "support_public_ip": True
        if request.support_public_ip is None
        else request.support_public_ip,
        "cloud_type": CloudTypeEnum(request.cloud),
        "data_center_id": request.data_center_id,
        "network_volume_id": request.network_volume_id,
        "docker_args": request.args,
        "template_id": request.template_id,
        "container_registry_auth_id": request.registry_auth_id,
        "min_vcpu_count": request.min_vcpu,
        "min_memory_in_gb": request.min_memory_gb,
    }
    if request.cpu_instance_id is not None:
        values["instance_id"] = request.cpu_instance_id
    else:
        values.update(gpu_type_id=request.gpu_type_id, gpu_count=request.gpu_count)
    values.update(
        bid_per_gpu=request.bid_per_gpu,
        country_code=request.country_code,
        allowed_cuda_versions=list(request.allowed_cuda_versions) or None,
        stop_after=request.stop_after,
        terminate_after=request.terminate_after,
        deploy_cost=request.max_price_per_hr,
    )
    known = type(fields).model_fields
    for key, value in values.items():
        # Each create input has its own subset of the fields (a CPU pod has no bid or CUDA).
        if value is None or key not in known:
            continue
        if isinstance(value, datetime) and known[key].annotation == Optional[str]:  # noqa: UP045
            value = value.isoformat()  # the spot input types these times as plain strings
        setattr(fields, key, value)
    return fields


class GraphQLBackend:
    """Everything the resources ask, over RunPod's GraphQL API."""

    api = "graphql"

    def __init__(self, transport: GraphQLTransport) -> None:
        self._t = transport

    def __repr__(self) -> str:
        return f"<GraphQLBackend {self._t.url}>"

    def api_for(self, operation: str) -> str:
        return "graphql"

    def within(self, seconds: float) -> GraphQLBackend:
        return GraphQLBackend(self._t.derive(bounded(self._t.options, seconds)))

    def check_create(self, request: PodCreate) -> None:
        """GraphQL takes every option of a pod spec: nothing to refuse."""

    async def _run(self, call: Awaitable[T]) -> T:
        try:
            return await self._t.run(call)
        except APIError as exc:
            if exc.status_code == 410:
                raise APIRetiredError(
                    "GraphQL answered 410 Gone",
                    operation=exc.operation,
                    status_code=410,
                    request_id=exc.request_id,
                    hint=RETIRED_HINT,
                ) from exc
            raise

    # ------------------------------------------------------------------ pods
    # Pod answers are validated from their bytes straight into the public models (graphql_map's
    # shapes): the generated operation documents are sent, their generated result models skipped.
    async def _answer(
        self, operation: str, document: str, root: str, **variables: Any
    ) -> Pod | None:
        """The ``...Pod`` an operation answers at its one root field (None when null)."""
        answer = await self._run(
            self._t.execute(
                built(to.pod_answer(root)), document, operation_name=operation, variables=variables
            )
        )
        return answer.value

    async def _pod(self, operation: str, document: str, root: str, **variables: Any) -> Pod:
        return _required(
            await self._answer(operation, document, root, **variables), root, operation
        )

    async def get_pod(self, pod_id: str) -> Pod | None:
        return await self._answer("GetPod", GET_POD_GQL, "pod", podId=pod_id)

    async def list_pods(self) -> list[Pod]:
        answer = await self._run(
            self._t.execute(built(to.PodsAnswer), LIST_PODS_GQL, "ListPods", variables={})
        )
        pods = _required(answer.myself, "myself", "ListPods").pods
        return [p for p in pods or () if p is not None]

    async def pod_pages(self) -> AsyncIterator[list[Pod]]:
        yield await self.list_pods()  # GraphQL's myself.pods is never paged

    async def list_pod_states(self) -> list[PodState]:
        answer = await self._run(
            self._t.execute(built(to.StatesAnswer), LIST_POD_STATES_GQL, "ListPodStates", {})
        )
        pods = _required(answer.myself, "myself", "ListPodStates").pods
        return [p for p in pods or () if p is not None]

    async def create_pod(self, request: PodCreate) -> Pod:
        if request.bid_per_gpu is not None:
            spot = _create_fields(request, PodRentInterruptableInput())
            return await self._pod(
                "CreateSpotPod", CREATE_SPOT_POD_GQL, "podRentInterruptable", input=spot
            )
        if request.cpu_instance_id is not None:
            cpu = _create_fields(request, deployCpuPodInput())
            return await self._pod("CreateCpuPod", CREATE_CPU_POD_GQL, "deployCpuPod", input=cpu)
        gpu = _create_fields(request, PodFindAndDeployOnDemandInput())
        return await self._pod("CreatePod", CREATE_POD_GQL, "podFindAndDeployOnDemand", input=gpu)

    async def stop_pod(self, pod_id: str) -> Pod:
        return await self._pod(
            "StopPod", STOP_POD_GQL, "podStop", input=PodStopInput(pod_id=pod_id)
        )

    async def resume_pod(self, pod_id: str, gpu_count: int | None) -> Pod:
        fields = PodResumeInput(pod_id=pod_id)
        if gpu_count is not None:
            fields.gpu_count = gpu_count
        return await self._pod("ResumePod", RESUME_POD_GQL, "podResume", input=fields)

    async def bid_resume_pod(self, pod_id: str, bid_per_gpu: float, gpu_count: int) -> Pod:
        fields = PodBidResumeInput(pod_id=pod_id, bid_per_gpu=bid_per_gpu, gpu_count=gpu_count)
        return await self._pod("BidResumePod", BID_RESUME_POD_GQL, "podBidResume", input=fields)

    async def pod_is_spot(self, pod_id: str) -> bool | None:
        pod = await self.get_pod(pod_id)
        return pod.is_spot if pod is not None else None

    async def restart_pod(self, pod_id: str) -> Pod:
        refuse("restart_pod", "graphql")

    async def terminate_pod(self, pod_id: str) -> bool:
        try:
            await self._run(self._t.terminate_pod(input=PodTerminateInput(pod_id=pod_id)))
        except NotFoundError:
            return False
        return True

    async def edit_pod(self, pod_id: str, changes: PodChanges) -> Pod:
        # podEditJob replaces the job: fields not changed are sent as they are now.
        current = await self.get_pod(pod_id)
        if current is None:
            raise NotFoundError(f"pod {pod_id} not found", operation="EditPodJob")
        fields = PodEditJobInput(
            pod_id=pod_id,
            image_name=changes.image if changes.image is not None else current.image,
            container_disk_in_gb=changes.container_disk_gb or current.container_disk_gb or 20,
        )
        if changes.volume_gb is not None:
            fields.volume_in_gb = changes.volume_gb
        if changes.volume_mount_path is not None:
            fields.volume_mount_path = changes.volume_mount_path
        if changes.ports is not None:
            fields.ports = ",".join(changes.ports)
        if changes.env is not None:
            fields.env = _env(changes.env)
        if changes.args is not None:
            fields.docker_args = changes.args
        if changes.name is not None:
            refuse("edit_pod(name=...)", "graphql")
        return await self._pod("EditPodJob", EDIT_POD_JOB_GQL, "podEditJob", input=fields)

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
        refuse("pod_logs", "graphql")

    # ------------------------------------------------------------------ catalogue
    async def list_gpu_types(self, query: GpuQuery) -> list[GpuType]:
        price = _price(query)
        if query.ids is not None:
            by_ids = await self._run(self._t.get_gpu_types(ids=list(query.ids), price=price))
            found = by_ids.gpu_types
        else:
            every = await self._run(self._t.list_gpu_types(price=price))
            found = every.gpu_types
        return [to.gpu_type(g, gpu_count=query.gpu_count) for g in found or () if g is not None]

    async def list_spot_gpu_types(self, query: GpuQuery) -> list[GpuType]:
        return await self.list_gpu_types(query)  # the same read carries spot prices and bids

    async def get_gpu_type(self, gpu_type_id: str, query: GpuQuery) -> GpuType | None:
        result = await self._run(self._t.get_gpu_type(id=gpu_type_id, price=_price(query)))
        for g in result.gpu_types or ():
            if g is not None and g.id == gpu_type_id:
                return to.gpu_type(g, gpu_count=query.gpu_count)
        return None

    async def list_cpu_types(self) -> list[CpuType]:
        result = await self._run(self._t.list_cpu_flavors())
        return [to.cpu_type(f) for f in result.cpu_flavors or () if f is not None]

    async def list_data_centers(self) -> list[DataCenter]:
        result = await self._run(self._t.list_data_centers())
        return [to.data_center(d) for d in result.data_centers or () if d is not None]

    # ------------------------------------------------------------------ templates
    async def list_templates(self) -> list[Template]:
        result = await self._run(self._t.list_templates())
        found = _required(result.myself, "myself", "ListTemplates").pod_templates
        return [to.template(t) for t in found or () if t is not None]

    async def get_template(self, template_id: str) -> Template | None:
        result = await self._run(self._t.get_template(id=template_id))
        return to.template(result.pod_template) if result.pod_template is not None else None

    async def save_template(self, request: TemplateSave) -> Template:
        fields = SaveTemplateInput(
            name=request.name,
            image_name=request.image,
            container_disk_in_gb=request.container_disk_gb,
            volume_in_gb=request.volume_gb,
            volume_mount_path=request.volume_mount_path,
            ports=",".join(request.ports),
            env=_env(request.env),
            docker_args=request.args or "",
            is_serverless=request.serverless,
            start_ssh=request.start_ssh,
        )
        if request.template_id is not None:
            fields.id = request.template_id
        if request.readme is not None:
            fields.readme = request.readme
        if request.registry_auth_id is not None:
            fields.container_registry_auth_id = request.registry_auth_id
        result = await self._run(self._t.save_template(input=fields))
        return to.template(_required(result.save_template, "saveTemplate", "SaveTemplate"))

    async def delete_template(self, template_id: str, name: str) -> bool:
        try:
            await self._run(self._t.delete_template(template_name=name))
        except NotFoundError:
            return False
        return True

    # ------------------------------------------------------------------ volumes
    async def list_volumes(self) -> list[NetworkVolume]:
        result = await self._run(self._t.list_network_volumes())
        found = _required(result.myself, "myself", "ListNetworkVolumes").network_volumes
        return [to.network_volume(n) for n in found or () if n is not None]

    async def get_volume(self, volume_id: str) -> NetworkVolume | None:
        # GraphQL has no single-volume query: one list request.
        return next((n for n in await self.list_volumes() if n.id == volume_id), None)

    async def create_volume(self, name: str, size_gb: int, data_center_id: str) -> NetworkVolume:
        fields = CreateNetworkVolumeInput(name=name, size=size_gb, data_center_id=data_center_id)
        result = await self._run(self._t.create_network_volume(input=fields))
        made = _required(result.create_network_volume, "createNetworkVolume", "CreateNetworkVolume")
        return to.network_volume(made)

    async def update_volume(
        self, volume_id: str, name: str | None, size_gb: int | None
    ) -> NetworkVolume:
        fields = UpdateNetworkVolumeInput(id=volume_id)
        if name is not None:
            fields.name = name
        if size_gb is not None:
            fields.size = size_gb
        result = await self._run(self._t.update_network_volume(input=fields))
        changed = _required(
            result.update_network_volume, "updateNetworkVolume", "UpdateNetworkVolume"
        )
        return to.network_volume(changed)

    async def delete_volume(self, volume_id: str) -> bool:
        try:
            await self._run(
                self._t.delete_network_volume(input=DeleteNetworkVolumeInput(id=volume_id))
            )
        except NotFoundError:
            return False
        return True

    # ------------------------------------------------------------------ endpoints
    async def list_endpoints(self) -> list[Endpoint]:
        result = await self._run(self._t.list_endpoints())
        found = _required(result.myself, "myself", "ListEndpoints").endpoints
        return [to.endpoint(e) for e in found or () if e is not None]

    async def get_endpoint(self, endpoint_id: str) -> Endpoint | None:
        result = await self._run(self._t.get_endpoint(id=endpoint_id))
        found = _required(result.myself, "myself", "GetEndpoint").endpoint
        return to.endpoint(found) if found is not None else None

    async def save_endpoint(self, request: EndpointSave) -> Endpoint:
        if request.type != "QUEUE":
            refuse("save_load_balancer", "graphql")
        gpu_ids = [*request.gpu_pools, *(f"-{g}" for g in request.excluded_gpu_types)]
        fields = EndpointInput(
            name=request.name,
            template_id=request.template_id,
            gpu_ids=",".join(gpu_ids),
            workers_min=request.workers_min,
            workers_max=request.workers_max,
            gpu_count=request.gpu_count,
            idle_timeout=request.idle_timeout,
            scaler_type=request.scaler_type,
            scaler_value=request.scaler_value,
        )
        if request.endpoint_id is not None:
            fields.id = request.endpoint_id
        if request.data_center_ids:
            fields.locations = ",".join(request.data_center_ids)
        if request.network_volume_id is not None:
            fields.network_volume_id = request.network_volume_id
        result = await self._run(self._t.save_endpoint(input=fields))
        return to.endpoint(_required(result.save_endpoint, "saveEndpoint", "SaveEndpoint"))

    async def update_endpoint_template(self, endpoint_id: str, template_id: str) -> Endpoint:
        fields = UpdateEndpointTemplateInput(endpoint_id=endpoint_id, template_id=template_id)
        result = await self._run(self._t.update_endpoint_template(input=fields))
        changed = _required(
            result.update_endpoint_template, "updateEndpointTemplate", "UpdateEndpointTemplate"
        )
        return to.endpoint(changed)

    async def set_endpoint_workers(
        self, endpoint_id: str, workers_min: int | None, workers_max: int | None
    ) -> Endpoint:
        # GraphQL sets each bound with its own mutation: max first, so min <= max holds throughout.
        changed = None
        if workers_max is not None:
            fields = UpdateEndpointWorkersInput(endpoint_id=endpoint_id, worker_count=workers_max)
            result_max = await self._run(self._t.update_endpoint_workers_max(input=fields))
            changed = result_max.update_endpoint_workers_max
        if workers_min is not None:
            fields = UpdateEndpointWorkersInput(endpoint_id=endpoint_id, worker_count=workers_min)
            result_min = await self._run(self._t.update_endpoint_workers_min(input=fields))
            changed = result_min.update_endpoint_workers_min
        return to.endpoint(_required(changed, "endpoint", "UpdateEndpointWorkers"))

    async def list_endpoint_workers(self, endpoint_id: str) -> list[EndpointWorker] | None:
        refuse("list_endpoint_workers", "graphql")

    async def delete_endpoint(self, endpoint_id: str) -> bool:
        try:
            await self._run(self._t.delete_endpoint(id=endpoint_id))
        except NotFoundError:
            return False
        return True

    # ------------------------------------------------------------------ registry, secrets, account
    async def list_registry_auths(self) -> list[RegistryAuth]:
        result = await self._run(self._t.list_registry_auths())
        found = _required(result.myself, "myself", "ListRegistryAuths").container_registry_creds
        return [to.registry_auth(a) for a in found or () if a is not None]

    async def create_registry_auth(self, name: str, username: str, password: str) -> RegistryAuth:
        fields = SaveRegistryAuthInput(name=name, username=username, password=password)
        result = await self._run(self._t.save_registry_auth(input=fields))
        made = _required(result.save_registry_auth, "saveRegistryAuth", "SaveRegistryAuth")
        return to.registry_auth(made)

    async def update_registry_auth(self, auth_id: str, username: str, password: str) -> None:
        fields = UpdateRegistryAuthInput(id=auth_id, username=username, password=password)
        result = await self._run(self._t.update_registry_auth(input=fields))
        _required(result.update_registry_auth, "updateRegistryAuth", "UpdateRegistryAuth")

    async def delete_registry_auth(self, auth_id: str) -> bool:
        try:
            await self._run(self._t.delete_registry_auth(registry_auth_id=auth_id))
        except NotFoundError:
            return False
        return True

    async def list_secrets(self) -> list[Secret]:
        result = await self._run(self._t.list_secrets())
        return [to.secret(s) for s in _required(result.myself, "myself", "ListSecrets").secrets]

    async def create_secret(self, name: str, value: str, description: str | None) -> Secret:
        fields = SecretCreateInput(name=name, value=value)
        if description is not None:
            fields.description = description
        result = await self._run(self._t.create_secret(input=fields))
        return to.secret(_required(result.secret_create, "secretCreate", "CreateSecret"))

    async def delete_secret(self, secret_id: str) -> bool:
        try:
            await self._run(self._t.delete_secret(id=secret_id))
        except NotFoundError:
            return False
        return True

    async def get_account(self) -> Account:
        result = await self._run(self._t.get_account())
        return to.account(_required(result.myself, "myself", "GetAccount"))

    async def get_ssh_keys(self) -> list[str]:
        return (await self.get_account()).ssh_keys

    async def set_ssh_keys(self, keys: Sequence[str]) -> list[str]:
        fields = UpdateUserSettingsInput(pub_key="\n".join(k.strip() for k in keys))
        result = await self._run(self._t.update_ssh_keys(input=fields))
        saved = _required(result.update_user_settings, "updateUserSettings", "UpdateSshKeys")
        return to.account(saved).ssh_keys

    async def billing(self, query: BillingQuery) -> list[BillingRecord]:
        refuse("billing", "graphql")
