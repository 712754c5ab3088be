"""The same REST calls over the httpx wire (``RunPod(transport="httpx")`` or the user's own
``httpx.AsyncClient``): requests, errors, retries and event-stream resume behave alike."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from runpod_gql import APIConnectionError, NotFoundError, RetryPolicy, RunPod
from tests.support import fake_clock

from .support import TEST_KEY, ScriptedServer, answer, drop, events, example, problem

POD = example("/v2/pods/{id}")
POLICY = RetryPolicy(max_retries=3, initial_backoff=0.5, max_backoff=4.0, jitter=0.0)


@pytest_asyncio.fixture(params=["ours", "users"])
async def rp(request: pytest.FixtureRequest, server: ScriptedServer) -> AsyncIterator[RunPod]:
    own = httpx.AsyncClient(headers={"Authorization": f"Bearer {TEST_KEY}"})
    kwargs = {"transport": "httpx"} if request.param == "ours" else {"http_client": own}
    client = RunPod(
        api_key=TEST_KEY,
        url=f"{server.base}/graphql",
        clock=fake_clock(),
        env={},
        retry=POLICY,
        **kwargs,
    )
    async with client:
        yield client
    await own.aclose()


async def test_calls_errors_and_retries(rp: RunPod, server: ScriptedServer) -> None:
    server.on("GET", "/v2/pods/p1", problem(503, "busy"), answer(200, POD))
    server.on("GET", "/v2/pods/gone", problem(404, "pod not found"))
    server.on("POST", "/v2/pods", drop())
    assert (await rp.rest.get_pod("p1")).id == POD["id"]
    with pytest.raises(NotFoundError):
        await rp.rest.get_pod("gone")
    with pytest.raises(APIConnectionError):
        await rp._rest.request("POST", "/v2/pods", json={"name": "x"})
    assert [s.method for s in server.seen] == ["GET", "GET", "GET", "POST"]
    assert all(s.headers["authorization"] == f"Bearer {TEST_KEY}" for s in server.seen)


async def test_event_stream_resumes(rp: RunPod, server: ScriptedServer) -> None:
    def line(seq: int) -> str:
        return f"id: {seq}\ndata: {json.dumps({'line': str(seq)})}\n\n"

    server.on("GET", "/v2/pods/p1/logs", events(line(1), then_drop=True), events(line(2), line(3)))
    got = [e.json()["line"] async for e in rp.rest.get_pod_logs("p1")]
    assert got == ["1", "2", "3"]
    assert server.seen[1].headers["last-event-id"] == "1"
