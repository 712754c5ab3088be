from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from runpod_gql.emulator import Emulator, ManualClock
from tests import support
from tests.support import API_KEY


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(api_key=API_KEY, clock=ManualClock()) as emulator:
        yield emulator


@pytest.fixture(params=["graphql", "rest"], autouse=True)
def api(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every resources test runs against both of the emulator's APIs: the clients it makes
    (``client_for``) use this mode. ``@pytest.mark.graphql_only("why")`` keeps a test to
    GraphQL where what it checks has no REST v2 equivalent (spot pods, bids, ...)."""
    if request.param == "rest":
        if importlib.util.find_spec("runpod_gql.emulator._rest") is None:
            pytest.skip("this emulator does not speak REST v2 yet")
        marker = request.node.get_closest_marker("graphql_only")
        if marker is not None:
            pytest.skip(f"GraphQL only: {marker.args[0] if marker.args else ''}")
    monkeypatch.setattr(support, "TEST_API", request.param)
    return str(request.param)
