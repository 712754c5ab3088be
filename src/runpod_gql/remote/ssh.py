"""Native SSH to a pod with asyncssh: run commands, move files over SFTP, run scripts.

Host keys are never accepted blindly: a key pinned by the caller, or the key remembered for
``[host]:port`` in our known-hosts file, must match; an endpoint seen for the first time has its
key remembered (trust on first use). Nothing is read implicitly from ``~/.ssh`` (no config, no
known_hosts, no agent), so behaviour does not depend on the user's OpenSSH set-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import posixpath
import re
import secrets
import shlex
from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import asyncssh

from runpod_gql.errors import (
    HostKeyError,
    InputValidationError,
    RemoteCommandError,
    RemoteTimeoutError,
    SSHError,
)

from .endpoint import SSHEndpoint
from .keys import find_private_key, load_private_key
from .known_hosts import KnownHosts, parse_public_key
from .results import ExecResult, OutputCallback, TransferCallback, TransferProgress

__all__ = [
    "ExecResult",
    "OutputCallback",
    "SSHSession",
    "TransferCallback",
    "TransferProgress",
    "build_remote_command",
]

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def build_remote_command(
    command: str | Sequence[str],
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> str:
    """The command line sent to the remote shell.

    A string is passed as written (it is a shell command line); a sequence is quoted argument
    by argument. Environment variables are ``export``-ed in front rather than sent as SSH ``env``
    requests, because sshd drops those unless its ``AcceptEnv`` lists them, and pod images do
    not configure that.
    """
    line = command if isinstance(command, str) else shlex.join(command)
    prefix = []
    for name, value in (env or {}).items():
        if not _ENV_NAME.match(name):
            raise InputValidationError("env", f"{name!r} is not a valid environment variable name")
        prefix.append(f"export {name}={shlex.quote(value)}")
    if cwd is not None:
        prefix.append(f"cd {shlex.quote(cwd)} || exit 1")
    return "\n".join([*prefix, line])


class _HostKeyCheck:
    """Decides on keys asyncssh did not find among the trusted ones."""

    def __init__(self, tofu: bool) -> None:
        self.tofu = tofu
        self.first_seen: asyncssh.SSHKey | None = None
        self.rejected: asyncssh.SSHKey | None = None


class _Client(asyncssh.SSHClient):
    def __init__(self, check: _HostKeyCheck) -> None:
        self._check = check

    def validate_host_public_key(
        self, host: str, addr: str, port: int, key: asyncssh.SSHKey
    ) -> bool:
        # Only reached for a key that is not trusted. With nothing known for this endpoint we
        # trust on first use; otherwise the key changed and we refuse.
        if self._check.tofu:
            self._check.first_seen = key
            return True
        self._check.rejected = key
        return False


# Local file-system helpers: quick stat calls, kept out of the coroutines (ruff ASYNC240).
def _expand(path: str | os.PathLike[str]) -> Path:
    return Path(path).expanduser()


def _exists(path: Path) -> bool:
    return path.exists()


def _is_file(path: Path) -> bool:
    return path.is_file()


def _mkdir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)


def _children(path: Path) -> list[str] | None:
    """The entries of a directory as paths, sorted; ``None`` when ``path`` is not a directory."""
    if not path.is_dir():
        return None
    return [str(path / name) for name in sorted(os.listdir(path))]


def _fingerprint(key: asyncssh.SSHKey) -> str:
    return key.get_fingerprint("sha256")


class SSHSession:
    """One authenticated SSH connection to a pod. Open with :meth:`connect`."""

    # Upper bound on the extra round trip that kills a timed-out command (not a measurement).
    _KILL_TIMEOUT = 10.0

    def __init__(self, conn: asyncssh.SSHClientConnection, endpoint: SSHEndpoint) -> None:
        self._conn = conn
        self.endpoint = endpoint
        self._kills: set[asyncio.Future[None]] = set()

    def __repr__(self) -> str:
        return f"SSHSession({self.endpoint})"

    @classmethod
    def connect(
        cls,
        endpoint: SSHEndpoint,
        *,
        key_path: str | os.PathLike[str] | None = None,
        key: asyncssh.SSHKey | None = None,
        passphrase: str | None = None,
        known_hosts: str | os.PathLike[str] | KnownHosts | None = None,
        host_key: str | asyncssh.SSHKey | None = None,
        connect_timeout: float = 10.0,
    ) -> _Connect:
        """Connect and log in; use as ``async with SSHSession.connect(...) as s`` or ``await``.

        The client key is ``key``, else read from ``key_path``, else found in ``~/.runpod/ssh``.
        ``host_key`` pins the server's public key (OpenSSH format); without it the key must match
        the one remembered in ``known_hosts`` (default ``~/.runpod/runpod-gql/known_hosts``), or is
        remembered there if the endpoint is new. A mismatch raises :class:`HostKeyError`.
        """
        return _Connect(
            cls._open(
                endpoint,
                key_path=key_path,
                key=key,
                passphrase=passphrase,
                known_hosts=known_hosts,
                host_key=host_key,
                connect_timeout=connect_timeout,
            )
        )

    @classmethod
    async def _open(
        cls,
        endpoint: SSHEndpoint,
        *,
        key_path: str | os.PathLike[str] | None,
        key: asyncssh.SSHKey | None,
        passphrase: str | None,
        known_hosts: str | os.PathLike[str] | KnownHosts | None,
        host_key: str | asyncssh.SSHKey | None,
        connect_timeout: float,
    ) -> SSHSession:
        if key is not None:
            client_key = key
            key_name = "the given key"
        else:
            path = _expand(key_path) if key_path is not None else find_private_key()
            client_key = load_private_key(path, passphrase)
            key_name = str(path)

        store: KnownHosts | None = None
        if host_key is not None:
            trusted = [parse_public_key(host_key)]
        else:
            store = known_hosts if isinstance(known_hosts, KnownHosts) else KnownHosts(known_hosts)
            trusted = store.lookup(endpoint.host, endpoint.port)
        check = _HostKeyCheck(tofu=store is not None and not trusted)
        where = f"{endpoint.host}:{endpoint.port}"

        try:
            conn = await asyncio.wait_for(
                asyncssh.connect(
                    endpoint.host,
                    endpoint.port,
                    username=endpoint.username,
                    client_factory=lambda: _Client(check),
                    client_keys=[client_key],
                    # A non-empty tuple of key lists: asyncssh then neither reads ~/.ssh/known_hosts
                    # (it does for an empty value) nor skips checking (it does for None).
                    known_hosts=(trusted, [], []),
                    config=None,
                    agent_path=None,
                    x509_trusted_certs=None,
                    preferred_auth="publickey",
                    password_auth=False,
                    kbdint_auth=False,
                    gss_auth=False,
                    host_based_auth=False,
                ),
                connect_timeout,
            )
        except asyncssh.HostKeyNotVerifiable as exc:
            if check.rejected is not None and store is not None:
                remembered = ", ".join(_fingerprint(k) for k in trusted)
                raise HostKeyError(
                    f"the SSH host key of {where} changed: {store.path} remembers {remembered}, "
                    f"the server now offers {_fingerprint(check.rejected)}. If a new pod took over "
                    f"this address, drop the old entry with KnownHosts({str(store.path)!r})"
                    f".forget({endpoint.host!r}, {endpoint.port}); otherwise do not connect."
                ) from exc
            if check.rejected is not None:
                raise HostKeyError(
                    f"the SSH host key of {where} ({_fingerprint(check.rejected)}) does not match "
                    f"the pinned key ({_fingerprint(trusted[0])})"
                ) from exc
            raise HostKeyError(f"cannot verify the SSH host key of {where}: {exc.reason}") from exc
        except asyncssh.KeyExchangeFailed as exc:
            if trusted:
                # We offer only the trusted keys' algorithms; a server with none of them has a
                # different host key than the one we know.
                raise HostKeyError(
                    f"the SSH host key of {where} changed: the server has no key of the "
                    f"remembered or pinned type ({exc.reason})"
                ) from exc
            raise SSHError(f"SSH key exchange with {where} failed: {exc.reason}") from exc
        except asyncssh.PermissionDenied as exc:
            raise SSHError(
                f"{endpoint.username}@{where} refused {key_name}: is its public key in your "
                "RunPod account settings (pods created before adding it do not have it)?"
            ) from exc
        except asyncio.TimeoutError as exc:
            raise RemoteTimeoutError(
                f"could not connect and log in to {where} within {connect_timeout:g}s"
            ) from exc
        except (asyncssh.Error, OSError) as exc:
            reason = exc.reason if isinstance(exc, asyncssh.Error) else (exc.strerror or str(exc))
            raise SSHError(f"cannot connect to {where}: {reason}") from exc

        if store is not None and check.first_seen is not None:
            try:
                store.remember(endpoint.host, endpoint.port, check.first_seen)
            except BaseException:
                conn.close()
                raise
        return cls(conn, endpoint)

    @property
    def host_public_key(self) -> str | None:
        """The server's host key in OpenSSH format, as verified during this connection."""
        key = self._conn.get_server_host_key()
        return key.export_public_key("openssh").decode().strip() if key else None

    @property
    def is_open(self) -> bool:
        """False once the connection was closed (by us, the server or the network)."""
        return not self._conn.is_closed()

    async def close(self) -> None:
        if self._kills:
            await asyncio.gather(*self._kills, return_exceptions=True)
        self._conn.close()
        await self._conn.wait_closed()

    async def __aenter__(self) -> SSHSession:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def exec(
        self,
        command: str | Sequence[str],
        *,
        timeout: float | None = None,
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
        check: bool = True,
        on_stdout: OutputCallback | None = None,
        on_stderr: OutputCallback | None = None,
    ) -> ExecResult:
        """Run ``command`` and return its output and exit status.

        A string is a shell command line; a sequence is quoted for you. Output is collected and,
        line by line as it arrives, passed to ``on_stdout`` / ``on_stderr``. A non-zero exit (or
        death by a signal) raises :class:`RemoteCommandError` unless ``check=False``. After
        ``timeout`` seconds, or if the awaiting task is cancelled, the remote process group gets
        SIGKILL (sent from a second channel), the channel is closed and :class:`RemoteTimeoutError`
        is raised.
        """
        shown = command if isinstance(command, str) else shlex.join(command)
        # The shell first reports its pid on stderr: sshd puts each session in its own process
        # group led by that shell, so a time-out can kill the whole group from a second channel.
        # (SSH "signal" requests do not help: OpenSSH refuses them for root logins, which is how
        # pods are used, and closing a channel without a terminal sends no SIGHUP.)
        marker = f"runpod-gql-pid:{secrets.token_hex(8)}:"
        line = build_remote_command(command, env, cwd)
        line = f"printf '%s\\n' \"{marker}$$\" >&2\n{line}"
        try:
            process = await self._conn.create_process(
                line, encoding="utf-8", errors="replace", stdin=asyncssh.DEVNULL
            )
        except (asyncssh.Error, OSError) as exc:
            raise SSHError(f"cannot start {shown!r} on {self.endpoint}: {exc}") from exc

        out: list[str] = []
        err: list[str] = []
        pgid: list[int] = []

        async def pump(
            stream: asyncssh.SSHReader[str],
            sink: list[str],
            callback: OutputCallback | None,
            find_marker: bool,
        ) -> None:
            while True:
                chunk = await stream.readline()
                if not chunk:
                    return
                if find_marker and chunk.startswith(marker):
                    find_marker = False
                    with contextlib.suppress(ValueError):
                        pgid.append(int(chunk[len(marker) :]))
                    continue
                sink.append(chunk)
                if callback is not None:
                    result = callback(chunk)
                    if inspect.isawaitable(result):
                        await result

        async def run() -> asyncssh.SSHCompletedProcess:
            await asyncio.gather(
                pump(process.stdout, out, on_stdout, False),
                pump(process.stderr, err, on_stderr, True),
            )
            return await process.wait()

        finished = False
        try:
            completed = await asyncio.wait_for(run(), timeout)
            finished = True
        except asyncio.TimeoutError as exc:
            await self._kill(process, pgid, marker)
            finished = True  # killed: no second kill in the background
            raise RemoteTimeoutError(
                f"command {shown!r} on {self.endpoint} did not finish within {timeout:g}s; "
                "it was killed"
            ) from exc
        except (asyncssh.Error, OSError) as exc:
            raise SSHError(f"{shown!r} on {self.endpoint} failed: {exc}") from exc
        finally:
            if not finished:
                # Cancelled (or failed): kill in the background; close() waits for it.
                task = asyncio.ensure_future(self._kill(process, pgid, marker))
                self._kills.add(task)
                task.add_done_callback(self._kills.discard)

        result = ExecResult(
            command=shown,
            exit_status=completed.exit_status,
            stdout="".join(out),
            stderr="".join(err),
            exit_signal=completed.exit_signal[0] if completed.exit_signal else None,
        )
        if check and result.exit_status != 0:
            raise RemoteCommandError(shown, result.exit_status, result.stdout, result.stderr)
        return result

    async def _kill(
        self, process: asyncssh.SSHClientProcess[str], pgid: list[int], marker: str
    ) -> None:
        """SIGKILL the remote command's process group, then close its channel. Never raises."""
        if not pgid:
            # Stopped before the pid line was read (a busy client): it may still be buffered.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._read_pgid(process, pgid, marker), self._KILL_TIMEOUT)
        with contextlib.suppress(Exception):
            if pgid:
                await asyncio.wait_for(
                    self._conn.run(f"kill -KILL -- -{pgid[0]} 2>/dev/null", check=False),
                    self._KILL_TIMEOUT,
                )
        with contextlib.suppress(Exception):
            process.close()

    @staticmethod
    async def _read_pgid(
        process: asyncssh.SSHClientProcess[str], pgid: list[int], marker: str
    ) -> None:
        while not pgid:
            line = await process.stderr.readline()
            if not line:
                return
            if line.startswith(marker):
                with contextlib.suppress(ValueError):
                    pgid.append(int(line[len(marker) :]))
                return

    # ---- files -------------------------------------------------------------------------------

    @staticmethod
    def _progress_handler(
        progress: TransferCallback | None,
    ) -> Callable[[bytes, bytes, int, int], None] | None:
        if progress is None:
            return None

        def handler(src: bytes, dst: bytes, done: int, total: int) -> None:
            progress(TransferProgress(os.fsdecode(src), os.fsdecode(dst), done, total))

        return handler

    async def _put(
        self,
        sftp: asyncssh.SFTPClient,
        local: Path,
        remote_path: str,
        progress: TransferCallback | None,
    ) -> None:
        handler = self._progress_handler(progress)
        children = _children(local)
        if children is not None:
            await sftp.makedirs(remote_path, exist_ok=True)
            if children:
                # Several sources into an existing directory: each lands inside it by name.
                await sftp.put(
                    children, remote_path, recurse=True, preserve=True, progress_handler=handler
                )
        else:
            parent = posixpath.dirname(remote_path)
            if parent:
                await sftp.makedirs(parent, exist_ok=True)
            await sftp.put(str(local), remote_path, preserve=True, progress_handler=handler)

    async def upload(
        self,
        local_path: str | os.PathLike[str],
        remote_path: str,
        *,
        progress: TransferCallback | None = None,
    ) -> None:
        """Copy a file or a directory tree to ``remote_path`` over SFTP.

        ``remote_path`` is the destination itself: a file is written there (parents created), a
        directory's contents go into it (created or merged), so repeating an upload is idempotent.
        ``progress`` is called synchronously for each block of each file.
        """
        local = _expand(local_path)
        if not _exists(local):
            raise InputValidationError("local_path", f"{local} does not exist")
        try:
            async with self._conn.start_sftp_client() as sftp:
                await self._put(sftp, local, remote_path, progress)
        except (asyncssh.Error, OSError) as exc:
            raise SSHError(
                f"upload of {local} to {self.endpoint}:{remote_path} failed: {exc}"
            ) from exc

    async def download(
        self,
        remote_path: str,
        local_path: str | os.PathLike[str],
        *,
        progress: TransferCallback | None = None,
    ) -> None:
        """Copy a remote file or directory tree to ``local_path`` (same rules as :meth:`upload`)."""
        local = _expand(local_path)
        handler = self._progress_handler(progress)
        try:
            async with self._conn.start_sftp_client() as sftp:
                if await sftp.isdir(remote_path):
                    _mkdir(local)
                    names = sorted(
                        n for n in await sftp.listdir(remote_path) if n not in {".", ".."}
                    )
                    if names:
                        await sftp.get(
                            [posixpath.join(remote_path, n) for n in names],
                            str(local),
                            recurse=True,
                            preserve=True,
                            progress_handler=handler,
                        )
                else:
                    _mkdir(local.parent)
                    await sftp.get(remote_path, str(local), preserve=True, progress_handler=handler)
        except (asyncssh.Error, OSError) as exc:
            raise SSHError(
                f"download of {self.endpoint}:{remote_path} to {local} failed: {exc}"
            ) from exc

    async def run_script(
        self,
        local_script: str | os.PathLike[str],
        args: Sequence[str] = (),
        *,
        remote_dir: str = "/tmp/runpod-gql",
        timeout: float | None = None,
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
        check: bool = True,
        on_stdout: OutputCallback | None = None,
        on_stderr: OutputCallback | None = None,
    ) -> ExecResult:
        """Upload ``local_script`` into ``remote_dir``, make it executable and run it with ``args``.

        The script runs by its path, so its ``#!`` line picks the interpreter.
        """
        local = _expand(local_script)
        if not _is_file(local):
            raise InputValidationError("local_script", f"{local} is not a file")
        remote = posixpath.join(remote_dir, local.name)
        try:
            async with self._conn.start_sftp_client() as sftp:
                await self._put(sftp, local, remote, None)
                await sftp.chmod(remote, 0o755)
        except (asyncssh.Error, OSError) as exc:
            raise SSHError(f"upload of {local} to {self.endpoint}:{remote} failed: {exc}") from exc
        return await self.exec(
            [remote, *args],
            timeout=timeout,
            env=env,
            cwd=cwd,
            check=check,
            on_stdout=on_stdout,
            on_stderr=on_stderr,
        )


class _Connect:
    """What :meth:`SSHSession.connect` returns: awaitable, or an async context manager."""

    def __init__(self, opening: Awaitable[SSHSession]) -> None:
        self._opening = opening
        self._session: SSHSession | None = None

    def __await__(self) -> Generator[object, None, SSHSession]:
        return self._opening.__await__()

    async def __aenter__(self) -> SSHSession:
        self._session = await self._opening
        return self._session

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()
