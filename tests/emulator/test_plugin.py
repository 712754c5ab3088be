"""The pytest plugin's fixtures, as a user gets them from the entry point."""

from __future__ import annotations

import httpx

from runpod_gql.emulator import Emulator, ManualClock
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
