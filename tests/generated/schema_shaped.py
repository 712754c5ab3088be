"""Schema-shaped test data, derived from the schema rather than written by hand.

`ResponseBuilder` answers an operation with a value for every selected field, walking the query AST
with graphql-core's TypeInfo. `check_result` then walks the served JSON beside the typed result and
checks each value arrived: camelCase key -> snake_case attribute, enum member, datetime, fragment
class. `build_argument` makes a schema-valid Python argument for a generated method from its type
hint, together with the JSON the client should send for it.
"""

from __future__ import annotations

import enum
import itertools
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Union

import pydantic
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeInfo,
    is_abstract_type,
)
from runpod_gql_generated import fragments as generated_fragments
from runpod_gql_generated.base_model import UnsetType

EPOCH = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
LIST_LENGTH = 2  # more than one item, so a list is not mistaken for a single value


@dataclass
class ObjectShape:
    """What the builder knows about one JSON object it produced."""

    type_name: str
    fragments: set[str] = field(default_factory=set)
    field_types: dict[str, GraphQLOutputType] = field(default_factory=dict)


class ResponseBuilder:
    """Builds `data` for the one operation in a document, shaped by the schema.

    null_leaves=False gives every field a value; True makes every nullable scalar or enum null
    (objects and lists are still built), which exercises the Optional side of each model.
    """

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, null_leaves: bool) -> None:
        self.schema = schema
        self.null_leaves = null_leaves
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        assert len(operations) == 1, "one operation per request"
        self.operation = operations[0]
        self.shapes: dict[int, ObjectShape] = {}  # keyed by id() of the JSON dicts built
        self.scalars_served: set[str] = set()
        self._counter = itertools.count(1)

    def build(self) -> dict[str, Any]:
        type_info = TypeInfo(self.schema)
        type_info.enter(self.operation)
        root = type_info.get_type()
        assert isinstance(root, GraphQLObjectType)
        data = self._object(type_info, self.operation.selection_set, root)
        type_info.leave(self.operation)
        return data

    def _object(
        self, type_info: TypeInfo, selection_set: SelectionSetNode, runtime: GraphQLObjectType
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        shape = ObjectShape(runtime.name)
        self._fill(type_info, selection_set, runtime, result, shape)
        self.shapes[id(result)] = shape
        return result

    def _fill(
        self,
        type_info: TypeInfo,
        selection_set: SelectionSetNode,
        runtime: GraphQLObjectType,
        result: dict[str, Any],
        shape: ObjectShape,
    ) -> None:
        type_info.enter(selection_set)
        for selection in selection_set.selections:
            type_info.enter(selection)
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                field_type = type_info.get_type()
                assert field_type is not None, f"unknown field {runtime.name}.{key}"
                value = self._value(type_info, selection, field_type, runtime)
                shape.field_types[key] = field_type
                _merge(result, key, value, self.shapes)
            elif isinstance(selection, InlineFragmentNode):
                if self._applies(type_info.get_type(), runtime):
                    self._fill(type_info, selection.selection_set, runtime, result, shape)
            elif isinstance(selection, FragmentSpreadNode):
                definition = self.fragments[selection.name.value]
                type_info.enter(definition)
                if self._applies(type_info.get_type(), runtime):
                    shape.fragments.add(definition.name.value)
                    self._fill(type_info, definition.selection_set, runtime, result, shape)
                type_info.leave(definition)
            type_info.leave(selection)
        type_info.leave(selection_set)

    def _applies(self, condition: object, runtime: GraphQLObjectType) -> bool:
        if condition is None or condition is runtime:
            return True
        return is_abstract_type(condition) and self.schema.is_sub_type(
            condition,  # type: ignore[arg-type]  # narrowed by is_abstract_type
            runtime,
        )

    def _value(
        self,
        type_info: TypeInfo,
        node: FieldNode,
        gql_type: GraphQLOutputType,
        parent: GraphQLObjectType,
    ) -> Any:
        if isinstance(gql_type, GraphQLNonNull):
            return self._value(type_info, node, gql_type.of_type, parent)
        if isinstance(gql_type, GraphQLList):
            return [
                self._value(type_info, node, gql_type.of_type, parent) for _ in range(LIST_LENGTH)
            ]
        if node.name.value == "__typename":
            return parent.name
        if isinstance(gql_type, GraphQLEnumType | GraphQLScalarType):
            if self.null_leaves and not _non_null_here(type_info, node, gql_type):
                return None
            return self._leaf(gql_type, node.name.value)
        assert node.selection_set is not None, f"{node.name.value} needs a selection"
        runtime = gql_type
        if is_abstract_type(gql_type):
            runtime = self.schema.get_possible_types(gql_type)[0]  # type: ignore[arg-type]
        assert isinstance(runtime, GraphQLObjectType)
        return self._object(type_info, node.selection_set, runtime)

    def _leaf(self, gql_type: GraphQLEnumType | GraphQLScalarType, name: str) -> Any:
        n = next(self._counter)
        self.scalars_served.add(gql_type.name)
        if isinstance(gql_type, GraphQLEnumType):
            values = sorted(gql_type.values)
            return values[n % len(values)]
        builders: dict[str, Any] = {
            "String": f"{name}-{n}",
            "ID": f"id-{n}",
            "Int": n,
            "Float": n + 0.25,
            "Boolean": n % 2 == 0,
            "DateTime": (EPOCH + timedelta(minutes=n)).isoformat().replace("+00:00", "Z"),
            "Date": (EPOCH.date() + timedelta(days=n)).isoformat(),
            "JSON": {"key": f"value-{n}", "list": [n, True, None]},
            "Port": 1024 + n,
            "Void": None,
        }
        assert gql_type.name in builders, f"no test value for scalar {gql_type.name}: add one"
        return builders[gql_type.name]


def _non_null_here(type_info: TypeInfo, node: FieldNode, named: GraphQLNamedType) -> bool:
    # The innermost position of the field's type (a list item for lists) decides nullability.
    field_type = type_info.get_type()
    while isinstance(field_type, GraphQLNonNull | GraphQLList):
        if isinstance(field_type, GraphQLNonNull) and field_type.of_type is named:
            return True
        field_type = field_type.of_type
    return False


def _merge(result: dict[str, Any], key: str, value: Any, shapes: dict[int, ObjectShape]) -> None:
    """Same response key selected twice (directly and through a fragment): one merged value."""
    existing = result.get(key)
    if key not in result:
        result[key] = value
    elif isinstance(existing, dict) and isinstance(value, dict):
        for sub_key, sub_value in value.items():
            _merge(existing, sub_key, sub_value, shapes)
        extra = shapes.pop(id(value))
        shape = shapes[id(existing)]
        shape.fragments |= extra.fragments
        shape.field_types.update(extra.field_types)
    elif isinstance(existing, list) and isinstance(value, list):
        for old, new in zip(existing, value, strict=True):
            if isinstance(old, dict) and isinstance(new, dict):
                _merge({"_": old}, "_", new, shapes)


def check_result(
    served: Any, result: Any, gql_type: GraphQLOutputType, shapes: dict[int, ObjectShape], path: str
) -> None:
    """Assert that the typed `result` holds exactly the `served` JSON value."""
    if isinstance(gql_type, GraphQLNonNull):
        gql_type = gql_type.of_type
    if served is None:
        assert result is None, f"{path}: served null, got {result!r}"
        return
    if isinstance(gql_type, GraphQLList):
        assert isinstance(result, list), f"{path}: expected a list, got {type(result).__name__}"
        assert len(result) == len(served), path
        for index, (item, typed) in enumerate(zip(served, result, strict=True)):
            check_result(item, typed, gql_type.of_type, shapes, f"{path}[{index}]")
        return
    if isinstance(gql_type, GraphQLEnumType):
        assert isinstance(result, enum.Enum), f"{path}: expected an enum member, got {result!r}"
        assert type(result).__name__ == gql_type.name, path
        assert result.value == served, path
        return
    if isinstance(gql_type, GraphQLScalarType):
        _check_scalar(served, result, gql_type.name, path)
        return
    check_object(served, result, shapes, path)


def check_object(
    served: dict[str, Any], result: Any, shapes: dict[int, ObjectShape], path: str
) -> None:
    shape = shapes[id(served)]
    assert isinstance(result, pydantic.BaseModel), f"{path}: expected a model, got {result!r}"
    for fragment in shape.fragments:
        fragment_class = getattr(generated_fragments, fragment)
        assert isinstance(result, fragment_class), f"{path}: not a {fragment} fragment model"
    by_alias = {wire_name(type(result), name): name for name in type(result).model_fields}
    # The model has exactly the selected fields: nothing silently dropped or invented.
    assert sorted(by_alias) == sorted(served), (path, set(by_alias) ^ set(served))
    for key, value in served.items():
        attribute = by_alias[key]
        assert attribute == attribute.lower(), f"{path}.{key}: attribute {attribute} not snake_case"
        check_result(
            value, getattr(result, attribute), shape.field_types[key], shapes, f"{path}.{attribute}"
        )


def wire_name(model: type[pydantic.BaseModel], name: str) -> str:
    """The JSON key of a model field: its explicit alias, else the config's alias generator.

    FieldInfo.alias alone is not enough: with defer_build, a field typed by a forward reference
    gets its generated alias only when that model class itself is rebuilt.
    """
    alias = model.model_fields[name].alias
    if alias is not None:
        return alias
    generator = model.model_config.get("alias_generator")
    return generator(name) if callable(generator) else name


def _check_scalar(served: Any, result: Any, scalar: str, path: str) -> None:
    if scalar == "DateTime":
        assert isinstance(result, datetime), path
        assert result.tzinfo is not None, f"{path}: timezone lost"
        assert result == datetime.fromisoformat(served.replace("Z", "+00:00")), path
    elif scalar == "Date":
        assert type(result) is date, path
        assert result == date.fromisoformat(served), path
    elif scalar == "Float":
        assert type(result) is float, path
        assert result == served, path
    elif scalar in ("Int", "Port"):
        assert type(result) is int, path
        assert result == served, path
    elif scalar == "Boolean":
        assert type(result) is bool, path
        assert result == served, path
    elif scalar in ("String", "ID"):
        assert type(result) is str, path
        assert result == served, path
    elif scalar == "Void":
        assert result is None, path
    elif scalar == "JSON":
        assert result == served, path
    else:
        raise AssertionError(f"{path}: no check for scalar {scalar}")


@dataclass
class ArgumentFactory:
    """Schema-valid arguments for generated methods, with the JSON each should be sent as.

    Every field of every input model is filled (to `max_depth` for optional nested inputs), so the
    variables a request carries exercise every input field the generated code knows.
    """

    max_depth: int = 3
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def build(self, hint: Any, depth: int = 0) -> tuple[Any, Any]:
        origin = typing.get_origin(hint)
        if origin is Union or origin is types.UnionType:
            options = [a for a in typing.get_args(hint) if a not in (type(None), UnsetType)]
            assert len(options) == 1, f"unexpected union {hint}"
            return self.build(options[0], depth)
        if origin is list:
            (item_hint,) = typing.get_args(hint)
            pairs = [self.build(item_hint, depth) for _ in range(LIST_LENGTH)]
            return [p for p, _ in pairs], [j for _, j in pairs]
        n = next(self._counter)
        if hint is Any:
            value: Any = {"key": f"value-{n}", "n": n}
            return value, value
        if hint is str:
            return f"arg-{n}", f"arg-{n}"
        if hint is bool:
            return n % 2 == 0, n % 2 == 0
        if hint is int:
            return n, n
        if hint is float:
            return n + 0.5, n + 0.5
        if hint is datetime:
            moment = EPOCH + timedelta(hours=n)
            return moment, moment.isoformat().replace("+00:00", "Z")
        if hint is date:
            day = EPOCH.date() + timedelta(days=n)
            return day, day.isoformat()
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            members = list(hint)
            member = members[n % len(members)]
            return member, member.value
        if isinstance(hint, type) and issubclass(hint, pydantic.BaseModel):
            return self._model(hint, depth)
        raise AssertionError(f"no argument rule for {hint!r}: add one")

    def _model(self, model: type[pydantic.BaseModel], depth: int) -> tuple[Any, Any]:
        hints = typing.get_type_hints(model)
        values: dict[str, Any] = {}
        sent_by_name: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            if depth >= self.max_depth and not info.is_required():
                continue
            values[name], sent_by_name[name] = self.build(hints[name], depth + 1)
        return model(**values), {wire_name(model, name): v for name, v in sent_by_name.items()}
