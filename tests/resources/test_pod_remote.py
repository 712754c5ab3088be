"""Commands and files on an emulated pod whose port 22 maps to a real OpenSSH sshd on loopback."""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import pytest_asyncio

from runpod_gql import HostKeyError, RemoteCommandError, RunPod, SSHError
from runpod_gql.emulator import Emulator, ManualClock
from tests.sshd import LocalSSHD, sshd_available
from tests.support import client_for

pytestmark = pytest.mark.skipif(not sshd_available(), reason="OpenSSH sshd is not installed")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load_example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest_asyncio.fixture
async def sshd(tmp_path: Path) -> AsyncIterator[LocalSSHD]:
    async with LocalSSHD(tmp_path / "sshd") as server:
        yield server


@pytest_asyncio.fixture
async def pod_rp(sshd: LocalSSHD, tmp_path: Path) -> AsyncIterator[tuple[RunPod, str, Emulator]]:
    home = tmp_path / "home"
    home.mkdir()
    async with Emulator(api_key="k", clock=ManualClock(), ssh_port=sshd.port) as emu:
        async with client_for(emu, home=home, ssh_key_path=sshd.client_key_path) as rp:
            pod = await rp.pods.create(name="remote", image="img", gpu_types="NVIDIA L4")
            await rp.pods.wait_until_ready(pod.id, timeout=120, ssh=True)
            yield rp, pod.id, emu


async def test_exec_streams_output_and_returns_the_exit_status(
    pod_rp: tuple[RunPod, str, Emulator],
) -> None:
    rp, pod_id, _ = pod_rp
    lines: list[str] = []
    result = await rp.pods.exec(pod_id, "echo hello; echo oops >&2", on_stdout=lines.append)
    assert (result.exit_status, result.stdout, result.stderr) == (0, "hello\n", "oops\n")
    assert lines == ["hello\n"]
    with pytest.raises(RemoteCommandError) as info:
        await rp.pods.exec(pod_id, ["sh", "-c", "echo bad >&2; exit 3"])
    assert info.value.exit_status == 3 and "bad" in info.value.stderr
    unchecked = await rp.pods.exec(pod_id, "exit 4", check=False)
    assert unchecked.exit_status == 4
    env = await rp.pods.exec(pod_id, 'echo "$GREETING"', env={"GREETING": 'it\'s "quoted"'})
    assert env.stdout == 'it\'s "quoted"\n'


async def test_upload_download_and_run_script(
    pod_rp: tuple[RunPod, str, Emulator], tmp_path: Path
) -> None:
    rp, pod_id, _ = pod_rp
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "weights.bin").write_bytes(bytes(range(256)) * 1000)
    (project / "train.py").write_text("print('train')\n")
    remote_dir = str(tmp_path / "remote" / "project")
    progress: list[int] = []
    await rp.pods.upload(
        pod_id, project, remote_dir, progress=lambda p: progress.append(p.transferred)
    )
    back = tmp_path / "back"
    await rp.pods.download(pod_id, remote_dir, back)
    assert (back / "data" / "weights.bin").read_bytes() == (
        project / "data" / "weights.bin"
    ).read_bytes()
    assert (back / "train.py").read_text() == "print('train')\n"
    assert progress
    script = tmp_path / "start_training.sh"
    script.write_text('#!/bin/sh\necho "args: $*"\n')
    result = await rp.pods.run_script(
        pod_id, script, ["--epochs", "2 3"], remote_dir=str(tmp_path / "scripts")
    )
    assert result.stdout == "args: --epochs 2 3\n"


async def test_session_is_reused_across_calls(pod_rp: tuple[RunPod, str, Emulator]) -> None:
    rp, pod_id, _ = pod_rp
    await rp.pods.exec(pod_id, "true")
    sessions = list(rp._ssh_pool._sessions.values())
    await rp.pods.exec(pod_id, "true")
    assert list(rp._ssh_pool._sessions.values()) == sessions and len(sessions) == 1


async def test_concurrent_calls_on_one_pod_open_one_connection(
    pod_rp: tuple[RunPod, str, Emulator], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a lock each call connected, and all but the last connection were never closed.
    from runpod_gql.remote.ssh import SSHSession

    rp, pod_id, _ = pod_rp
    opened: list[SSHSession] = []
    real_open = SSHSession._open

    async def counting_open(cls: type[SSHSession], *args: Any, **kwargs: Any) -> SSHSession:
        session = await real_open(*args, **kwargs)
        opened.append(session)
        return session

    monkeypatch.setattr(SSHSession, "_open", classmethod(counting_open))
    results = await asyncio.gather(*(rp.pods.exec(pod_id, "echo hi") for _ in range(4)))
    assert [r.stdout for r in results] == ["hi\n"] * 4
    assert len(opened) == 1 and list(rp._ssh_pool._sessions.values()) == opened


async def test_changed_host_key_is_refused(
    pod_rp: tuple[RunPod, str, Emulator], sshd: LocalSSHD
) -> None:
    rp, pod_id, _ = pod_rp
    await rp.pods.exec(pod_id, "true")  # remembered on first use
    await rp._ssh_pool.aclose()
    sshd.rotate_host_key()
    with pytest.raises(HostKeyError):
        await rp.pods.exec(pod_id, "true")


async def test_pod_without_ssh_mapping_says_what_to_do(sshd: LocalSSHD, tmp_path: Path) -> None:
    async with (
        Emulator(api_key="k", clock=ManualClock(), ssh_port=sshd.port) as emu,
        client_for(emu, home=tmp_path, ssh_key_path=sshd.client_key_path) as rp,
    ):
        pod = await rp.pods.create(name="booting", image="img", gpu_types="NVIDIA L4")
        with pytest.raises(SSHError, match="wait_until_ready"):
            await rp.pods.exec(pod.id, "true")


async def test_seed_workflow_example_runs_end_to_end(sshd: LocalSSHD, tmp_path: Path) -> None:
    seed_workflow = load_example("seed_workflow")
    log: list[str] = []
    async with (
        Emulator(api_key="k", clock=ManualClock(), ssh_port=sshd.port) as emu,
        client_for(emu, home=tmp_path, ssh_key_path=sshd.client_key_path) as rp,
    ):
        summary = await seed_workflow.run(
            rp,
            ssh_key_path=sshd.client_key_path,
            log=log.append,
            remote_dir=str(tmp_path / "workspace"),
        )
        assert emu.state.pods == {}  # terminated at the end
    text = "\n".join(log)
    assert "epoch 3/3" in text
    assert summary
