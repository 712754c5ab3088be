"""``runpod-gql endpoints run/health`` and ``jobs status/cancel`` against ``runpod-gql emulator
--endpoint ID=module:function`` (both real processes)."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import CLI, Result, World

WORKER = """
import time

def handler(job):
    if job["input"].get("fail"):
        raise ValueError("no such model")
    if job["input"].get("sleep"):
        time.sleep(job["input"]["sleep"])
    return {"upper": job["input"]["text"].upper()}

def words(job):
    yield from job["input"]["text"].split()
"""


@pytest.fixture(scope="module")
def jobs_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    key = f"cli-jobs-{secrets.token_hex(12)}"
    home = tmp_path_factory.mktemp("jobs")
    (home / "worker.py").write_text(WORKER)
    proc = subprocess.Popen(
        [
            CLI,
            "emulator",
            "--port=0",
            f"--api-key={key}",
            "--speed=10",  # cold starts take 0.2 s; results stay 3 minutes
            "--endpoint=upper=worker:handler",
            "--endpoint=words=worker:words",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=home,
        env={k: v for k, v in os.environ.items() if not k.startswith("RUNPOD_")},
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert "listening on" in first, first + (proc.stderr.read() if proc.stderr else "")
    try:
        yield World(first.rsplit(" ", 1)[-1].strip(), key, home, None, proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()


def test_run_sync_prints_the_output(jobs_world: World) -> None:
    r = jobs_world.cli("endpoints", "run", "upper", "--input", '{"text": "hi"}', "--sync")
    assert r.code == 0, r.stderr
    assert json.loads(r.stdout) == {"upper": "HI"}


def test_run_then_status_and_health(jobs_world: World, tmp_path: Path) -> None:
    payload = tmp_path / "in.json"
    payload.write_text('{"text": "later"}')
    r = jobs_world.cli("endpoints", "run", "upper", "--input", f"@{payload}", "--json")
    assert r.code == 0, r.stderr
    job = r.json()
    assert isinstance(job, dict)
    assert job["status"] == "IN_QUEUE"
    for _ in range(50):
        status = jobs_world.cli("jobs", "status", "upper", job["id"], "--json")
        assert status.code == 0, status.stderr
        state = status.json()
        assert isinstance(state, dict)
        if state["status"] == "COMPLETED":
            break
    assert isinstance(state, dict)
    assert state["output"] == {"upper": "LATER"}
    table = jobs_world.cli("jobs", "status", "upper", job["id"])
    assert "COMPLETED" in table.stdout
    health = jobs_world.cli("endpoints", "health", "upper", "--json")
    assert health.code == 0, health.stderr
    counts = health.json()
    assert isinstance(counts, dict)
    assert counts["jobs"]["completed"] >= 1
    assert "workers" in jobs_world.cli("endpoints", "health", "upper").stdout
    # A job that takes a while, and the worker it runs on, as REST v2 lists it (the CLI's
    # default API mode). Idle workers are gone once their idle time-out passes.
    slow = '{"text": "slow", "sleep": 3}'
    assert jobs_world.cli("endpoints", "run", "upper", "--input", slow).code == 0
    listed = jobs_world.cli("endpoints", "workers", "upper", "--json")
    assert listed.code == 0, listed.stderr
    workers = listed.json()
    assert isinstance(workers, list) and workers
    assert {w["status"] for w in workers} <= {"IDLE", "RUNNING", "INITIALIZING"}
    table = jobs_world.cli("endpoints", "workers", "upper")
    assert table.code == 0 and workers[0]["id"] in table.stdout
    missing = jobs_world.cli("endpoints", "workers", "nope")
    assert missing.code != 0 and "endpoint nope" in missing.stderr


def test_stream_prints_json_lines(jobs_world: World) -> None:
    r = jobs_world.cli("endpoints", "run", "words", "--input", '{"text": "a b c"}', "--stream")
    assert r.code == 0, r.stderr
    assert [json.loads(line) for line in r.stdout.splitlines()] == ["a", "b", "c"]


def test_failed_job_exits_1_with_its_error(jobs_world: World) -> None:
    r = jobs_world.cli("endpoints", "run", "upper", "--input", '{"fail": true}', "--sync")
    assert r.code == 1
    assert "no such model" in r.stderr
    assert r.stdout == ""


def test_timeout_with_cancel_exits_6(jobs_world: World) -> None:
    r: Result = jobs_world.cli(
        "endpoints",
        "run",
        "upper",
        "--input",
        '{"text": "x", "sleep": 5}',
        "--sync",
        "--timeout=0.5",
        "--cancel-on-timeout",
    )
    assert r.code == 6, r.stderr
    assert "cancelled on RunPod" in r.stderr


def test_cancel_and_usage_errors(jobs_world: World) -> None:
    r = jobs_world.cli(
        "endpoints", "run", "upper", "--input", '{"text": "x", "sleep": 3}', "--json"
    )
    job = r.json()
    assert isinstance(job, dict)
    cancelled = jobs_world.cli("jobs", "cancel", "upper", job["id"], "--json")
    assert cancelled.code == 0, cancelled.stderr
    state = cancelled.json()
    assert isinstance(state, dict)
    assert state["status"] == "CANCELLED"
    assert jobs_world.cli("jobs", "status", "upper", "nope").code == 4
    bad = jobs_world.cli("endpoints", "run", "upper", "--input", "{nope")
    assert bad.code == 2
    assert "not JSON" in bad.stderr
    assert jobs_world.cli("endpoints", "--json").code == 0  # listing stays where it was
