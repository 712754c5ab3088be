"""The seeds' whole workflow with the library, against any endpoint (the emulator by default).

List GPU types with prices, create a pod, wait until it is ready, upload a project and run its
``start_training.sh`` over SSH, fetch the training log back, watch GPU use and cost, stop, resume
and terminate — the pod is terminated even when a step fails.

    python examples/seed_workflow.py                 # against a throwaway local emulator
    RUNPOD_API_KEY=... python examples/seed_workflow.py --real --ssh-key ~/.runpod/ssh/key

``run(rp, ...)`` is the reusable entry point (``examples/demo.py`` and tests call it).
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runpod_gql import Progress, RunPod

IMAGE = "runpod/pytorch:2.1.0-py3.10-cuda11.8.0-devel-ubuntu22.04"
# Ordered preference, as the seed used: a 4080 SUPER first, then cheaper or bigger fall-backs.
GPU_PREFERENCE = [
    "NVIDIA GeForce RTX 4080 SUPER",
    "NVIDIA GeForce RTX 4090",
    "NVIDIA L4",
    "NVIDIA A40",
]

START_TRAINING = """#!/bin/bash
# The seeds' start_training.sh, made harmless: it "trains" for three epochs and writes a log.
set -euo pipefail
cd "$(dirname "$0")"
for epoch in 1 2 3; do
  echo "epoch $epoch/3 loss 0.$((9 - epoch * 2))"
