"""A throwaway OpenSSH sshd on a loopback port, for tests and demos.

Usable three ways::

    with LocalSSHD() as sshd: ...            # plain scripts
    async with LocalSSHD() as sshd: ...      # async code
    the ``sshd`` fixture in tests/remote/conftest.py

It gives ``host``, ``port``, ``username``, ``client_key_path`` (authorised private key),
``host_public_key`` (OpenSSH line, for pinning) and ``endpoint``. ``rotate_host_key()`` restarts
it on the same port with a new host key, as a re-created pod on a reused address would.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runpod_gql.remote import SSHEndpoint

SSHD_PATH = Path(os.environ.get("RUNPOD_GQL_SSHD", "/usr/sbin/sshd"))


def sshd_available() -> bool:
    """True when OpenSSH's sshd and ssh-keygen are installed."""
    return SSHD_PATH.is_file() and shutil.which("ssh-keygen") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)],
        check=True,
        stdin=subprocess.DEVNULL,
    )


class LocalSSHD:
    """An sshd child process listening on 127.0.0.1, with its own keys in a temporary directory."""

    host = "127.0.0.1"

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self._own_dir = directory is None
        self.dir = (
            Path(directory) if directory else Path(tempfile.mkdtemp(prefix="runpod-gql-sshd-"))
        )
        self.port = 0
        self.username = getpass.getuser()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.client_key_path = self.dir / "client_key"
        self.host_key_path = self.dir / "host_key"
        self.log_path = self.dir / "sshd.log"
        self._proc: subprocess.Popen[bytes] | None = None
        self._generation = 0

    @property
    def host_public_key(self) -> str:
        """The current host key as an OpenSSH public key line (``ssh-ed25519 AAAA...``)."""
        return " ".join(self.host_key_path.with_suffix(".pub").read_text().split()[:2])

    @property
    def client_public_key(self) -> str:
        return self.client_key_path.with_suffix(".pub").read_text().strip()

    @property
    def endpoint(self) -> SSHEndpoint:
        from runpod_gql.remote import SSHEndpoint

        return SSHEndpoint(self.host, self.port, self.username)

    def _write_config(self) -> Path:
        config = self.dir / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    f"ListenAddress {self.host}",
                    f"HostKey {self.host_key_path}",
                    f"AuthorizedKeysFile {self.dir / 'authorized_keys'}",
                    f"PidFile {self.dir / 'sshd.pid'}",
                    "PermitRootLogin prohibit-password",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",  # the temp dir is not a root-owned 0700 home
                    "PrintMotd no",
                    "Subsystem sftp internal-sftp",
                    "",
                ]
            )
        )
        return config

    def start(self) -> LocalSSHD:
        if not sshd_available():
            raise RuntimeError(f"OpenSSH sshd not found at {SSHD_PATH}")
        if not self.client_key_path.exists():
            _keygen(self.client_key_path)
            shutil.copy(self.client_key_path.with_suffix(".pub"), self.dir / "authorized_keys")
        if not self.host_key_path.exists():
            _keygen(self.host_key_path)
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # privilege separation directory
        if not self.port:
            self.port = _free_port()
        config = self._write_config()
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                [str(SSHD_PATH), "-D", "-e", "-f", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        self._wait_listening()
        return self

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 10
        while True:
            assert self._proc is not None
            if self._proc.poll() is not None:
                raise RuntimeError(f"sshd exited: {self.log_path.read_text()[-2000:]}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as s:
                    if s.recv(64).startswith(b"SSH-"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"sshd did not listen on {self.port}: {self.log_path.read_text()}"
                )
            time.sleep(0.02)

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None

    def rotate_host_key(self) -> None:
        """Restart on the same port with a freshly generated host key."""
        self.stop()
        self._generation += 1
        for suffix in ("", ".pub"):
            Path(str(self.host_key_path) + suffix).unlink(missing_ok=True)
        self.start()

    def close(self) -> None:
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> LocalSSHD:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> LocalSSHD:
        import asyncio

        return await asyncio.to_thread(self.start)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        import asyncio

        await asyncio.to_thread(self.close)
