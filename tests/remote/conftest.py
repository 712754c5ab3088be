"""Fixtures for the remote tests: a real sshd on loopback and a stand-in runpodctl on PATH."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sshd import LocalSSHD

FAKE_RUNPODCTL = Path(__file__).parent / "fake_runpodctl" / "runpodctl"


@pytest.fixture
def sshd(sshd_server: LocalSSHD) -> LocalSSHD:
    return sshd_server


@dataclass
class FakeRunpodctl:
    bin_dir: Path
    state: Path
    log: Path
    env: dict[str, str]

    def runs(self) -> list[dict[str, object]]:
        import json

        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


@pytest.fixture
def fake_runpodctl(tmp_path: Path) -> FakeRunpodctl:
    """A directory holding `runpodctl` (our stand-in, run by this interpreter) and its env."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "runpodctl"
    launcher.write_text(f'#!/bin/sh\nexec {sys.executable} {FAKE_RUNPODCTL} "$@"\n')
    launcher.chmod(0o755)
    state = tmp_path / "state"
    log = tmp_path / "runs.jsonl"
    env = {
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin",
        "FAKE_RUNPODCTL_STATE": str(state),
        "FAKE_RUNPODCTL_LOG": str(log),
    }
    return FakeRunpodctl(bin_dir, state, log, env)
