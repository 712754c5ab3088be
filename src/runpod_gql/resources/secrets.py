"""RunPod secrets: list (metadata only), create, delete. Values are write-only."""

from __future__ import annotations

from runpod_gql_generated.fragments import Secret
from runpod_gql_generated.input_types import SecretCreateInput

from .. import _validate as v
from ..errors import NotFoundError
from ._base import Resource, required


class Secrets(Resource):
    """``rp.secrets``."""

    async def list(self) -> list[Secret]:
        result = await self._t.run(self._t.list_secrets())
        return list(required(result.myself, "myself", "ListSecrets").secrets)

    async def create(self, *, name: str, value: str, description: str | None = None) -> Secret:
        fields = SecretCreateInput(name=v.text("name", name), value=v.text("value", value))
        if description is not None:
            fields.description = description
        result = await self._t.run(self._t.create_secret(input=fields))
        return required(result.secret_create, "secretCreate", "CreateSecret")

    async def delete(self, secret_id: str) -> bool:
        """Delete; False when it was already gone."""
        v.text("secret_id", secret_id)
        try:
            await self._t.run(self._t.delete_secret(id=secret_id))
        except NotFoundError:
            return False
        return True
