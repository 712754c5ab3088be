"""GraphQL execution against ``schema.graphql``: resolvers, a zero-filling default resolver, and a
cache of parsed and validated documents.

graphql-core is used directly (ariadne's ASGI layer adds nothing here but latency): the schema is
built once per process from the package data the generated client ships, root fields get the
resolvers below, every other field reads the key of the same name from the parent dict.
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
    GraphQLEnumType,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    build_schema,
    execute,
    parse,
    validate,
)

from ._state import World

__all__ = ["Prepared", "QueryCache", "load_schema", "run"]

Resolver = Callable[..., Any]


def schema_text() -> str:
    """The schema the client was generated from (shipped as package data by the generator)."""
    return resources.files("runpod_gql_generated").joinpath("schema.graphql").read_text("utf-8")


def _w(info: GraphQLResolveInfo) -> World:
    world: World = info.context
    return world


def _inp(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    return dict(kwargs.get("input") or {})


QUERY_RESOLVERS: dict[str, Resolver] = {
    "myself": lambda _, info: _w(info).myself_view(),
    "pod": lambda _, info, input=None: (
        _w(info).pod_view(p) if (p := _w(info).pods.get((input or {}).get("podId", ""))) else None
    ),
    "gpuTypes": lambda _, info, input=None: [
        _w(info).gpu_type_view(g)
        for g in _w(info).gpu_types.values()
        if not input
        or (
            (input.get("id") is None or g.id == input["id"])
            and (input.get("ids") is None or g.id in input["ids"])
        )
    ],
    "dataCenters": lambda _, info: [
        _w(info).data_center_view(dc) for dc in _w(info).data_centers.values()
    ],
    "cpuFlavors": lambda _, info, input=None: [
        _w(info).cpu_flavor_view(f)
        for f in _w(info).cpu_flavors.values()
        if not (input or {}).get("id") or f.id == input["id"]
    ],
    "cpuTypes": lambda _, info: _cpu_types(),
    "countryCodes": lambda _, info: sorted(
        {dc.country_code for dc in _w(info).data_centers.values()}
    ),
    "podTemplate": lambda _, info, id: _w(info)._any_template(id),
    "podTemplates": lambda _, info, input=None: (
        list(_w(info).public_templates.values())
        if (input or {}).get("isRunpod")
        else [*_w(info).public_templates.values(), *_w(info).templates.values()]
    ),
    "templates": lambda _, info: list(_w(info).templates.values()),
}


def _cpu_types() -> list[dict[str, object]]:
    from ._catalog import CPU_TYPES

    return [dict(t) for t in CPU_TYPES]


def _terminate(_: object, info: GraphQLResolveInfo, input: Mapping[str, Any]) -> None:
    _w(info).terminate_pod(str(input["podId"]))


def _update_user(_: object, info: GraphQLResolveInfo, input: Any = None) -> Any:
    world = _w(info)
    if input and input.get("pubKey") is not None:
        world.pub_key = str(input["pubKey"])
    return world.myself_view()


MUTATION_RESOLVERS: dict[str, Resolver] = {
    "podFindAndDeployOnDemand": lambda _, info, input=None: _w(info).pod_view(
        _w(info).create_pod(input or {})
    ),
    "podRentInterruptable": lambda _, info, input: _w(info).pod_view(
        _w(info).create_pod(input, spot=True)
    ),
    "deployCpuPod": lambda _, info, input: _w(info).pod_view(_w(info).create_cpu_pod(input)),
    "podStop": lambda _, info, input: _w(info).pod_view(_w(info).stop_pod(input["podId"])),
    "podResume": lambda _, info, input: _w(info).pod_view(
        _w(info).resume_pod(input["podId"], input.get("gpuCount"))
    ),
    "podBidResume": lambda _, info, input: _w(info).pod_view(
        _w(info).bid_resume_pod(input["podId"], input["bidPerGpu"], input["gpuCount"])
    ),
    "podRestart": lambda _, info, input: _w(info).pod_view(
        _w(info).restart_pod(str(input.get("podId") or ""))
    ),
    "podTerminate": _terminate,
    "podEditJob": lambda _, info, input: _w(info).pod_view(_w(info).edit_pod_job(input)),
    "saveTemplate": lambda _, info, input=None: _w(info).save_template(input or {}),
    "deleteTemplate": lambda _, info, templateName=None: _w(info).delete_template(
        str(templateName)
    ),
    "createNetworkVolume": lambda _, info, input: _w(info).create_network_volume(input),
    "updateNetworkVolume": lambda _, info, input: _w(info).update_network_volume(input),
    "deleteNetworkVolume": lambda _, info, input: _w(info).delete_network_volume(
        str(input.get("id"))
    ),
    "saveEndpoint": lambda _, info, input: _w(info).save_endpoint(input),
    "deleteEndpoint": lambda _, info, id: _w(info).delete_endpoint(id),
    "updateEndpointTemplate": lambda _, info, input=None: _w(info).update_endpoint(
        (input or {}).get("endpointId"), templateId=(input or {}).get("templateId")
    ),
    "updateEndpointWorkersMax": lambda _, info, input=None: _w(info).update_endpoint(
        (input or {}).get("endpointId"), workersMax=(input or {}).get("workerCount")
    ),
    "updateEndpointWorkersMin": lambda _, info, input=None: _w(info).update_endpoint(
        (input or {}).get("endpointId"), workersMin=(input or {}).get("workerCount")
    ),
    "saveRegistryAuth": lambda _, info, input=None: _w(info).save_registry_auth(input or {}),
    "updateRegistryAuth": lambda _, info, input: _w(info).update_registry_auth(input),
    "deleteRegistryAuth": lambda _, info, registryAuthId: _w(info).delete_registry_auth(
        registryAuthId
    ),
    "secretCreate": lambda _, info, input: _w(info).create_secret(input),
    "secretDelete": lambda _, info, id: _w(info).delete_secret(str(id)),
    "updateUserSettings": _update_user,
}

_MISSING = object()
_EPOCH_ISO = "1970-01-01T00:00:00.000Z"


def _zero(return_type: GraphQLOutputType) -> Any:
    """A schema-valid stand-in for a non-null field the emulator has no data for."""
    if not isinstance(return_type, GraphQLNonNull):
        return None
    inner = return_type.of_type
    if isinstance(inner, GraphQLList):
        return []
    if isinstance(inner, GraphQLObjectType):
        return {}
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    if isinstance(inner, GraphQLScalarType):
        return {"Int": 0, "Float": 0.0, "Boolean": False, "DateTime": _EPOCH_ISO}.get(
            inner.name, ""
        )
    return None


def default_resolver(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
    """Read ``field_name`` from a dict parent; call it if it is a lazy view; zero-fill the rest."""
    value = source.get(info.field_name, _MISSING) if isinstance(source, dict) else _MISSING
    if value is _MISSING:
        return _zero(info.return_type)
    if callable(value):
        return value(info, **args)
    return value


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
    )
    assert isinstance(result, ExecutionResult)
    return result
