"""Client-side rate limiting against the emulator's per-key token bucket."""

from __future__ import annotations

import asyncio

import pytest

from runpod_gql import RunPod
from runpod_gql._ratelimit import RateLimiter
from runpod_gql.emulator import Emulator
from tests.support import fake_clock


async def test_500_concurrent_queries_all_succeed_without_a_429_storm(emu: Emulator) -> None:
    emu.set_rate_limit(per_second=400, burst=40)
    # Real time here: the server's bucket refills in real time.
    async with RunPod(api_key=emu.api_key, url=emu.url, env={}, max_retries=6) as rp:
        results = await asyncio.gather(*(rp.account.get() for _ in range(500)))
    assert len(results) == 500 and all(a.id for a in results)
    got_429 = sum(1 for r in emu.requests if r.status == 429)
    print(
        f"\n500 concurrent queries: {got_429} HTTP 429 from the server, {rp.stats.retries} retries"
    )
    assert rp.stats.requests == 500 + rp.stats.retries
    # Without the limiter the 64 requests in flight would blow the 40-token burst again and
    # again; with it, only the first burst (and a few probes while it climbs back) are refused.
    assert got_429 < 100


async def test_limiter_paces_to_the_configured_rate() -> None:
    clock = fake_clock()
    limiter = RateLimiter(rate=10, burst=1, clock=clock)
    for _ in range(11):
        async with limiter.slot():
            pass
    assert clock.monotonic() == pytest.approx(1.0)


async def test_limiter_halves_on_429_and_recovers() -> None:
    clock = fake_clock()
    limiter = RateLimiter(rate=None, clock=clock, recovery=30)
    for _ in range(40):
        async with limiter.slot():
            limiter.on_success()
        await clock.sleep(0.05)  # 20 requests a second get through
    limiter.on_rate_limited(retry_after=2)
    assert limiter.rate is not None and 8 <= limiter.rate <= 12, limiter.rate
    before = clock.monotonic()
    async with limiter.slot():
        pass
    assert clock.monotonic() - before == 2  # everyone paused for Retry-After
    await clock.sleep(31)
    limiter.on_success()
    assert limiter.rate is None  # back to unlimited after a quiet period
