"""Emulated time: a scaled real-time clock and a manual clock for tests.

Every time-dependent behaviour of the emulator (boot delays, uptime, billing) reads one of these,
never the wall clock directly, so a 90-second boot can take milliseconds.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Protocol

__all__ = ["DEFAULT_EPOCH", "Clock", "EmulatedClock", "ManualClock", "ScaledClock"]

# ManualClock starts here so timestamps in tests are reproducible.
DEFAULT_EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()


class EmulatedClock(Protocol):
    """Emulated time in seconds since the Unix epoch (``runpod_gql.Clock`` is the client's)."""

    def now(self) -> float: ...

    def advance(self, seconds: float) -> float:
        """Jump forward by ``seconds``; returns the new time."""
        ...


Clock = EmulatedClock  # its name inside the emulator; public as EmulatedClock


class ScaledClock:
    """Real time multiplied by ``speed`` (emulated seconds per real second) from its creation."""

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be > 0")
        self.speed = speed
        self._wall0 = time.time()
        self._mono0 = time.monotonic()
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._wall0 + self._offset + (time.monotonic() - self._mono0) * self.speed

    def advance(self, seconds: float) -> float:
        """Jump forward (e.g. past a boot) on top of the scaled flow of time."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        with self._lock:
            self._offset += seconds
        return self.now()


class ManualClock:
    """A clock that moves only when told to: ``advance(seconds)``. Safe to advance from any thread."""

    def __init__(self, start: float = DEFAULT_EPOCH) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        """Move time forward by ``seconds`` (>= 0); returns the new time."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        with self._lock:
            self._now += seconds
            return self._now
