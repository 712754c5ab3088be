"""runpod-python's serverless ``Endpoint`` (sync and asyncio), unmodified, against the emulator's job API."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from types import ModuleType
from typing import Any

import pytest

from runpod_gql.emulator import Emulator


@pytest.fixture
def rp(
    runpod_module: ModuleType, runpod_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> ModuleType:
    # runpod reads RUNPOD_ENDPOINT_BASE_URL once, at import; the module attribute is what it uses.
    monkeypatch.setattr(runpod_module, "endpoint_url_base", runpod_emulator.jobs_url)
    monkeypatch.setattr(runpod_module, "api_key", runpod_emulator.api_key)
    return runpod_module


def handler(job: dict[str, Any]) -> Any:
    if job["input"].get("fail"):
        raise RuntimeError("asked to fail")
    return {"sum": sum(job["input"]["numbers"])}


def streamer(job: dict[str, Any]) -> Iterator[str]:
    yield from job["input"]["words"]


async def test_sync_endpoint(rp: ModuleType, runpod_emulator: Emulator) -> None:
    runpod_emulator.serve_endpoint("sum", handler, workers_min=1)
    runpod_emulator.serve_endpoint("words", streamer, workers_min=1)

    def scenario() -> dict[str, Any]:
        endpoint = rp.Endpoint("sum")
        out: dict[str, Any] = {"sync": endpoint.run_sync({"numbers": [1, 2, 3]}, timeout=30)}
        job = endpoint.run({"numbers": [4, 5]})
        out["output"] = job.output(timeout=30)
        out["status"] = job.status()
        failed = endpoint.run({"fail": True})
        failed.output(timeout=30)
        out["failed"] = failed._fetch_job()
        out["health"] = endpoint.health()
        out["purge"] = endpoint.purge_queue()
        out["cancel"] = job.cancel()
        out["stream"] = list(rp.Endpoint("words").run({"words": ["a", "b", "c"]}).stream())
        return out

    out = await asyncio.to_thread(scenario)
    assert out["sync"] == {"sum": 6}
    assert out["output"] == {"sum": 9}
    assert out["status"] == "COMPLETED"
    assert out["failed"]["status"] == "FAILED"
    assert json.loads(out["failed"]["error"])["error_message"] == "asked to fail"
    assert out["health"]["jobs"]["completed"] == 2
    assert out["health"]["jobs"]["failed"] == 1
    assert out["purge"] == {"removed": 0, "status": "completed"}
    assert out["cancel"]["status"] == "COMPLETED"  # already finished: cancel changes nothing
    assert out["stream"] == ["a", "b", "c"]


async def test_asyncio_endpoint(rp: ModuleType, runpod_emulator: Emulator) -> None:
    from runpod.endpoint.asyncio import Endpoint
    from runpod.http_client import ClientSession

    gate = asyncio.Event()

    async def slow_words(job: dict[str, Any]) -> AsyncIterator[str]:
        for word in job["input"]["words"]:
            yield word
        await gate.wait()

    runpod_emulator.serve_endpoint("sum", handler, workers_min=1)
    runpod_emulator.serve_endpoint("words", slow_words, workers_min=1, workers_max=1)
    async with ClientSession() as session:
        endpoint = Endpoint("sum", session)
        job = await endpoint.run({"numbers": [1, 1]})
        assert await job.output(timeout=30) == {"sum": 2}
        assert await job.status() == "COMPLETED"
        health = await endpoint.health()
        assert health["jobs"]["completed"] == 1

        words = Endpoint("words", session)
        streaming = await words.run({"words": ["x", "y"]})
        queued = await words.run({"words": ["never"]})
        assert await queued.status() == "IN_QUEUE"
        assert await words.purge_queue() == {"removed": 1, "status": "completed"}
        seen: list[str] = []
        async for chunk in streaming.stream():
            seen.append(chunk)
            if len(seen) == 2:
                assert (await streaming.cancel())["status"] == "CANCELLED"
                break
        assert seen == ["x", "y"]
