"""The account behind the key: balance and spend (GraphQL only), SSH public keys."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from .. import _validate as v
from ..errors import InputValidationError
from ..models import Account as AccountModel
from ._base import BackendResource


class AccountResource(BackendResource):
    """``rp.account`` (the :class:`~runpod_gql.Account` model is what ``get`` returns)."""

    async def get(self) -> AccountModel:
        """Id, email, balance, current spend per hour, SSH public keys (GraphQL only)."""
        return await self._b.get_account()

    async def ssh_keys(self) -> list[str]:
        """The public keys RunPod installs on new pods."""
        return await self._b.get_ssh_keys()

    async def set_ssh_keys(self, keys: Sequence[str]) -> list[str]:
        """Replace the account's SSH public keys (one OpenSSH public key per entry)."""
        for i, key in enumerate(keys):
            v.text(f"keys[{i}]", key)
            if not key.strip().startswith(("ssh-", "ecdsa-", "sk-")):
                raise InputValidationError(f"keys[{i}]", "is not an OpenSSH public key")
        return await self._b.set_ssh_keys([k.strip() for k in keys])

    async def add_ssh_key(self, key: str) -> list[str]:
        """Add one public key, keeping the others (no-op if present)."""
        keys = await self.ssh_keys()
        if key.strip() not in keys:
            keys.append(key.strip())
        return await self.set_ssh_keys(keys)


def __getattr__(name: str) -> Any:
    if name == "Account":  # the resource's old name, taken by the model in runpod_gql
        warnings.warn(
            "runpod_gql.resources.account.Account is now AccountResource "
            "(runpod_gql.Account is the model)",
            DeprecationWarning,
            stacklevel=2,
        )
        return AccountResource
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
