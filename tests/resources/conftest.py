from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from runpod_gql.emulator import Emulator, ManualClock
from tests.support import API_KEY


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(api_key=API_KEY, clock=ManualClock()) as emulator:
        yield emulator


@pytest.fixture(params=["graphql", "rest"])
def api(request: pytest.FixtureRequest) -> str:
    """Each test taking ``api`` runs against both of the emulator's APIs."""
    if request.param == "rest" and importlib.util.find_spec("runpod_gql.emulator._rest") is None:
        pytest.skip("this emulator does not speak REST v2 yet")
    return str(request.param)
