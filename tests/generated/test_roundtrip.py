"""Every GeneratedClient method, through a real HTTP request, against a schema-shaped answer.

The methods are discovered on the class, so a new operation in queries/ is covered by
`make generate` alone. The transport checks what the client sends (operation name, a query that
validates, variables whose JSON fits the declared types); the test checks what it parses.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import typing
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from graphql import (
    DocumentNode,
    GraphQLResolveInfo,
    GraphQLScalarType,
    OperationDefinitionNode,
    execute_sync,
    parse,
    print_ast,
    specified_scalar_types,
    validate,
)
from graphql.execution.values import get_variable_values
from runpod_gql_generated import base_model, enums, input_types
from runpod_gql_generated.client import GeneratedClient

from .schema_shaped import ArgumentFactory, ResponseBuilder, check_object
from .support import ROOT, schema, source_fragments, source_operations

URL = "http://graphql.test/graphql"


def _methods() -> list[str]:
    # Only what GeneratedClient itself defines: the operations, not AsyncBaseClient's plumbing.
    return sorted(
        name
        for name, member in vars(GeneratedClient).items()
        if inspect.iscoroutinefunction(member) and not name.startswith("_")
    )


def _operation_name(method: str) -> str:
    # ariadne-codegen names the result class after the operation and annotates the method with it.
    annotation = inspect.signature(getattr(GeneratedClient, method)).return_annotation
    assert isinstance(annotation, str)
    return annotation


def _hints(method: str) -> dict[str, Any]:
    """Resolved parameter types; the client imports them only under TYPE_CHECKING."""
    function = getattr(GeneratedClient, method)
    result_module = importlib.import_module(f"runpod_gql_generated.{method}")
    namespace: dict[str, Any] = {
        **vars(input_types),
        **vars(enums),
        "UnsetType": base_model.UnsetType,
        _operation_name(method): getattr(result_module, _operation_name(method)),
    }
    return typing.get_type_hints(function, localns=namespace)


def test_one_method_per_operation() -> None:
    in_queries = sorted(operation.name for operation in source_operations())
    assert sorted(_operation_name(method) for method in _methods()) == in_queries


@dataclass
class Exchange:
    """The one request the transport saw and the data it answered with."""

    operation_name: str
    null_leaves: bool
    bodies: list[dict[str, Any]] = field(default_factory=list)
    builder: ResponseBuilder | None = None
    data: dict[str, Any] | None = None

    def handle(self, request: httpx.Request) -> httpx.Response:
        assert request.method == "POST"
        assert str(request.url) == URL
        assert request.headers["content-type"] == "application/json"
        body = json.loads(request.content)
        self.bodies.append(body)
        assert set(body) == {"query", "operationName", "variables"}
        assert body["operationName"] == self.operation_name

        document = parse(body["query"])
        assert [error.message for error in validate(schema(), document)] == []
        operation = _only_operation(document)
        assert operation.name is not None
        assert operation.name.value == self.operation_name
        assert print_ast(document) == print_ast(_source_document(self.operation_name))

        variables = body["variables"]
        declared = {d.variable.name.value for d in operation.variable_definitions}
        assert set(variables) <= declared, f"undeclared variables {set(variables) - declared}"
        coerced = get_variable_values(schema(), operation.variable_definitions, variables)
        assert isinstance(coerced, dict), [str(error) for error in coerced]

        self.builder = ResponseBuilder(schema(), document, self.null_leaves)
        self.data = self.builder.build()
        # graphql-core, executing the same operation over this data, must send exactly it back.
        assert _executed(document, self.data, variables) == self.data
        return httpx.Response(200, json={"data": self.data})


def _executed(document: DocumentNode, data: dict[str, Any], variables: dict[str, Any]) -> Any:
    def by_response_key(source: Any, info: GraphQLResolveInfo, **_: Any) -> Any:
        return source[info.path.key]

    result = execute_sync(
        schema(),
        document,
        root_value=data,
        variable_values=variables,
        field_resolver=by_response_key,
    )
    assert result.errors is None, [str(error) for error in result.errors]
    return result.data


def _only_operation(document: DocumentNode) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert len(operations) == 1
    return operations[0]


def _source_document(operation_name: str) -> DocumentNode:
    """The operation as written in queries/, with its fragments in ariadne-codegen's order."""
    (source,) = [o for o in source_operations() if o.name == operation_name]
    fragments = source_fragments()
    needed: list[str] = []
    pending = [source.node]
    while pending:
        for spread in _spreads(pending.pop()):
            if spread not in needed:
                needed.append(spread)
                pending.append(fragments[spread])  # type: ignore[arg-type]
    return DocumentNode(definitions=(source.node, *(fragments[name] for name in sorted(needed))))


