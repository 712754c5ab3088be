# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import network_volume


class ListNetworkVolumesResponse(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    network_volumes: Annotated[list[network_volume.NetworkVolume], Field(alias="networkVolumes")]
