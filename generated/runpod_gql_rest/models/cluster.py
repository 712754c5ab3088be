# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import cluster_compute, cluster_network, cluster_pods_summary, cluster_primary, cluster_type


class Cluster(RestModel):
    """
    A cluster. Cluster-level fields describe the identity and homogeneous shape; `pods` is a lightweight summary of the members. Fetch the full member pods — with their container config, mounts, and runtime state — from `GET /v2/clusters/{id}/pods`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["cluster_abc123"])]
    name: Annotated[str, Field(examples=["my-training-cluster"])]
    type: cluster_type.ClusterType
    compute: cluster_compute.ClusterCompute
    template: Annotated[str | None, Field(examples=["tpl_abc"])] = None
    """
    ID of the template this cluster's pods were created from; omitted when they were not created from one.
    """
    data_center_id: Annotated[str | None, Field(alias="dataCenterId", examples=["US-TX-3"])] = None
    """
    Data center the cluster is placed in (a cluster is always within a single data center). Derived from the member pods; omitted until at least one pod is placed.
    """
    pods: cluster_pods_summary.ClusterPodsSummary
    network: cluster_network.ClusterNetwork | None = None
    """
    The cluster's overlay network; omitted until the network is provisioned.
    """
    primary: cluster_primary.ClusterPrimary | None = None
    """
    The primary (master) node; omitted until a primary pod is placed. Its `sshEndpoint` is omitted until that pod is RUNNING with SSH exposed.
    """
    created_at: Annotated[
        AwareDatetime, Field(alias="createdAt", examples=["2026-06-29T20:00:00Z"])
    ]
