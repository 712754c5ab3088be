# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class ClusterPodsSummary(RestModel):
    """
    A lightweight summary of a cluster's member pods. Use `GET /v2/clusters/{id}/pods` to retrieve the full pod objects.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    total: Annotated[int, Field(examples=[4])]
    """
    Number of member pods currently provisioned for the cluster.
    """
    by_status: Annotated[
        dict[str, int], Field(alias="byStatus", examples=[{"RUNNING": 3, "PROVISIONING": 1}])
    ]
    """
    Member pod counts keyed by pod status (the same values as `Pod.status`, e.g. RUNNING, PROVISIONING). Statuses with no pods are omitted.
    """
