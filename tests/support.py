"""Helpers shared by the client tests: a clock that drives the emulator's, and a client factory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from runpod_gql import RetryPolicy, RunPod
from runpod_gql.emulator import Emulator, ManualClock

API_KEY = "rpa_TESTKEY_0123456789abcdefghij"


class EmulatorDrivenClock:
    """A client clock whose sleeps move the emulator's ManualClock: polling and back-off run
    instantly and deterministically, and every wait is recorded."""

    def __init__(self, emulated: ManualClock | None = None) -> None:
        self.emulated = emulated
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        self.sleeps.append(seconds)
        self.now += seconds
        if self.emulated is not None:
            self.emulated.advance(seconds)
        await asyncio.sleep(0)


def client_for(emu: Emulator, **kwargs: Any) -> RunPod:
    """A RunPod client for the emulator, with a clock that drives the emulator's (when manual)."""
    clock = kwargs.pop("clock", None)
    if clock is None:
        manual = emu.clock if isinstance(emu.clock, ManualClock) else None
        clock = EmulatorDrivenClock(manual)
    kwargs.setdefault("retry", RetryPolicy(max_retries=3, initial_backoff=0.5, max_backoff=4.0))
    return RunPod(api_key=emu.api_key, url=emu.url, clock=clock, env={}, seed=1, **kwargs)


@contextmanager
def capture_logs(name: str = "runpod_gql") -> Iterator[list[str]]:
    """Every record of ``name`` at DEBUG and above, formatted with its arguments."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Collect(level=logging.DEBUG)
    logger = logging.getLogger(name)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
