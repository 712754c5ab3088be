"""GraphQL execution against ``schema.graphql``: root resolvers, and a cache of parsed and validated
documents.

graphql-core is used directly (ariadne's ASGI layer adds nothing here but latency): the schema is
built once per process from the package data the generated client ships, root fields get the
resolvers below, every other field reads the key of the same name from the parent dict
(``_gql_exec``).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    build_schema,
    execute,
    parse,
    validate,
)

from . import _gql_views as v
from ._catalog import CPU_TYPES
from ._gql_exec import ProjectingContext, default_resolver
from ._records import PodRecord
from ._state import EmulatedAPIError, World

__all__ = ["PUBLIC_FIELDS", "Prepared", "QueryCache", "load_schema", "run"]

Resolver = Callable[..., Any]


def schema_text() -> str:
    """The schema the client was generated from (shipped as package data by the generator)."""
    return resources.files("runpod_gql_generated").joinpath("schema.graphql").read_text("utf-8")


def _w(info: GraphQLResolveInfo) -> World:
    world: World = info.context
    return world


def _pod(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
    pod = _w(info).pods.get((input or {}).get("podId", ""))
    return v.pod_view(_w(info), pod) if pod else None


def _gpu_types(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
    world = _w(info)
    return [
        v.gpu_type_view(world, g)
        for g in world.gpu_types.values()
        if not input
        or (
            (input.get("id") is None or g.id == input["id"])
            and (input.get("ids") is None or g.id in input["ids"])
        )
    ]


def _pod_templates(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
    world = _w(info)
    public = [v.template_view(t) for t in world.public_templates.values()]
    if (input or {}).get("isRunpod"):
        return public
    return public + [v.template_view(t) for t in world.templates.values()]


def _template(_: object, info: GraphQLResolveInfo, id: Any = None) -> Any:
    template = _w(info).any_template(id)
    return v.template_view(template) if template else None


QUERY_RESOLVERS: dict[str, Resolver] = {
    "myself": lambda _, info: v.myself_view(_w(info)),
    "pod": _pod,
    "gpuTypes": _gpu_types,
    "dataCenters": lambda _, info: [
        v.data_center_view(_w(info), dc) for dc in _w(info).data_centers.values()
    ],
    "cpuFlavors": lambda _, info, input=None: [
        v.cpu_flavor_view(f)
        for f in _w(info).cpu_flavors.values()
        if not (input or {}).get("id") or f.id == input["id"]
    ],
    "cpuTypes": lambda _, info: [dict(t) for t in CPU_TYPES],
    "countryCodes": lambda _, info: sorted(
        {dc.country_code for dc in _w(info).data_centers.values()}
    ),
    "podTemplate": _template,
    "podTemplates": _pod_templates,
    "templates": lambda _, info: [v.template_view(t) for t in _w(info).templates.values()],
    "listings": lambda _, info, input=None: [],
    "allAiApiPublicConfigs": lambda _, info: [],
}

# Root fields RunPod serves without an API key (its own clients query them with no key).
PUBLIC_FIELDS = frozenset({"gpuTypes", "listings", "allAiApiPublicConfigs"})


def _terminate(_: object, info: GraphQLResolveInfo, input: Mapping[str, Any]) -> None:
    _w(info).terminate_pod(str(input["podId"]))


def _update_user(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
    world = _w(info)
    if input and input.get("pubKey") is not None:
        world.pub_key = str(input["pubKey"])
    return v.myself_view(world)


def _edit_pod(_: object, info: GraphQLResolveInfo, input: Mapping[str, Any]) -> Any:
    """podEditJob: change image/env/ports/disks; the container restarts (runtime resets)."""
    world = _w(info)
    pod = world.pod(str(input["podId"]))
    changes: dict[str, Any] = {
        "image_name": str(input.get("imageName") or pod.image_name),
        "container_disk_in_gb": int(input.get("containerDiskInGb") or pod.container_disk_in_gb),
    }
    if "env" in input:
        changes["env"] = v.env_input(input.get("env"))
    for key, attr in (
        ("ports", "ports"),
        ("dockerArgs", "docker_args"),
        ("volumeMountPath", "volume_mount_path"),
        ("containerRegistryAuthId", "container_registry_auth_id"),
        ("volumeInGb", "volume_in_gb"),
    ):
        if input.get(key) is not None:
            changes[attr] = input[key]
    return v.pod_view(world, world.update_pod(pod.id, changes))


def _save_template(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
    world, data = _w(info), dict(input or {})
    fields = v.template_fields(data)
    existing = world.templates.get(str(data.get("id") or ""))
    if existing is not None:
        if data.get("name") is not None:
            fields["name"] = data["name"]
        return v.template_view(world.update_template(existing.id, **fields))
    return v.template_view(world.create_template(str(data.get("name") or ""), **fields))


def _delete_template(_: object, info: GraphQLResolveInfo, templateName: Any = None) -> None:
    world = _w(info)
    # GraphQL deletes by name, and does not check whether the template is in use.
    del world.templates[world.template_by_name(str(templateName)).id]


def _save_endpoint(_: object, info: GraphQLResolveInfo, input: Mapping[str, Any]) -> Any:
    world, fields = _w(info), v.endpoint_fields(input)
    if input.get("id") and input["id"] in world.endpoints:
        if input.get("name") is not None:
            fields["name"] = input["name"]
        return v.endpoint_view(world, world.update_endpoint(input["id"], **fields))
    return v.endpoint_view(world, world.create_endpoint(str(input.get("name") or ""), **fields))


def _update_endpoint(attr: str, key: str) -> Resolver:
    def resolve(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
        data = input or {}
        endpoint = _w(info).update_endpoint(data.get("endpointId"), **{attr: data.get(key)})
        return v.endpoint_view(_w(info), endpoint)

    return resolve


def _save_registry_auth(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
    data = input or {}
    for required in ("name", "username", "password"):
        if data.get(required) is None:
            raise EmulatedAPIError(f"Registry auth {required} is required.")
    auth = _w(info).create_registry_auth(data["name"], data["username"], str(data["password"]))
    return v.registry_view(auth)


def _update_registry_auth(_: object, info: GraphQLResolveInfo, input: Any) -> Any:
    password = input.get("password")
    auth = _w(info).update_registry_auth(
        str(input.get("id") or ""),
        username=input.get("username"),
        password=None if password is None else str(password),
    )
    return v.registry_view(auth)


def _delete_registry_auth(_: object, info: GraphQLResolveInfo, registryAuthId: str) -> None:
    world = _w(info)
    world.registry_auth(registryAuthId)
    del world.registry_auths[registryAuthId]  # GraphQL does not check whether it is in use


def _create_secret(_: object, info: GraphQLResolveInfo, input: Any) -> Any:
    secret = _w(info).create_secret(
        str(input.get("name") or ""), str(input.get("value") or ""), input.get("description")
    )
    return v.secret_view(secret)


def _create_volume(_: object, info: GraphQLResolveInfo, input: Any) -> Any:
    dc_id = str(input.get("dataCenterId"))
    volume = _w(info).create_network_volume(
        str(input.get("name") or ""), int(input.get("size") or 0), dc_id
    )
    return v.volume_view(volume)


def _update_volume(_: object, info: GraphQLResolveInfo, input: Any) -> Any:
    world = _w(info)
    volume_id = str(input.get("id") or "")
    if volume_id not in world.network_volumes:
        raise EmulatedAPIError("Network volume not found.")
    size = input.get("size")
    volume = world.update_network_volume(
        volume_id, name=input.get("name"), size=None if size is None else int(size)
    )
    return v.volume_view(volume)


def _pod_op(op: Callable[..., PodRecord], *keys: str) -> Resolver:
    """A mutation that calls a World pod method with the input's values and answers the pod."""

    def resolve(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
        data = input or {}
        pod = op(_w(info), *(data.get(k) for k in keys))
        return v.pod_view(_w(info), pod)

    return resolve


MUTATION_RESOLVERS: dict[str, Resolver] = {
    "podFindAndDeployOnDemand": lambda _, info, input=None: v.pod_view(
        _w(info), _w(info).create_pod(v.pod_create(input or {}))
    ),
    "podRentInterruptable": lambda _, info, input: v.pod_view(
        _w(info), _w(info).create_pod(v.pod_create(input, spot=True))
    ),
    "deployCpuPod": lambda _, info, input: v.pod_view(
        _w(info), _w(info).create_pod(v.cpu_pod_create(input))
    ),
    "podStop": _pod_op(World.stop_pod, "podId"),
    "podResume": _pod_op(World.resume_pod, "podId", "gpuCount"),
    "podBidResume": _pod_op(World.bid_resume_pod, "podId", "bidPerGpu", "gpuCount"),
    "podRestart": lambda _, info, input: v.pod_view(
        _w(info), _w(info).restart_pod(str(input.get("podId") or ""))
    ),
    "podTerminate": _terminate,
    "podEditJob": _edit_pod,
    "saveTemplate": _save_template,
    "deleteTemplate": _delete_template,
    "createNetworkVolume": _create_volume,
    "updateNetworkVolume": _update_volume,
    "deleteNetworkVolume": lambda _, info, input: _w(info).delete_network_volume(
        str(input.get("id"))
    ),
    "saveEndpoint": _save_endpoint,
    "deleteEndpoint": lambda _, info, id: _w(info).delete_endpoint(id),
    "updateEndpointTemplate": _update_endpoint("template_id", "templateId"),
    "updateEndpointWorkersMax": _update_endpoint("workers_max", "workerCount"),
    "updateEndpointWorkersMin": _update_endpoint("workers_min", "workerCount"),
    "saveRegistryAuth": _save_registry_auth,
    "updateRegistryAuth": _update_registry_auth,
    "deleteRegistryAuth": _delete_registry_auth,
    "secretCreate": _create_secret,
    "secretDelete": lambda _, info, id: _w(info).delete_secret(str(id)),
    "updateUserSettings": _update_user,
}


@functools.lru_cache(maxsize=1)
def load_schema() -> GraphQLSchema:
    """Build the schema once per process and attach the root resolvers."""
    schema = build_schema(schema_text())
    for type_, resolvers in (
        (schema.query_type, QUERY_RESOLVERS),
        (schema.mutation_type, MUTATION_RESOLVERS),
    ):
        assert type_ is not None
        for name, fn in resolvers.items():
            type_.fields[name].resolve = fn
    return schema


@dataclass(frozen=True)
class Prepared:
    """A parsed request document: either its errors, or the document and its operations."""

    document: DocumentNode | None
    errors: tuple[dict[str, Any], ...]
    # operation name (or None for an anonymous one) -> (is_mutation, root field names)
    operations: Mapping[str | None, tuple[bool, tuple[str, ...]]]

    def select(self, operation_name: str | None) -> tuple[str | None, bool, tuple[str, ...]]:
        """(name, is_mutation, root fields) of the operation that will run; unknown -> no fields."""
        if operation_name is None and len(self.operations) == 1:
            operation_name = next(iter(self.operations))
        name = operation_name
        is_mutation, fields = self.operations.get(name, (False, ()))
        return name, is_mutation, fields


def _error(message: str, code: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code}}


