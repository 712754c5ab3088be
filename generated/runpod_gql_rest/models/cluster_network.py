# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class ClusterNetwork(RestModel):
    """
    The cluster's private VXLAN overlay network (shared by all member pods).
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    cidr: Annotated[str, Field(examples=["10.65.0.0/16"])]
    """
    The overlay network's CIDR block.
    """
    vxlan_id: Annotated[int | None, Field(alias="vxlanId", examples=[42])] = None
    """
    VXLAN network identifier; omitted until assigned.
    """
    vxlan_port: Annotated[int | None, Field(alias="vxlanPort", examples=[4789])] = None
    """
    UDP port carrying the VXLAN traffic; omitted until assigned.
    """
