"""Our own known-hosts file: host keys remembered on first use, keyed ``[host]:port``.

Kept apart from ``~/.ssh/known_hosts`` on purpose: RunPod hands the same address and port to
successive pods, each with a fresh host key, and we do not want to edit the user's OpenSSH file.
The file uses OpenSSH's format, so ``ssh -o UserKnownHostsFile=...`` can share it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import asyncssh

from runpod_gql.errors import HostKeyError

__all__ = ["DEFAULT_KNOWN_HOSTS", "KnownHosts", "host_pattern", "parse_public_key"]

DEFAULT_KNOWN_HOSTS = Path("~/.runpod/runpod-gql/known_hosts")

# One lock for every KnownHosts object: appends from concurrent sessions must not interleave.
_WRITE_LOCK = threading.Lock()


def host_pattern(host: str, port: int) -> str:
    """The known-hosts name of an endpoint, always in bracketed form: ``[host]:port``."""
    return f"[{host}]:{port}"


def parse_public_key(key: str | bytes | asyncssh.SSHKey) -> asyncssh.SSHKey:
    """An OpenSSH public key line (``ssh-ed25519 AAAA... [comment]``) as a key object."""
    if isinstance(key, asyncssh.SSHKey):
        return key
    try:
        return asyncssh.import_public_key(key)
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise HostKeyError(f"not an OpenSSH public key: {exc}") from exc


class KnownHosts:
    """Host keys we trust, one ``[host]:port keytype base64`` line each.

    Only lines whose first field is exactly our bracketed pattern (or a comma list containing it)
    are read; hashed or wildcard entries written by other tools are ignored, never matched loosely.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path: Path = Path(path if path is not None else DEFAULT_KNOWN_HOSTS).expanduser()

    def __repr__(self) -> str:
        return f"KnownHosts({str(self.path)!r})"

    def _lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise HostKeyError(f"cannot read known-hosts file {self.path}: {exc}") from exc

    @staticmethod
    def _matches(line: str, pattern: str) -> bool:
        fields = line.split()
        if len(fields) < 3 or line.lstrip().startswith("#"):
            return False
        return pattern in fields[0].split(",")

    def lookup(self, host: str, port: int) -> list[asyncssh.SSHKey]:
        """The keys remembered for ``[host]:port`` (empty when the endpoint is new)."""
        pattern = host_pattern(host, port)
        keys = []
        for line in self._lines():
            if self._matches(line, pattern):
                _, algorithm, data = line.split()[:3]
                keys.append(parse_public_key(f"{algorithm} {data}"))
        return keys

    def remember(self, host: str, port: int, key: asyncssh.SSHKey) -> None:
        """Append ``key`` for ``[host]:port`` unless it is already there."""
        with _WRITE_LOCK:
            if any(k == key for k in self.lookup(host, port)):
                return
            line = f"{host_pattern(host, port)} {key.export_public_key('openssh').decode().strip()}"
            line = " ".join(line.split()[:3])  # drop any comment carried by the key
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(line + "\n")

    def forget(self, host: str, port: int) -> int:
        """Drop every key remembered for ``[host]:port``; returns how many lines went.

        Use it when a new pod took over an address whose previous pod's key we remembered.
        """
        pattern = host_pattern(host, port)
        with _WRITE_LOCK:
            lines = self._lines()
            kept = [line for line in lines if not self._matches(line, pattern)]
            if len(kept) != len(lines):
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
                os.chmod(tmp, 0o600)
                os.replace(tmp, self.path)
            return len(lines) - len(kept)