class QueryCache:
    """Parse and validate each distinct query text once (bounded LRU): the hot path then only
    executes."""

    def __init__(self, schema: GraphQLSchema, maxsize: int = 1024) -> None:
        self.schema = schema
        self.maxsize = maxsize
        self._entries: OrderedDict[str, Prepared] = OrderedDict()

    def get(self, query: str) -> Prepared:
        entry = self._entries.get(query)
        if entry is not None:
            self._entries.move_to_end(query)
            return entry
        entry = self._prepare(query)
        self._entries[query] = entry
        if len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)
        return entry

    def _prepare(self, query: str) -> Prepared:
        try:
            document = parse(query)
        except GraphQLError as exc:
            return Prepared(None, (_error(exc.message, "GRAPHQL_PARSE_FAILED"),), {})
        errors = validate(self.schema, document)
        if errors:
            return Prepared(
                None,
                tuple(_error(e.message, "GRAPHQL_VALIDATION_FAILED") for e in errors),
                {},
            )
        operations: dict[str | None, tuple[bool, tuple[str, ...]]] = {}
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                name = definition.name.value if definition.name else None
                fields = tuple(
                    s.name.value
                    for s in definition.selection_set.selections
                    if isinstance(s, FieldNode)
                )
                operations[name] = (definition.operation == OperationType.MUTATION, fields)
        return Prepared(document, (), operations)


def run(
    schema: GraphQLSchema,
    prepared: Prepared,
    world: World,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
) -> ExecutionResult:
    """Execute a prepared document. Resolvers are synchronous, so this never awaits."""
    assert prepared.document is not None
    result = execute(
        schema,
        prepared.document,
        context_value=world,
        variable_values=dict(variables) if variables else None,
        operation_name=operation_name,
        field_resolver=default_resolver,
        execution_context_class=ProjectingContext,
    )
    assert isinstance(result, ExecutionResult)
    return result
