"""Where a pod's sshd listens, and whether it answers yet. Needs nothing beyond the standard library."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from runpod_gql.errors import RemoteTimeoutError, SSHError

__all__ = [
    "PortMapping",
    "SSHEndpoint",
    "public_ssh_address",
    "ssh_endpoint_from_ports",
    "wait_for_ssh_banner",
]


@dataclass(frozen=True)
class SSHEndpoint:
    """An SSH server to talk to: a pod's public address and port, and the user to log in as."""

    host: str
    port: int
    username: str = "root"

    def __str__(self) -> str:
        return f"{self.username}@{self.host}:{self.port}"


class PortMapping(Protocol):
    """The fields of one ``runtime.ports`` entry this module reads (the generated model fits)."""

    @property
    def ip(self) -> str | None: ...
    @property
    def is_ip_public(self) -> bool | None: ...
    @property
    def private_port(self) -> int | None: ...
    @property
    def public_port(self) -> int | None: ...
    @property
    def type(self) -> str | None: ...


def public_ssh_address(ports: Iterable[PortMapping] | None) -> tuple[str, int] | None:
    """The address of the first public TCP mapping of private port 22, as runpodctl picks it;
    ``None`` if there is none.

    Private addresses (``is_ip_public`` false) are skipped: they are reachable only from inside
    RunPod's network, and runpod-python's habit of returning them is a known bug.
    """
    for entry in ports or ():
        if (
            entry.is_ip_public
            and entry.private_port == 22
            and entry.ip
            and entry.public_port is not None
            and (entry.type or "tcp").lower() == "tcp"
        ):
            return entry.ip, int(entry.public_port)
    return None


def ssh_endpoint_from_ports(
    ports: Iterable[PortMapping] | None, username: str = "root"
) -> SSHEndpoint | None:
    """Where :func:`public_ssh_address` says sshd is reached; ``None`` if nowhere yet."""
    found = public_ssh_address(ports)
    return None if found is None else SSHEndpoint(*found, username)


async def wait_for_ssh_banner(host: str, port: int, timeout: float = 10.0) -> str:
    """Connect over TCP and return the server's identification line (``SSH-2.0-...``).

    A listening port alone proves little on RunPod (a proxy may accept before sshd runs); the
    banner proves an SSH server answered. Raises :class:`RemoteTimeoutError` when nothing arrives
    within ``timeout`` seconds and :class:`SSHError` when the connection fails or is not SSH.
    """

    async def probe() -> str:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            # RFC 4253 4.2: a server may send other lines before its identification string.
            for _ in range(32):
                line = await reader.readline()
                if not line:
                    break
                text = line.decode("utf-8", "replace").rstrip("\r\n")
                if text.startswith("SSH-"):
                    return text
            raise SSHError(f"{host}:{port} answered, but not with an SSH banner")
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    try:
        return await asyncio.wait_for(probe(), timeout)
    except asyncio.TimeoutError as exc:
        raise RemoteTimeoutError(f"no SSH banner from {host}:{port} within {timeout:g}s") from exc
    except OSError as exc:
        raise SSHError(f"cannot connect to {host}:{port}: {exc.strerror or exc}") from exc