def _spreads(node: Any) -> list[str]:
    from graphql import FragmentSpreadNode, Visitor, visit

    names: list[str] = []

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: object) -> None:
            names.append(spread.name.value)

    visit(node, Collect())
    return names


@pytest.mark.parametrize("null_leaves", [False, True], ids=["values", "null-leaves"])
@pytest.mark.parametrize("method", _methods())
async def test_method_round_trips(method: str, null_leaves: bool) -> None:
    operation_name = _operation_name(method)
    hints = _hints(method)
    factory = ArgumentFactory()
    arguments: dict[str, Any] = {}
    expected_variables: dict[str, Any] = {}
    operation = next(o.node for o in source_operations() if o.name == operation_name)
    variable_names = [d.variable.name.value for d in operation.variable_definitions]
    parameters = [
        p
        for p in inspect.signature(getattr(GeneratedClient, method)).parameters.values()
        if p.name != "self" and p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    # Parameters follow the variable definitions one to one, snake_cased.
    assert [p.name.rstrip("_").replace("_", "") for p in parameters] == [
        v.lower() for v in variable_names
    ]
    for parameter, variable in zip(parameters, variable_names, strict=True):
        arguments[parameter.name], expected_variables[variable] = factory.build(
            hints[parameter.name]
        )

    exchange = Exchange(operation_name, null_leaves)
    async with httpx.AsyncClient(transport=httpx.MockTransport(exchange.handle)) as http_client:
        client = GeneratedClient(url=URL, http_client=http_client)
        result = await getattr(client, method)(**arguments)
        await client.aclose()
        assert not http_client.is_closed  # a client passed in is the caller's to close

    assert len(exchange.bodies) == 1
    assert exchange.bodies[0]["variables"] == expected_variables
    assert type(result).__name__ == operation_name
    assert exchange.builder is not None
    assert exchange.data is not None
    check_object(exchange.data, result, exchange.builder.shapes, operation_name)


def test_every_custom_scalar_is_mapped_to_a_python_type() -> None:
    # An unmapped custom scalar silently becomes Any in the generated models.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapped = set(config["tool"]["ariadne-codegen"]["scalars"])
    custom = {
        name
        for name, named in schema().type_map.items()
        if isinstance(named, GraphQLScalarType) and name not in specified_scalar_types
    }
    assert custom == mapped


def test_builder_output_is_what_a_graphql_server_would_send() -> None:
    # A probe beyond what queries/ selects today: custom scalars, __typename, nested lists.
    document = parse(
        "query Probe($podId: String!) { __typename myself { __typename id pods { port "
        "createdAt desiredStatus env } podTemplates { config } } "
        "pod(input: {podId: $podId}) { id } podTerminate: __typename }"
    )
    assert validate(schema(), document) == []
    builder = ResponseBuilder(schema(), document, null_leaves=False)
    data = builder.build()
    assert _executed(document, data, {"podId": "x"}) == data
    assert data["__typename"] == "Query"
    assert data["myself"]["__typename"] == "User"
    pod = data["myself"]["pods"][1]
    assert isinstance(pod["port"], int)
    assert pod["createdAt"].endswith("Z")
    assert isinstance(data["myself"]["podTemplates"][0]["config"], dict)
    assert {"DateTime", "JSON", "Port"} <= builder.scalars_served
