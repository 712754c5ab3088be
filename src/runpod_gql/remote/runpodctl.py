"""A wrapper around RunPod's ``runpodctl`` CLI: transfers (send/receive), ssh info, exec, pods.

The binary runs as an asyncio subprocess from an argument list (never a shell), in its own
process group, with a time-out; on time-out or cancellation the whole group is killed and
reaped. The API key reaches the child only as ``RUNPOD_API_KEY`` in its environment (a command
line is visible to every user through ``ps``), and is masked in every message we build.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from runpod_gql.errors import RunpodctlError, RunpodctlNotFoundError

from .endpoint import SSHEndpoint

__all__ = ["Runpodctl", "RunpodctlResult", "SSHInfo", "SendTransfer", "find_runpodctl"]

INSTALL_HINT = (
    "install runpodctl from https://github.com/runpod/runpodctl/releases and put it on PATH, or "
    "set RUNPODCTL_PATH. You may not need it: commands and file transfers over native SSH "
    "(rp.pods.exec / upload / download / run_script) do not use runpodctl."
)

_CODE_LINE = re.compile(r"code is:?\s*(\S+)", re.IGNORECASE)
_BARE_CODE = re.compile(r"\d+(?:-[A-Za-z0-9]+){2,}")
_VERSION = re.compile(r"v?(\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?)")


def find_runpodctl(
    path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The runpodctl to run: ``path``, else ``$RUNPODCTL_PATH``, else the first on ``$PATH``."""
    environ = os.environ if env is None else env
    explicit = path if path is not None else environ.get("RUNPODCTL_PATH") or None
    if explicit is not None:
        candidate = Path(explicit).expanduser()
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
        source = "path" if path is not None else "RUNPODCTL_PATH"
        raise RunpodctlNotFoundError(
            f"runpodctl not found at {candidate} (from {source}); {INSTALL_HINT}"
        )
    found = shutil.which("runpodctl", path=environ.get("PATH", os.defpath))
    if found is None:
        raise RunpodctlNotFoundError(f"runpodctl is not on PATH; {INSTALL_HINT}")
    return Path(found)


@dataclass(frozen=True)
class RunpodctlResult:
    """A finished runpodctl run (the key is never part of ``args``)."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class SSHInfo:
    """``runpodctl ssh info``: how to reach a pod. ``raw`` is the whole JSON object."""

    id: str
    name: str | None
    ip: str
    port: int
    ssh_command: str | None
    ssh_key: Mapping[str, Any] | None
    raw: Mapping[str, Any] = field(repr=False)

    def endpoint(self, username: str = "root") -> SSHEndpoint:
        return SSHEndpoint(self.ip, self.port, username)


def _existing(path: str | os.PathLike[str]) -> Path:
    source = Path(path).expanduser()
    if not source.exists():
        raise RunpodctlError(f"cannot send {source}: it does not exist")
    return source


def _make_dir(path: str | os.PathLike[str]) -> Path:
    dest = Path(path).expanduser()
    dest.mkdir(parents=True, exist_ok=True)
    return dest


async def _kill_group(proc: asyncio.subprocess.Process) -> None:
    """SIGKILL the child's process group (it may have children: ssh, rsync, croc) and reap it."""
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    await proc.wait()


