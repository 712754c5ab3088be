"""Finding and loading the private key that logs in to pods."""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

from runpod_gql.errors import SSHError

__all__ = ["RUNPOD_SSH_DIR", "find_private_key", "load_private_key"]

RUNPOD_SSH_DIR = Path("~/.runpod/ssh")
_RUNPODCTL_KEY = "runpodctl-ssh-key"


def find_private_key(directory: str | os.PathLike[str] | None = None) -> Path:
    """The key runpodctl made (``runpodctl-ssh-key``), else the first other private key, in ``directory``.

    ``directory`` defaults to ``~/.runpod/ssh``. Files ending in ``.pub`` and files that do not
    parse as an unencrypted private key are skipped. Raises :class:`SSHError` naming where it looked.
    """
    where = Path(directory if directory is not None else RUNPOD_SSH_DIR).expanduser()
    preferred = where / _RUNPODCTL_KEY
    if preferred.is_file():
        return preferred
    candidates = sorted(p for p in where.glob("*") if p.is_file()) if where.is_dir() else []
    for path in candidates:
        if path.suffix == ".pub" or path.name in {"known_hosts", "config", "authorized_keys"}:
            continue
        try:
            asyncssh.read_private_key(path)
        except (asyncssh.KeyImportError, OSError, ValueError):
            continue
        return path
    raise SSHError(
        f"no SSH private key found: looked for {preferred} and any private key in {where}; "
        "pass key_path=..., configure one, or create one (ssh-keygen -t ed25519) there "
        "and add its public key to your RunPod account"
    )


def load_private_key(
    path: str | os.PathLike[str], passphrase: str | None = None
) -> asyncssh.SSHKey:
    """Read a private key file; errors name the file, never its content."""
    try:
        return asyncssh.read_private_key(Path(path).expanduser(), passphrase)
    except asyncssh.KeyEncryptionError as exc:
        raise SSHError(f"cannot decrypt SSH key {path}: wrong or missing passphrase") from exc
    except asyncssh.KeyImportError as exc:
        hint = " (encrypted? pass passphrase=...)" if passphrase is None else ""
        raise SSHError(f"cannot read SSH key {path}: {exc}{hint}") from exc
    except OSError as exc:
        raise SSHError(f"cannot read SSH key {path}: {exc.strerror or exc}") from exc
