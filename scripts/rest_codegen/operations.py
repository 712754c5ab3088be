"""openapi.json's operations compiled into one typed async method each, on ``RestClient``.

The generated methods only build the request (path, query string, JSON body, the one header)
and decode the answer into the generated models; a ``Sender`` given to the client sends it.
Lists wrapped in a one-property envelope (``{"pods": [...]}``) are unwrapped to the list.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "put", "post", "patch", "delete")
JSON = "application/json"
SSE = "text/event-stream"


def snake(name: str) -> str:
    """``includeClusterPods`` -> ``include_cluster_pods``, ``Last-Event-ID`` -> ``last_event_id``."""
    name = re.sub(r"[^0-9A-Za-z]+", "_", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name).lower().strip("_")
    return name + "_" if keyword.iskeyword(name) else name


def _ref_name(schema: Mapping[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


@dataclass
class Parameter:
    wire: str  # the name on the wire
    name: str  # the Python name
    where: str  # path | query | header
    annotation: str
    required: bool
    description: str


@dataclass
class Operation:
    operation_id: str
    method: str
    path: str
    summary: str
    description: str
    tag: str
    parameters: list[Parameter]
    body_model: str | None
    body_required: bool
    # (status, model or None) for each 2xx answer; model "SSE" for an event stream
    successes: list[tuple[int, str | None]]
    errors: list[str]
    unwrap: tuple[str, str] | None = None  # (python field, item model) of a list envelope
    models: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return snake(self.operation_id)


class Document:
    """The parts of an OpenAPI 3.1 document the generator reads, with $refs resolved."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.schemas: Mapping[str, Any] = raw.get("components", {}).get("schemas", {})

    def resolve(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, Mapping) and "$ref" in node:
            target: Any = self.raw
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
            if seen > 32:
                raise ValueError("a $ref cycle")
        return node

    def operations(self) -> Iterator[Operation]:
        for path, item in self.raw.get("paths", {}).items():
            shared = item.get("parameters", [])
            for method in METHODS:
                raw_op = item.get(method)
                if raw_op is not None:
                    yield self._operation(path, method, raw_op, shared)

    def _operation(
        self, path: str, method: str, raw: Mapping[str, Any], shared: list[Any]
    ) -> Operation:
        models: set[str] = set()
        params: list[Parameter] = []
        by_key = {}
        for node in [*shared, *raw.get("parameters", [])]:
            resolved = self.resolve(node)
            by_key[(resolved["in"], resolved["name"])] = resolved  # an operation's own wins
        for resolved in by_key.values():
            where = resolved["in"]
            if where == "cookie":
                raise ValueError(f"{raw['operationId']}: cookie parameters are not supported")
            schema = resolved.get("schema", {})
            # Last-Event-ID is declared date-time, but its values are "<ts>/<seq>" event ids:
            # every header goes out as the string it is given.
            annotation = "str" if where == "header" else self._annotation(schema, models)
            params.append(
                Parameter(
                    wire=resolved["name"],
                    name=snake(resolved["name"]),
                    where=where,
                    annotation=annotation,
                    required=bool(resolved.get("required")) or where == "path",
                    description=" ".join(str(resolved.get("description", "")).split()),
                )
            )
        body_model = None
        body_required = False
        if "requestBody" in raw:
            request = self.resolve(raw["requestBody"])
            media = request.get("content", {}).get(JSON)
            body_model = _ref_name(media.get("schema", {})) if media else None
            if body_model is None:
                raise ValueError(f"{raw['operationId']}: only JSON bodies with a $ref schema")
            models.add(body_model)
            body_required = bool(request.get("required"))
        successes: list[tuple[int, str | None]] = []
        errors: list[str] = []
        for status, answer in raw.get("responses", {}).items():
            if not status.startswith("2"):
                errors.append(status)
                continue
            content = self.resolve(answer).get("content", {})
            if not content:
                successes.append((int(status), None))
            elif JSON in content:
                model = _ref_name(content[JSON].get("schema", {}))
                if model is None:
                    raise ValueError(f"{raw['operationId']}: {status} needs a $ref schema")
                successes.append((int(status), model))
                models.add(model)
            elif SSE in content:
                successes.append((int(status), "SSE"))
            else:
                raise ValueError(f"{raw['operationId']}: unsupported answer {sorted(content)}")
        operation = Operation(
            operation_id=raw["operationId"],
            method=method.upper(),
            path=path,
            summary=str(raw.get("summary", "")).strip(),
            description=str(raw.get("description", "")).strip(),
            tag=(raw.get("tags") or [""])[0],
            parameters=sorted(params, key=lambda p: (p.where != "path", not p.required)),
            body_model=body_model,
            body_required=body_required,
            successes=successes,
            errors=sorted(errors, key=lambda s: (not s.isdigit(), s)),
            models=models,
        )
        operation.unwrap = self._envelope(successes)
        if operation.unwrap:
            models.add(operation.unwrap[1])
        return operation

    def _envelope(self, successes: list[tuple[int, str | None]]) -> tuple[str, str] | None:
        """A ``{"things": [Thing]}`` answer: the one property and its item model."""
        models = [model for _, model in successes if model and model != "SSE"]
        if len(models) != 1 or len(successes) != 1:
            return None
        schema = self.schemas.get(models[0], {})
        properties = schema.get("properties", {})
        if len(properties) != 1 or set(schema.get("required", [])) != set(properties):
            return None
        (wire, prop), *_ = properties.items()
        item = _ref_name(prop.get("items", {})) if prop.get("type") == "array" else None
        target = self.schemas.get(item or "", {})
        if item is None or "enum" in target or target.get("type", "object") != "object":
            return None
        return snake(wire), item

    def _annotation(self, schema: Mapping[str, Any], models: set[str]) -> str:
        name = _ref_name(schema)
        resolved = self.resolve(schema)
        if "enum" in resolved:
            literal = "Literal[" + ", ".join(_quote(v) for v in resolved["enum"]) + "]"
            if name:
                models.add(name)
                return f"{name} | {literal}"
            return literal
        kind = resolved.get("type")
        if kind == "array":
            return f"Sequence[{self._annotation(resolved.get('items', {}), models)}]"
        if kind == "string":
            return "datetime.datetime | str" if resolved.get("format") == "date-time" else "str"
        if kind == "integer":
            return "int"
        if kind == "number":
            return "float"
        if kind == "boolean":
            return "bool"
        raise ValueError(f"unsupported parameter schema {dict(resolved)}")


