"""GraphQL fuzzing with a tool others wrote: schemathesis generates valid queries for every root field
of ``schema.graphql`` (with hypothesis-graphql) and sends them to a running emulator.

Valid queries must never make the emulator fail: no 5xx, always a JSON body with ``data``, and no
resolver crash (the emulator answers a crash with RunPod's opaque error and logs it). A refusal in
RunPod's words (``pod not found``, no capacity...) is an answer, not a server error: schemathesis'
own ``not_a_server_error`` check for GraphQL counts every unlabelled resolver error as one, and
RunPod's refusals carry no ``extensions.code`` we could cite, so this test checks crashes itself.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from runpod_gql.emulator import OPAQUE_ERROR, Emulator
from runpod_gql.emulator._graphql import schema_text

schemathesis = pytest.importorskip("schemathesis")  # needs Python >= 3.11 (see pyproject)

SCHEMA = schemathesis.graphql.from_file(schema_text())
KEY = "fuzz-key"
CASES: dict[str, int] = {}
INVALID: list[str] = []  # queries the emulator refused as invalid (a generator slip, not a crash)


@pytest.fixture(scope="module")
def served() -> Iterator[Emulator]:
    """An emulator on its own thread and loop: schemathesis' calls are blocking."""
    emu = Emulator(api_key=KEY, speed=30)
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(emu.start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="fuzzed-emulator", daemon=True)
    thread.start()
    assert started.wait(30), "emulator did not start"
    try:
        yield emu
    finally:
        asyncio.run_coroutine_threadsafe(emu.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()
        total = sum(CASES.values())
        print(
            f"\nGraphQL fuzzing: {len(CASES)} root fields, {total} generated queries, "
            f"{len(INVALID)} refused as invalid by graphql-core's validation"
        )


@SCHEMA.parametrize()  # type: ignore[untyped-decorator]  # (importorskip returns Any)
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_valid_queries_never_crash_the_emulator(case: Any, served: Emulator) -> None:
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1
    response = case.call(base_url=served.url, headers={"Authorization": f"Bearer {KEY}"})
    assert response.status_code < 500, response.text
    body = response.json()
    codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
    if response.status_code == 400 and codes == ["GRAPHQL_VALIDATION_FAILED"] * len(codes):
        # hypothesis-graphql sometimes leaves out a required field of a nested input object
        INVALID.append(case.body)
        return
    assert "data" in body, body
    messages = [e.get("message") for e in body.get("errors", [])]
    assert OPAQUE_ERROR not in messages, (case.body, body)
    assert "INTERNAL_SERVER_ERROR" not in codes, (case.body, body)