done | tee training.log
echo "done: $(wc -l < training.log) epochs logged in $(pwd)"
"""

Log = Callable[[str], object]


def _price(value: float | None) -> str:
    return f"${value:.2f}/h" if value else "   -   "


async def run(
    rp: RunPod,
    *,
    ssh_key_path: str | Path | None = None,
    log: Log = print,
    remote: bool | None = None,
    remote_dir: str = "/workspace/tiny-icf",
    watch_interval: float = 10.0,
    ready_timeout: float = 900.0,
    name: str | None = None,
) -> dict[str, Any]:
    """Run the workflow once; returns what happened (ids, prices, timings, outputs).

    ``remote`` (default: whether ``ssh_key_path`` is given) decides whether readiness includes an
    SSH login and whether the upload / run / download steps happen; when it is false they are
    skipped and the summary says so.
    """
    remote = ssh_key_path is not None if remote is None else remote
    summary: dict[str, Any] = {"steps": []}

    def step(text: str) -> None:
        summary["steps"].append(text)
        log(f"==> {text}")

    step("list GPU types with prices")
    offers = await rp.gpus.list()
    for o in sorted(offers, key=lambda g: (g.memory_gb or 0, g.id))[:8]:
        log(
            f"    {o.id:<30} {o.memory_gb or 0:>3} GB  secure {_price(o.secure_price)}"
            f"  community {_price(o.community_price)}"
        )
    known = {o.id for o in offers}
    gpu_types = [g for g in GPU_PREFERENCE if g in known] or [
        (await rp.gpus.cheapest(min_memory_gb=16)).offer.id or ""
    ]

    pod_name = name or f"seed-workflow-{secrets.token_hex(3)}"
    step(f"create pod {pod_name} (GPU preference: {', '.join(gpu_types)})")
    pod = await rp.pods.create(
        name=pod_name,
        image=IMAGE,
        gpu_types=gpu_types,
        gpu_count=1,
        volume_gb=50,
        container_disk_gb=30,
        env={"PYTHONUNBUFFERED": "1"},
        ports="22/tcp",
    )
    summary.update(
        pod_id=pod.id,
        gpu_type=pod.gpu_type_id,
        cost_per_hr=pod.cost_per_hr,
    )
    log(f"    pod {pod.id}: {summary['gpu_type']} at ${pod.cost_per_hr:.3f}/h")
    try:
        await _lifecycle(
            rp,
            pod.id,
            summary,
            step,
            log,
            remote,
            ssh_key_path,
            remote_dir,
            watch_interval,
            ready_timeout,
        )
    finally:
        if not summary.get("terminated"):
            await rp.pods.terminate(pod.id)  # never leave a billing pod behind
    step(f"which API served what (api={rp.api})")
    served: dict[str, list[str]] = {}
    for (method, api), count in sorted(rp.served.items()):
        served.setdefault(api, []).append(f"{method} x{count}")
    for api, methods in served.items():
        log(f"    {'REST v2' if api == 'rest' else 'GraphQL'}: {', '.join(methods)}")
    summary["served"] = served
    return summary


async def _wait(rp: RunPod, pod_id: str, log: Log, *, ssh: bool, timeout: float) -> float:
    """Wait until ready, logging each new stage; returns the seconds it took."""
    seen: list[str] = []

    def progress(p: Progress) -> None:
        if not seen or seen[-1] != p.stage:
            seen.append(p.stage)
            log(f"    [{p.waited:5.1f}s] {p.stage}")

    started = time.monotonic()
    await rp.pods.wait_until_ready(pod_id, timeout=timeout, ssh=ssh, on_progress=progress)
    return round(time.monotonic() - started, 2)


async def _lifecycle(
    rp: RunPod,
    pod_id: str,
    summary: dict[str, Any],
    step: Log,
    log: Log,
    remote: bool,
    key: str | Path | None,
    remote_dir: str,
    watch_interval: float,
    ready_timeout: float,
) -> None:
    step("wait until ready" + (" (SSH login answers)" if remote else " (API side only)"))
    summary["ready_after_s"] = await _wait(rp, pod_id, log, ssh=remote, timeout=ready_timeout)

    if remote:
        step(f"upload the project to {remote_dir} and run start_training.sh over SSH")
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "tiny-icf"
            project.mkdir()
            (project / "start_training.sh").write_text(START_TRAINING)
            (project / "README.txt").write_text("files the training needs would go here\n")
            await rp.pods.upload(pod_id, project, remote_dir, key_path=key)
            result = await rp.pods.exec(
                pod_id,
                ["bash", f"{remote_dir}/start_training.sh"],
                timeout=600,
                on_stdout=lambda line: log(f"    pod> {line.rstrip()}"),
                key_path=key,
            )
            await rp.pods.download(
                pod_id, f"{remote_dir}/training.log", Path(tmp) / "log", key_path=key
            )
            fetched = (Path(tmp) / "log").read_text()
        summary["remote"] = {
            "exit_status": result.exit_status,
            "stdout": result.stdout,
            "downloaded_log": fetched,
        }
        log(f"    downloaded training.log ({len(fetched.splitlines())} lines)")
    else:
        summary["remote"] = "skipped"
        log("    skipped upload and run: no SSH key / reachable sshd for this pod")

    step("watch GPU utilisation and cost so far")
    samples = []
    async for m in rp.pods.watch(pod_id, interval=watch_interval, count=3):
        samples.append(m)
        util = "-" if m.gpu_util_percent is None else f"{m.gpu_util_percent:.0f}%"
        log(
            f"    GPU {util}  up {m.uptime_seconds}s  ${m.cost_per_hr:.3f}/h  so far ${m.cost_so_far:.4f}"
        )
    summary["gpu_util_percent"] = [m.gpu_util_percent for m in samples]
    summary["cost_so_far"] = samples[-1].cost_so_far

    step("stop the pod (GPU billing ends, the volume stays)")
    stopped = await rp.pods.stop(pod_id)
    await rp.pods.wait_until(pod_id, "EXITED", timeout=120)
    summary["stopped"] = True
    log(f"    {stopped.status.value}")

    step("resume it and wait until ready again")
    await rp.pods.resume(pod_id)
    summary["resumed_ready_after_s"] = await _wait(
        rp, pod_id, log, ssh=remote, timeout=ready_timeout
    )
    summary["resumed"] = True

    step("terminate it")
    summary["terminated"] = await rp.pods.terminate(pod_id)
    summary["gone"] = await rp.pods.find(pod_id) is None
    log(f"    terminated: {summary['terminated']}, gone: {summary['gone']}")


def summary_lines(summary: dict[str, Any]) -> list[str]:
    return [f"{i}. {s}" for i, s in enumerate(summary["steps"], 1)]


async def _main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument(
        "--real", action="store_true", help="use the configured RunPod API (costs money)"
    )
    p.add_argument("--ssh-key", default=None, help="private key for the pod (enables upload/run)")
    args = p.parse_args(argv)
    if args.real:
        async with RunPod(ssh_key_path=args.ssh_key) as rp:
            summary = await run(rp, ssh_key_path=args.ssh_key)
    else:
        from runpod_gql.emulator import Emulator

        key = f"emu-{secrets.token_hex(8)}"
        async with Emulator(api_key=key, speed=50) as emu, RunPod(api_key=key, url=emu.url) as rp:
            summary = await run(rp, ssh_key_path=args.ssh_key, watch_interval=0.2)
    print("\n".join(summary_lines(summary)))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(_main()))