def _quote(value: Any) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _doc(text: str, indent: str) -> str:
    return textwrap.indent(text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"'), indent)


def render_method(op: Operation, where: Mapping[str, str]) -> str:
    positional = [p for p in op.parameters if p.where == "path"]
    keywords = [p for p in op.parameters if p.where != "path"]
    args = ["self", *(f"{p.name}: str" for p in positional)]
    if op.body_model:
        args.append(
            f"body: {op.body_model}" if op.body_required else f"body: {op.body_model} | None = None"
        )
    if keywords:
        args.append("*")
    for p in keywords:
        args.append(
            f"{p.name}: {p.annotation}" if p.required else f"{p.name}: {p.annotation} | None = None"
        )
    sse = any(model == "SSE" for _, model in op.successes)
    statuses = {status: model for status, model in op.successes}
    if sse:
        returns = "AsyncIterator[Event]"
    elif op.unwrap:
        returns = f"list[{op.unwrap[1]}]"
    else:
        kinds = sorted({model for model in statuses.values()}, key=lambda m: (m is None, m or ""))
        returns = " | ".join(m or "None" for m in kinds)

    doc_lines = [op.summary or op.operation_id, ""]
    if op.description and op.description != op.summary:
        doc_lines += [op.description, ""]
    doc_lines.append(f"``{op.method} {op.path}`` (operation ``{op.operation_id}``).")
    answers = ", ".join(
        f"{s} {m if m and m != 'SSE' else ('event stream' if m else 'no body')}"
        for s, m in op.successes
    )
    doc_lines.append(f"Answers {answers}; documented errors: {', '.join(op.errors)}.")
    documented = [p for p in op.parameters if p.description]
    if documented:
        doc_lines += ["", "Parameters:"]
        doc_lines += [
            f"    {p.name} (``{p.wire}``, {p.where}): {p.description}" for p in documented
        ]
    docstring = (
        '"""' + _doc("\n".join(doc_lines).strip(), "").replace("\n", "\n        ") + '\n        """'
    )
    docstring = "\n".join(line.rstrip() for line in docstring.split("\n"))

    path_expr = (
        'f"'
        + re.sub(r"\{([^}]+)\}", lambda m: "{segment(" + snake(m.group(1)) + ")}", op.path)
        + '"'
    )
    if not positional:
        path_expr = f'"{op.path}"'
    call = [f'"{op.method}"' if not sse else "", path_expr, f'operation="{op.operation_id}"']
    query = [p for p in keywords if p.where == "query"]
    if query:
        call.append("params=query(" + ", ".join(f"{p.wire}={p.name}" for p in query) + ")")
    headers = [p for p in keywords if p.where == "header"]

    lines = [
        f"    {'def' if sse else 'async def'} {op.name}({', '.join(args)}) -> {returns}:",
        f"        {docstring}",
    ]
    if sse:
        extra = [h for h in headers if h.wire.lower() != "last-event-id"]
        if extra:
            raise ValueError(f"{op.operation_id}: event streams take no headers but Last-Event-ID")
        resume = [h for h in headers if h.wire.lower() == "last-event-id"]
        if resume:
            call.append(f"last_event_id={resume[0].name}")
        lines.append(f"        return self._sender.events({', '.join(c for c in call if c)})")
        return "\n".join(lines)
    if headers:
        pairs = ", ".join(f'"{h.wire}": {h.name}' for h in headers)
        lines.append(f"        sent = {{k: v for k, v in {{{pairs}}}.items() if v is not None}}")
        call.append("headers=sent")
    if op.body_model:
        call.append(
            "body=None if body is None else encode(body)"
            if not op.body_required
            else "body=encode(body)"
        )
    envelope = statuses.get(200) or statuses.get(201)
    decode_models = sorted({m for m in statuses.values() if m})
    if decode_models:
        lines += [f"        from .models.{where[m]} import {m}" for m in decode_models]
        lines.append("")
    lines.append(f"        reply = await self._sender.send({', '.join(call)})")
    if not decode_models:
        return "\n".join(lines)
    for status, model in op.successes:
        if model is None:
            lines.append(f"        if reply.status_code == {status}:")
            lines.append("            return None")
    model = decode_models[0] if len(decode_models) == 1 else envelope
    decoded = f'self._sender.decode(reply, {model}, operation="{op.operation_id}")'
    if op.unwrap:
        decoded += f".{op.unwrap[0]}"
    lines.append(f"        return {decoded}")
    return "\n".join(lines)


def render_models_init(where: Mapping[str, str], header: str) -> str:
    """models/__init__: every model by name, each module imported only when its name is used."""
    names = sorted(where)
    imports = "".join(f"    from .{where[n]} import {n} as {n}\n" for n in names)
    table = "".join(f'    "{n}": "{where[n]}",\n' for n in names)
    return f'''{header}"""Every model of openapi.json; ``from runpod_gql_rest.models import Pod`` loads only Pod's modules."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
{imports}
_MODULES = {{
{table}}}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    value = getattr(import_module(f"{{__name__}}.{{module}}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
'''


def render_client(document: Document, header: str, where: Mapping[str, str]) -> str:
    operations = list(document.operations())
    names = [op.name for op in operations]
    if len(set(names)) != len(names):
        raise ValueError("two operations map to one method name")
    models = sorted(set().union(*(op.models for op in operations)))
    table = "\n".join(
        f'    "{op.operation_id}": ("{op.method}", "{op.path}", "{op.name}"),' for op in operations
    )
    missing = sorted(m for m in models if m not in where)
    if missing:
        raise ValueError(f"no generated model for {missing}")
    methods = "\n\n".join(render_method(op, where) for op in operations)
    title = document.raw.get("info", {}).get("title", "")
    version = document.raw.get("info", {}).get("version", "")
    return f'''{header}"""{title} {version}: one typed async method per operation of openapi.json.

``RestClient(sender)`` where the sender is the transport (``runpod_gql`` gives one). Models are
imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Literal

from ._runtime import Event, Sender, segment, query
from ._runtime import body as encode

if TYPE_CHECKING:
    from .models import (
{"".join(f"        {m},{chr(10)}" for m in models)}    )

__all__ = ["OPERATIONS", "RestClient"]

# operationId -> (method, path template, RestClient method)
OPERATIONS: dict[str, tuple[str, str, str]] = {{
{table}
}}


class RestClient:
    """Every operation of the REST API, typed; requests go through the ``sender``."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender

    @property
    def sender(self) -> Sender:
        """The transport every operation sends through (for requests decoded another way)."""
        return self._sender

{methods}
'''
