"""How GraphQL fields are read from the emulator's views: the default resolver, and an execution
context that completes whole objects by projection.

Every non-root field reads the key of its name from a view dict (``_gql_views``), calls it when
it is a lazy view ``(**args)``, and zero-fills it when the view has no such key. graphql-core's
executor does that field by field, with a resolve info, a path and a dozen checks each: about
90 % of a 5,000-pod ``ListPods`` went there (1.1 s). :class:`ProjectingContext` instead compiles
each selection it completes (fields collected by graphql-core itself, so aliases, fragments,
``__typename``, ``@skip``/``@include`` and arguments keep their meaning) into a plan, once per
request, and applies the plan to every object of a list. A value the plan does not cover in the
common way (an error, a null in a non-null field, a value the scalar must convert, an abstract
type) makes it give up on that object, and graphql-core completes it instead, so answers and
errors (messages, paths, null propagation) are graphql-core's. Lazy views must therefore be
pure reads: one may be evaluated again when graphql-core takes over.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from math import isfinite
from typing import Any

from graphql import (
    ExecutionContext,
    FieldNode,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    Undefined,
)
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path

__all__ = ["ProjectingContext", "default_resolver", "zero"]

_MISSING = object()
_TYPENAME = object()  # a key no view has: ``__typename`` is answered from the plan
_EPOCH_ISO = "1970-01-01T00:00:00.000Z"
_MIN_INT, _MAX_INT = -(2**31), 2**31 - 1

Complete = Callable[[Any], Any]
# (response key, view key, class passed through as is, completion, arguments, zero value)
Entry = tuple[str, object, type | None, Complete, Mapping[str, Any], Any]


def zero(return_type: GraphQLOutputType) -> Any:
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
        return zero(info.return_type)
    if callable(value):
        return value(**args)
    return value


class _GiveUp(Exception):
    """The plan does not cover this value: graphql-core completes the object instead."""


def _absent(_key: object, default: Any) -> Any:
    return default


def _project(plan: tuple[Entry, ...], source: Any) -> dict[str, Any]:
    """One object's answer: ``default_resolver`` and value completion, for every planned field."""
    get = source.get if isinstance(source, dict) else _absent
    out: dict[str, Any] = {}
    for key, name, passes, complete, args, zero_value in plan:
        value = get(name, _MISSING)
        if value.__class__ is passes:
            out[key] = value
            continue
        if value is _MISSING:
            value = zero_value
        elif callable(value):
            value = value(**args)
        out[key] = complete(value)
    return out


# Scalars whose common Python value graphql-core serializes to itself; anything else goes
# through the scalar's own ``serialize``.
def _string(value: Any) -> bool:
    return type(value) is str


def _boolean(value: Any) -> bool:
    return type(value) is bool


def _int(value: Any) -> bool:
    return type(value) is int and _MIN_INT <= value <= _MAX_INT


def _float(value: Any) -> bool:
    return type(value) is float and isfinite(value)


_AS_IS: dict[str, tuple[Callable[[Any], bool], type | None]] = {
    "String": (_string, str),
    "ID": (_string, str),
    "Boolean": (_boolean, bool),
    "Int": (_int, None),
    "Float": (_float, None),
}


def _leaf(type_: GraphQLScalarType | GraphQLEnumType) -> Complete:
    serialize = type_.serialize
    builtin = isinstance(type_, GraphQLScalarType) and type_.name in _AS_IS
    as_is = _AS_IS[type_.name][0] if builtin else None

    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if as_is is not None and as_is(value):
            return value
        if isinstance(value, Exception):
            raise _GiveUp
        out = serialize(value)
        if out is None or out is Undefined:
            raise _GiveUp
        return out

    return complete


def _non_null(inner: Complete) -> Complete:
    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            raise _GiveUp
        return inner(value)

    return complete


def _list(item: Complete) -> Complete:
    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if type(value) is not list and type(value) is not tuple:
            raise _GiveUp
        return [item(v) for v in value]

    return complete


def _object(plan: tuple[Entry, ...]) -> Complete:
    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if isinstance(value, Exception):
            raise _GiveUp
        return _project(plan, value)

    return complete


class ProjectingContext(ExecutionContext):
    """graphql-core's execution, with objects completed by a compiled plan where one applies."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple[object, ...], tuple[Entry, ...] | None] = {}

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
    ) -> Any:
        plan = self._plan(return_type, field_nodes)
        if plan is not None:
            with contextlib.suppress(Exception):  # graphql-core completes it, errors and all
                return _project(plan, result)
        return super().complete_object_value(return_type, field_nodes, info, path, result)

    def _plan(
        self, type_: GraphQLObjectType, field_nodes: list[FieldNode]
    ) -> tuple[Entry, ...] | None:
        key = (type_, *map(id, field_nodes))
        try:
            return self._plans[key]
        except KeyError:
            plan = self._plans[key] = self._compile(type_, field_nodes)
            return plan

    def _compile(
        self, type_: GraphQLObjectType, field_nodes: list[FieldNode]
    ) -> tuple[Entry, ...] | None:
        """The plan of one selection on one object type, or None where only graphql-core can."""
        if type_.is_type_of is not None:
            return None
        entries: list[Entry] = []
        for key, nodes in self.collect_subfields(type_, field_nodes).items():
            field = get_field_def(self.schema, type_, nodes[0])
            if field is None:
                continue  # graphql-core leaves the key out too
            name = nodes[0].name.value
            complete = self._completer(field.type, nodes)
            if complete is None:
                return None
            if name == "__typename":  # graphql-core's own resolver: the object type's name
                entries.append((key, _TYPENAME, str, complete, {}, type_.name))
                continue
            if field.resolve is not None:
                return None
            try:
                args = get_argument_values(field, nodes[0], self.variable_values)
            except Exception:  # graphql-core reports it, with its path
                return None
            entries.append((key, name, _passes(field.type), complete, args, zero(field.type)))
        return tuple(entries)

    def _completer(self, type_: GraphQLOutputType, nodes: list[FieldNode]) -> Complete | None:
        if isinstance(type_, GraphQLNonNull):
            inner = self._completer(type_.of_type, nodes)
            return None if inner is None else _non_null(inner)
        if isinstance(type_, GraphQLList):
            item = self._completer(type_.of_type, nodes)
            return None if item is None else _list(item)
        if isinstance(type_, (GraphQLScalarType, GraphQLEnumType)):
            return _leaf(type_)
        if isinstance(type_, GraphQLObjectType):
            plan = self._plan(type_, nodes)
            return None if plan is None else _object(plan)
        return None  # interfaces and unions: graphql-core resolves the runtime type


def _passes(type_: GraphQLOutputType) -> type | None:
    """The Python class a leaf's value is answered as is when it has exactly that class."""
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLScalarType) and type_.name in _AS_IS:
        return _AS_IS[type_.name][1]
    return None
