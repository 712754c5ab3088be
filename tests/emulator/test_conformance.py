"""REST v2 conformance measured by a tool others wrote: schemathesis against the ``/v2`` routes with
RunPod's OpenAPI document (GraphQL: ``test_graphql_fuzzing.py``).

It runs schemathesis' CLI (every phase, stateful included) against an emulator served by this test's
event loop, with a fixed seed and bounded examples, so a run is reproducible and takes seconds. Every check is on (schemathesis'
default; naming them with ``--checks all`` would override the per-operation setting below): no
server error, every status code and header documented, every response body
valid against the document's schemas, invalid requests refused, resources created are found and
gone after deletion. The counts of each run are printed (``pytest -s``) for the issue notes.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("schemathesis")  # needs Python >= 3.11 (see pyproject)

from runpod_gql.emulator import Emulator
from runpod_gql.emulator._openapi import document_text

SEED = 20261201
MAX_EXAMPLES = 8

# The document states these rules in prose only, so schemathesis sees schema-valid requests that
# RunPod refuses (REST-V2.md section 1): 400 for mutually exclusive filters (cudaVersions and
# minCudaVersion; lastN and startTime/endTime), filters without include=AVAILABILITY, "exactly one
# of gpu or cpu", grow-only volumes, a data centre without volumes, unique names, no capacity; 402
# insufficient balance. Accepting those statuses for schema-valid data is the documented behaviour.
#
# getPodLogs: the document types its text/event-stream body as ``type: string`` and gives the
# stream itself as the example ("id: 2026-06-01T12:02:03Z/000000000001\ndata: {...}"), which is
# what the emulator sends. schemathesis parses the stream and validates each parsed event (an
# object with id/data/event) against ``type: string``, which no event can satisfy: the response
# schema check is off for that operation only; its status, headers and content type are checked.
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "402", "403", "404", "409", "429"]

[[operations]]
include-operation-id = "getPodLogs"
checks.response_schema_conformance.enabled = false
"""

# The document declares no OpenAPI links. These give the stateful phase the obvious ones (a created
# resource's id into its get/update/delete/action operations), so it works on real resources.
LINKS = {
    "createPod": ("getPod", "updatePod", "deletePod", "podAction", "getPodLogs"),
    "createTemplate": ("getTemplate", "updateTemplate", "deleteTemplate"),
    "createNetworkVolume": ("getNetworkVolume", "updateNetworkVolume", "deleteNetworkVolume"),
    "createEndpoint": (
        "getEndpoint",
        "updateEndpoint",
        "deleteEndpoint",
        "listEndpointWorkers",
        "listEndpointReleases",
    ),
    "createRegistry": ("getRegistry", "deleteRegistry"),
    "createDelegation": ("revokeDelegation",),
    "createCluster": ("getCluster", "updateCluster", "deleteCluster", "listClusterPods"),
}


def linked_document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(document_text())
    for item in doc["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") in LINKS:
                created = op["responses"]["201"]
                created["links"] = {
                    target: {"operationId": target, "parameters": {"id": "$response.body#/id"}}
                    for target in LINKS[op["operationId"]]
                }
    return doc


async def schemathesis(*args: str, cwd: Path) -> tuple[int, str]:
    """Run schemathesis' CLI; the emulator keeps serving in this loop meanwhile."""
    code = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        code,
        *args,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=600)
    text = out.decode(errors="replace")
    (cwd / "schemathesis.log").write_text(text)  # the whole report, for a failing run
    return proc.returncode or 0, text


def summary(output: str) -> str:
    """The run's counts: operations, test cases, failures."""
    lines = [
        line.strip()
        for line in output.splitlines()
        if re.search(r"Selected:|Tested:|generated|API Links:|failures?,|passed in", line)
    ]
    return " | ".join(lines)


@pytest.mark.timeout(900)
async def test_rest_v2_conformance_with_schemathesis(
    runpod_emulator_factory: Any, tmp_path: Path
) -> None:
    emu: Emulator = await runpod_emulator_factory(
        api_key="conformance-key", speed=30, log_follow_seconds=0.3, balance=1e9
    )
    (tmp_path / "schemathesis.toml").write_text(CONFIG)
    (tmp_path / "openapi.json").write_text(json.dumps(linked_document()))
    code, output = await schemathesis(
        "--config-file",
        "schemathesis.toml",
        "--no-color",
        "run",
        "openapi.json",
        "--url",
        emu.base_url,
        "-H",
        f"Authorization: Bearer {emu.api_key}",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--generation-deterministic",
        "--request-timeout",
        "10",
        cwd=tmp_path,
    )
    print(f"\nschemathesis REST v2: {summary(output)}")
    assert code == 0, output[-6000:]
    assert "Tested: 53" in output, summary(output)
