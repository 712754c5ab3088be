"""RunPod's REST v2 OpenAPI document as the emulator's contract: routing by path and method to an
``operationId``, and validation of request bodies and query parameters against the document's own
JSON Schemas (draft 2020-12, ``jsonschema`` with a ``referencing`` registry of the document).

The document is the one the generated REST package ships (``runpod_gql_rest/openapi.json``); the
client's models are never used here, so the emulator catches a client that drifts from it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["RFC3339", "Document", "Operation", "load_document"]

_DOC_URI = "urn:runpod:openapi"
_METHODS = ("get", "put", "post", "delete", "patch")


def _ascii_pattern(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """``pattern`` with ASCII classes: RunPod validates with Go's RE2, where ``\\s`` and ``\\d``
    are ASCII only; Python's Unicode ``\\s`` would refuse e.g. a key comment with U+001C."""
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", re.ASCII
)
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339 date-time (checked: jsonschema asserts no format without it)."""
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))  # ValueError: no such date
    return True


# Draft 2020-12 as RunPod's server applies it (see _ascii_pattern).
Validator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _ascii_pattern}
)


def document_text() -> str:
    """The OpenAPI document the REST client was generated from (package data)."""
    return resources.files("runpod_gql_rest").joinpath("openapi.json").read_text("utf-8")


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # query, header, path
    schema: Mapping[str, Any]
    required: bool = False
    explode: bool = True


@dataclass
class Operation:
    """One operation of the document, with its compiled validators."""

    id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    body: Any
    statuses: frozenset[str]
    known: frozenset[str] = frozenset()  # every property name the body schema declares
    _params: dict[str, Any] = field(default_factory=dict)


def _path_error(error: ValidationError, known: frozenset[str]) -> str | None:
    """``$.a.b: message`` in the wording RunPod's validator uses for the common cases.

    An ``unevaluatedProperties`` error beside other errors also names properties that only a
    failing branch declared (a failing branch evaluates nothing): ``known`` filters those out."""
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        names = re.findall(r"'([^']*)'", error.message)
        names = [n for n in names if isinstance(error.instance, dict) and n in error.instance]
        names = [n for n in names if n not in known]
        if not names:
            return None
        listed = ", ".join(f"'{n}'" for n in names)
        return f"{where}: additional properties {listed} not allowed"
    if error.validator == "required":
        match = re.match(r"'([^']*)' is a required property", error.message)
        if match:
            return f"{where}: missing property '{match.group(1)}'"
    return f"{where}: {error.message}"


def _leaves(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    """The most specific errors: combinators (allOf, if/then, oneOf) report their causes."""
    for error in errors:
        if error.context and error.validator in ("allOf", "then", "if"):
            yield from _leaves(iter(error.context))
        else:
            yield error


class Document:
    """Routes and validators of one OpenAPI document."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        resource = Resource.from_contents(spec, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(_DOC_URI, resource)
        self.operations: dict[str, Operation] = {}
        # Literal paths before templated ones, so /registries/delegations beats /registries/{id}.
        self._routes: list[tuple[re.Pattern[str], str, dict[str, Operation]]] = []
        for path, item in sorted(spec["paths"].items(), key=lambda kv: kv[0].count("{")):
            by_method: dict[str, Operation] = {}
            for method in _METHODS:
                if method in item:
                    op = self._operation(method.upper(), path, item[method])
                    by_method[op.method] = op
                    self.operations[op.id] = op
            pattern = re.compile(
                "^" + re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$"
            )
            self._routes.append((pattern, path, by_method))

    def _ref(self, pointer: str) -> Any:
        return Validator(
            {"$ref": f"{_DOC_URI}{pointer}"}, registry=self.registry, format_checker=FORMATS
        )

    def _resolve(self, obj: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in obj:
            target: Any = self.spec
            for part in obj["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            obj = target
        return obj

    def _schema_validator(self, schema: Mapping[str, Any]) -> Any:
        if "$ref" in schema and schema["$ref"].startswith("#"):
            return self._ref(schema["$ref"])
        # Inline schemas may hold refs of their own: give them the document as base.
        return Validator(
            {"$ref": f"{_DOC_URI}#/$defs/__inline__"},
            registry=self._with_inline(schema),
            format_checker=FORMATS,
        )

    def _with_inline(self, schema: Mapping[str, Any]) -> Registry[Any]:
        contents = {**self.spec, "$defs": {"__inline__": schema}}
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        registry: Registry[Any] = Registry().with_resource(_DOC_URI, resource)
        return registry

    def _operation(self, method: str, path: str, op: Mapping[str, Any]) -> Operation:
        params = tuple(
            Parameter(
                name=p["name"],
                location=p["in"],
                schema=p.get("schema", {}),
                required=bool(p.get("required")),
                explode=p.get("explode", p.get("style", "form") == "form"),
            )
            for p in (self._resolve(raw) for raw in op.get("parameters", []))
        )
        body, known = None, frozenset[str]()
        content = self._resolve(op.get("requestBody", {})).get("content", {})
        if "application/json" in content:
            body = self._schema_validator(content["application/json"]["schema"])
            known = frozenset(self._declared(content["application/json"]["schema"], set()))
        operation = Operation(
            id=op["operationId"],
            method=method,
            path=path,
            parameters=params,
            body=body,
            statuses=frozenset(op.get("responses", {})),
            known=known,
        )
        for p in params:
            operation._params[p.name] = self._schema_validator(p.schema)
        return operation

    def route(self, method: str, path: str) -> tuple[Operation | None, dict[str, str], list[str]]:
        """(operation, path parameters, allowed methods); no operation and no methods: no path."""
        for pattern, _, by_method in self._routes:
            match = pattern.match(path)
            if match:
                return by_method.get(method), match.groupdict(), sorted(by_method)
        return None, {}, []

    def validate_body(self, op: Operation, body: Any) -> list[str]:
        """``$.path: message`` for every way ``body`` breaks the operation's schema."""
        if op.body is None:
            return []
        errors = list(_leaves(op.body.iter_errors(body)))
        found = {m for e in errors if (m := _path_error(e, op.known)) is not None}
        if errors and not found:  # only declared names were left over: name them after all
            found = {m for e in errors if (m := _path_error(e, frozenset())) is not None}
        return sorted(found)

    def _declared(self, schema: Any, seen: set[int]) -> set[str]:
        """Property names declared anywhere in a schema (refs followed once)."""
        if isinstance(schema, list):
            return set().union(*(self._declared(s, seen) for s in schema))
        if not isinstance(schema, Mapping) or id(schema) in seen:
            return set()
        seen.add(id(schema))
        names = set(schema.get("properties", {}))
        if "$ref" in schema:
            names |= self._declared(self._resolve(schema), seen)
        for key, value in schema.items():
            if key not in ("$ref", "examples", "example", "default", "enum", "const"):
                names |= self._declared(value, seen)
        return names

    def parse_query(
        self, op: Operation, query: Mapping[str, list[str]]
    ) -> tuple[dict[str, Any], list[str]]:
        """The operation's query parameters, typed; unknown ones are ignored (as RunPod does)."""
        values: dict[str, Any] = {}
        errors: list[str] = []
        for p in op.parameters:
            if p.location != "query" or p.name not in query:
                continue
            schema = self._resolve(p.schema)
            raw = query[p.name]
            value: Any
            if schema.get("type") == "array":
                items = self._resolve(schema.get("items", {}))
                parts = raw if p.explode else [x for v in raw if v for x in v.split(",")]
                value = [_coerce(x, items) for x in parts]
            else:
                value = _coerce(raw[-1], schema)
            for error in op._params[p.name].iter_errors(value):
                errors.append(f"$.{p.name}: {error.message}")
            values[p.name] = value
        return values, errors


def _coerce(text: str, schema: Mapping[str, Any]) -> Any:
    """A query string value as the schema's scalar type (left as text when it is not one)."""
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


@functools.lru_cache(maxsize=1)
def load_document() -> Document:
    """Parse the document and compile its validators once per process."""
    return Document(json.loads(document_text()))
