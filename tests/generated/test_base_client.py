"""The generated package's base client (scripts/codegen/base_client.py): answers read from bytes."""

from __future__ import annotations

import gc
import json
import sys
import weakref
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, ValidationError, model_validator
from runpod_gql_generated import base_client
from runpod_gql_generated.base_client import LARGE_BODY, decode_response, validate_json
from runpod_gql_generated.list_pods import ListPods

seen: list[bool] = []


class Probe(BaseModel):
    """Records whether the collector ran while it was being validated."""

    items: list[int]

    @model_validator(mode="after")
    def _record(self) -> Probe:
        seen.append(gc.isenabled())
        return self


@pytest.fixture(autouse=True)
def _collector() -> Iterator[None]:
    seen.clear()
    yield
    gc.enable()


def _body(count: int) -> bytes:
    return json.dumps({"items": list(range(count))}).encode()


def test_a_large_body_is_validated_with_the_collector_paused_then_restored() -> None:
    body = _body(30_000)
    assert len(body) >= LARGE_BODY
    assert len(validate_json(Probe, body).items) == 30_000
    assert seen == [False]
    assert gc.isenabled()


def test_a_small_body_leaves_the_collector_alone() -> None:
    validate_json(Probe, _body(10))
    assert seen == [True]


def test_a_collector_the_program_disabled_stays_disabled_even_on_failure() -> None:
    gc.disable()
    validate_json(Probe, _body(30_000))
    with pytest.raises(ValidationError):
        validate_json(Probe, b'{"items": [' + b"1," * 40_000 + b'"x"]}')
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(ValidationError):
        validate_json(Probe, b'{"items": [' + b"1," * 40_000 + b'"x"]}')
    assert gc.isenabled()


class Item(BaseModel):
    n: int


class _Cycle:
    me: object


class Nested(BaseModel):
    items: list[Item]


def _nested_body(count: int) -> bytes:
    body = json.dumps({"items": [{"n": i} for i in range(count)]}).encode()
    assert len(body) >= LARGE_BODY
    return body


classic_collector = pytest.mark.skipif(
    sys.version_info >= (3, 14), reason="3.14's incremental collector: the body is only paused"
)


@classic_collector
def test_a_large_result_goes_to_the_oldest_generation_with_the_schedule_kept() -> None:
    body = _nested_body(20_000)
    gc.collect()
    for _ in range(2):
        gc.collect(1)  # two passes of the middle generation counted towards a full one
    for _ in range(3):
        gc.collect(0)  # three young passes counted towards a middle one
    assert gc.get_count()[1:] == (3, 2)
    garbage = _Cycle()
    garbage.me = garbage
    gone = weakref.ref(garbage)
    del garbage
    result = validate_json(Nested, body)
    # The program's young objects were collected first, as their turn would have come (a middle
    # pass: one more towards a full one), its garbage with them, so none of it is promoted...
    assert gone() is None
    # ...and no young pass will walk the 20,000 items only to find them alive.
    assert gc.get_count()[1:] == (0, 3)
    young = {id(o) for o in gc.get_objects(generation=0)} | {
        id(o) for o in gc.get_objects(generation=1)
    }
    assert id(result) not in young and id(result.items[-1]) not in young
    assert any(o is result.items[-1] for o in gc.get_objects(generation=2))


@classic_collector
def test_objects_the_program_froze_stay_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base_client._Promotion, "on", True)  # put back after the test
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        result = validate_json(Nested, _nested_body(20_000))
        assert gc.get_freeze_count() == frozen
        assert len(result.items) == 20_000
        # Counting frozen objects walks them all: once seen, promotion is off for good.
        assert not base_client._Promotion.on
    finally:
        gc.unfreeze()


def test_a_failed_large_body_leaves_the_collector_running() -> None:
    with pytest.raises(ValidationError):
        validate_json(Nested, _nested_body(20_000)[:-2] + b'"x"]}')
    assert gc.isenabled()


def test_a_partial_result_with_errors_gives_the_errors() -> None:
    body = json.dumps(
        {
            "data": {"myself": {"pods": [{"id": None}]}},
            "errors": [{"message": "boom", "path": ["myself", "pods", 0], "extensions": []}, 42],
        }
    ).encode()
    answer = decode_response(ListPods, body)
    assert answer.data is None
    assert [(e.message, e.path, e.extensions) for e in answer.errors or []] == [
        ("boom", ["myself", "pods", 0], None),
        ("42", None, None),
    ]


def test_an_answer_that_fits_is_read_in_one_pass() -> None:
    answer = decode_response(ListPods, b'{"data": {"myself": {"id": "u", "pods": []}}}')
    assert answer.errors is None
    assert answer.data is not None and answer.data.myself is not None
    assert answer.data.myself.pods == []
    with pytest.raises(ValidationError):
        decode_response(ListPods, b'{"data": {"myself": {"pods": 7}}}')
