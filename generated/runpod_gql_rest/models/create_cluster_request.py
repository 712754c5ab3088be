# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import cluster_compute, cluster_type
from . import mounts as mounts_1
from .base_container_config import BaseContainerConfig


class CreateClusterRequest(BaseContainerConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    compute: cluster_compute.ClusterCompute
    name: Annotated[str, Field(examples=["my-training-cluster"], min_length=1)]
    type: cluster_type.ClusterType
    data_center_ids: Annotated[
        list[str] | None, Field(alias="dataCenterIds", examples=[["US-TX-3"]])
    ] = None
    """
    Preferred data centers for placement. Omit or pass an empty
    array to let the scheduler choose. A cluster is always placed
    within a single data center.

    """
    mounts: mounts_1.Mounts | None = None
    start_jupyter: Annotated[bool | None, Field(alias="startJupyter")] = False
    """
    Start Jupyter on every member pod, as on pod create.
    """
    start_ssh: Annotated[bool | None, Field(alias="startSsh")] = False
    """
    Provision SSH access on every member pod: injects a PUBLIC_KEY environment variable carrying your account's registered SSH public key. Same semantics as the pod create flag.
    """
