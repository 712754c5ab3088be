"""Client-side rate limiting shared by every task that uses one API key.

A token bucket that is unlimited (or at a configured rate) until the server answers 429; then
all callers pause for ``Retry-After`` (when sent) and the rate drops to half of what was getting
through, grows back by ``growth_per_second`` each second, and returns to the configured rate
after ``recovery`` seconds without a 429. A cap on requests in flight keeps 500
concurrent calls from opening 500 connections.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from . import _validate as v
from ._clock import SYSTEM_CLOCK, Clock

_WINDOW = 2.0  # seconds of completions used to estimate the rate that got through


class RateLimiter:
    """Token bucket + in-flight cap + multiplicative decrease on 429, growth over time after it."""

    def __init__(
        self,
        *,
        rate: float | None = None,
        burst: int | None = None,
        max_in_flight: int = 64,
        clock: Clock = SYSTEM_CLOCK,
        min_rate: float = 1.0,
        recovery: float = 30.0,
        growth_per_second: float = 1.2,
    ) -> None:
        if rate is not None:
            v.number("rate", rate)  # positive and finite, else InputValidationError (a ValueError)
        v.integer("max_in_flight", max_in_flight, minimum=1)
        self._clock = clock
        self._ceiling = rate
        self._burst_ceiling = float(burst if burst is not None else max(1, int(rate or 1)))
        self._tokens = self._burst_ceiling
        self._refilled = clock.monotonic()
        self._paused_until = 0.0
        self._min_rate = min_rate
        self._recovery = recovery
        self._growth = growth_per_second
        self._throttled_rate: float | None = None  # the rate right after the last 429
        self._last_throttle = 0.0
        self._gate = asyncio.Lock()
        self._slots = asyncio.Semaphore(max_in_flight)
        self._completions: collections.deque[float] = collections.deque()
        self.throttle_events = 0

    @property
    def rate(self) -> float | None:
        """Requests per second allowed now (None: unlimited)."""
        return self._rate_at(self._clock.monotonic())

    def _rate_at(self, now: float) -> float | None:
        if self._throttled_rate is None:
            return self._ceiling
        since = now - self._last_throttle
        if since > self._recovery:
            self._throttled_rate = None
            return self._ceiling
        grown = self._throttled_rate * float(self._growth**since)
        return grown if self._ceiling is None else min(self._ceiling, grown)

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
                rate = self._rate_at(now)
                if rate is None:
                    return
                burst = max(1.0, min(self._burst_ceiling, rate))
                self._tokens = min(burst, self._tokens + (now - self._refilled) * rate)
                self._refilled = now
                if self._tokens >= 1 - 1e-9:  # float refill may land a hair under 1
                    self._tokens = max(0.0, self._tokens - 1)
                    return
                # At least a millisecond: a smaller step can vanish in a large clock value.
                await self._clock.sleep(max(0.001, (1 - self._tokens) / rate))

    def on_success(self) -> None:
        now = self._clock.monotonic()
        self._completions.append(now)
        while self._completions and self._completions[0] < now - _WINDOW:
            self._completions.popleft()

    def on_rate_limited(self, retry_after: float | None) -> None:
        """The server said 429: pause everyone for Retry-After and halve the rate (once per burst)."""
        now = self._clock.monotonic()
        self.throttle_events += 1
        if retry_after:
            self._paused_until = max(self._paused_until, now + retry_after)
        if self._throttled_rate is not None and now - self._last_throttle < 1.0:
            return  # the rest of the same burst of 429s: one decrease is enough
        while self._completions and self._completions[0] < now - _WINDOW:
            self._completions.popleft()
        # The rate that got through recently (over at least a quarter second, so a short burst
        # is not mistaken for a high sustained rate).
        span = max(0.25, now - self._completions[0]) if self._completions else _WINDOW
        observed = len(self._completions) / span if self._completions else None
        current = self._rate_at(now) or observed or 2 * self._min_rate
        self._throttled_rate = max(self._min_rate, current / 2)
        self._last_throttle = now
        # One token left: the retry of the refused request goes first once the pause is over.
        self._tokens = 1.0
        self._refilled = now


_SHARED: weakref.WeakValueDictionary[str, RateLimiter] = weakref.WeakValueDictionary()


def shared_limiter(url: str, api_key: str, clock: Clock, **settings: object) -> RateLimiter:
    """The limiter for this key and endpoint, shared by every client of this event loop.

    Call it from inside the loop: asyncio primitives belong to one loop.
    """
    # Keyed by loop and clock too: a limiter sleeps on one loop and one clock.
    scope = f"{id(asyncio.get_running_loop())}\0{id(clock)}"
    fingerprint = hashlib.sha256(f"{url}\0{api_key}\0{scope}".encode()).hexdigest()
    limiter = _SHARED.get(fingerprint)
    if limiter is None:
        limiter = RateLimiter(clock=clock, **settings)  # type: ignore[arg-type]
        _SHARED[fingerprint] = limiter
    return limiter
