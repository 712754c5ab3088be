"""Container registry credentials: list, save, update, delete. Passwords go out, never come back."""

from __future__ import annotations

from runpod_gql_generated.fragments import RegistryAuth
from runpod_gql_generated.input_types import SaveRegistryAuthInput, UpdateRegistryAuthInput

from .. import _validate as v
from ..errors import NotFoundError
from ._base import Resource, present, required


class RegistryAuths(Resource):
    """``rp.registry_auths``."""

    async def list(self) -> list[RegistryAuth]:
        result = await self._t.run(self._t.list_registry_auths())
        return present(
            required(result.myself, "myself", "ListRegistryAuths").container_registry_creds
        )

    async def save(self, *, name: str, username: str, password: str) -> RegistryAuth:
        fields = SaveRegistryAuthInput(
            name=v.text("name", name),
            username=v.text("username", username),
            password=v.text("password", password),
        )
        result = await self._t.run(self._t.save_registry_auth(input=fields))
        return required(result.save_registry_auth, "saveRegistryAuth", "SaveRegistryAuth")

    async def update(self, registry_auth_id: str, *, username: str, password: str) -> RegistryAuth:
        fields = UpdateRegistryAuthInput(
            id=v.text("registry_auth_id", registry_auth_id),
            username=v.text("username", username),
            password=v.text("password", password),
        )
        result = await self._t.run(self._t.update_registry_auth(input=fields))
        return required(result.update_registry_auth, "updateRegistryAuth", "UpdateRegistryAuth")

    async def delete(self, registry_auth_id: str) -> bool:
        """Delete; False when it was already gone."""
        v.text("registry_auth_id", registry_auth_id)
        try:
            await self._t.run(self._t.delete_registry_auth(registry_auth_id=registry_auth_id))
        except NotFoundError:
            return False
        return True
