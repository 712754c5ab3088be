"""``make demo``: the whole seed workflow against a local emulator, with no key and no network.

Starts the embedded RunPod API emulator (and, when OpenSSH's sshd is installed and we are root,
a throwaway sshd on loopback that every emulated pod's port 22 points at), then:

1. the CLI lists GPU types with prices and picks the cheapest 24 GB one;
2. the library (``examples/seed_workflow.py``) creates a pod, waits until ready showing progress,
   uploads a project and runs ``start_training.sh`` on it over SSH, watches GPU use and cost,
   stops, resumes and terminates it;
3. the CLI shows that no pod is left and what the account spent;

and ends by printing what it did. Everything runs in temporary directories (HOME included), so
nothing in your ``~/.runpod`` is read or written.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/sshd.py and examples/seed_workflow.py
sys.path.insert(0, str(ROOT / "examples"))

import seed_workflow  # noqa: E402

from runpod_gql import RunPod  # noqa: E402
from runpod_gql.emulator import Emulator  # noqa: E402

# Emulated seconds per real second: a 30 s boot takes 1.5 s (tests raise it).
SPEED = float(os.environ.get("RUNPOD_GQL_DEMO_SPEED", "20"))


def cli_path() -> str:
    beside = Path(sys.executable).parent / "runpod-gql"
    found = str(beside) if beside.exists() else shutil.which("runpod-gql")
    if found is None:
        raise SystemExit(
            "runpod-gql is not installed: run `make install` (or pip install -e '.[all]')"
        )
    return found


async def cli(env: dict[str, str], *args: str) -> None:
    """Run the real ``runpod-gql`` executable, its output going straight to ours."""
    print(f"\n$ runpod-gql {' '.join(args)}", flush=True)
    proc = await asyncio.create_subprocess_exec(cli_path(), *args, env=env)
    if await proc.wait() != 0:
        raise SystemExit(f"runpod-gql {' '.join(args)} failed with exit code {proc.returncode}")


def start_sshd(stack: contextlib.ExitStack) -> Any:
    """A LocalSSHD when possible, else None with the reason printed."""
    from tests.sshd import LocalSSHD, sshd_available

    if not sshd_available():
        print("note: OpenSSH's sshd is not installed (apt-get install openssh-server):")
    elif getpass.getuser() != "root":
        print("note: pods are logged in to as root, and this demo's local sshd can only")
        print("      accept root when it runs as root:")
    else:
        try:
            return stack.enter_context(LocalSSHD())
        except (OSError, RuntimeError) as exc:
            print(f"note: the local sshd did not start ({exc}):")
    print("      the upload / run-script / download steps are SKIPPED; everything else runs.")
    return None


async def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # interleave with the CLI's
    with (
        contextlib.ExitStack() as stack,
        tempfile.TemporaryDirectory(prefix="runpod-gql-demo-") as tmp,
    ):
        home = Path(tmp) / "home"
        home.mkdir()
        sshd = start_sshd(stack)
        key = f"emu-{secrets.token_hex(8)}"  # a local test key for this run only
        async with Emulator(api_key=key, speed=SPEED, ssh_port=sshd.port if sshd else None) as emu:
            print(f"RunPod API emulator at {emu.url} (speed x{SPEED:g})")
            if sshd:
                print(f"every pod's SSH port leads to a local sshd on 127.0.0.1:{sshd.port}")
            env = {
                **os.environ,
                "HOME": str(home),
                "RUNPOD_API_KEY": key,
                "RUNPOD_GRAPHQL_URL": emu.url,
                "COLUMNS": "110",
            }
            await cli(env, "gpus", "list")
            await cli(env, "gpus", "cheapest", "--min-memory", "24")

            print("\nThe seed workflow, with the library (examples/seed_workflow.py):")
            key_path = sshd.client_key_path if sshd else None
            async with RunPod(api_key=key, url=emu.url, home=home, ssh_key_path=key_path) as rp:
                summary = await seed_workflow.run(
                    rp,
                    ssh_key_path=key_path,
                    remote_dir=str(Path(tmp) / "pod-workspace" / "tiny-icf"),
                    watch_interval=0.5,
                    ready_timeout=60,
                )

            await cli(env, "pods", "list")
            await cli(env, "account")

    print("\nWhat the demo did:")
    print("  - listed GPU types with prices and the cheapest 24 GB GPU (CLI)")
    for line in seed_workflow.summary_lines(summary):
        print(f"  {line}")
    remote = summary["remote"]
    if isinstance(remote, dict):
        print(f"  - start_training.sh exited {remote['exit_status']}; its log came back over SFTP")
    else:
        print("  - SKIPPED upload / run / download (no local sshd usable, see the note above)")
    utils = ", ".join("-" if u is None else f"{u:.0f}%" for u in summary["gpu_util_percent"])
    print(f"  - GPU utilisation samples: {utils}; cost so far ${summary['cost_so_far']:.4f}")
    print(
        f"  - pod {summary['pod_id']} ({summary['gpu_type']}, ${summary['cost_per_hr']:.3f}/h)"
        f" ready after {summary['ready_after_s']}s, terminated and gone: {summary['gone']}"
    )
    print("  - no API key, no network: all of it ran against the local emulator")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
