# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class NetworkMount(RestModel):
    """
    Reference to a NetworkVolume. Custom paths are honored at runtime on
    both GPU and CPU pods. The underlying `volumeId` is immutable
    post-create; the mount `path` may be changed via PATCH.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    volume_id: Annotated[str, Field(alias="volumeId", examples=["vol_xyz"])]
    """
    ID of an existing NetworkVolume in the same data center as the pod.
    """
    path: Annotated[str, Field(examples=["/runpod-volume"])]
    """
    Mount path inside the container. No default — must be specified explicitly.
    """
