"""Cancellation at every point of a pod's life: inside create, inside a wait, inside a retry sleep.

A tripwire stops the workload at the k-th request (before it is sent, or after the server
applied it but before the client saw the answer) or at the k-th sleep of the client's clock
(retry back-off, Retry-After, readiness polling), and the task is cancelled there. Every k is
tried. With ``launch()`` no pod survives; without it, ``reap()`` finds every leftover — and only
those.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any, Literal

import httpx
import pytest
from httpx_aiohttp import AiohttpTransport

from runpod_gql import RunPod
from runpod_gql.emulator import Emulator, EmulatorTime, Fault, ManualClock
from tests import support
from tests.support import op

from .support import client

GPU = "NVIDIA L4"
Where = Literal["before", "after", "sleep"]


class Tripwire:
    """Hangs the workload at one chosen point, and says when it got there."""

    def __init__(self, where: Where | None = None, at: int = 0) -> None:
        self.where = where
        self.at = at
        self.requests = 0
        self.sleeps = 0
        self.reached = asyncio.Event()
        self.released = asyncio.Event()

    async def hang(self) -> None:
        """Stop here until cancelled. A point that the cancellation cannot reach (a shielded
        clean-up) is released once the cancel was sent, as a slow request would go on."""
        self.reached.set()
        await self.released.wait()


class TrippedTransport(httpx.AsyncBaseTransport):
    def __init__(self, wire: Tripwire) -> None:
        self.wire = wire
        self.inner = AiohttpTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.wire.requests += 1
        number = self.wire.requests
        if self.wire.where == "before" and number == self.wire.at:
            await self.wire.hang()
        trip_after = self.wire.where == "after" and number == self.wire.at
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.TransportError:
            if trip_after:  # the request went out and its answer was lost: cut there too
                await self.wire.hang()
            raise
        if trip_after:
            try:
                await response.aread()
                await self.wire.hang()
            finally:
                await response.aclose()
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class TrippedClock(EmulatorTime):
    def __init__(self, clock: ManualClock, wire: Tripwire) -> None:
        super().__init__(clock)
        self.wire = wire

    async def sleep(self, seconds: float) -> None:
        self.wire.sleeps += 1
        if self.wire.where == "sleep" and self.wire.sleeps == self.wire.at:
            await self.wire.hang()
        await super().sleep(seconds)


def tripped_client(emu: Emulator, wire: Tripwire) -> RunPod:
    assert isinstance(emu.clock, ManualClock)
    http = httpx.AsyncClient(transport=TrippedTransport(wire))
    return client(emu, http_client=http, clock=TrippedClock(emu.clock, wire))


def faults(emu: Emulator) -> None:
    """Make the path long: a 429 and a lost answer on the create, a 5xx on a poll."""
    emu.clear_faults()
    emu.inject(Fault.RATE_LIMIT, operations={op("CreatePod"), "CreateSpotPod"}, retry_after=2)
    emu.inject(Fault.DROP_AFTER, operations={op("CreatePod"), "CreateSpotPod"})
    emu.inject(Fault.SERVER_ERROR, operations={op("ListPodStates"), op("GetPod")}, status=503)


Workload = Callable[[RunPod], Coroutine[Any, Any, None]]


async def run_until_tripped(emu: Emulator, wire: Tripwire, workload: Workload) -> bool:
    """Run the workload; cancel it where the wire trips. True if it tripped (and was cancelled)."""
    faults(emu)
    rp = tripped_client(emu, wire)
    try:
        task = asyncio.create_task(workload(rp))
        tripped = asyncio.create_task(wire.reached.wait())
        await asyncio.wait({task, tripped}, return_when=asyncio.FIRST_COMPLETED)
        tripped.cancel()
        if not task.done():
            task.cancel()
            await asyncio.sleep(0)
            wire.released.set()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return wire.reached.is_set()
    finally:
        await rp.aclose()
        await rp.http_client.aclose()


async def guarded(rp: RunPod) -> None:
    async with rp.pods.launch(
        name="guarded", image="img", gpu_types=[GPU], ssh=False, ready_timeout=900
    ) as pod:
        await rp.pods.metrics(pod.id)


async def guarded_spot(rp: RunPod) -> None:
    async with rp.pods.launch(
        name="guarded-spot",
        image="img",
        gpu_types=GPU,
        spot_bid_per_gpu=0.5,
        ssh=False,
        ready_timeout=900,
    ) as pod:
        await rp.pods.metrics(pod.id)


async def unguarded(rp: RunPod) -> None:
    pod = await rp.pods.create(name="unguarded-od", image="img", gpu_types=[GPU])
    if support.TEST_API == "rest":  # REST v2 has no spot pods: a second on-demand one
        spot = await rp.pods.create(name="unguarded-second", image="img", gpu_types=[GPU])
    else:
        spot = await rp.pods.create_spot(
            name="unguarded-spot", image="img", gpu_type=GPU, bid_per_gpu=0.5
        )
    await rp.pods.wait_all_ready([pod.id, spot.id], timeout=900, ssh=False)
    await rp.pods.metrics(pod.id)
    await rp.pods.stop(spot.id)
    await rp.pods.terminate(pod.id)
    await rp.pods.terminate(spot.id)


async def points(emu: Emulator, workload: Workload) -> tuple[int, int]:
    """Requests and sleeps of one uninterrupted run: the points there are to cut at."""
    wire = Tripwire()
    assert not await run_until_tripped(emu, wire, workload)
    return wire.requests, wire.sleeps


@pytest.mark.parametrize(
    "workload",
    [guarded, pytest.param(guarded_spot, marks=pytest.mark.graphql_only("spot pods"))],
)
async def test_launch_leaves_no_pod_whenever_it_is_cancelled(
    emu: Emulator, workload: Workload
) -> None:
    requests, sleeps = await points(emu, workload)
    assert emu.state.pods == {} and requests >= 8 and sleeps >= 4
    cuts: list[tuple[Where, int]] = [
        *((w, k) for w in ("before", "after") for k in range(1, requests + 1)),
        *(("sleep", k) for k in range(1, sleeps + 1)),
    ]
    for where, k in cuts:
        assert await run_until_tripped(emu, Tripwire(where, k), workload), (where, k)
        assert emu.state.pods == {}, f"pod survived a cancel {where} request/sleep {k}"


async def test_reap_finds_every_leftover_of_an_unguarded_run(emu: Emulator) -> None:
    async with client(emu) as rp:
        other = await rp.pods.create(name="someone-else", image="img", gpu_types=[GPU])
    requests, sleeps = await points(emu, unguarded)
    assert set(emu.state.pods) == {other.id}
    cuts: list[tuple[Where, int]] = [
        *((w, k) for w in ("before", "after") for k in range(1, requests + 1)),
        *(("sleep", k) for k in range(1, sleeps + 1)),
    ]
    leftovers_seen = 0
    for where, k in cuts:
        assert await run_until_tripped(emu, Tripwire(where, k), unguarded), (where, k)
        left = {pid for pid in emu.state.pods if pid != other.id}
        leftovers_seen += bool(left)
        async with client(emu) as rp:  # a fresh process, after the crash
            reaped = await rp.pods.reap(name_prefix="unguarded-")
        assert {p.id for p in reaped} == left, (where, k)
        assert set(emu.state.pods) == {other.id}, (where, k)  # and nothing else was touched
    assert leftovers_seen > 0  # the cuts did leave pods behind for reap to find
