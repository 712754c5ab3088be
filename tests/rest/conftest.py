"""Fixtures: the scripted loopback server, a client for it, and a clock whose sleeps are instant."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from aiohttp import web

from runpod_gql import RetryPolicy, RunPod
from runpod_gql.emulator import EmulatorTime
from tests.support import fake_clock

from .support import TEST_KEY, ScriptedServer


@pytest_asyncio.fixture
async def server() -> AsyncIterator[ScriptedServer]:
    scripted = ScriptedServer()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", scripted.dispatch)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    scripted.base = f"http://127.0.0.1:{port}"
    try:
        yield scripted
    finally:
        await runner.cleanup()


@pytest_asyncio.fixture
async def clock() -> EmulatorTime:
    return fake_clock()


@pytest_asyncio.fixture
async def rp(server: ScriptedServer, clock: EmulatorTime) -> AsyncIterator[RunPod]:
    policy = RetryPolicy(max_retries=3, initial_backoff=0.5, max_backoff=4.0, jitter=0.0)
    client = RunPod(
        api_key=TEST_KEY, url=f"{server.base}/graphql", clock=clock, env={}, seed=1, retry=policy
    )
    async with client:
        yield client
