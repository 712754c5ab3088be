"""Fixtures of the reliability suite; every test here also proves the API key never leaks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from runpod_gql import RunPod
from runpod_gql.emulator import Emulator
from tests.support import api  # noqa: F401  (every test on both APIs)

from .support import LogCapture, capture_logs, client, emulator, leaks


@pytest.fixture(autouse=True)
def key_never_logged() -> Iterator[LogCapture]:
    """Capture the ``runpod_gql`` logger at DEBUG for the test; fail it if the key shows up."""
    with capture_logs() as logs:
        yield logs
    assert not leaks(logs.text), "the API key appeared in a log line"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """An emulator with the suite's key on a ManualClock; its request log is checked for the key."""
    server = emulator()
    async with server:
        yield server
    assert not leaks("\n".join(repr(r.to_json()) for r in server.requests))


@pytest.fixture
async def rp(emu: Emulator) -> AsyncIterator[RunPod]:
    """A client of ``emu`` whose sleeps advance the emulator's clock."""
    async with client(emu) as c:
        yield c
