"""Client-side rate limiting shared by every task that uses one API key.

A token bucket that is unlimited (or at a configured rate) until the server answers 429; then
all callers pause for ``Retry-After`` (when sent) and the rate drops to half of what was getting
through, grows back by ``growth_per_second`` each second, and returns to the configured rate
after ``recovery`` seconds without a 429. A cap on requests in flight keeps 500
concurrent calls from opening 500 connections.

REST v2 also says how much quota is left, on every answer: ``RateLimit: "minute";r=5;t=12,
"hour";r=900;t=1800`` with the windows' sizes in ``RateLimit-Policy: "minute";q=60;w=60, ...``
(IETF ratelimit-headers, structured-field lists). :func:`parse_quota` reads them (a malformed
header is ignored, never an error) and :meth:`RateLimiter.on_quota` slows everyone down before
a window runs out: a window with a tenth of its quota left (or 5 requests, when its quota is
unknown) spreads what is left over the time to its reset, and an exhausted one pauses until it
resets.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from . import _validate as v
from ._clock import SYSTEM_CLOCK, Clock

_WINDOW = 2.0  # seconds of completions used to estimate the rate that got through
_LOW_SHARE = 0.1  # pace a quota window once this share of it is left
_LOW_UNKNOWN = 5  # ... or, when its quota is not known, this many requests


@dataclass(frozen=True)
class QuotaWindow:
    """One window of the server's quota: ``remaining`` requests until ``reset`` seconds from now."""

    name: str
    remaining: int
    reset: float
    quota: int | None = None  # the window's size, from RateLimit-Policy
    length: float | None = None  # its length in seconds, from RateLimit-Policy


# A structured-field list member: a string or token, then ;key=value parameters.
_MEMBER = re.compile(
    r'\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z*][\w:/.*-]*))((?:\s*;\s*[a-z*][a-z0-9_.*-]*(?:=[^;,\s]*)?)*)\s*(?:,|$)'
)
_PARAM = re.compile(r";\s*([a-z*][a-z0-9_.*-]*)(?:=([^;,\s]*))?")


def _members(value: str) -> dict[str, dict[str, float]] | None:
    """name -> numeric parameters of a structured-field list; None if it does not parse."""
    found: dict[str, dict[str, float]] = {}
    position = 0
    value = value.strip()
    while position < len(value):
        match = _MEMBER.match(value, position)
        if match is None or match.end() == position:
            return None
        name = match.group(1) if match.group(1) is not None else match.group(2)
        params: dict[str, float] = {}
        for key, raw in _PARAM.findall(match.group(3)):
            try:
                number = float(raw.strip())
            except ValueError:
                continue
            if number == number and abs(number) != float("inf"):  # not NaN, finite
                params[key] = number
        found[name] = params
        position = match.end()
    return found


def parse_quota(ratelimit: str | None, policy: str | None = None) -> list[QuotaWindow]:
    """The windows of a ``RateLimit`` header, sized by ``RateLimit-Policy`` when it is there.

    Anything malformed is left out: a window without ``r`` or ``t``, negative numbers, or a
    header that is not a structured-field list at all (then there are no windows).
    """
    if not ratelimit:
        return []
    members = _members(ratelimit)
    if not members:
        return []
    sizes = _members(policy) if policy else None
    windows = []
    for name, params in members.items():
        remaining, reset = params.get("r"), params.get("t")
        if remaining is None or reset is None or remaining < 0 or reset < 0:
            continue
        size = (sizes or {}).get(name, {})
        quota, length = size.get("q"), size.get("w")
        windows.append(
            QuotaWindow(
                name,
                int(remaining),
                reset,
                int(quota) if quota is not None and quota > 0 else None,
                length if length is not None and length > 0 else None,
            )
        )
    return windows


def exhausted_reset(windows: Sequence[QuotaWindow]) -> float | None:
    """Seconds until the last exhausted window resets (None: none is exhausted)."""
    resets = [w.reset for w in windows if w.remaining <= 0]
    return max(resets) if resets else None


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
        max_pause: float = 60.0,
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
        self.throttle_events: int = 0
        self._max_pause = max_pause
        self._quota_rate: float | None = None  # pacing ordered by a low quota window
        self._quota_until = 0.0

    @property
    def rate(self) -> float | None:
        """Requests per second allowed now (None: unlimited)."""
        return self._rate_at(self._clock.monotonic())

    def _rate_at(self, now: float) -> float | None:
        rate = self._throttle_rate_at(now)
        if self._quota_rate is not None:
            if now >= self._quota_until:
                self._quota_rate = None
            else:
                rate = self._quota_rate if rate is None else min(rate, self._quota_rate)
        return rate

    def _throttle_rate_at(self, now: float) -> float | None:
        if self._throttled_rate is None:
            return self._ceiling
        since = now - self._last_throttle
        if since > self._recovery:
            self._throttled_rate = None
            return self._ceiling
        grown = self._throttled_rate * float(self._growth**since)
        return grown if self._ceiling is None else min(self._ceiling, grown)

    def slot(self) -> _Slot:
        """``async with``: hold one request slot; waits for the bucket and any server pause."""
        return _Slot(self)

    async def acquire(self) -> None:
        """Take one request slot (waiting for the bucket and any server pause); pair it with
        :meth:`release`. The transport's form of :meth:`slot`: no context object per request."""
        await self._slots.acquire()
        if (
            self._ceiling is None
            and self._throttled_rate is None
            and self._quota_rate is None
            and not self._gate.locked()
            and (self._paused_until == 0.0 or self._clock.monotonic() >= self._paused_until)
        ):
            return  # unlimited, never paused, nobody waiting: the common case awaits nothing more
        try:
            await self._take_token()
        except BaseException:  # cancelled while waiting: the slot goes back
            self._slots.release()
            raise

    def release(self) -> None:
        """Give back a slot taken by :meth:`acquire`."""
        self._slots.release()

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

    def on_quota(self, windows: Sequence[QuotaWindow]) -> None:
        """The server's account of the quota left (from any answer): pace or pause before a 429."""
        if not windows:
            return
        now = self._clock.monotonic()
        resets = exhausted_reset(windows)
        if resets is not None:
            self._paused_until = max(self._paused_until, now + min(resets, self._max_pause))
        paced: list[tuple[float, float]] = []  # (rate, until)
        for window in windows:
            low = (
                window.remaining <= max(1, int(window.quota * _LOW_SHARE))
                if window.quota is not None
                else window.remaining <= _LOW_UNKNOWN
            )
            if low and window.remaining > 0 and window.reset > 0:
                rate = window.remaining / window.reset
                paced.append((rate, now + min(window.reset, self._max_pause)))
        if paced:
            rate, until = min(paced)
            self._quota_rate, self._quota_until = rate, until
            self._tokens = min(self._tokens, 1.0)  # no burst on top of the pacing
        elif resets is None:
            self._quota_rate = None  # plenty left everywhere: whatever pacing there was is over

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


class _Slot:
    """One request slot of a limiter, for ``async with``."""

    __slots__ = ("_limiter",)

    def __init__(self, limiter: RateLimiter) -> None:
        self._limiter = limiter

    async def __aenter__(self) -> None:
        await self._limiter.acquire()

    async def __aexit__(self, *exc_info: object) -> None:
        self._limiter.release()


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
