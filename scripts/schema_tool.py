"""Keep schema.graphql honest: refresh it from a live endpoint, validate queries/, print SDL stably.

    python scripts/schema_tool.py refresh [--url URL] [--output FILE] [--dry-run]
    python scripts/schema_tool.py validate [--schema FILE]
    python scripts/schema_tool.py print SDL_FILE|OPENAPI_JSON

`refresh` introspects RUNPOD_GRAPHQL_URL (default https://api.runpod.io/graphql) with the key from
RUNPOD_API_KEY sent only as an `Authorization: Bearer` header, prints the breaking and dangerous
changes against the current file and every operation in queries/ the new schema rejects, then writes
the file: the existing comment header, then the lexicographically sorted SDL, so refreshes diff cleanly.

Exit status: 0 done; 1 written (or dry run) but some operations no longer validate, or `validate`
found invalid operations; 2 introspection refused or failed (the file is left untouched); 64 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    SelectionSetNode,
    build_client_schema,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
    get_introspection_query,
    lexicographic_sort_schema,
    parse,
    print_schema,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "https://api.runpod.io/graphql"
DEFAULT_SCHEMA = ROOT / "schema.graphql"
DEFAULT_QUERIES = ROOT / "queries"

# Used for a file that has no header yet; an existing file's header is kept as it is.
HEADER = """\
# RunPod GraphQL schema snapshot used to generate runpod_gql_generated.
# RunPod disables introspection in production, so this is a RECONSTRUCTION, not a dump: it is
# docs/schema.reconstructed.graphql (every addition tagged with its evidence; see
# docs/SCHEMA-PROVENANCE.md for what is uncertain), printed in lexicographic order by
# scripts/schema_tool.py so that refreshes (`make schema`) diff cleanly.
"""

EXIT_OK = 0
EXIT_INVALID_OPERATIONS = 1
EXIT_REFUSED = 2


class IntrospectionFailed(Exception):
    """The endpoint could not be reached or did not answer introspection with a schema."""


@dataclass(frozen=True)
class Operation:
    """One named operation from queries/ with the fragments it needs, ready to validate."""

    name: str
    path: Path
    document: DocumentNode


def stable_sdl(schema: GraphQLSchema, header: str = HEADER) -> str:
    """The one printed form of a schema: header, blank line, sorted SDL, final newline."""
    return f"{header}\n{print_schema(lexicographic_sort_schema(schema))}\n"


def stable_openapi(document: Any) -> str:
    """The one printed form of an OpenAPI document: 2-space JSON, key order as published.

    Key order is kept rather than sorted: it is meaningful (property order becomes model field
    order, path order the order of operations), and it is what RunPod serves.
    """
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_header(path: Path) -> str:
    """The leading `#` comment block of an SDL file, or HEADER when there is none."""
    if not path.exists():
        return HEADER
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines) or HEADER


def load_operations(queries_dir: Path) -> list[Operation]:
    """Every operation in queries_dir/*.graphql, each paired with the fragments it uses."""
    fragments: dict[str, FragmentDefinitionNode] = {}
    operations: list[tuple[OperationDefinitionNode, Path]] = []
    for path in sorted(queries_dir.glob("*.graphql")):
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
            elif isinstance(definition, OperationDefinitionNode):
                operations.append((definition, path))
    result = []
    for operation, path in operations:
        name = operation.name.value if operation.name else "<anonymous>"
        used = _fragments_used(operation.selection_set, fragments)
        document = DocumentNode(definitions=(operation, *(fragments[n] for n in sorted(used))))
        result.append(Operation(name, path, document))
    return result


def _fragments_used(
    selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode]
) -> set[str]:
    # Transitive, so an operation is validated with exactly the fragments it spreads; an unknown
    # fragment is left out and reported by validation itself.
    found: set[str] = set()
    pending: list[SelectionSetNode | None] = [selection_set]
    while pending:
        current = pending.pop()
        if current is None:
            continue
        for selection in current.selections:
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in found and name in fragments:
                    found.add(name)
                    pending.append(fragments[name].selection_set)
            else:
                pending.append(getattr(selection, "selection_set", None))
    return found


def invalid_operations(
    schema: GraphQLSchema, operations: Iterable[Operation]
) -> list[tuple[Operation, list[GraphQLError]]]:
    """The operations the schema rejects, with graphql-core's validation errors."""
    failures = []
    for operation in operations:
        errors = validate(schema, operation.document)
        if errors:
            failures.append((operation, list(errors)))
    return failures


def introspect(url: str, api_key: str | None, timeout: float = 30.0) -> GraphQLSchema:
    """Fetch and build the schema served at url; IntrospectionFailed says why it could not."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    body = {
        "query": get_introspection_query(descriptions=True, input_value_deprecation=True),
        "operationName": "IntrospectionQuery",
    }
    try:
        with httpx.Client(timeout=timeout) as client:
            response = client.post(url, json=body, headers=headers)
    except httpx.HTTPError as exc:
        raise IntrospectionFailed(
            f"introspection failed: could not reach {url}: {type(exc).__name__}: {exc}"
        ) from exc
    try:
        payload: Any = response.json()
    except ValueError:
        payload = None
    messages = _error_messages(payload)
    if not response.is_success:
        detail = "; ".join(messages) if messages else _excerpt(response.text)
        raise IntrospectionFailed(
            f"introspection refused: HTTP {response.status_code} from {url}: {detail}"
        )
    if not isinstance(payload, dict):
        raise IntrospectionFailed(
            f"introspection refused: {url} answered HTTP {response.status_code} with a body "
            f"that is not a JSON object: "
            f"{_excerpt(response.text)}"
        )
    data = payload.get("data")
    if messages or not isinstance(data, dict) or not isinstance(data.get("__schema"), dict):
        detail = "; ".join(messages) if messages else "no data.__schema in the response"
        raise IntrospectionFailed(
            f"introspection refused: {url} did not return its schema: {detail}"
        )
    try:
        return build_client_schema(data)  # type: ignore[arg-type]  # shape checked above
    except (TypeError, ValueError, GraphQLError) as exc:
        raise IntrospectionFailed(
            f"introspection failed: {url} returned an unusable introspection result: {exc}"
        ) from exc


def _error_messages(payload: Any) -> list[str]:
    if not isinstance(payload, dict) or not isinstance(payload.get("errors"), list):
        return []
    return [
        str(error.get("message", error)) if isinstance(error, dict) else str(error)
        for error in payload["errors"]
    ]


def _excerpt(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."


class Reporter:
    """Writes to stdout/stderr with the API key masked: servers may echo request headers back."""

    def __init__(self, secret: str | None) -> None:
        self._secret = secret

    def _clean(self, text: str) -> str:
        return text.replace(self._secret, "***") if self._secret else text

    def out(self, text: str) -> None:
        print(self._clean(text))

    def err(self, text: str) -> None:
        print(self._clean(text), file=sys.stderr)


def report_invalid(
    reporter: Reporter, failures: Sequence[tuple[Operation, list[GraphQLError]]]
) -> None:
    for operation, errors in failures:
        where = _display(operation.path)
        for error in errors:
            reporter.out(f"invalid operation {operation.name} ({where}): {error.message}")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def cmd_refresh(args: argparse.Namespace) -> int:
    api_key = os.environ.get("RUNPOD_API_KEY") or None
    reporter = Reporter(api_key)
    url: str = args.url or os.environ.get("RUNPOD_GRAPHQL_URL") or DEFAULT_URL
    output: Path = args.output
    if api_key is None:
        reporter.err("note: RUNPOD_API_KEY is not set; introspecting without credentials")
    try:
        new_schema = introspect(url, api_key)
    except IntrospectionFailed as exc:
        reporter.err(str(exc))
        reporter.err(f"{_display(output)} left untouched.")
        return EXIT_REFUSED

    if output.exists():
        old_schema = build_schema(output.read_text(encoding="utf-8"))
        breaking = find_breaking_changes(old_schema, new_schema)
        dangerous = find_dangerous_changes(old_schema, new_schema)
        for change in breaking:
            reporter.out(f"breaking: {change.type.name}: {change.description}")
        for dchange in dangerous:
            reporter.out(f"dangerous: {dchange.type.name}: {dchange.description}")
        if breaking or dangerous:
            reporter.out(f"{len(breaking)} breaking, {len(dangerous)} dangerous change(s)")
        else:
            reporter.out("no breaking or dangerous changes")
    else:
        reporter.out(f"{_display(output)} does not exist yet: nothing to compare against")

    operations = load_operations(args.queries)
    failures = invalid_operations(new_schema, operations)
    report_invalid(reporter, failures)
    reporter.out(
        f"{len(operations) - len(failures)} of {len(operations)} operations valid against the new schema"
    )

    text = stable_sdl(new_schema, read_header(output))
    if args.dry_run:
        reporter.out(f"dry run: {_display(output)} not written")
    else:
        before = output.read_bytes() if output.exists() else None
        temporary = output.with_name(output.name + ".tmp")
        temporary.write_bytes(text.encode("utf-8"))
        temporary.replace(output)  # atomic: a crash never leaves a half-written schema
        state = "unchanged" if before == text.encode("utf-8") else "updated"
        reporter.out(f"wrote {_display(output)} ({state})")
    if failures:
        reporter.err("some operations no longer validate: fix queries/ before `make generate`")
        return EXIT_INVALID_OPERATIONS
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    reporter = Reporter(None)
    schema = build_schema(args.schema.read_text(encoding="utf-8"))
    operations = load_operations(args.queries)
    failures = invalid_operations(schema, operations)
    report_invalid(reporter, failures)
    reporter.out(
        f"{len(operations) - len(failures)} of {len(operations)} operations valid against "
        f"{_display(args.schema)}"
    )
    return EXIT_INVALID_OPERATIONS if failures else EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    text = args.sdl_file.read_text(encoding="utf-8")
    if args.sdl_file.suffix == ".json":
        sys.stdout.write(stable_openapi(json.loads(text)))
    else:
        sys.stdout.write(stable_sdl(build_schema(text)))
    return EXIT_OK


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="schema_tool.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    refresh = sub.add_parser("refresh", help="introspect a live endpoint and rewrite the schema")
    refresh.add_argument(
        "--url", help=f"GraphQL endpoint (default: $RUNPOD_GRAPHQL_URL or {DEFAULT_URL})"
    )
    refresh.add_argument("--output", type=Path, default=DEFAULT_SCHEMA, help="SDL file to write")
    refresh.add_argument(
        "--queries", type=Path, default=DEFAULT_QUERIES, help="folder of .graphql operations"
    )
    refresh.add_argument("--dry-run", action="store_true", help="report changes, write nothing")
    refresh.set_defaults(handler=cmd_refresh)

    check = sub.add_parser(
        "validate", help="validate every operation in queries/ against the schema"
    )
    check.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    check.add_argument(
        "--queries", type=Path, default=DEFAULT_QUERIES, help="folder of .graphql operations"
    )
    check.set_defaults(handler=cmd_validate)

    show = sub.add_parser(
        "print",
        help="print an SDL file (or an OpenAPI .json) in the stable form of schema.graphql (openapi.json)",
    )
    show.add_argument("sdl_file", type=Path, metavar="FILE")
    show.set_defaults(handler=cmd_print)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors; 2 means "refused" here
        return 0 if exc.code == 0 else 64
    handler = args.handler
    result: int = handler(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
