"""Answers validated from their bytes straight into the public models: one pass per API.

Each API names and nests a pod's fields its own way. Rather than validating an answer into the
generated models and building the public ones from those (two passes over every pod, and twice the
objects for the collector to walk), each API describes, field by field, where a public field
lives in its JSON (:class:`From`), and :func:`shape` turns that into a pydantic-core schema whose
instances *are* the public models (``Pod``, ``PodRuntime``...). ``SchemaValidator.validate_json``
then reads the bytes once. The public classes keep their own schemas for users' ``Pod(...)``.

A field one API does not have is left out of its description: it takes the model's default and is
never read from the answer (:data:`ABSENT`). Unknown keys are ignored, as the generated models do.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from pydantic import BaseModel, RootModel
from pydantic_core import CoreSchema, PydanticUndefined, core_schema

# A key, or a path of keys and list indexes, or several paths tried in turn (pydantic's AliasPath
# and AliasChoices, in pydantic-core's own form).
Where = str | Sequence[str | int] | Sequence[Sequence[str | int]]

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")

# The key a field one API lacks is "read" from: no JSON answer of either API has a NUL in a key,
# so the field always takes its default (a field must be in the core schema to be in __dict__).
ABSENT = "\x00absent"


@dataclass(frozen=True)
class From:
    """Where one public field is in an API's JSON, and how its value becomes the field's.

    ``wire`` is the schema of the JSON value when it is not the field's own type (a nested model
    in this API's shape, GraphQL's ``["K=v"]`` env...: the shape's ``finish`` makes it the
    field's); ``default`` is the value when the key is missing, where it is not the model's.
    """

    key: Where
    wire: CoreSchema | None = None
    default: Any = PydanticUndefined  # when the key is missing; the model's default otherwise


def _fields_of(model: type[BaseModel]) -> Mapping[str, Any]:
    schema: Any = model.__pydantic_core_schema__
    if schema["type"] == "definitions":
        schema = schema["schema"]
    while schema["type"] != "model":  # a model with validators is wrapped in function schemas
        schema = schema["schema"]
    return cast("Mapping[str, Any]", schema["schema"]["fields"])


def _uses_definitions(schema: Any) -> bool:
    if isinstance(schema, dict):
        return schema.get("type") == "definition-ref" or any(
            _uses_definitions(v) for v in cast("dict[str, Any]", schema).values()
        )
    if isinstance(schema, list):
        return any(_uses_definitions(v) for v in schema)
    return False


def _default(model: type[BaseModel], name: str, schema: CoreSchema) -> CoreSchema:
    info = model.model_fields[name]
    if info.default_factory is not None:
        factory = cast("Callable[[], Any]", info.default_factory)
        return core_schema.with_default_schema(schema, default_factory=factory)
    if info.default is not PydanticUndefined:
        return core_schema.with_default_schema(schema, default=info.default)
    return schema


def _field(model: type[BaseModel], name: str, source: From | None) -> core_schema.ModelField:
    own = _fields_of(model)[name]["schema"]
    if source is None:
        if model.model_fields[name].is_required():
            raise ValueError(f"{model.__name__}.{name} is required: say where this API has it")
        never_read = _default(model, name, core_schema.any_schema())
        return core_schema.model_field(never_read, validation_alias=ABSENT)
    if source.wire is None and source.default is PydanticUndefined:
        if _uses_definitions(own):
            raise ValueError(f"{model.__name__}.{name}: give this API's shape of the nested model")
        return core_schema.model_field(own, validation_alias=_alias(source.key))
    wire: CoreSchema = source.wire if source.wire is not None else _without_default(own)
    if source.default is not PydanticUndefined:
        wire = core_schema.with_default_schema(wire, default=source.default)
    else:
        wire = _default(model, name, wire)
    return core_schema.model_field(wire, validation_alias=_alias(source.key))


def _without_default(schema: Any) -> CoreSchema:
    return cast("CoreSchema", schema["schema"] if schema["type"] == "default" else schema)


def _alias(key: Where) -> Any:
    if isinstance(key, str):
        return key
    items = list(cast("Sequence[Any]", key))
    if items and all(isinstance(k, (list, tuple)) for k in items):
        return [list(path) for path in items]  # choices
    return [items]  # one path


def shape(
    model: type[BaseModel],
    fields: Mapping[str, Where | From],
    *,
    finish: Callable[[dict[str, Any]], None] | None = None,
) -> CoreSchema:
    """``model`` as one API sends it: ``fields`` maps a field to its key (or :class:`From`).

    ``finish`` sees the instance's field values once they are all validated, and may fix those
    that depend on others (GraphQL's observed status depends on the runtime). Fields missing
    from ``fields`` are not in this API.
    """
    _SHAPED.add(model)
    unknown = set(fields) - set(model.model_fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no field {sorted(unknown)}")
    schema: CoreSchema = core_schema.model_schema(
        model,
        core_schema.model_fields_schema(
            {
                name: _field(model, name, s if isinstance(s, From) or s is None else From(s))
                for name, s in ((n, fields.get(n)) for n in model.model_fields)
            },
            model_name=model.__name__,
            extra_behavior="ignore",
        ),
        config=core_schema.CoreConfig(title=model.__name__, extra_fields_behavior="ignore"),
    )
    if finish is None:
        return schema
    done = finish

    def finished(instance: BaseModel) -> BaseModel:
        done(instance.__dict__)  # frozen models refuse setattr; their __dict__ is theirs to fix
        share_fields_set(instance)
        return instance

    return core_schema.no_info_after_validator_function(finished, schema)


def present(items: list[Any] | None, key: str | None = None) -> list[Any]:
    """``items`` without null entries (or, with ``key``, entries whose ``key`` is None): what a
    ``listed_or_null`` list is made into. The same list when nothing is dropped (the usual case)."""
    if items is not None:
        for item in items:
            if item is None or (key is not None and getattr(item, key) is None):
                break
        else:
            return items
    return [
        i for i in items or () if i is not None and (key is None or getattr(i, key) is not None)
    ]


def listed_or_null(item: CoreSchema) -> CoreSchema:
    """A JSON list of ``item`` or null, entries nullable (``present`` drops them in a finish)."""
    return core_schema.nullable_schema(core_schema.list_schema(core_schema.nullable_schema(item)))


# -- one fields-set per class and shape
# pydantic-core gives every instance its own set of the names of the fields that were set: 2.2 KB
# for a Pod (25 names), 0.7 KB for a port mapping, over half of what a list of pods holds. An
# answer sets the same fields on nearly every instance of a class, so those share one set.
_COMMON_SETS: dict[type[BaseModel], list[set[str]]] = {}
_VARIANTS = 4  # shapes kept per class, the latest seen (v2's GPU and CPU pods differ...)


def share_fields_set(*models: BaseModel | None) -> None:
    """Let each model hold the set its class shares for the same fields, rather than its own.

    Safe with pydantic's own uses: the models are frozen (no assignment adds to the set) and
    ``model_copy`` copies the set before it adds to it; a set that differs is kept.
    """
    for model in models:
        if model is None:
            continue
        own: set[str] = model.__pydantic_fields_set__
        known = _COMMON_SETS.get(type(model))
        if known is None:
            known = _COMMON_SETS[type(model)] = []
        for common in known:
            if common == own:
                object.__setattr__(model, "__pydantic_fields_set__", common)
                break
        else:  # a shape not seen lately: it comes first, the one seen least lately goes
            known.insert(0, own)
            del known[_VARIANTS:]


# -- building the models that embed shapes
_SHAPED: set[type[BaseModel]] = set()
_BUILDING = threading.Lock()


@contextmanager
def _unfinished(classes: set[type[BaseModel]]) -> Iterator[None]:
    """The shaped classes say they are unfinished while a validator embedding shapes is built.

    pydantic-core reuses a finished model class's own validator wherever a schema names that
    class ("prebuilt" validators, pydantic >= 2.11), which would read an API's answer with the
    public field names. It checks the flag only while building, so the built validator keeps
    the shapes; the flag is restored at once, and builds are serialised by a lock.
    """
    with _BUILDING:
        saved = {cls: cls.__dict__.get("__pydantic_complete__", False) for cls in classes}
        try:
            for cls in classes:
                type.__setattr__(cls, "__pydantic_complete__", False)
            yield
        finally:
            for cls, complete in saved.items():
                type.__setattr__(cls, "__pydantic_complete__", complete)


def built(model: type[M]) -> type[M]:
    """``model`` (an answer model whose fields name shapes) with its validator built, once."""
    _build(model)
    return model


@functools.cache
def _build(model: type[BaseModel]) -> None:
    with _unfinished(set(_SHAPED)):
        model.model_rebuild(force=True)


def read(answer: type[RootModel[R]], data: bytes | str | Mapping[str, Any]) -> R:
    """One value read with an answer model: JSON text, or an object already parsed (examples)."""
    model = built(answer)
    if isinstance(data, (bytes, str)):
        return model.model_validate_json(data).root
    return model.model_validate(data).root
