"""Helpers shared by the client tests: clients of the emulator on its time, and a log capture."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from runpod_gql import ApiMode, RetryPolicy, RunPod
from runpod_gql.emulator import Emulator, EmulatorTime, ManualClock

API_KEY = "rpa_TESTKEY_0123456789abcdefghij"
TEST_API: ApiMode = os.environ.get("RUNPOD_GQL_TEST_API", "graphql")  # type: ignore[assignment]
"""The API mode clients of the emulator use in tests that do not choose one themselves."""


def fake_clock() -> EmulatorTime:
    """A client clock on its own ManualClock: sleeps return at once and are recorded, and move
    no emulator (for tests of retries and limits, or against a real-time emulator)."""
    return EmulatorTime(ManualClock())


def client_for(emu: Emulator, **kwargs: Any) -> RunPod:
    """A client of the emulator whose sleeps advance its ManualClock (a fresh clock per client,
    so each test reads its own ``sleeps``); against a real-time emulator, a fake clock."""
    manual = isinstance(emu.clock, ManualClock)
    kwargs.setdefault("clock", EmulatorTime(emu.clock) if manual else fake_clock())
    kwargs.setdefault("retry", RetryPolicy(max_retries=3, initial_backoff=0.5, max_backoff=4.0))
    kwargs.setdefault("api", TEST_API)  # a module global: the resources fixture switches it
    return emu.client(seed=1, **kwargs)


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


def alive(pid: int) -> bool:
    """Running and not a zombie (PID 1 in a container may never reap orphans)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def gone(*pids: int, within: float = 10.0) -> bool:
    """Whether every one of ``pids`` has died within ``within`` seconds.

    A SIGKILL takes effect when its target next runs: on a loaded machine that is not at once, so
    checking right after ``kill()`` returned would see a process that is already doomed.
    """
    deadline = time.monotonic() + within
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


# GraphQL operation names as the REST v2 operationIds the emulator records and faults by.
_REST_OPS = {
    "CreatePod": "createPod",
    "CreateCpuPod": "createPod",
    "GetPod": "getPod",
    "ListPods": "listPods",
    "ListPodStates": "listPods",  # v2 has no lighter list
    "StopPod": "podAction",
    "ResumePod": "podAction",
    "TerminatePod": "deletePod",
    "EditPodJob": "updatePod",
}


def op(name: str) -> str:
    """A GraphQL operation's name, or its REST v2 operationId when the tests drive REST."""
    return _REST_OPS.get(name, name) if TEST_API == "rest" else name


@pytest.fixture(params=["graphql", "rest"], autouse=True)
def api(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run every test of a suite against both of the emulator's APIs (import this fixture into a
    suite's conftest): the clients it makes (``client_for``) use this mode, and ``op()`` names
    the operation that mode sends. ``@pytest.mark.graphql_only("why")`` keeps a test to GraphQL
    where what it checks has no REST v2 equivalent (spot pods, bids, ...)."""
    if request.param == "rest":
        marker = request.node.get_closest_marker("graphql_only")
        if marker is not None:
            pytest.skip(f"GraphQL only: {marker.args[0] if marker.args else ''}")
    monkeypatch.setattr(sys.modules[__name__], "TEST_API", request.param)
    return str(request.param)
