# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import pod_status


class ClusterPrimary(RestModel):
    """
    The cluster's primary (master) node, through which the cluster is typically driven. Omitted until a primary pod has been placed.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    pod_id: Annotated[str, Field(alias="podId", examples=["pod_node0"])]
    """
    ID of the primary member pod.
    """
    status: pod_status.PodStatus
    ssh_endpoint: Annotated[str | None, Field(alias="sshEndpoint", examples=["1.2.3.4:22001"])] = (
        None
    )
    """
    Public SSH endpoint (`host:port`) for the primary node; omitted when the primary is not yet RUNNING or does not expose SSH (22/tcp).
    """
