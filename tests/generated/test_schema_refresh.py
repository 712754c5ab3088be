"""`make schema` end to end: scripts/schema_tool.py refresh against a real GraphQL server on loopback.

The server is graphql-core behind uvicorn, in the test's event loop; the tool runs as a subprocess,
as `make schema` runs it, with a test key that must reach the server only as a Bearer header and
never appear in the tool's output.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from graphql import (
    EnumTypeDefinitionNode,
    EnumValueDefinitionNode,
    GraphQLSchema,
    NameNode,
    NoSchemaIntrospectionCustomRule,
    ObjectTypeDefinitionNode,
    build_ast_schema,
    execute,
    get_introspection_query,
    graphql_sync,
    parse,
    print_schema,
    specified_rules,
    validate,
)

from .support import ROOT, SCHEMA_PATH, SCHEMA_TOOL, schema, source_operations

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

TEST_KEY = f"rpa_TEST{secrets.token_hex(12).upper()}"


@dataclass
class Seen:
    path: str
    query_string: str
    headers: dict[str, str]


@dataclass
class GraphQLServer:
    """A minimal GraphQL-over-HTTP ASGI app; `refuse` chooses how introspection is turned away."""

    schema: GraphQLSchema
    refuse: str | None = None  # None | "disabled" | "forbidden" | "html"
    seen: list[Seen] = field(default_factory=list)
    sdl: str | None = None  # answered to a GET, when set

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        self.seen.append(Seen(scope["path"], scope["query_string"].decode("latin-1"), headers))
        if scope["method"] == "GET" and self.sdl is not None:
            await _respond(send, 200, self.sdl.encode(), b"text/plain")
            return
        status, payload = self._answer(json.loads(body), headers.get("authorization", ""))
        if isinstance(payload, str):
            await _respond(send, status, payload.encode(), b"text/html")
        else:
            await _respond(send, status, json.dumps(payload).encode(), b"application/json")

    def _answer(self, request: dict[str, Any], authorization: str) -> tuple[int, Any]:
        if self.refuse == "forbidden":
            # Some servers echo the credential they reject: the tool must not print it.
            return 403, {"errors": [{"message": f"not authorised to introspect ({authorization})"}]}
        if self.refuse == "html":
            return 200, "<html><body>Please sign in</body></html>"
        document = parse(request["query"])
        rules = list(specified_rules)
        if self.refuse == "disabled":
            rules.append(NoSchemaIntrospectionCustomRule)  # how graphql-js servers turn it off
        errors = validate(self.schema, document, rules)
        if errors:
            return 200, {"errors": [error.formatted for error in errors]}
        result = execute(
            self.schema,
            document,
            variable_values=request.get("variables"),
            operation_name=request.get("operationName"),
        )
        assert not isinstance(result, Awaitable)
        return 200, result.formatted


async def _respond(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type), (b"content-length", b"%d" % len(body))],
        }
    )
    await send({"type": "http.response.body", "body": body})


@asynccontextmanager
async def serving(app: GraphQLServer) -> AsyncIterator[str]:
    """Serve app on a free loopback port in this event loop; yield its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, lifespan="off", ws="none", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.ensure_future(server.serve(sockets=[sock]))
    try:
        while not server.started:
            assert not task.done(), "server failed to start"
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        await task
        sock.close()


@dataclass
class ToolRun:
    returncode: int
    stdout: str
    stderr: str


async def run_refresh(*args: str, env_url: str | None = None, key: str = TEST_KEY) -> ToolRun:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPOD_")}
    env["RUNPOD_API_KEY"] = key
    if env_url is not None:
        env["RUNPOD_GRAPHQL_URL"] = env_url
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(SCHEMA_TOOL),
        "refresh",
        *args,
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    run = ToolRun(process.returncode, stdout.decode(), stderr.decode())
    assert key not in run.stdout
    assert key not in run.stderr
    return run


def _assert_key_sent_only_as_bearer(app: GraphQLServer, key: str = TEST_KEY) -> None:
    assert app.seen, "the tool never reached the server"
    for seen in app.seen:
        assert seen.headers["authorization"] == f"Bearer {key}"
        assert key not in seen.path
        assert key not in seen.query_string


def _schema_with_breaking_change() -> GraphQLSchema:
    """schema.graphql without Pod.costPerHr (the Pod fragment selects it) and with a new PodStatus."""
    document = parse(SCHEMA_PATH.read_text(encoding="utf-8"))
    for definition in document.definitions:
        if isinstance(definition, ObjectTypeDefinitionNode) and definition.name.value == "Pod":
            definition.fields = tuple(f for f in definition.fields if f.name.value != "costPerHr")
        if isinstance(definition, EnumTypeDefinitionNode) and definition.name.value == "PodStatus":
            extra = EnumValueDefinitionNode(name=NameNode(value="MIGRATING"), directives=())
            definition.values = (*definition.values, extra)
    return build_ast_schema(document)


