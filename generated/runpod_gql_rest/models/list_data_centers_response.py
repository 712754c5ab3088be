# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import data_center


class ListDataCentersResponse(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    data_centers: Annotated[list[data_center.DataCenter], Field(alias="dataCenters")]
