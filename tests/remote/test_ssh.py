"""Native SSH against a real OpenSSH sshd on loopback."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace

import asyncssh
import pytest

from runpod_gql.errors import (
    HostKeyError,
    InputValidationError,
    RemoteCommandError,
    RemoteTimeoutError,
    SSHError,
)
from runpod_gql.remote import (
    KnownHosts,
    SSHEndpoint,
    SSHSession,
    TransferProgress,
    find_private_key,
    ssh_endpoint_from_ports,
    wait_for_ssh_banner,
)
from runpod_gql.remote.ssh import build_remote_command
from tests.sshd import LocalSSHD, sshd_available
from tests.support import gone

pytestmark = pytest.mark.ssh


@pytest.fixture
def known_hosts(tmp_path: Path) -> KnownHosts:
    return KnownHosts(tmp_path / "known_hosts")


@pytest.fixture
async def session(sshd: LocalSSHD, known_hosts: KnownHosts) -> AsyncIterator[SSHSession]:
    s = await SSHSession.connect(
        sshd.endpoint, key_path=sshd.client_key_path, known_hosts=known_hosts
    )
    yield s
    await s.close()


async def test_exec_returns_stdout_stderr_and_status(session: SSHSession) -> None:
    result = await session.exec("echo out; echo err >&2")
    assert (result.exit_status, result.stdout, result.stderr) == (0, "out\n", "err\n")
    assert result.ok


async def test_nonzero_exit_raises_with_status_and_stderr(session: SSHSession) -> None:
    with pytest.raises(RemoteCommandError) as caught:
        await session.exec("echo partial; echo boom >&2; exit 3")
    assert caught.value.exit_status == 3
    assert caught.value.stderr == "boom\n"
    assert caught.value.stdout == "partial\n"
    assert "boom" in str(caught.value)


async def test_nonzero_exit_returned_when_check_false(session: SSHSession) -> None:
    result = await session.exec("exit 7", check=False)
    assert result.exit_status == 7
    assert not result.ok


async def test_argument_list_is_quoted(session: SSHSession) -> None:
    tricky = ["printf", "%s|", "a b", "$HOME", "it's", "; rm -rf /nonexistent"]
    result = await session.exec(tricky)
    assert result.stdout == "a b|$HOME|it's|; rm -rf /nonexistent|"


async def test_streamed_callbacks_get_lines_in_order(session: SSHSession) -> None:
    out: list[str] = []
    err: list[str] = []

    async def on_err(line: str) -> None:
        err.append(line)

    await session.exec(
        "for i in 1 2 3; do echo line$i; done; echo e1 >&2",
        on_stdout=out.append,
        on_stderr=on_err,
    )
    assert out == ["line1\n", "line2\n", "line3\n"]
    assert err == ["e1\n"]


async def test_env_and_cwd(session: SSHSession, tmp_path: Path) -> None:
    env = {"RUNPOD_GQL_A": "x y 'z'", "B_2": "$(echo no)"}
    result = await session.exec(
        'printf "%s|%s|%s" "$RUNPOD_GQL_A" "$B_2" "$PWD"', env=env, cwd=str(tmp_path)
    )
    assert result.stdout == f"x y 'z'|$(echo no)|{tmp_path}"


def test_env_names_are_validated() -> None:
    with pytest.raises(InputValidationError):
        build_remote_command("true", env={"A;rm": "1"})


async def test_timeout_kills_the_remote_process_group(session: SSHSession, tmp_path: Path) -> None:
    pid_file = tmp_path / "bg.pid"
    with pytest.raises(RemoteTimeoutError) as caught:
        await session.exec(f"sleep 300 & echo $! > {pid_file}; wait", timeout=0.5)
    assert isinstance(caught.value, TimeoutError)
    assert gone(int(pid_file.read_text()))
    # The connection stays usable after a time-out.
    assert (await session.exec("echo still")).stdout == "still\n"


async def test_cancellation_kills_the_remote_process(session: SSHSession) -> None:
    started = asyncio.Event()
    pids: list[int] = []

    def on_stdout(line: str) -> None:
        pids.append(int(line))
        started.set()

    task = asyncio.ensure_future(session.exec("sleep 300 & echo $!; wait", on_stdout=on_stdout))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await session.close()  # waits for the background kill
    assert gone(pids[0])


def _make_tree(root: Path) -> dict[str, bytes]:
    files = {
        "a.bin": os.urandom(300_000),
        "empty.txt": b"",
        "sub/b.txt": b"hello\n",
        "sub/deeper/c.dat": bytes(range(256)) * 10,
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "emptydir").mkdir()
    return files


def _read_tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


async def test_upload_then_download_file_byte_for_byte(session: SSHSession, tmp_path: Path) -> None:
    src = tmp_path / "model.bin"
    src.write_bytes(os.urandom(1_000_003))
    remote = tmp_path / "remote" / "nested" / "model.bin"
    reports: list[TransferProgress] = []
    await session.upload(src, str(remote), progress=reports.append)
    assert remote.read_bytes() == src.read_bytes()
    assert reports
    assert reports[-1].transferred == reports[-1].total == 1_000_003
    back = tmp_path / "back" / "model.bin"
    down: list[TransferProgress] = []
    await session.download(str(remote), back, progress=down.append)
    assert back.read_bytes() == src.read_bytes()
    assert down[-1].transferred == 1_000_003


async def test_upload_then_download_directory_byte_for_byte(
    session: SSHSession, tmp_path: Path
) -> None:
    src = tmp_path / "data"
    files = _make_tree(src)
    remote = tmp_path / "remote-data"
    seen: set[str] = set()
    await session.upload(src, str(remote), progress=lambda p: seen.add(Path(p.source).name))
    assert _read_tree(remote) == files
    assert (remote / "emptydir").is_dir()
    assert {"a.bin", "b.txt", "c.dat"} <= seen
    # Uploading again merges into the same place instead of nesting data/data.
    await session.upload(src, str(remote))
    assert _read_tree(remote) == files
    back = tmp_path / "back-data"
    await session.download(str(remote), back)
    assert _read_tree(back) == files
    assert (back / "emptydir").is_dir()


async def test_transfer_errors(session: SSHSession, tmp_path: Path) -> None:
    with pytest.raises(InputValidationError):
        await session.upload(tmp_path / "missing", "/tmp/x")
    with pytest.raises(SSHError):
        await session.download(str(tmp_path / "missing-remote"), tmp_path / "x")


async def test_run_script_uploads_and_runs(session: SSHSession, tmp_path: Path) -> None:
    script = tmp_path / "start_training.sh"
    script.write_text('#!/bin/sh\necho "args: $*"\necho "epochs=$EPOCHS"\nexit 0\n')
    remote_dir = tmp_path / "remote-scripts"
    result = await session.run_script(
        script, ["--lr", "1e-4 x"], remote_dir=str(remote_dir), env={"EPOCHS": "3"}
    )
    assert result.stdout == "args: --lr 1e-4 x\nepochs=3\n"
    assert os.access(remote_dir / "start_training.sh", os.X_OK)
    failing = tmp_path / "fail.sh"
    failing.write_text("#!/bin/sh\necho nope >&2\nexit 4\n")
    with pytest.raises(RemoteCommandError) as caught:
        await session.run_script(failing, remote_dir=str(remote_dir))
    assert caught.value.exit_status == 4


# Its own sshd (it rotates the host key), so not the module's fixture, which would skip it.
@pytest.mark.skipif(not sshd_available(), reason="OpenSSH sshd is not installed")
async def test_host_key_remembered_then_changed_key_refused(
    tmp_path: Path, known_hosts: KnownHosts
) -> None:
    with LocalSSHD(tmp_path / "own-sshd") as server:
        ep = server.endpoint
        assert known_hosts.lookup(ep.host, ep.port) == []
        async with SSHSession.connect(
            ep, key_path=server.client_key_path, known_hosts=known_hosts
        ) as s:
            assert s.host_public_key == server.host_public_key
        line = known_hosts.path.read_text()
        assert line.startswith(f"[127.0.0.1]:{ep.port} ssh-ed25519 ")
        assert line.split()[1:3] == server.host_public_key.split()
        # Second connection: the remembered key matches; nothing new is written.
        async with SSHSession.connect(ep, key_path=server.client_key_path, known_hosts=known_hosts):
            pass
        assert known_hosts.path.read_text() == line

        server.rotate_host_key()
        with pytest.raises(HostKeyError, match="changed") as caught:
            await SSHSession.connect(ep, key_path=server.client_key_path, known_hosts=known_hosts)
        assert "forget" in str(caught.value)
        assert known_hosts.path.read_text() == line  # the new key was not recorded

        # After forgetting the old pod's key the new one is trusted on first use.
        assert known_hosts.forget(ep.host, ep.port) == 1
        async with SSHSession.connect(
            ep, key_path=server.client_key_path, known_hosts=known_hosts
        ) as s:
            assert s.host_public_key == server.host_public_key


async def test_pinned_host_key(sshd: LocalSSHD, tmp_path: Path) -> None:
    kh = KnownHosts(tmp_path / "never-written")
    async with SSHSession.connect(
        sshd.endpoint, key_path=sshd.client_key_path, host_key=sshd.host_public_key, known_hosts=kh
    ) as s:
        assert (await s.exec("echo pinned")).stdout == "pinned\n"
    assert not kh.path.exists()
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    with pytest.raises(HostKeyError, match="pinned"):
        await SSHSession.connect(sshd.endpoint, key_path=sshd.client_key_path, host_key=other)


async def test_user_known_hosts_and_config_are_not_read(
    sshd: LocalSSHD, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong key in ~/.ssh/known_hosts and a hostile ~/.ssh/config change nothing."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{sshd.port} {other}")
    (home / ".ssh" / "config").write_text("Host *\n  Port 1\n  User nobody\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    async with SSHSession.connect(
        sshd.endpoint, key_path=sshd.client_key_path, known_hosts=tmp_path / "kh"
    ) as s:
        assert (await s.exec("echo ok")).stdout == "ok\n"


async def test_wrong_client_key_is_refused(sshd: LocalSSHD, tmp_path: Path) -> None:
    stranger = asyncssh.generate_private_key("ssh-ed25519")
    with pytest.raises(SSHError, match="refused") as caught:
        await SSHSession.connect(sshd.endpoint, key=stranger, known_hosts=tmp_path / "kh")
    assert not isinstance(caught.value, HostKeyError)


async def test_key_found_in_runpod_ssh_dir(
    sshd: LocalSSHD, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(SSHError, match=r"\.runpod/ssh"):
        await SSHSession.connect(sshd.endpoint, known_hosts=tmp_path / "kh")
    ssh_dir = tmp_path / ".runpod" / "ssh"
    ssh_dir.mkdir(parents=True)
    (ssh_dir / "notes.txt").write_text("not a key")
    (ssh_dir / "RunPod-Key-Go").write_bytes(sshd.client_key_path.read_bytes())
    assert find_private_key() == ssh_dir / "RunPod-Key-Go"
    async with SSHSession.connect(sshd.endpoint, known_hosts=tmp_path / "kh") as s:
        assert (await s.exec("echo found")).stdout == "found\n"
    (ssh_dir / "runpodctl-ssh-key").write_bytes(sshd.client_key_path.read_bytes())
    assert find_private_key() == ssh_dir / "runpodctl-ssh-key"


async def test_connect_to_closed_port(tmp_path: Path, sshd: LocalSSHD) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SSHError, match="cannot connect"):
        await SSHSession.connect(
            SSHEndpoint("127.0.0.1", port, sshd.username),
            key_path=sshd.client_key_path,
            known_hosts=tmp_path / "kh",
        )


async def test_wait_for_ssh_banner(sshd: LocalSSHD) -> None:
    banner = await wait_for_ssh_banner(sshd.host, sshd.port, timeout=5)
    assert banner.startswith("SSH-2.0-OpenSSH")


async def test_wait_for_banner_times_out_on_a_silent_port() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # never answers
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(RemoteTimeoutError):
            await wait_for_ssh_banner("127.0.0.1", port, timeout=0.2)
    finally:
        server.close()
        await server.wait_closed()


def test_ssh_endpoint_from_ports_requires_public_ip() -> None:
    def port(ip: str, public: bool, private: int, public_port: int, kind: str = "tcp") -> object:
        return SimpleNamespace(
            ip=ip, is_ip_public=public, private_port=private, public_port=public_port, type=kind
        )

    ports = [
        port("10.0.0.5", False, 22, 22),  # private address: runpod-python would pick this
        port("203.0.113.7", True, 8888, 40888, "http"),
        port("203.0.113.7", True, 22, 40022),
    ]
    assert ssh_endpoint_from_ports(ports) == SSHEndpoint("203.0.113.7", 40022)  # type: ignore[arg-type]
    assert ssh_endpoint_from_ports(ports[:2]) is None  # type: ignore[arg-type]
    assert ssh_endpoint_from_ports(None) is None
    assert ssh_endpoint_from_ports([]) is None
