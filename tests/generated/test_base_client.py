"""The generated package's base client (scripts/codegen/base_client.py): answers read from bytes."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, ValidationError, model_validator
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
