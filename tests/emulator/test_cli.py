"""``python -m runpod_gql.emulator`` starts, prints its URLs (GraphQL, REST v2) and key, serves both,
and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx


def test_cli_prints_url_and_key_and_serves() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "runpod_gql.emulator", "--port", "0", "--speed", "100"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split(" on ")[-1].strip()
        key = proc.stdout.readline().split(": ", 1)[-1].strip()
        rest = proc.stdout.readline().split(": ", 1)[-1].split()[0]
        assert rest == url.removesuffix("/graphql") + "/v2"
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/graphql")
        assert key.startswith("emu-")
        assert len(key) > 20
        headers = {"Authorization": f"Bearer {key}"}
        r = httpx.post(url, json={"query": "{ myself { id } }"}, headers=headers, timeout=10)
        assert r.json() == {"data": {"myself": {"id": "user_emulator"}}}
        assert httpx.post(url, json={"query": "{ myself { id } }"}, timeout=10).status_code == 401
        pods = httpx.get(f"{rest}/pods", headers=headers, timeout=10)
        assert pods.status_code == 200 and pods.json() == {"pods": []}
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err


def test_cli_rejects_bad_arguments() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "runpod_gql.emulator", "--speed", "fast"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 2
    assert "--speed" in proc.stderr
