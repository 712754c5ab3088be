"""``EmulatorTime``: a clock for the client that follows an emulator's time.

A client polls, backs off and honours ``Retry-After`` by sleeping on its clock. Against an
emulator on a ``ManualClock`` real sleeps would wait while emulated time stands still; this clock
moves emulated time instead, so a 10-minute readiness wait costs no real time and replays exactly.
It satisfies the client's ``Clock`` protocol structurally: the emulator imports nothing from the
client.
"""

from __future__ import annotations

import asyncio

from ._clock import Clock, ManualClock, ScaledClock

__all__ = ["EmulatorTime"]


class EmulatorTime:
    """``RunPod(clock=EmulatorTime(emu.clock))``: the client's time is the emulator's.

    On a :class:`ManualClock`, ``sleep(s)`` advances emulated time by ``s`` and yields to the
    event loop once; sleeps of concurrent tasks each advance it (two tasks sleeping 1 s move it
    2 s), which keeps a run deterministic. On a :class:`ScaledClock` (``speed`` emulated seconds
    per real second) ``sleep(s)`` waits ``s / speed`` real seconds. ``monotonic()`` is emulated
    seconds since this clock was made. ``sleeps`` records every sleep asked for, in order.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.sleeps: list[float] = []
        self._slept = 0.0  # ManualClock: exact, where epoch-sized floats lose sub-ms steps
        self._start = clock.now()

    def __repr__(self) -> str:
        return f"EmulatorTime({type(self.clock).__name__}, monotonic={self.monotonic():.3f})"

    def monotonic(self) -> float:
        if isinstance(self.clock, ManualClock):
            return self._slept
        return self.clock.now() - self._start

    async def sleep(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        self.sleeps.append(seconds)
        if isinstance(self.clock, ScaledClock):
            await asyncio.sleep(seconds / self.clock.speed)
            return
        if seconds > 0:
            self._slept += seconds
            self.clock.advance(seconds)
        await asyncio.sleep(0)
