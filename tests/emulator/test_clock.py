"""Time: the speed factor, the manual clock, and jumps on a real-time clock."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from runpod_gql.emulator import Emulator, ManualClock, ScaledClock
from runpod_gql.emulator._clock import DEFAULT_EPOCH
from runpod_gql.emulator.pytest_plugin import EmulatorFactory

from .conftest import post

CREATE = (
    'mutation { podFindAndDeployOnDemand(input: {gpuTypeId: "NVIDIA L4", imageName: "x"}) { id } }'
)


def test_manual_clock() -> None:
    clock = ManualClock()
    assert clock.now() == DEFAULT_EPOCH
    assert clock.advance(1.5) == DEFAULT_EPOCH + 1.5
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)


def test_scaled_clock_runs_faster_and_jumps() -> None:
    clock = ScaledClock(speed=1000)
    t0, m0 = clock.now(), time.monotonic()
    time.sleep(0.01)
    elapsed_real = time.monotonic() - m0
    assert clock.now() - t0 >= 0.01 * 1000  # at least 10 emulated seconds
    assert clock.now() - t0 <= (elapsed_real + 1) * 1000
    before = clock.now()
    assert clock.advance(3600) >= before + 3600
    with pytest.raises(ValueError, match="speed"):
        ScaledClock(speed=0)


async def test_speed_factor_boots_a_pod_in_real_milliseconds(
    runpod_emulator_factory: EmulatorFactory,
) -> None:
    # 30 emulated seconds of boot at 1000x: ~30 ms real. Poll with a generous real deadline.
    emu: Emulator = await runpod_emulator_factory(speed=1000)
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with httpx.AsyncClient(base_url=emu.base_url, headers=headers) as http:
        pod_id = (await post(http, CREATE)).json()["data"]["podFindAndDeployOnDemand"]["id"]
        query = f'{{ pod(input: {{podId: "{pod_id}"}}) {{ desiredStatus runtime {{ uptimeInSeconds }} }} }}'
        deadline = time.monotonic() + 10
        polls = 0
        while True:
            polls += 1
            pod = (await post(http, query)).json()["data"]["pod"]
            if pod["runtime"] is not None or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.01)
    assert pod["desiredStatus"] == "RUNNING"
    assert pod["runtime"] is not None
    assert emu.request_count("pod") == polls


async def test_real_time_clock_can_jump(runpod_emulator_factory: EmulatorFactory) -> None:
    emu: Emulator = await runpod_emulator_factory(speed=1.0)
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with httpx.AsyncClient(base_url=emu.base_url, headers=headers) as http:
        await post(http, CREATE)
        assert {p.desired_status for p in emu.state.pods.values()} == {"CREATED"}
        await http.post("/_emulator/clock/advance", json={"seconds": 60})
        assert {p.desired_status for p in emu.state.pods.values()} == {"RUNNING"}
