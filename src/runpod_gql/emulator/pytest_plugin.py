"""pytest plugin of the ``emulator`` extra, registered through the ``pytest11`` entry point.

Fixtures (they need pytest-asyncio):

``runpod_emulator``
    A started :class:`~runpod_gql.emulator.Emulator` on a ``ManualClock``: time moves only through
    ``runpod_emulator.clock.advance(seconds)``. Key ``test-key``; URL ``runpod_emulator.url``.
``runpod_client``
    A :class:`~runpod_gql.RunPod` wired to ``runpod_emulator`` (``runpod_emulator.client()``): its
    URL, its key and its time, so ``wait_until_ready`` and retry back-off advance the emulator's
    clock instead of waiting on real time. Closed after the test.
``runpod_emulator_factory``
    ``await runpod_emulator_factory(**kwargs)`` starts an Emulator with any constructor arguments
    (e.g. ``speed=1000`` for fast real time, ``ssh_port=...``); all are stopped after the test.
    ``emu.client()`` gives a client of each.

This module is imported by every pytest run in an environment where runpod-gql is installed, so
it imports nothing heavy at import time and never fails there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from runpod_gql.client import RunPod
    from runpod_gql.emulator import Emulator

try:
    from pytest_asyncio import fixture as _async_fixture
except ImportError:  # pragma: no cover - the fixtures then need another async plugin
    _async_fixture = pytest.fixture  # type: ignore[assignment]

EmulatorFactory = Callable[..., Awaitable["Emulator"]]


@_async_fixture
async def runpod_emulator_factory() -> AsyncIterator[EmulatorFactory]:
    from runpod_gql.emulator import Emulator

    started: list[Emulator] = []

    async def make(**kwargs: Any) -> Emulator:
        emu = Emulator(**kwargs)
        await emu.start()
        started.append(emu)
        return emu

    try:
        yield make
    finally:
        for emu in reversed(started):
            await emu.stop()


@_async_fixture
async def runpod_emulator(runpod_emulator_factory: EmulatorFactory) -> Emulator:
    from runpod_gql.emulator import ManualClock

    return await runpod_emulator_factory(clock=ManualClock())


@_async_fixture
async def runpod_client(runpod_emulator: Emulator) -> AsyncIterator[RunPod]:
    async with runpod_emulator.client() as rp:
        yield rp
