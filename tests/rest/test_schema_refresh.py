"""`make schema`, REST half: scripts/schema_tool.py refresh-rest against modified copies of the
document, from a file and from a URL on loopback, run as `make schema` runs it (a subprocess,
in a copy of the repo's inputs, so the real openapi.json and generated/ are never touched)."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web

from tests.generated.support import OPENAPI_PATH, ROOT

KEY = "rpa_SCHEMATESTKEY987654321"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The inputs refresh-rest and the REST generator read, copied."""
    shutil.copytree(
        ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copyfile(OPENAPI_PATH, tmp_path / "openapi.json")
    (tmp_path / "generated").mkdir()
    return tmp_path


def refresh(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPOD_")}
    env["RUNPOD_API_KEY"] = KEY
    run = subprocess.run(
        [sys.executable, "scripts/schema_tool.py", "refresh-rest", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert KEY not in run.stdout + run.stderr
    return run


def modified() -> dict[str, Any]:
    """The document with one change of each kind a user must act on, and two safe ones."""
    document: dict[str, Any] = copy.deepcopy(json.loads(OPENAPI_PATH.read_text(encoding="utf-8")))
    schemas = document["components"]["schemas"]
    del document["paths"]["/v2/billing/clusters"]  # an operation removed
    schemas["PodStatus"]["enum"].remove("ERROR")  # an enum value gone
    schemas["PodStatus"]["enum"].append("MIGRATING")  # ... and one added
    schemas["GpuConfig"]["properties"]["count"] = {"type": "string"}  # retyped
    schemas["NetworkVolume"]["properties"].pop("type")  # a response field removed
    volume = schemas["CreateNetworkVolumeRequest"]
    volume["required"] = [*volume["required"], "type"]  # a request field newly required
    volume["properties"]["labels"] = {"type": "object"}  # an optional request field added
    return document


def test_a_modified_document_prints_its_breaking_changes_and_regenerates(repo: Path) -> None:
    source = repo / "modified.json"
    source.write_text(json.dumps(modified()), encoding="utf-8")
    run = refresh(repo, "--from", str(source), "--generate")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for line in [
        "breaking: listClusterBilling: operation removed (GET /v2/billing/clusters)",
        "breaking: getPod 200.status: enum values removed: ERROR",
        "breaking: listPods 200.pods[].status: enum values removed: ERROR",
        "breaking: createPod request.gpu.count: retyped integer -> string",
        "breaking: getNetworkVolume 200.type: response field removed",
        "breaking: createNetworkVolume request.type: request field now required",
        "safe: getPod 200.status: enum values added: MIGRATING",
        "safe: createNetworkVolume request.labels: request field added",
        "52 operations in the new document",
        "wrote openapi.json (updated)",
    ]:
        assert line in out.splitlines(), f"{line!r} not in:\n{out}"
    assert out.index("breaking:") < out.index("safe:")  # what to act on comes first
    # Written in the stable form, and the package regenerated from it.
    written = (repo / "openapi.json").read_text(encoding="utf-8")
    assert written == json.dumps(modified(), indent=2, ensure_ascii=False) + "\n"
    client = (repo / "generated" / "runpod_gql_rest" / "client.py").read_text(encoding="utf-8")
    assert "list_pod_billing" in client and "list_cluster_billing" not in client
    status = (repo / "generated" / "runpod_gql_rest" / "models" / "pod_status.py").read_text()
    assert "MIGRATING" in status and '"ERROR"' not in status


def test_the_same_document_reports_nothing_and_rewrites_identically(repo: Path) -> None:
    run = refresh(repo, "--from", str(OPENAPI_PATH))
    assert run.returncode == 0
    assert "no changes to operations, parameters, fields or enums" in run.stdout
    assert "wrote openapi.json (unchanged)" in run.stdout
    assert (repo / "openapi.json").read_bytes() == OPENAPI_PATH.read_bytes()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"<html>Please sign in</html>", "is not JSON"),
        (b'{"swagger": "2.0", "paths": {}}', "is not an OpenAPI 3 document"),
        (b'{"openapi": "3.1.0", "paths": {}}', "has no paths"),
        (
            b'{"openapi": "3.1.0", "paths": {"/x": {"get": {"operationId": "x", "responses":'
            b' {"200": {"content": {"application/xml": {}}}}}}}}',
            "cannot be compiled",
        ),
    ],
)
def test_a_refused_source_leaves_the_files_alone(repo: Path, content: bytes, why: str) -> None:
    source = repo / "bad.json"
    source.write_bytes(content)
    run = refresh(repo, "--from", str(source), "--generate")
    assert run.returncode == 2
    assert why in run.stderr and "openapi.json left untouched." in run.stderr
    assert (repo / "openapi.json").read_bytes() == OPENAPI_PATH.read_bytes()
    assert not (repo / "generated" / "runpod_gql_rest").exists()


@pytest_asyncio.fixture
async def document_server() -> AsyncIterator[tuple[str, list[dict[str, str]]]]:
    seen: list[dict[str, str]] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        seen.append(dict(request.headers))
        if request.path == "/v2/openapi.json":
            return web.json_response(modified())
        return web.json_response(
            {
                "title": "Unauthorized",
                "status": 401,
                "detail": f"bad key {request.headers.get('Authorization')}",
            },
            status=401,
        )

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}", seen
    finally:
        await runner.cleanup()


async def test_a_url_source_is_read_with_the_key_only_as_a_bearer_header(
    repo: Path, document_server: tuple[str, list[dict[str, str]]]
) -> None:
    base, seen = document_server
    run = await asyncio.to_thread(refresh, repo, "--from", f"{base}/v2/openapi.json", "--dry-run")
    assert run.returncode == 0, run.stderr
    assert (
        "breaking: listClusterBilling: operation removed (GET /v2/billing/clusters)" in run.stdout
    )
    assert "dry run: openapi.json not written" in run.stdout
    assert (repo / "openapi.json").read_bytes() == OPENAPI_PATH.read_bytes()
    assert seen[0]["Authorization"] == f"Bearer {KEY}"
    # A server that refuses (and echoes the key back): exit 2, the key masked, nothing written.
    refused = await asyncio.to_thread(refresh, repo, "--from", f"{base}/v2/private.json")
    assert refused.returncode == 2 and "HTTP 401" in refused.stderr
    assert "***" in refused.stderr
    assert (repo / "openapi.json").read_bytes() == OPENAPI_PATH.read_bytes()


def test_an_unreachable_url_leaves_the_files_alone(repo: Path) -> None:
    run = refresh(repo, "--from", "http://127.0.0.1:9/v2/openapi.json")
    assert run.returncode == 2 and "could not reach" in run.stderr
    assert (repo / "openapi.json").read_bytes() == OPENAPI_PATH.read_bytes()
