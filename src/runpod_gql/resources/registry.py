"""Container registry credentials: list, save, update, delete. Passwords go out, never come back."""

from __future__ import annotations

from .. import _validate as v
from ..models import RegistryAuth
from ._base import BackendResource


class RegistryAuths(BackendResource):
    """``rp.registry_auths``."""

    async def list(self) -> list[RegistryAuth]:
        """Your credentials (``username`` is reported by GraphQL only)."""
        return await self._b.list_registry_auths()

    async def save(self, *, name: str, username: str, password: str) -> RegistryAuth:
        return await self._b.create_registry_auth(
            v.text("name", name), v.text("username", username), v.text("password", password)
        )

    async def update(self, registry_auth_id: str, *, username: str, password: str) -> None:
        """New username and password for a credential (GraphQL only: REST v2 has no update)."""
        await self._b.update_registry_auth(
            v.text("registry_auth_id", registry_auth_id),
            v.text("username", username),
            v.text("password", password),
        )

    async def delete(self, registry_auth_id: str) -> bool:
        """Delete; False when it was already gone."""
        return await self._b.delete_registry_auth(v.text("registry_auth_id", registry_auth_id))
