"""Network volumes: list, get, create, update (rename or grow), delete."""

from __future__ import annotations

from .. import _validate as v
from ..errors import InputValidationError
from ..models import NetworkVolume
from ._base import BackendResource, found


class NetworkVolumes(BackendResource):
    """``rp.volumes``."""

    async def list(self) -> list[NetworkVolume]:
        return await self._b.list_volumes()

    async def get(self, volume_id: str) -> NetworkVolume:
        """One volume by id (one read on REST v2; GraphQL has no single-volume query)."""
        v.text("volume_id", volume_id)
        volume = await self._b.get_volume(volume_id)
        return found(volume, f"network volume {volume_id}", "getNetworkVolume")

    async def create(self, *, name: str, size_gb: int, data_center_id: str) -> NetworkVolume:
        """A new volume of ``size_gb`` GB (REST v2: 10 to 4096) in ``data_center_id``."""
        return await self._b.create_volume(
            v.text("name", name),
            v.integer("size_gb", size_gb, minimum=1, maximum=4096),
            v.text("data_center_id", data_center_id),
        )

    async def update(
        self, volume_id: str, *, name: str | None = None, size_gb: int | None = None
    ) -> NetworkVolume:
        """Rename or grow a volume (RunPod volumes cannot shrink)."""
        v.text("volume_id", volume_id)
        if name is None and size_gb is None:
            raise InputValidationError("name", "give a new name or size_gb")
        return await self._b.update_volume(
            volume_id,
            v.text("name", name) if name is not None else None,
            v.integer("size_gb", size_gb, minimum=1, maximum=4096) if size_gb is not None else None,
        )

    async def delete(self, volume_id: str) -> bool:
        """Delete; False when it was already gone."""
        return await self._b.delete_volume(v.text("volume_id", volume_id))
