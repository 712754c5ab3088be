"""RunPod secrets: list (metadata only), create, delete. Values are write-only (GraphQL only)."""

from __future__ import annotations

from .. import _validate as v
from ..models import Secret
from ._base import BackendResource


class Secrets(BackendResource):
    """``rp.secrets``."""

    async def list(self) -> list[Secret]:
        return await self._b.list_secrets()

    async def create(self, *, name: str, value: str, description: str | None = None) -> Secret:
        return await self._b.create_secret(
            v.text("name", name), v.text("value", value), description
        )

    async def delete(self, secret_id: str) -> bool:
        """Delete; False when it was already gone."""
        return await self._b.delete_secret(v.text("secret_id", secret_id))
