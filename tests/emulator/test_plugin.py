"""The pytest plugin's fixtures, as a user gets them from the entry point."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from runpod_gql import RunPod, ServerError
from runpod_gql.emulator import Emulator, EmulatorTime, Fault, ManualClock, ScaledClock
from runpod_gql.emulator.pytest_plugin import EmulatorFactory


async def test_runpod_emulator_fixture_is_started_on_a_manual_clock(
    runpod_emulator: Emulator,
) -> None:
    assert isinstance(runpod_emulator.clock, ManualClock)
    async with httpx.AsyncClient() as client:
        r = await client.get(runpod_emulator.base_url + "/_emulator/health")
    assert r.status_code == 200


async def test_factory_starts_independent_emulators(
    runpod_emulator_factory: EmulatorFactory,
) -> None:
    a = await runpod_emulator_factory(api_key="a", seed=1)
    b = await runpod_emulator_factory(api_key="b", seed=1)
    assert a.port != b.port
    a.set_stock("NVIDIA A40", 0)
    assert b.state.stock[("NVIDIA A40", "US-TX-3")] > 0


async def test_emulator_stops_and_frees_its_port() -> None:
    emu = Emulator(clock=ManualClock())
    async with emu:
        port = emu.port
    async with Emulator(port=port, clock=ManualClock()) as again:
        assert again.port == port


async def test_runpod_client_waits_on_emulated_time_not_real_time(
    runpod_client: RunPod, runpod_emulator: Emulator
) -> None:
    # A ManualClock stands still unless advanced: a client on real time would wait out the
    # whole time-out here; the fixture's client moves emulated time by its own polling.
    pod = await runpod_client.pods.create(name="t", image="img", gpu_types=["NVIDIA A40"])
    start = runpod_emulator.clock.now()
    real_start = time.monotonic()
    state = await runpod_client.pods.wait_until_ready(pod.id, timeout=600, ssh=False)
    assert state.status == "RUNNING"
    waited = runpod_emulator.clock.now() - start
    assert 30 <= waited < 600  # boot (20 s) + ports (10 s), found by polling
    polls = sum(runpod_emulator.request_count(op) for op in ("GetPod", "pod", "getPod"))
    assert polls >= 2  # GraphQL's GetPod, or REST v2's getPod on the default api="auto"
    assert time.monotonic() - real_start < waited  # emulated seconds were not slept for real


async def test_emulator_client_defaults_and_overrides(runpod_emulator: Emulator) -> None:
    runpod_emulator.inject(Fault.SERVER_ERROR, status=503)
    async with runpod_emulator.client(max_retries=0) as rp:
        assert rp.config.url == runpod_emulator.url
        assert rp.config.api_key.reveal() == runpod_emulator.api_key
        assert rp.config.api_key_source == "the api_key argument"
        with pytest.raises(ServerError):  # max_retries=0 reached RunPod: no retry
            await rp.pods.list()
        assert (await rp.pods.list()) == []
    assert runpod_emulator.request_count() == 2
    # Every client of one emulator shares its clock.
    assert runpod_emulator.client_clock is runpod_emulator.client_clock


async def test_emulator_time_on_a_scaled_clock_sleeps_the_scaled_share() -> None:
    clock = ScaledClock(speed=1000)
    time_ = EmulatorTime(clock)
    before = time_.monotonic()
    await time_.sleep(5)  # 5 emulated seconds: 5 ms of real time
    assert time_.monotonic() - before >= 5
    assert time_.sleeps == [5]


async def test_emulator_time_on_a_manual_clock_advances_it() -> None:
    clock = ManualClock()
    time_ = EmulatorTime(clock)
    t0 = clock.now()
    await time_.sleep(2.5)
    await time_.sleep(-1)  # a negative sleep is no sleep
    assert clock.now() - t0 == 2.5
    assert time_.monotonic() == 2.5
    assert time_.sleeps == [2.5, 0.0]


def test_importing_the_emulator_does_not_load_the_client() -> None:
    # The emulator shares only schemas with the client; Emulator.client() loads it when called.
    code = (
        "import sys, runpod_gql.emulator, runpod_gql.emulator.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.startswith(('runpod_gql.client', "
        "'runpod_gql.resources', 'runpod_gql._transport', 'runpod_gql_generated'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
