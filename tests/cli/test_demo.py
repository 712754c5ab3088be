"""``make demo`` (examples/demo.py) runs to the end, and the library workflow it wraps works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.sshd import sshd_available

ROOT = Path(__file__).resolve().parents[2]


def test_demo_runs_to_the_end() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNPOD_")}
    env["RUNPOD_GQL_DEMO_SPEED"] = "200"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    out = proc.stdout
    assert proc.returncode == 0, out[-3000:] + proc.stderr[-3000:]
    assert "What the demo did:" in out
    assert "$ runpod-gql gpus list" in out
    assert "NVIDIA A40" in out  # the price table
    for step in (
        "create pod",
        "wait until ready",
        "watch GPU utilisation",
        "stop the pod",
        "resume it",
        "terminate it",
    ):
        assert step in out, step
    assert "terminated and gone: True" in out
    if sshd_available() and os.geteuid() == 0:
        assert "pod> epoch 3/3" in out  # start_training.sh ran over SSH
        assert "start_training.sh exited 0" in out
    else:
        assert "SKIPPED" in out
    assert "Traceback" not in proc.stderr
