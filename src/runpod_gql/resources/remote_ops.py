"""The bridge from pods to :mod:`runpod_gql.remote`: a pod's SSH endpoint, its banner, a session.

The only module of the resources layer that imports ``remote``. Sessions are kept per endpoint
and reused by later calls on the same pod; ``RunPod.aclose()`` closes them.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RemoteError, SSHError
from ..models import PodState
from ..remote.endpoint import SSHEndpoint, wait_for_ssh_banner

if TYPE_CHECKING:
    from ..remote.ssh import SSHSession


def endpoint_or_none(pod: PodState) -> SSHEndpoint | None:
    """The pod's direct SSH endpoint (the public mapping of port 22), if it has one yet.

    REST v2 reports it as ``ssh.direct``; on GraphQL it is read from the runtime's ports as
    runpodctl does (private addresses skipped). RunPod's proxy (``ssh_proxy``) carries a shell
    only, no SFTP, so it is not used here.
    """
    if pod.ssh is None:
        return None
    return SSHEndpoint(pod.ssh.host, pod.ssh.port, pod.ssh.username or "root")


def ssh_endpoint(pod: PodState) -> SSHEndpoint:
    """The pod's public SSH endpoint; SSHError when it has none (yet)."""
    found = endpoint_or_none(pod)
    if found is None:
        raise SSHError(
            f"pod {pod.id} has no public SSH port (status {pod.status.value}); "
            "wait with rp.pods.wait_until_ready(pod_id) and create it with ports '22/tcp'"
        )
    return found


async def ssh_banner(pod: PodState, timeout: float) -> str | None:
    """The SSH banner of the pod's port-22 endpoint, or None if it does not answer yet."""
    endpoint = endpoint_or_none(pod)
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