class Runpodctl:
    """Runs runpodctl. ``timeout`` bounds quick commands, ``transfer_timeout`` send/receive/exec.

    ``env`` is the child's base environment (default: ours); ``api_key``, when given, is added
    to it as ``RUNPOD_API_KEY``, which runpodctl prefers over its config file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        api_key: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 60.0,
        transfer_timeout: float = 3600.0,
    ) -> None:
        self._base_env = dict(os.environ if env is None else env)
        self._api_key = api_key
        self.timeout = timeout
        self.transfer_timeout = transfer_timeout
        self.path: Path = find_runpodctl(path, self._base_env)

    def __repr__(self) -> str:
        key = "set" if self._api_key else "not set"
        return f"Runpodctl(path={str(self.path)!r}, api_key={key})"

    def _child_env(self) -> dict[str, str]:
        env = dict(self._base_env)
        if self._api_key:
            env["RUNPOD_API_KEY"] = self._api_key
        return env

    def _mask(self, text: str) -> str:
        return text.replace(self._api_key, "***") if self._api_key else text

    def _describe(self, args: Sequence[str]) -> str:
        return self._mask(" ".join(["runpodctl", *args]))

    async def _spawn(
        self, args: Sequence[str], cwd: Path | None = None
    ) -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(
            str(self.path),
            *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._child_env(),
            cwd=cwd,
            start_new_session=True,  # its own process group, so a kill reaches its children too
        )

    async def run(
        self,
        args: Sequence[str],
        *,
        timeout: float | None = None,
        cwd: str | os.PathLike[str] | None = None,
        check: bool = True,
    ) -> RunpodctlResult:
        """Run ``runpodctl *args`` to completion; non-zero exit -> :class:`RunpodctlError`."""
        limit = self.timeout if timeout is None else timeout
        proc = await self._spawn(args, Path(cwd) if cwd is not None else None)
        try:
            out, err = await asyncio.wait_for(proc.communicate(), limit)
        except asyncio.TimeoutError as exc:
            await _kill_group(proc)
            raise RunpodctlError(
                f"{self._describe(args)} did not finish within {limit:g}s and was killed"
            ) from exc
        finally:
            if proc.returncode is None:  # cancelled: still kill and reap before unwinding
                await asyncio.shield(_kill_group(proc))
        result = RunpodctlResult(
            tuple(args),
            proc.returncode if proc.returncode is not None else -1,
            self._mask(out.decode("utf-8", "replace")),
            self._mask(err.decode("utf-8", "replace")),
        )
        if check and result.exit_code != 0:
            raise self._error(result)
        return result

    def _error(self, result: RunpodctlResult, why: str | None = None) -> RunpodctlError:
        last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
        reason = why or (last[0] if last else "no output")
        return RunpodctlError(
            f"{self._describe(result.args)} failed (exit code {result.exit_code}): {reason}",
            exit_code=result.exit_code,
            stderr=result.stderr,
        )

    def _json(self, result: RunpodctlResult) -> Any:
        try:
            data = json.loads(result.stdout)
        except ValueError as exc:
            raise self._error(result, f"output is not JSON: {result.stdout[:200]!r}") from exc
        if isinstance(data, dict) and data.get("error"):
            raise self._error(result, str(data["error"]))
        return data

    # ---- commands ----------------------------------------------------------------------------

    async def version(self) -> str:
        """The version runpodctl reports, e.g. ``"2.1.0"`` (the whole output if unparseable)."""
        result = await self.run(["version"])
        text = result.stdout.strip() or result.stderr.strip()
        match = _VERSION.search(text)
        return match.group(1) if match else text

    async def send(
        self,
        path: str | os.PathLike[str],
        *,
        code: str | None = None,
        timeout: float | None = None,
        code_timeout: float | None = None,
    ) -> SendTransfer:
        """Start ``runpodctl send`` and return as soon as it printed the one-time code.

        ``await transfer.wait()`` for the receiver to finish (bounded by ``timeout``, default
        ``transfer_timeout``); ``await transfer.cancel()`` to stop. ``code_timeout`` (default
        ``timeout`` of the wrapper) bounds the wait for the code.
        """
        source = _existing(path)
        args = ["send", str(source)]
        if code is not None:
            args += ["--code", code]
        transfer = SendTransfer(self, args, await self._spawn(args))
        try:
            await transfer._read_code(self.timeout if code_timeout is None else code_timeout)
        except BaseException:
            await asyncio.shield(transfer.cancel())
            raise
        transfer._start(self.transfer_timeout if timeout is None else timeout)
        return transfer

    async def receive(
        self, code: str, dest_dir: str | os.PathLike[str] = ".", *, timeout: float | None = None
    ) -> RunpodctlResult:
        """``runpodctl receive <code>`` into ``dest_dir`` (created if missing)."""
        if not code or code.startswith("-"):
            raise RunpodctlError(f"not a transfer code: {code!r}")
        dest = _make_dir(dest_dir)
        return await self.run(
            ["receive", code],
            cwd=dest,
            timeout=self.transfer_timeout if timeout is None else timeout,
        )

    async def ssh_info(self, pod_id: str, *, verbose: bool = False) -> SSHInfo:
        """``runpodctl ssh info <pod>``; the "pod not ready" JSON it prints with exit 0 raises."""
        args = ["ssh", "info", pod_id] + (["-v"] if verbose else [])
        result = await self.run(args)
        data = self._json(result)
        if not isinstance(data, dict) or not data.get("ip") or data.get("port") is None:
            raise self._error(result, f"no ip/port in ssh info: {result.stdout[:200]!r}")
        ssh_key = data.get("ssh_key")
        return SSHInfo(
            id=str(data.get("id", pod_id)),
            name=data.get("name"),
            ip=str(data["ip"]),
            port=int(data["port"]),
            ssh_command=data.get("ssh_command"),
            ssh_key=ssh_key if isinstance(ssh_key, dict) else None,
            raw=data,
        )

    async def exec_python(
        self, pod_id: str, file: str | os.PathLike[str], *, timeout: float | None = None
    ) -> RunpodctlResult:
        """``runpodctl exec python --pod_id <pod> <file>``.

        runpodctl before 2.10 exits 0 even when the script failed; only a non-zero exit is caught.
        """
        return await self.run(
            ["exec", "python", "--pod_id", pod_id, str(file)],
            timeout=self.transfer_timeout if timeout is None else timeout,
        )

    async def pod_list(self) -> list[dict[str, Any]]:
        data = self._json(await self.run(["pod", "list", "-o", "json"]))
        if not isinstance(data, list):
            raise RunpodctlError(f"runpodctl pod list printed {type(data).__name__}, not a list")
        return data

    async def pod_get(self, pod_id: str) -> dict[str, Any]:
        data = self._json(await self.run(["pod", "get", pod_id, "-o", "json"]))
        if not isinstance(data, dict):
            raise RunpodctlError(f"runpodctl pod get printed {type(data).__name__}, not an object")
        return data

    async def pod_start(self, pod_id: str) -> RunpodctlResult:
        return await self.run(["pod", "start", pod_id])

    async def pod_stop(self, pod_id: str) -> RunpodctlResult:
        return await self.run(["pod", "stop", pod_id])

    async def pod_delete(self, pod_id: str) -> RunpodctlResult:
        return await self.run(["pod", "delete", pod_id])


class SendTransfer:
    """A running ``runpodctl send``: ``code`` to give the receiver, ``wait()``, ``cancel()``."""

    def __init__(
        self, ctl: Runpodctl, args: Sequence[str], proc: asyncio.subprocess.Process
    ) -> None:
        self._ctl = ctl
        self._args = tuple(args)
        self._proc = proc
        self.code: str = ""
        self._out: list[str] = []
        self._err: list[str] = []
        self._done: asyncio.Task[RunpodctlResult] | None = None

    def __repr__(self) -> str:
        return f"SendTransfer(code={self.code!r}, pid={self._proc.pid})"

    @property
    def pid(self) -> int:
        return self._proc.pid

    async def _read_code(self, timeout: float) -> None:
        """Read both streams line by line until a code shows up.

        The documented format is the bare code on the first stdout line; older releases print
        ``Code is: <code>`` after a ``Sending ...`` line (croc's style, sometimes on stderr).
        """
        assert self._proc.stdout is not None
        assert self._proc.stderr is not None
        queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

        async def lines(stream: asyncio.StreamReader, name: str) -> None:
            while raw := await stream.readline():
                await queue.put((name, raw.decode("utf-8", "replace")))
            await queue.put((name, ""))

        readers = [
            asyncio.ensure_future(lines(self._proc.stdout, "out")),
            asyncio.ensure_future(lines(self._proc.stderr, "err")),
        ]

        async def find() -> str:
            open_streams = 2
            while open_streams:
                name, text = await queue.get()
                if not text:
                    open_streams -= 1
                    continue
                (self._out if name == "out" else self._err).append(text)
                stripped = text.strip()
                match = _CODE_LINE.search(stripped)
                if match:
                    return match.group(1)
                if _BARE_CODE.fullmatch(stripped):
                    return stripped
            return ""

        try:
            code = await asyncio.wait_for(find(), timeout)
        except asyncio.TimeoutError as exc:
            raise RunpodctlError(
                f"{self._ctl._describe(self._args)} printed no transfer code within {timeout:g}s"
            ) from exc
        finally:
            for reader in readers:
                reader.cancel()
            await asyncio.gather(*readers, return_exceptions=True)
        # Lines read past the code stay in the queue: keep them for the final result.
        while not queue.empty():
            name, text = queue.get_nowait()
            (self._out if name == "out" else self._err).append(text)
        if not code:
            await self._proc.wait()
            raise self._ctl._error(self._result(), "exited without printing a transfer code")
        self.code = code

    def _result(self) -> RunpodctlResult:
        return RunpodctlResult(
            self._args,
            self._proc.returncode if self._proc.returncode is not None else -1,
            self._ctl._mask("".join(self._out)),
            self._ctl._mask("".join(self._err)),
        )

    def _start(self, timeout: float) -> None:
        self._done = asyncio.ensure_future(self._finish(timeout))

    async def _finish(self, timeout: float) -> RunpodctlResult:
        try:
            out, err = await asyncio.wait_for(self._drain(), timeout)
        except asyncio.TimeoutError as exc:
            await _kill_group(self._proc)
            raise RunpodctlError(
                f"{self._ctl._describe(self._args)} did not finish within {timeout:g}s and was killed"
            ) from exc
        finally:
            if self._proc.returncode is None:
                await asyncio.shield(_kill_group(self._proc))
        self._out.append(out)
        self._err.append(err)
        result = self._result()
        if result.exit_code != 0:
            raise self._ctl._error(result)
        return result

    async def _drain(self) -> tuple[str, str]:
        assert self._proc.stdout is not None
        assert self._proc.stderr is not None
        out, err, _ = await asyncio.gather(
            self._proc.stdout.read(), self._proc.stderr.read(), self._proc.wait()
        )
        return out.decode("utf-8", "replace"), err.decode("utf-8", "replace")

    async def wait(self) -> RunpodctlResult:
        """Wait for the receiver to finish; non-zero exit or time-out -> :class:`RunpodctlError`.

        Cancelling the waiting task kills the sender.
        """
        assert self._done is not None
        return await self._done

    async def cancel(self) -> None:
        """Kill the sender (and its children) and reap it. Safe to call more than once."""
        await _kill_group(self._proc)
        if self._done is not None:
            await asyncio.gather(self._done, return_exceptions=True)

    async def __aenter__(self) -> SendTransfer:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.cancel()
