# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class PodRuntimePort(RestModel):
    """
    Live port mapping for a running pod.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    private: Annotated[int | None, Field(examples=[8888])] = None
    public: Annotated[int | None, Field(examples=[43210])] = None
    type: Annotated[str | None, Field(examples=["http"])] = None
    ip: Annotated[str | None, Field(examples=["45.23.12.1"])] = None
