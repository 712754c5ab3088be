# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import pod_cluster_role


class PodCluster(RestModel):
    """
    A pod's membership in a cluster.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["cluster_abc123"])]
    """
    ID of the cluster this pod belongs to.
    """
    rank: Annotated[int | None, Field(examples=[0])]
    """
    The pod's node rank within the cluster (NODE_RANK), or null until the index is assigned during provisioning. Rank 0 is the cluster's entry node (`Cluster.primary`); for SLURM it is the controller.
    """
    role: pod_cluster_role.PodClusterRole | None = None
    """
    SLURM or RAY role; omitted for TRAINING/APPLICATION clusters, which do not assign roles.
    """
    ip: Annotated[str | None, Field(examples=["10.65.0.2"])] = None
    """
    The pod's address on the cluster's private overlay network; omitted until the address is assigned.
    """
