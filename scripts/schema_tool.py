"""Keep schema.graphql and openapi.json honest: refresh them, validate queries/, print them stably.

    python scripts/schema_tool.py refresh [--url URL | --from FILE_OR_URL] [--output FILE] [--dry-run] [--generate]
    python scripts/schema_tool.py refresh-rest [--from FILE_OR_URL] [--output FILE] [--dry-run] [--generate]
    python scripts/schema_tool.py validate [--schema FILE]
    python scripts/schema_tool.py print SDL_FILE|OPENAPI_JSON

`refresh` introspects RUNPOD_GRAPHQL_URL (default https://api.runpod.io/graphql) with the key from
RUNPOD_API_KEY sent only as an `Authorization: Bearer` header, or, since RunPod's production API
refuses introspection, reads `--from` an SDL or introspection-result file or URL. It prints the
breaking and dangerous changes against the current file and every operation in queries/ the new
schema rejects, then writes the file: the existing comment header, then the lexicographically sorted
SDL, so refreshes diff cleanly.

`refresh-rest` reads the OpenAPI document from RunPod's public URL (default
https://api.runpod.io/v2/openapi.json) or `--from` a file or URL, checks that it is one the
generator can compile, prints what changed for users of the generated client (operations, parameters
and fields removed or retyped, request fields newly required, enum values gone: breaking; additions:
safe) and writes openapi.json in its stable form.

`--generate` regenerates the generated packages after writing (`make schema` does this for both).

Exit status: 0 done; 1 written (or dry run) but some operations no longer validate, or `validate`
found invalid operations; 2 the source was refused or unreadable (the file is left untouched); 64 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
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
from rest_codegen.diff import BREAKING, DANGEROUS, SAFE
from rest_codegen.diff import diff as openapi_diff
from rest_codegen.operations import Document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "https://api.runpod.io/graphql"
DEFAULT_SCHEMA = ROOT / "schema.graphql"
DEFAULT_OPENAPI_URL = "https://api.runpod.io/v2/openapi.json"
DEFAULT_OPENAPI = ROOT / "openapi.json"
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


def fetch(source: str, api_key: str | None, timeout: float = 30.0) -> str:
    """The text of a file or an http(s) URL; IntrospectionFailed says why it could not be read.

    A URL gets the key only as a Bearer header (RunPod's documents are public: it is sent so a
    host that wants it is not refused)."""
    if not source.startswith(("http://", "https://")):
        try:
            return Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise IntrospectionFailed(f"cannot read {source}: {exc}") from exc
    headers = {"Accept": "application/json, application/graphql, text/plain"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:
            response = client.get(source, headers=headers)
    except httpx.HTTPError as exc:
        raise IntrospectionFailed(f"could not reach {source}: {type(exc).__name__}: {exc}") from exc
    if not response.is_success:
        raise IntrospectionFailed(
            f"{source} refused: HTTP {response.status_code}: {_excerpt(response.text)}"
        )
    return response.text


def schema_from_text(text: str, source: str) -> GraphQLSchema:
    """An SDL document, or an introspection result (``{"data": {"__schema": ...}}`` or bare)."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            payload = json.loads(text)
        except ValueError as exc:
            raise IntrospectionFailed(f"{source} is neither SDL nor JSON: {exc}") from exc
        data = payload.get("data", payload) if isinstance(payload, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("__schema"), dict):
            raise IntrospectionFailed(f"{source} is JSON but not an introspection result")
        try:
            return build_client_schema(data)  # type: ignore[arg-type]
        except (TypeError, ValueError, GraphQLError) as exc:
            raise IntrospectionFailed(f"{source}: unusable introspection result: {exc}") from exc
    try:
        return build_schema(text)
    except (GraphQLError, TypeError) as exc:
        raise IntrospectionFailed(f"{source} is not a valid SDL document: {exc}") from exc


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
    if api_key is None and args.source is None:
        reporter.err("note: RUNPOD_API_KEY is not set; introspecting without credentials")
    try:
        if args.source is not None:
            new_schema = schema_from_text(fetch(args.source, api_key), args.source)
        else:
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
    if args.generate and not args.dry_run:
        return regenerate(reporter)
    return EXIT_OK


