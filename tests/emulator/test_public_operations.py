"""Operations found in 20 public RunPod clients (shared/runpod/public-operations.jsonl, documents
only, copied to data/): they must keep validating against the schema the emulator serves, and
the ones that need no variables must execute without errors."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import httpx
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse, validate

from runpod_gql.emulator._graphql import load_schema

from .conftest import post

DOCS: list[str] = json.loads(
    (Path(__file__).parent / "data" / "public-operations.json").read_text()
)
# Measured when the emulator landed; a drop means the schema or the emulator lost coverage.
MIN_VALID = 344


def usable() -> list[str]:
    return [d for d in DOCS if "__X__" not in d]  # skip documents with interpolated values


def test_public_operations_validate() -> None:
    schema = load_schema()
    valid = 0
    for doc in usable():
        with contextlib.suppress(GraphQLError):
            valid += not validate(schema, parse(doc))
    assert valid >= MIN_VALID, f"{valid} of {len(usable())} validate"


async def test_variable_free_public_queries_execute(http: httpx.AsyncClient) -> None:
    schema = load_schema()
    ran = 0
    for doc in usable():
        try:
            document = parse(doc)
        except GraphQLError:
            continue
        ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if validate(schema, document) or len(ops) != 1:
            continue
        if ops[0].operation is not OperationType.QUERY or ops[0].variable_definitions:
            continue
        r = await post(http, doc)
        assert r.status_code == 200, (doc, r.text)
        assert "errors" not in r.json(), (doc, r.text)
        ran += 1
    assert ran >= 20, ran
