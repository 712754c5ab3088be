"""Running commands and moving files on pods: native SSH (asyncssh) and a runpodctl wrapper.

An edge package: it works on an :class:`SSHEndpoint` and never imports the resources layer.
The SSH names need the ``ssh`` extra (asyncssh) and are imported on first use, so the
runpodctl wrapper and the endpoint helpers work without it.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from .endpoint import PortMapping, SSHEndpoint, ssh_endpoint_from_ports, wait_for_ssh_banner
from .results import ExecResult, OutputCallback, TransferCallback, TransferProgress

if TYPE_CHECKING:
    from .keys import RUNPOD_SSH_DIR, find_private_key, load_private_key
    from .known_hosts import DEFAULT_KNOWN_HOSTS, KnownHosts
    from .ssh import SSHSession

__all__ = [
    "DEFAULT_KNOWN_HOSTS",
    "RUNPOD_SSH_DIR",
    "ExecResult",
    "KnownHosts",
    "OutputCallback",
    "PortMapping",
    "SSHEndpoint",
    "SSHSession",
    "TransferCallback",
    "TransferProgress",
    "find_private_key",
    "load_private_key",
    "ssh_endpoint_from_ports",
    "wait_for_ssh_banner",
]

_LAZY = {
    "RUNPOD_SSH_DIR": "keys",
    "find_private_key": "keys",
    "load_private_key": "keys",
    "DEFAULT_KNOWN_HOSTS": "known_hosts",
    "KnownHosts": "known_hosts",
    "SSHSession": "ssh",
}


def __getattr__(name: str) -> Any:
    if name == "ProgressCallback":
        warnings.warn(
            "runpod_gql.remote.ProgressCallback is now TransferCallback (ProgressCallback is "
            "the wait's callback in runpod_gql)",
            DeprecationWarning,
            stacklevel=2,
        )
        return TransferCallback
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{module}"), name)
    except ModuleNotFoundError as exc:
        if exc.name != "asyncssh":
            raise
        raise ImportError(
            f"runpod_gql.remote.{name} needs asyncssh: pip install 'runpod-gql[ssh]'"
        ) from exc
