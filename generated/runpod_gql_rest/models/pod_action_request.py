# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import pod_action


class PodActionRequest(RestModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    action: pod_action.PodAction