# Small files, read after the server has stopped: blocking reads are fine here.
def _same_bytes(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture
def schema_copy(tmp_path: Path) -> Path:
    target = tmp_path / "schema.graphql"
    shutil.copyfile(SCHEMA_PATH, target)
    return target


async def test_same_schema_reports_no_changes_and_rewrites_identically(schema_copy: Path) -> None:
    app = GraphQLServer(schema())
    async with serving(app) as url:
        run = await run_refresh("--output", str(schema_copy), env_url=url)  # URL from the env
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no breaking or dangerous changes" in run.stdout
    count = len(source_operations())
    assert f"{count} of {count} operations valid" in run.stdout
    assert "(unchanged)" in run.stdout
    assert _same_bytes(schema_copy, SCHEMA_PATH)
    _assert_key_sent_only_as_bearer(app)


@pytest.mark.parametrize("dry_run", [False, True], ids=["write", "dry-run"])
async def test_breaking_change_is_reported_with_the_operations_it_breaks(
    schema_copy: Path, dry_run: bool
) -> None:
    served = _schema_with_breaking_change()
    app = GraphQLServer(served)
    async with serving(app) as url:
        run = await run_refresh(
            "--url", url, "--output", str(schema_copy), *(["--dry-run"] if dry_run else [])
        )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "breaking: FIELD_REMOVED: Pod.costPerHr was removed." in run.stdout
    assert (
        "dangerous: VALUE_ADDED_TO_ENUM: MIGRATING was added to enum type PodStatus." in run.stdout
    )
    for operation in ("GetPod", "ListPods", "CreatePod", "StopPod"):
        assert f"invalid operation {operation} (queries/pods.graphql): " in run.stdout
    assert "Cannot query field 'costPerHr' on type 'Pod'." in run.stdout
    # Operations that never touch Pod stay valid and are not named.
    assert "invalid operation GetAccount" not in run.stdout
    if dry_run:
        assert _same_bytes(schema_copy, SCHEMA_PATH)
    else:
        written = _text(schema_copy)
        assert written.startswith(_text(SCHEMA_PATH).split("\n\n", 1)[0])  # header kept
        assert "costPerHr" not in written.split("type Pod {", 1)[1].split("}", 1)[0]
        assert "  MIGRATING\n" in written
    _assert_key_sent_only_as_bearer(app)


@pytest.mark.parametrize(
    ("refuse", "expected"),
    [
        ("disabled", "GraphQL introspection has been disabled"),
        ("forbidden", "introspection refused: HTTP 403"),
        ("html", "not a JSON object: <html><body>Please sign in</body></html>"),
    ],
)
async def test_refused_introspection_leaves_the_file_untouched(
    schema_copy: Path, refuse: str, expected: str
) -> None:
    app = GraphQLServer(schema(), refuse=refuse)
    async with serving(app) as url:
        run = await run_refresh("--url", url, "--output", str(schema_copy))
    assert run.returncode == 2
    assert run.stderr.startswith("introspection refused: "), run.stderr
    assert expected in run.stderr
    assert "left untouched" in run.stderr
    assert run.stdout == ""
    assert _same_bytes(schema_copy, SCHEMA_PATH)
    if refuse == "forbidden":
        assert "not authorised to introspect (Bearer ***)" in run.stderr  # echoed key masked
    _assert_key_sent_only_as_bearer(app)


async def test_unreachable_endpoint_fails_plainly(schema_copy: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    run = await run_refresh(
        "--url", f"http://127.0.0.1:{port}/graphql", "--output", str(schema_copy)
    )
    assert run.returncode == 2
    assert "introspection failed: could not reach" in run.stderr
    assert _same_bytes(schema_copy, SCHEMA_PATH)


async def test_refresh_against_the_emulator_finds_no_breaking_change(schema_copy: Path) -> None:
    from runpod_gql.emulator import Emulator

    async with Emulator() as emulator:
        run = await run_refresh(
            "--url", emulator.url, "--output", str(schema_copy), "--dry-run", key=emulator.api_key
        )
    assert "breaking:" not in run.stdout
    count = len(source_operations())
    assert f"{count} of {count} operations valid" in run.stdout
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("form", ["sdl", "introspection"])
async def test_from_a_file_reports_the_same_breaking_changes(
    schema_copy: Path, tmp_path: Path, form: str
) -> None:
    """Production refuses introspection: `--from` reads an SDL or an introspection result."""
    served = _schema_with_breaking_change()
    source = tmp_path / ("new.graphql" if form == "sdl" else "introspection.json")
    if form == "sdl":
        source.write_text(print_schema(served), encoding="utf-8")
    else:
        result = graphql_sync(served, get_introspection_query(descriptions=True))
        source.write_text(json.dumps({"data": result.data}), encoding="utf-8")
    run = await run_refresh("--from", str(source), "--output", str(schema_copy))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "breaking: FIELD_REMOVED: Pod.costPerHr was removed." in run.stdout
    assert "MIGRATING" in _text(schema_copy)


async def test_from_a_url_serving_sdl(schema_copy: Path) -> None:
    app = GraphQLServer(schema())
    async with serving(app) as url:
        # Any URL answering SDL text: here the test server's /graphql answers a GET with it.
        app.sdl = print_schema(schema())
        run = await run_refresh("--from", url, "--output", str(schema_copy))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no breaking or dangerous changes" in run.stdout
    _assert_key_sent_only_as_bearer(app)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("type Query {", "is not a valid SDL document"),
        ('{"data": {"nope": 1}}', "is JSON but not an introspection result"),
    ],
)
async def test_a_refused_from_source_leaves_the_file_untouched(
    schema_copy: Path, tmp_path: Path, content: str, expected: str
) -> None:
    source = tmp_path / "source.txt"
    source.write_text(content, encoding="utf-8")
    run = await run_refresh("--from", str(source), "--output", str(schema_copy), "--generate")
    assert run.returncode == 2
    assert expected in run.stderr and "left untouched" in run.stderr
    assert _same_bytes(schema_copy, SCHEMA_PATH)