def regenerate(reporter: Reporter, *, rest_only: bool = False) -> int:
    """Run `make generate`'s script (only the REST half when only openapi.json changed)."""
    script = ROOT / "scripts" / ("generate_rest.py" if rest_only else "generate.py")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    for line in (result.stdout + result.stderr).splitlines():
        reporter.out(line)
    return EXIT_OK if result.returncode == 0 else EXIT_REFUSED


def load_openapi(text: str, source: str) -> dict[str, Any]:
    """A document the REST generator can compile, or IntrospectionFailed saying why not."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise IntrospectionFailed(f"{source} is not JSON: {exc}") from exc
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        raise IntrospectionFailed(f"{source} is not an OpenAPI 3 document")
    if not isinstance(document.get("paths"), dict) or not document["paths"]:
        raise IntrospectionFailed(f"{source} has no paths")
    try:
        operations = list(Document(document).operations())
    except (KeyError, TypeError, ValueError) as exc:
        raise IntrospectionFailed(
            f"{source} cannot be compiled: {type(exc).__name__}: {exc}"
        ) from exc
    if not operations:
        raise IntrospectionFailed(f"{source} has no operations")
    return document


def cmd_refresh_rest(args: argparse.Namespace) -> int:
    api_key = os.environ.get("RUNPOD_API_KEY") or None
    reporter = Reporter(api_key)
    source: str = args.source or DEFAULT_OPENAPI_URL
    output: Path = args.output
    try:
        document = load_openapi(fetch(source, api_key), source)
    except IntrospectionFailed as exc:
        reporter.err(str(exc))
        reporter.err(f"{_display(output)} left untouched.")
        return EXIT_REFUSED
    operations = len(list(Document(document).operations()))
    if output.exists():
        changes = openapi_diff(json.loads(output.read_text(encoding="utf-8")), document)
        for change in changes:
            reporter.out(str(change))
        counts = {
            level: sum(1 for c in changes if c.level == level)
            for level in (BREAKING, DANGEROUS, SAFE)
        }
        if changes:
            reporter.out(
                f"{counts[BREAKING]} breaking, {counts[DANGEROUS]} dangerous, {counts[SAFE]} safe change(s)"
            )
        else:
            reporter.out("no changes to operations, parameters, fields or enums")
    else:
        reporter.out(f"{_display(output)} does not exist yet: nothing to compare against")
    reporter.out(f"{operations} operations in the new document")
    text = stable_openapi(document)
    if args.dry_run:
        reporter.out(f"dry run: {_display(output)} not written")
        return EXIT_OK
    before = output.read_bytes() if output.exists() else None
    temporary = output.with_name(output.name + ".tmp")
    temporary.write_bytes(text.encode("utf-8"))
    temporary.replace(output)
    state = "unchanged" if before == text.encode("utf-8") else "updated"
    reporter.out(f"wrote {_display(output)} ({state})")
    if args.generate:
        return regenerate(reporter, rest_only=True)
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
    refresh.add_argument(
        "--from",
        dest="source",
        metavar="FILE_OR_URL",
        help="read an SDL or introspection-result file or URL instead of introspecting",
    )
    refresh.add_argument("--dry-run", action="store_true", help="report changes, write nothing")
    refresh.add_argument("--generate", action="store_true", help="then run make generate's script")
    refresh.set_defaults(handler=cmd_refresh)

    rest = sub.add_parser("refresh-rest", help="refresh openapi.json from RunPod's public URL")
    rest.add_argument(
        "--from",
        dest="source",
        metavar="FILE_OR_URL",
        help=f"the OpenAPI document's file or URL (default {DEFAULT_OPENAPI_URL})",
    )
    rest.add_argument("--output", type=Path, default=DEFAULT_OPENAPI, help="JSON file to write")
    rest.add_argument("--dry-run", action="store_true", help="report changes, write nothing")
    rest.add_argument("--generate", action="store_true", help="then regenerate runpod_gql_rest")
    rest.set_defaults(handler=cmd_refresh_rest)

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
