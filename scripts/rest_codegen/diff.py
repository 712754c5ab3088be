"""What changed between two OpenAPI documents, in terms a user of the generated client acts on.

Breaking: an operation removed or moved, a parameter removed, retyped or newly required, a
request field removed, retyped or newly required, a response field removed or retyped, an enum
value removed, a success answer changed. Dangerous: a response field that may now be missing.
Safe: operations, optional parameters and fields, response fields and enum values added.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .operations import METHODS

BREAKING, DANGEROUS, SAFE = "breaking", "dangerous", "safe"


@dataclass(frozen=True, order=True)
class Change:
    level: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.what}"


class _Doc:
    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.schemas: Mapping[str, Any] = raw.get("components", {}).get("schemas", {})

    def resolve(self, node: Any) -> Any:
        for _ in range(32):
            if not (isinstance(node, Mapping) and "$ref" in node):
                return node
            target: Any = self.raw
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target.get(part, {}) if isinstance(target, Mapping) else {}
            node = target
        return node

    def operations(self) -> dict[str, tuple[str, str, Mapping[str, Any], list[Any]]]:
        found = {}
        for path, item in self.raw.get("paths", {}).items():
            for method in METHODS:
                op = item.get(method)
                if isinstance(op, Mapping) and "operationId" in op:
                    shared = list(item.get("parameters", []))
                    found[op["operationId"]] = (method.upper(), path, op, shared)
        return found

    def shape(
        self, schema: Any, seen: frozenset[str] = frozenset()
    ) -> tuple[dict[str, Any], set[str]]:
        """An object schema's properties and required names, allOf merged, $refs followed."""
        properties: dict[str, Any] = {}
        required: set[str] = set()
        name = schema.get("$ref") if isinstance(schema, Mapping) else None
        if name in seen:
            return properties, required
        seen = seen | {name} if name else seen
        node = self.resolve(schema)
        if not isinstance(node, Mapping):
            return properties, required
        for part in node.get("allOf", []):
            more, needed = self.shape(part, seen)
            properties.update(more)
            required |= needed
        properties.update(node.get("properties", {}))
        required |= set(node.get("required", []))
        return properties, required

    def type_of(self, schema: Any) -> str:
        """A short, comparable description of a schema's type."""
        if not isinstance(schema, Mapping):
            return "any"
        if "$ref" in schema:
            target = self.resolve(schema)
            if isinstance(target, Mapping) and "enum" in target:
                return "enum"
            return schema["$ref"].rsplit("/", 1)[-1]
        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                return " | ".join(sorted(self.type_of(s) for s in schema[combinator]))
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.type_of(schema["allOf"][0])
        kind = schema.get("type", "object" if "properties" in schema else "any")
        kinds = sorted(k for k in kind if k != "null") if isinstance(kind, list) else [kind]
        nullable = " | null" if isinstance(kind, list) and "null" in kind else ""
        text = " | ".join(kinds) or "null"
        if text == "array":
            text = f"array of {self.type_of(schema.get('items'))}"
        elif "enum" in schema:
            text = "enum"
        elif schema.get("format") and text in ("string", "integer", "number"):
            text = f"{text} ({schema['format']})"
        return text + nullable

    def items_of(self, schema: Any) -> Any:
        """An array schema's item schema (None when it is not an array)."""
        node = self.resolve(schema)
        if isinstance(node, Mapping) and node.get("type") == "array":
            return node.get("items")
        return None

    def enum_values(self, schema: Any) -> list[Any] | None:
        node = self.resolve(schema)
        if isinstance(node, Mapping) and "enum" in node:
            return list(node["enum"])
        if isinstance(node, Mapping) and node.get("type") == "array":
            return self.enum_values(node.get("items"))
        return None


def _fields(
    old: _Doc, new: _Doc, a: Any, b: Any, where: str, request: bool, depth: int = 0
) -> Iterator[Change]:
    """Field changes between two object schemas, recursing into nested objects."""
    if depth > 6:
        return
    old_props, old_required = old.shape(a)
    new_props, new_required = new.shape(b)
    for name, schema in old_props.items():
        at = f"{where}.{name}" if where else name
        if name not in new_props:
            if request:
                yield Change(BREAKING, at, "request field removed (sending it is now refused, 422)")
            else:
                yield Change(BREAKING, at, "response field removed")
            continue
        before, after = old.type_of(schema), new.type_of(new_props[name])
        if before != after:
            yield Change(BREAKING, at, f"retyped {before} -> {after}")
        yield from _enum_changes(old, new, schema, new_props[name], at, request)
        if request and name not in old_required and name in new_required:
            yield Change(BREAKING, at, "request field now required")
        if not request and name in old_required and name not in new_required:
            yield Change(DANGEROUS, at, "response field may now be missing")
        if before == after:
            a_items, b_items = old.items_of(schema), new.items_of(new_props[name])
            if a_items is not None and b_items is not None:
                yield from _fields(old, new, a_items, b_items, f"{at}[]", request, depth + 1)
            else:
                yield from _fields(old, new, schema, new_props[name], at, request, depth + 1)
    for name in new_props.keys() - old_props.keys():
        at = f"{where}.{name}" if where else name
        if request and name in new_required:
            yield Change(BREAKING, at, "new request field, required")
        else:
            yield Change(SAFE, at, f"{'request' if request else 'response'} field added")


