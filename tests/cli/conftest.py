"""The real ``runpod-gql`` executable against a real emulator (started by ``runpod-gql emulator``)
on loopback, with a real sshd behind every pod's port 22 when OpenSSH is installed.

One emulator and one sshd per session; each CLI call is a subprocess whose stdout and stderr are
scanned for the API key.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sshd import LocalSSHD, sshd_available

CLI = str(Path(sys.executable).parent / "runpod-gql")


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


@dataclass
class World:
    """A running emulator and what a CLI call needs to reach it."""

    url: str
    key: str
    home: Path
    ssh_key: Path | None
    proc: subprocess.Popen[str]

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("RUNPOD_", "RUNPODCTL_", "_RUNPOD_GQL"))
        }
        env.update(
            HOME=str(self.home),
            RUNPOD_API_KEY=self.key,
            RUNPOD_GRAPHQL_URL=self.url,
            RUNPOD_GQL_API=os.environ.get("RUNPOD_GQL_TEST_API", "graphql"),
            COLUMNS="200",
        )
        env.update(extra)
        return env

    def cli(self, *args: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> Result:
        """Run ``runpod-gql *args``; fails the test if the key shows up in any output."""
        proc = subprocess.run(
            [CLI, *args],
            env=dict(env) if env is not None else self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        result = Result(proc.returncode, proc.stdout, proc.stderr)
        assert_no_key(result, self.key)
        return result

    def control(self, path: str, body: Mapping[str, object]) -> object:
        """POST to the emulator's /_emulator control endpoint (stock, faults, ...)."""
        base = self.url.removesuffix("/graphql")
        req = urllib.request.Request(
            f"{base}/_emulator{path}",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())


def assert_no_key(result: Result, key: str) -> None:
    assert key not in result.stdout, "API key printed on stdout"
    assert key not in result.stderr, "API key printed on stderr"


@pytest.fixture(scope="session")
def sshd() -> Iterator[LocalSSHD | None]:
    """A throwaway sshd (None when OpenSSH's sshd is not installed or we are not root)."""
    if not sshd_available() or os.geteuid() != 0:
        yield None
        return
    with LocalSSHD() as server:
        yield server


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory, sshd: LocalSSHD | None) -> Iterator[World]:
    key = f"cli-test-{secrets.token_hex(12)}"
    home = tmp_path_factory.mktemp("home")
    args = [CLI, "emulator", "--port", "0", "--api-key", key, "--speed", "1000"]
    if sshd is not None:
        args += ["--ssh-port", str(sshd.port)]
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("RUNPOD_")},
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert "listening on" in first, first + (proc.stderr.read() if proc.stderr else "")
    url = first.rsplit(" ", 1)[-1].strip()
    w = World(url, key, home, sshd.client_key_path if sshd else None, proc)
    try:
        yield w
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
        proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()
        assert code == 0, f"emulator exited with {code}"


@pytest.fixture
def ssh_world(world: World) -> World:
    if world.ssh_key is None:
        pytest.skip("needs OpenSSH's sshd and root (pods are logged in to as root)")
    return world
