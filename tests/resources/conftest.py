from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from runpod_gql.emulator import Emulator, ManualClock
from tests.support import API_KEY, api  # noqa: F401  (every test on both APIs)


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(api_key=API_KEY, clock=ManualClock()) as emulator:
        yield emulator
