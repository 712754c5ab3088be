"""Network volumes: list, create, update (rename / grow), delete."""

from __future__ import annotations

from runpod_gql_generated.fragments import NetworkVolume
from runpod_gql_generated.input_types import (
    CreateNetworkVolumeInput,
    DeleteNetworkVolumeInput,
    UpdateNetworkVolumeInput,
)

from .. import _validate as v
from ..errors import InputValidationError, NotFoundError
from ._base import Resource, present, required


class NetworkVolumes(Resource):
    """``rp.volumes``."""

    async def list(self) -> list[NetworkVolume]:
        result = await self._t.run(self._t.list_network_volumes())
        return present(required(result.myself, "myself", "ListNetworkVolumes").network_volumes)

    async def get(self, volume_id: str) -> NetworkVolume:
        """One volume by id (from the list: the API has no single-volume query)."""
        v.text("volume_id", volume_id)
        for volume in await self.list():
            if volume.id == volume_id:
                return volume
        raise NotFoundError(f"network volume {volume_id} not found", operation="ListNetworkVolumes")

    async def create(self, *, name: str, size_gb: int, data_center_id: str) -> NetworkVolume:
        fields = CreateNetworkVolumeInput(
            name=v.text("name", name),
            size=v.integer("size_gb", size_gb, minimum=1, maximum=4000),
            data_center_id=v.text("data_center_id", data_center_id),
        )
        result = await self._t.run(self._t.create_network_volume(input=fields))
        return required(result.create_network_volume, "createNetworkVolume", "CreateNetworkVolume")

    async def update(
        self, volume_id: str, *, name: str | None = None, size_gb: int | None = None
    ) -> NetworkVolume:
        """Rename or grow a volume (RunPod volumes cannot shrink)."""
        fields = UpdateNetworkVolumeInput(id=v.text("volume_id", volume_id))
        if name is None and size_gb is None:
            raise InputValidationError("name", "give a new name or size_gb")
        if name is not None:
            fields.name = v.text("name", name)
        if size_gb is not None:
            fields.size = v.integer("size_gb", size_gb, minimum=1, maximum=4000)
        result = await self._t.run(self._t.update_network_volume(input=fields))
        return required(result.update_network_volume, "updateNetworkVolume", "UpdateNetworkVolume")

    async def delete(self, volume_id: str) -> bool:
        """Delete; False when it was already gone."""
        fields = DeleteNetworkVolumeInput(id=v.text("volume_id", volume_id))
        try:
            await self._t.run(self._t.delete_network_volume(input=fields))
        except NotFoundError:
            return False
        return True
