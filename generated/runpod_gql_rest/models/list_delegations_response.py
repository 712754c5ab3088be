# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import ecr_delegation


class ListDelegationsResponse(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    delegations: list[ecr_delegation.EcrDelegation]
