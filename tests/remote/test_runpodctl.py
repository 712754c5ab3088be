"""The runpodctl wrapper against a stand-in executable reproducing runpodctl's output formats."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from runpod_gql.errors import RunpodctlError, RunpodctlNotFoundError
from runpod_gql.remote.endpoint import SSHEndpoint
from runpod_gql.remote.runpodctl import Runpodctl, find_runpodctl
from tests.remote.conftest import FakeRunpodctl
from tests.support import alive, gone

KEY = "rpa_TESTKEY_0123456789abcdef"


@pytest.fixture
def ctl(fake_runpodctl: FakeRunpodctl) -> Runpodctl:
    return Runpodctl(api_key=KEY, env=fake_runpodctl.env, timeout=20)


async def test_found_on_path_and_version(ctl: Runpodctl, fake_runpodctl: FakeRunpodctl) -> None:
    assert ctl.path == fake_runpodctl.bin_dir / "runpodctl"
    assert await ctl.version() == "2.1.3"


async def test_key_goes_through_environment_never_argv(
    ctl: Runpodctl, fake_runpodctl: FakeRunpodctl
) -> None:
    await ctl.version()
    await ctl.pod_list()
    runs = fake_runpodctl.runs()
    assert len(runs) == 2
    for run in runs:
        assert run["key_in_env"] == KEY
        assert all(KEY not in str(arg) for arg in run["argv"])  # type: ignore[attr-defined]
    assert KEY not in repr(ctl)


async def test_ssh_info_parsed(ctl: Runpodctl) -> None:
    info = await ctl.ssh_info("abc123")
    assert (info.id, info.ip, info.port, info.ssh_key) == ("abc123", "203.0.113.7", 40022, None)
    assert info.endpoint() == SSHEndpoint("203.0.113.7", 40022)
    verbose = await ctl.ssh_info("abc123", verbose=True)
    assert verbose.ssh_key is not None
    assert verbose.ssh_key["exists"] is True


async def test_ssh_info_not_ready_with_exit_zero_is_an_error(ctl: Runpodctl) -> None:
    with pytest.raises(RunpodctlError, match="pod not ready: no public ip") as caught:
        await ctl.ssh_info("not-ready")
    assert caught.value.exit_code == 0


async def test_nonzero_exit_carries_code_and_stderr(ctl: Runpodctl) -> None:
    with pytest.raises(RunpodctlError) as caught:
        await ctl.ssh_info("broken")
    assert caught.value.exit_code == 1
    assert caught.value.stderr == "Error: pod not found\n"
    assert "pod not found" in str(caught.value)
    with pytest.raises(RunpodctlError) as unknown:
        await ctl.run(["frobnicate"])
    assert unknown.value.exit_code == 1
    result = await ctl.run(["frobnicate"], check=False)
    assert result.exit_code == 1


async def test_pod_commands_return_parsed_json(ctl: Runpodctl) -> None:
    pods = await ctl.pod_list()
    assert [p["id"] for p in pods] == ["p1", "p2"]
    assert (await ctl.pod_get("p1"))["desiredStatus"] == "RUNNING"
    with pytest.raises(RunpodctlError, match="not found"):
        await ctl.pod_get("broken")
    stopped = await ctl.pod_stop("p1")
    assert json.loads(stopped.stdout) == {"id": "p1", "action": "stop"}


async def test_send_returns_code_early_then_receive_completes_it(
    ctl: Runpodctl, tmp_path: Path
) -> None:
    src = tmp_path / "weights.bin"
    src.write_bytes(bytes(range(256)) * 100)
    transfer = await ctl.send(src)
    assert transfer.code.endswith("-galileo-collect-fidel-3")
    assert alive(transfer.pid)  # the sender is still waiting for the receiver
    dest = tmp_path / "received"
    await ctl.receive(transfer.code, dest)
    result = await transfer.wait()
    assert result.exit_code == 0
    assert (dest / "weights.bin").read_bytes() == src.read_bytes()


async def test_send_directory_with_own_code_and_croc_style_output(
    fake_runpodctl: FakeRunpodctl, tmp_path: Path
) -> None:
    ctl = Runpodctl(env={**fake_runpodctl.env, "FAKE_RUNPODCTL_SEND_STYLE": "croc"})
    src = tmp_path / "dataset"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "x.txt").write_text("x")
    async with await ctl.send(src, code="4242-my-own-phrase") as transfer:
        assert transfer.code == "4242-my-own-phrase"
        await ctl.receive(transfer.code, tmp_path / "out")
        await transfer.wait()
    assert (tmp_path / "out" / "dataset" / "sub" / "x.txt").read_text() == "x"


async def test_send_failure_after_code_raises_on_wait(
    ctl: Runpodctl, fake_runpodctl: FakeRunpodctl, tmp_path: Path
) -> None:
    src = tmp_path / "f.txt"
    src.write_text("f")
    transfer = await ctl.send(src)
    (fake_runpodctl.state / transfer.code / "received").write_text("refused")
    with pytest.raises(RunpodctlError, match="peer refused") as caught:
        await transfer.wait()
    assert caught.value.exit_code == 1


async def test_send_cancel_kills_the_sender(ctl: Runpodctl, tmp_path: Path) -> None:
    src = tmp_path / "f.txt"
    src.write_text("f")
    transfer = await ctl.send(src)
    await transfer.cancel()
    assert gone(transfer.pid)
    with pytest.raises(RunpodctlError):
        await transfer.wait()


async def test_send_transfer_timeout_kills(ctl: Runpodctl, tmp_path: Path) -> None:
    src = tmp_path / "f.txt"
    src.write_text("f")
    transfer = await ctl.send(src, timeout=0.3)
    with pytest.raises(RunpodctlError, match="did not finish"):
        await transfer.wait()
    assert gone(transfer.pid)


async def test_receive_unknown_code_fails(ctl: Runpodctl, tmp_path: Path) -> None:
    with pytest.raises(RunpodctlError, match="room not ready"):
        await ctl.receive("1-no-such-code", tmp_path)
    with pytest.raises(RunpodctlError):
        await ctl.receive("--help", tmp_path)


async def _hang_pids(fake: FakeRunpodctl) -> list[int]:
    marker = fake.state / "hang.pids"
    # Written by another process: polling is the only way to see it.
    while not marker.exists():  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    return [int(p) for p in marker.read_text().split()]


async def test_timeout_kills_child_and_grandchild(
    fake_runpodctl: FakeRunpodctl,
) -> None:
    ctl = Runpodctl(env=fake_runpodctl.env, timeout=1.0)
    with pytest.raises(RunpodctlError, match="did not finish within 1s") as caught:
        await ctl.ssh_info("hang")
    assert caught.value.exit_code is None
    # The child logs its pid first thing; the grandchild's pid once it started it.
    pids = [int(str(run["pid"])) for run in fake_runpodctl.runs()]
    marker = fake_runpodctl.state / "hang.pids"
    assert marker.exists(), "the stand-in never started its grandchild: nothing was tested"
    pids += [int(p) for p in marker.read_text().split()]
    assert len(set(pids)) == 2
    assert gone(*pids)


async def test_cancellation_kills_child(ctl: Runpodctl, fake_runpodctl: FakeRunpodctl) -> None:
    task = asyncio.ensure_future(ctl.exec_python("hang", "train.py"))
    pids = await _hang_pids(fake_runpodctl)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert gone(*pids)


async def test_exec_python_exit_codes(ctl: Runpodctl, tmp_path: Path) -> None:
    ok = tmp_path / "ok.py"
    ok.write_text("print('trained')\n")
    assert (await ctl.exec_python("pod1", ok)).stdout == "trained\n"
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nsys.exit(3)\n")
    with pytest.raises(RunpodctlError) as caught:
        await ctl.exec_python("pod1", bad)
    assert caught.value.exit_code == 3


def test_missing_binary_says_how_to_install_and_that_ssh_needs_none(tmp_path: Path) -> None:
    with pytest.raises(RunpodctlNotFoundError) as caught:
        Runpodctl(env={"PATH": str(tmp_path)})
    message = str(caught.value)
    assert "github.com/runpod/runpodctl/releases" in message
    assert "rp.pods.exec" in message
    assert "RUNPODCTL_PATH" in message
    with pytest.raises(RunpodctlNotFoundError, match="RUNPODCTL_PATH"):
        find_runpodctl(env={"RUNPODCTL_PATH": str(tmp_path / "nope"), "PATH": ""})


def test_explicit_path_and_env_var_win_over_path(
    fake_runpodctl: FakeRunpodctl, tmp_path: Path
) -> None:
    binary = fake_runpodctl.bin_dir / "runpodctl"
    assert find_runpodctl(binary, env={"PATH": ""}) == binary
    assert find_runpodctl(env={"RUNPODCTL_PATH": str(binary), "PATH": ""}) == binary


async def test_key_masked_in_errors(fake_runpodctl: FakeRunpodctl, tmp_path: Path) -> None:
    ctl = Runpodctl(api_key=KEY, env=fake_runpodctl.env)
    # The key as an argument (a user mistake) still never shows in our error message.
    with pytest.raises(RunpodctlError) as caught:
        await ctl.run([KEY])
    assert KEY not in str(caught.value)
    assert KEY not in caught.value.stderr
