"""Paths, the schema and the operations in queries/, shared by the tests of the generated layer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    parse,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schema.graphql"
QUERIES_DIR = ROOT / "queries"
SCHEMA_TOOL = ROOT / "scripts" / "schema_tool.py"
GENERATED_PACKAGE = ROOT / "generated" / "runpod_gql_generated"
OPENAPI_PATH = ROOT / "openapi.json"
REST_PACKAGE = ROOT / "generated" / "runpod_gql_rest"


@dataclass(frozen=True)
class SourceOperation:
    """An operation as written in queries/, with the file it lives in."""

    name: str
    path: Path
    node: OperationDefinitionNode


@cache
def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def query_documents() -> dict[Path, DocumentNode]:
    return {
        path: parse(path.read_text(encoding="utf-8"))
        for path in sorted(QUERIES_DIR.glob("*.graphql"))
    }


def source_operations() -> list[SourceOperation]:
    """Every operation in queries/, in file order; anonymous ones get the name ''."""
    return [
        SourceOperation(node.name.value if node.name else "", path, node)
        for path, document in query_documents().items()
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    ]


def source_fragments() -> dict[str, FragmentDefinitionNode]:
    return {
        node.name.value: node
        for document in query_documents().values()
        for node in document.definitions
        if isinstance(node, FragmentDefinitionNode)
    }


def whole_document() -> DocumentNode:
    """All of queries/ as one document: how ariadne-codegen sees it."""
    return DocumentNode(
        definitions=tuple(d for doc in query_documents().values() for d in doc.definitions)
    )
