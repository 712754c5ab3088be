# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import release, rollout_summary


class ListEndpointReleasesResponse(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    endpoint_version: Annotated[int | None, Field(alias="endpointVersion", examples=[4])] = None
    """
    The endpoint's current configuration version. Null if unknown.
    """
    rollout: rollout_summary.RolloutSummary
    releases: list[release.Release]
    """
    Release history, newest first.
    """
