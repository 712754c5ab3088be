# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import cpu_type


class ListCpuTypesResponse(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    cpus: list[cpu_type.CpuType]
