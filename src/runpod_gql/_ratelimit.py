"""Client-side rate limiting shared by every task that uses one API key.

An AIMD token bucket: unlimited (or a configured rate) until the server answers 429, then all
callers pause for ``Retry-After`` and the rate drops to half of what was getting through;
it climbs back additively while requests succeed. A cap on requests in flight keeps 500
concurrent calls from opening 500 connections.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from ._clock import SYSTEM_CLOCK, Clock

_WINDOW = 2.0  # seconds of completions used to estimate the rate that got through


class RateLimiter:
    """Token bucket + in-flight cap + adaptive decrease on 429."""

    def __init__(
        self,
        *,
        rate: float | None = None,
        burst: int | None = None,
        max_in_flight: int = 64,
        clock: Clock = SYSTEM_CLOCK,
        min_rate: float = 0.5,
    ) -> None:
        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive or None")
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be >= 1")
        self._clock = clock
        self._ceiling = rate
        self.rate = rate
        self._burst = float(burst if burst is not None else max(1, int(rate or 1)))
        self._tokens = self._burst
        self._refilled = clock.monotonic()
        self._paused_until = 0.0
        self._min_rate = min_rate
        self._gate = asyncio.Lock()
        self._slots = asyncio.Semaphore(max_in_flight)
        self._completions: collections.deque[float] = collections.deque()
        self.throttle_events = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one request slot; waits for the bucket and any server-ordered pause."""
        async with self._slots:
            await self._take_token()
            yield

    async def _take_token(self) -> None:
        # One waiter at a time, so tasks are served in arrival order.
        async with self._gate:
            while True:
                now = self._clock.monotonic()
                if now < self._paused_until:
                    await self._clock.sleep(self._paused_until - now)
                    continue
                if self.rate is None:
                    return
                self._tokens = min(self._burst, self._tokens + (now - self._refilled) * self.rate)
                self._refilled = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await self._clock.sleep((1 - self._tokens) / self.rate)

    def on_success(self) -> None:
        now = self._clock.monotonic()
        self._completions.append(now)
        while self._completions and self._completions[0] < now - _WINDOW:
            self._completions.popleft()
        if self.rate is not None and (self._ceiling is None or self.rate < self._ceiling):
            self.rate += max(0.05, self.rate * 0.01)
            if self._ceiling is not None:
                self.rate = min(self.rate, self._ceiling)

    def on_rate_limited(self, retry_after: float | None) -> None:
        """The server said 429: pause everyone and halve the rate."""
        now = self._clock.monotonic()
        self.throttle_events += 1
        self._paused_until = max(self._paused_until, now + (retry_after if retry_after else 1.0))
        while self._completions and self._completions[0] < now - _WINDOW:
            self._completions.popleft()
        observed = len(self._completions) / _WINDOW if self._completions else None
        current = self.rate if self.rate is not None else observed
        self.rate = max(self._min_rate, (current or 2 * self._min_rate) / 2)
        self._burst = max(1.0, min(self._burst, self.rate))
        self._tokens = 0.0
        self._refilled = now


_SHARED: weakref.WeakValueDictionary[str, RateLimiter] = weakref.WeakValueDictionary()


def shared_limiter(url: str, api_key: str, **settings: object) -> RateLimiter:
    """The limiter for this key and endpoint, shared by every client of this event loop.

    Call it from inside the loop: asyncio primitives belong to one loop.
    """
    loop_id = id(asyncio.get_running_loop())
    fingerprint = hashlib.sha256(f"{url}\0{api_key}\0{loop_id}".encode()).hexdigest()
    limiter = _SHARED.get(fingerprint)
    if limiter is None:
        limiter = RateLimiter(**settings)  # type: ignore[arg-type]
        _SHARED[fingerprint] = limiter
    return limiter
