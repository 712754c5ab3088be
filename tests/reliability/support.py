"""Shared pieces of the reliability suite: clients on the emulator's time (runpod_gql's
EmulatorTime), and a log capture that proves the API key never shows up."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from runpod_gql import RetryPolicy, RunPod
from runpod_gql.emulator import Emulator, EmulatorTime, ManualClock
from tests import support

# Distinctive, so a leak anywhere is found by a plain substring search.
API_KEY = "rpa_RELIABILITY_S3CRET_8f2c41d09e7b"

# Short waits, so a held (TIMEOUT) response costs little real time; the emulator holds longer.
CLIENT_TIMEOUT = httpx.Timeout(0.5, connect=5.0)
HELD_SECONDS = 2.0


def emulator(seed: int = 0, **kwargs: Any) -> Emulator:
    """An emulator on a ManualClock with the suite's key."""
    kwargs.setdefault("boot_seconds", 20.0)
    kwargs.setdefault("ssh_seconds", 10.0)
    return Emulator(api_key=API_KEY, clock=ManualClock(), seed=seed, **kwargs)


_clients = itertools.count(1)


def client(
    emu: Emulator,
    *,
    seed: int = 0,
    clock: Any = None,
    http_client: httpx.AsyncClient | None = None,
    retry: RetryPolicy | None = None,
    **kwargs: Any,
) -> RunPod:
    """A client of ``emu`` whose time is the emulator's (no real waiting).

    Each client gets its own URL (a query string the emulator ignores): the client shares one
    rate limiter per (URL, key) across a process, and that limiter keeps the clock of the first
    client that made it — a fresh client with a fresh clock must not inherit it.
    """
    assert isinstance(emu.clock, ManualClock)
    return RunPod(
        emu.api_key,
        url=f"{emu.url}?client={next(_clients)}",
        clock=clock if clock is not None else EmulatorTime(emu.clock),
        timeout=CLIENT_TIMEOUT,
        retry=retry or RetryPolicy(max_retries=4, deadline=None),
        rate_limit=None,
        http_client=http_client,
        seed=seed,
        env={},  # never read the developer's RUNPOD_API_KEY or config files
        **{"api": support.TEST_API, **kwargs},
    )


class LogCapture(logging.Handler):
    """Keeps every record (formatted, with any traceback) logged under ``runpod_gql``."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@contextmanager
def capture_logs() -> Iterator[LogCapture]:
    """Capture the ``runpod_gql`` logger (and its children, the emulator's) at DEBUG."""
    handler = LogCapture()
    log = logging.getLogger("runpod_gql")
    old_level = log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)


def leaks(text: str, secret: str = API_KEY) -> bool:
    """Whether ``text`` shows the secret (or a long enough piece of it to matter)."""
    return secret in text or secret[8:] in text
