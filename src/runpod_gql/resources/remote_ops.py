"""The bridge from pods to :mod:`runpod_gql.remote`: a pod's SSH endpoint, its banner, a session.

The only module of the resources layer that imports ``remote``. Sessions are kept per endpoint
and reused by later calls on the same pod; ``RunPod.aclose()`` closes them.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from runpod_gql_generated.fragments import Pod, Runtime

from ..errors import RemoteError, SSHError
from ..remote.endpoint import SSHEndpoint, ssh_endpoint_from_ports, wait_for_ssh_banner

if TYPE_CHECKING:
    from ..remote.ssh import SSHSession


@dataclass(frozen=True)
class _Port:
    """A runtime port mapping as :class:`~runpod_gql.remote.PortMapping` (the model has ``type_``)."""

    ip: str | None
    is_ip_public: bool | None
    private_port: int | None
    public_port: int | None
    type: str | None


def endpoint_or_none(runtime: Runtime | None) -> SSHEndpoint | None:
    """The public SSH endpoint a pod's runtime maps, if any."""
    ports = [
        _Port(p.ip, p.is_ip_public, p.private_port, p.public_port, p.type_)
        for p in (runtime.ports if runtime else None) or ()
        if p is not None
    ]
    return ssh_endpoint_from_ports(ports)


def ssh_endpoint(pod: Pod) -> SSHEndpoint:
    """The pod's public SSH endpoint; SSHError when it has none (yet)."""
    found = endpoint_or_none(pod.runtime)
    if found is None:
        raise SSHError(
            f"pod {pod.id} has no public SSH port (status {pod.desired_status.value}); "
            "wait with rp.pods.wait_until_ready(pod_id) and create it with ports '22/tcp'"
        )
    return found


async def ssh_banner(runtime: Runtime | None, timeout: float) -> str | None:
    """The SSH banner of the runtime's port-22 endpoint, or None if it does not answer yet."""
    endpoint = endpoint_or_none(runtime)
    if endpoint is None:
        return None
    try:
        return await wait_for_ssh_banner(endpoint.host, endpoint.port, timeout=timeout)
    except (RemoteError, OSError):
        return None


class SSHPool:
    """Open SSH sessions by endpoint, with the key and known-hosts settings of one client."""

    def __init__(
        self,
        *,
        key_path: str | os.PathLike[str] | None,
        home: Path | None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        env = os.environ if env is None else env
        self.key_path: str | os.PathLike[str] | None = (
            key_path or env.get("RUNPOD_GQL_SSH_KEY") or None
        )
        self.home = home
        self._sessions: dict[tuple[SSHEndpoint, str | None], SSHSession] = {}
        # One connect at a time per endpoint: concurrent calls on a pod share one session.
        self._connecting: dict[tuple[SSHEndpoint, str | None], asyncio.Lock] = {}

    def _known_hosts(self) -> Path | None:
        return self.home / ".runpod" / "runpod-gql" / "known_hosts" if self.home else None

    def _key(self, key_path: str | os.PathLike[str] | None) -> str | os.PathLike[str] | None:
        if key_path is not None:
            return key_path
        if self.key_path is not None:
            return self.key_path
        if self.home is not None:
            from ..remote.keys import find_private_key

            return find_private_key(self.home / ".runpod" / "ssh")
        return None

    async def session(
        self, endpoint: SSHEndpoint, key_path: str | os.PathLike[str] | None = None
    ) -> SSHSession:
        try:
            from ..remote.ssh import SSHSession
        except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
            raise SSHError("native SSH needs asyncssh: pip install 'runpod-gql[ssh]'") from exc
        cache_key = (endpoint, str(key_path) if key_path is not None else None)
        async with self._connecting.setdefault(cache_key, asyncio.Lock()):
            existing = self._sessions.get(cache_key)
            if existing is not None and existing.is_open:
                return existing
            opened = await SSHSession.connect(
                endpoint, key_path=self._key(key_path), known_hosts=self._known_hosts()
            )
            self._sessions[cache_key] = opened
            return opened

    async def aclose(self) -> None:
        sessions, self._sessions = list(self._sessions.values()), {}
        for s in sessions:
            await s.close()
