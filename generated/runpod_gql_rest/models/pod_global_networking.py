# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class PodGlobalNetworking(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    enabled: Annotated[bool, Field(examples=[True])]
    """
    Whether global networking is enabled, giving the pod a private IP reachable across data centers. Derived from whether the pod has an assigned global-network address.
    """
    ip: Annotated[str | None, Field(examples=["10.65.1.42"])] = None
    """
    The pod's assigned global-networking IP. Present only when enabled.
    """
    internal_dns: Annotated[
        str | None, Field(alias="internalDns", examples=["gfj8b292vyg08g.runpod.internal"])
    ] = None
    """
    Internal DNS name (`<podId>.runpod.internal`), reachable from other globally-networked pods in the same account. Present only when enabled.
    """
