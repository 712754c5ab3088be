"""Unmodified runpod-python (string-built queries, no operationName) against the emulator."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

import pytest

from runpod_gql.emulator import Emulator


@pytest.fixture
def rp(
    runpod_module: ModuleType, runpod_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> ModuleType:
    monkeypatch.setenv("RUNPOD_API_BASE_URL", runpod_emulator.base_url)  # read on every call
    monkeypatch.setattr(runpod_module, "api_key", runpod_emulator.api_key)
    return runpod_module


async def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    return await asyncio.to_thread(fn, *args, **kwargs)


async def test_pod_functions(rp: ModuleType, runpod_emulator: Emulator) -> None:
    gpus = await call(rp.get_gpus)
    assert {"id": "NVIDIA GeForce RTX 3070", "displayName": "RTX 3070", "memoryInGb": 8} in gpus

    created = await call(
        rp.create_pod,
        "rp-test",
        "runpod/stack",
        "NVIDIA GeForce RTX 3070",
        ports="22/tcp",
        env={"A": "1"},
    )
    pod_id = created["id"]
    assert created["env"] == ["A=1"]
    assert created["machine"]["podHostId"].startswith(pod_id)

    runpod_emulator.clock.advance(30)
    pod = await call(rp.get_pod, pod_id)
    assert pod["desiredStatus"] == "RUNNING"
    assert pod["machine"]["gpuDisplayName"] == "RTX 3070"
    assert any(p["isIpPublic"] and p["privatePort"] == 22 for p in pod["runtime"]["ports"])
    pods = await call(rp.get_pods)
    assert [p["id"] for p in pods] == [pod_id]

    stopped = await call(rp.stop_pod, pod_id)
    assert stopped == {"id": pod_id, "desiredStatus": "EXITED"}
    resumed = await call(rp.resume_pod, pod_id, 1)
    assert resumed["desiredStatus"] == "RUNNING"
    await call(rp.terminate_pod, pod_id)
    assert await call(rp.get_pod, pod_id) is None
    with pytest.raises(rp.error.QueryError, match="pod not found to terminate"):
        await call(rp.terminate_pod, pod_id)

    cpu = await call(rp.create_pod, "cpu", "ubuntu", instance_id="cpu3c-2-4")
    assert runpod_emulator.state.pods[cpu["id"]].gpu_count == 0

    # The real-world shapes: anonymous mutations and named string-built queries.
    ops = [r.operation for r in runpod_emulator.requests]
    assert "podFindAndDeployOnDemand" in ops
    assert "myPods" in ops
    assert "GpuTypes" in ops
    assert all(r.status == 200 for r in runpod_emulator.requests)


async def test_capacity_error_reaches_runpod_python(
    rp: ModuleType, runpod_emulator: Emulator
) -> None:
    runpod_emulator.set_stock("NVIDIA GeForce RTX 3070", 0)
    with pytest.raises(rp.error.QueryError, match="no longer any instances available"):
        await call(rp.create_pod, "x", "img", "NVIDIA GeForce RTX 3070")


async def test_wrong_key(rp: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rp, "api_key", "wrong")
    with pytest.raises(rp.error.AuthenticationError):
        await call(rp.get_pods)
