"""A smoke run of the benchmark harness (``python -m bench --quick``), so it does not rot.

Benchmarks are not tests: nothing here looks at a timing. It checks that every measurement runs,
that every client is present in the table and the JSON, and that the counts make sense.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = {
    "runpod-gql",
    "runpod-gql (httpx transport)",
    "raw aiohttp",
    "raw httpx",
    "raw httpx over httpx-aiohttp",
    "runpod-python",
    "runpod-gql REST getPod",
    "raw aiohttp REST getPod",
}


@pytest.mark.timeout(200)
def test_quick_run_produces_table_and_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=260,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = proc.stdout
    for section in ("[1]", "[2]", "[3]", "[4a]", "[4b]", "[5]", "[6]", "[7]", "[8]", "[9]", "[10]"):
        assert section in table
    assert "REST getPod: runpod-gql / raw aiohttp = " in table
    assert "REST getPod throughput: runpod-gql / raw aiohttp = " in table
    for name in CLIENTS:
        assert f"| {name} " in table

    results = json.loads(out.read_text())
    assert results["machine"]["cpus"] >= 1
    assert results["machine"]["python"]
    for part in ("sequential_loopback", "sequential_wan"):
        assert set(results[part]) == CLIENTS, part
    for part in ("concurrency_loopback", "concurrency_wan"):
        # plain httpx is left out of the 64-in-flight runs (see bench/__main__.py)
        assert set(results[part]) == CLIENTS - {"raw httpx"}, part
    assert all(v["calls"] > 0 for v in results["sequential_loopback"].values())
    polling = results["polling"]["sides"]
    ours = polling["runpod-gql wait_all_ready"]["requests"]["median"]
    theirs = polling["runpod-python get_pod loop per pod (threads)"]["requests"]["median"]
    # One list request per tick for all pods, against at least one request per pod.
    assert theirs >= results["polling"]["pods"]
    assert ours < theirs
    assert set(results["cold_start"]["cases"]) >= {"import runpod_gql", "import runpod"}
    assert results["generate"]["identical_to_repo"] is True
    from bench.scaling import FLOORS

    scaling = results["scaling"]["sizes"]
    for size in scaling:
        assert set(size["list"]) == {
            "runpod-gql rp.pods.list (GraphQL)",
            "raw aiohttp + json.loads (GraphQL)",
            "runpod-gql rp.pods.list (REST v2)",
            "raw aiohttp + json.loads (REST v2)",
            "runpod-python get_pods",
        }
        # every measured row has its raw floor beside it
        assert all(FLOORS.get(name, name) in size["list"] for name in size["list"])
        assert all(held > 0 for held in size["memory_bytes"].values())
    waits = [size for size in scaling if "wait" in size]
    assert waits and all(
        size["wait_requests_per_tick"] == {"GraphQL": 1, "REST v2": 1} for size in waits
    )
    assert (out.parent / "scaling-list.png").stat().st_size > 0
    assert (out.parent / "scaling-wait.png").stat().st_size > 0
    jobs = results["jobs"]["throughput"]
    assert set(jobs) == {
        "runpod-gql run + result (one poller)",
        "runpod-gql run_sync",
        "runpod-python Endpoint (threads)",
        "runpod-python asyncio Endpoint",
    }
    # Counted by the emulator: a run_sync of a short job is one request; run + result at least
    # two (there is no batch status call); runpod-python's loops at least that.
    assert jobs["runpod-gql run_sync"]["requests_per_job"] == 1.0
    assert jobs["runpod-gql run + result (one poller)"]["requests_per_job"] >= 2.0
    assert all(v["requests_per_job"] >= 2.0 for k, v in jobs.items() if "python" in k)
    assert set(results["jobs"]["run_sync_latency"]) == {
        "runpod-gql run_sync",
        "raw aiohttp POST /runsync",
    }


def test_same_tree_sees_a_file_on_either_side(tmp_path: Path) -> None:
    from bench.__main__ import same_tree

    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        (d / "__pycache__").mkdir(parents=True)
        (d / "m.py").write_text("x = 1\n")
    (a / "__pycache__" / "m.pyc").write_bytes(b"ignored")
    assert same_tree(a, b)
    (b / "stale.py").write_text("")  # left behind in the repo, no longer generated
    assert not same_tree(a, b)
    assert not same_tree(b, a)
    (b / "stale.py").unlink()
    (b / "m.py").write_text("x = 2\n")
    assert not same_tree(a, b)
