# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import catalog_resource_availability, data_center_region, volume_type
from . import compliance as compliance_1


class DataCenter(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["US-TX-3"])]
    name: Annotated[str, Field(examples=["US Texas 3"])]
    region: data_center_region.DataCenterRegion
    global_network: Annotated[bool, Field(alias="globalNetwork", examples=[True])]
    """
    Whether this data center supports global networking (private cross-datacenter pod-to-pod network).
    """
    network_volume_types: Annotated[list[volume_type.VolumeType], Field(alias="networkVolumeTypes")]
    """
    Network volume tiers this DC supports. Empty = none.
    """
    compliance: Annotated[
        list[compliance_1.Compliance], Field(examples=[["GDPR", "ISO_IEC_27001", "SOC_2_TYPE_2"]])
    ]
    """
    Compliance certifications held by this data center
    """
    gpu_availability: Annotated[
        list[catalog_resource_availability.CatalogResourceAvailability] | None,
        Field(alias="gpuAvailability"),
    ] = None
    """
    Availability of each GPU this data center offers. Present only when
    requested with include=GPU_AVAILABILITY, and omitted entirely when
    the data center offers no GPUs.

    """
    cpu_availability: Annotated[
        list[catalog_resource_availability.CatalogResourceAvailability] | None,
        Field(alias="cpuAvailability"),
    ] = None
    """
    Availability of each CPU flavor this data center offers. Present
    only when requested with include=CPU_AVAILABILITY, and omitted
    entirely when the data center offers no CPU flavors.

    """
