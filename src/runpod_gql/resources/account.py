"""The account behind the key: balance, spend per hour, SSH public keys."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from runpod_gql_generated.fragments import Account as AccountModel
from runpod_gql_generated.input_types import UpdateUserSettingsInput

from .. import _validate as v
from ..errors import InputValidationError
from ._base import Resource, required


class AccountResource(Resource):
    """``rp.account`` (the :class:`~runpod_gql.Account` model is what ``get`` returns)."""

    async def get(self) -> AccountModel:
        """Id, email, balance, current spend per hour, SSH public keys."""
        result = await self._t.run(self._t.get_account())
        return required(result.myself, "myself", "GetAccount")

    async def ssh_keys(self) -> list[str]:
        """The public keys RunPod installs on new pods."""
        account = await self.get()
        return [line for line in (account.pub_key or "").splitlines() if line.strip()]

    async def set_ssh_keys(self, keys: Sequence[str]) -> AccountModel:
        """Replace the account's SSH public keys (one OpenSSH public key per entry)."""
        for i, key in enumerate(keys):
            v.text(f"keys[{i}]", key)
            if not key.startswith(("ssh-", "ecdsa-", "sk-")):
                raise InputValidationError(f"keys[{i}]", "is not an OpenSSH public key")
        fields = UpdateUserSettingsInput(pub_key="\n".join(k.strip() for k in keys))
        result = await self._t.run(self._t.update_ssh_keys(input=fields))
        return required(result.update_user_settings, "updateUserSettings", "UpdateSshKeys")

    async def add_ssh_key(self, key: str) -> AccountModel:
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