def _enum_changes(
    old: _Doc, new: _Doc, a: Any, b: Any, where: str, request: bool
) -> Iterator[Change]:
    before, after = old.enum_values(a), new.enum_values(b)
    if before is None or after is None:
        return
    gone = [v for v in before if v not in after]
    added = [v for v in after if v not in before]
    if gone:
        yield Change(BREAKING, where, f"enum values removed: {', '.join(map(str, gone))}")
    if added:
        yield Change(SAFE, where, f"enum values added: {', '.join(map(str, added))}")


def _parameters(doc: _Doc, op: Mapping[str, Any], shared: list[Any]) -> dict[tuple[str, str], Any]:
    found = {}
    for node in [*shared, *op.get("parameters", [])]:
        resolved = doc.resolve(node)
        found[(resolved.get("in", ""), resolved.get("name", ""))] = resolved
    return found


def _body(doc: _Doc, op: Mapping[str, Any]) -> tuple[Any, bool]:
    if "requestBody" not in op:
        return None, False
    request = doc.resolve(op["requestBody"])
    media = request.get("content", {}).get("application/json", {})
    return media.get("schema"), bool(request.get("required"))


def _successes(doc: _Doc, op: Mapping[str, Any]) -> dict[str, Any]:
    found = {}
    for status, answer in op.get("responses", {}).items():
        if status.startswith("2"):
            content = doc.resolve(answer).get("content", {})
            kind, media = next(iter(content.items()), (None, {}))
            found[status] = (kind, media.get("schema") if media else None)
    return found


def diff(old_raw: Mapping[str, Any], new_raw: Mapping[str, Any]) -> list[Change]:
    """Every change from ``old_raw`` to ``new_raw``, breaking first."""
    old, new = _Doc(old_raw), _Doc(new_raw)
    changes: list[Change] = []
    old_ops, new_ops = old.operations(), new.operations()
    for op_id, (method, path, op, shared) in old_ops.items():
        if op_id not in new_ops:
            changes.append(Change(BREAKING, op_id, f"operation removed ({method} {path})"))
            continue
        new_method, new_path, new_op, new_shared = new_ops[op_id]
        if (method, path) != (new_method, new_path):
            changes.append(
                Change(BREAKING, op_id, f"moved {method} {path} -> {new_method} {new_path}")
            )
        before, after = _parameters(old, op, shared), _parameters(new, new_op, new_shared)
        for key, param in before.items():
            at = f"{op_id} {key[0]} parameter {key[1]}"
            if key not in after:
                changes.append(Change(BREAKING, at, "removed"))
                continue
            was, now = old.type_of(param.get("schema")), new.type_of(after[key].get("schema"))
            if was != now:
                changes.append(Change(BREAKING, at, f"retyped {was} -> {now}"))
            changes += _enum_changes(
                old, new, param.get("schema"), after[key].get("schema"), at, True
            )
            if not param.get("required") and after[key].get("required"):
                changes.append(Change(BREAKING, at, "now required"))
        for key in after.keys() - before.keys():
            at = f"{op_id} {key[0]} parameter {key[1]}"
            required = after[key].get("required")
            changes.append(
                Change(BREAKING, at, "new, required") if required else Change(SAFE, at, "added")
            )
        (old_body, old_needed), (new_body, new_needed) = _body(old, op), _body(new, new_op)
        if old_body is not None or new_body is not None:
            at = f"{op_id} request"
            if new_needed and not old_needed:
                changes.append(Change(BREAKING, at, "a body is now required"))
            changes += _fields(old, new, old_body, new_body, at, request=True)
        old_ok, new_ok = _successes(old, op), _successes(new, new_op)
        for status, (kind, schema) in old_ok.items():
            at = f"{op_id} {status}"
            if status not in new_ok:
                changes.append(Change(BREAKING, op_id, f"no longer answers {status}"))
                continue
            new_kind, new_schema = new_ok[status]
            if kind != new_kind or old.type_of(schema) != new.type_of(new_schema):
                changes.append(
                    Change(
                        BREAKING,
                        at,
                        f"answer changed {kind} {old.type_of(schema)} -> "
                        f"{new_kind} {new.type_of(new_schema)}",
                    )
                )
            elif schema is not None:
                # the envelope of a list is looked into too: {"pods": [Pod]} -> pods[].status
                changes += _fields(old, new, schema, new_schema, at, request=False)
        for status in new_ok.keys() - old_ok.keys():
            changes.append(Change(DANGEROUS, op_id, f"may now answer {status}"))
    for op_id in new_ops.keys() - old_ops.keys():
        method, path, _, _ = new_ops[op_id]
        changes.append(Change(SAFE, op_id, f"operation added ({method} {path})"))
    order = {BREAKING: 0, DANGEROUS: 1, SAFE: 2}
    return sorted(set(changes), key=lambda c: (order[c.level], c.where, c.what))
