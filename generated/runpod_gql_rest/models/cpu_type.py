# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import availability_level, cpu_type_price, cpu_type_vcpu, data_center_availability


class CpuType(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["cpu5c"])]
    """
    CPU flavor identifier (use in cpu.id for pod creation)
    """
    name: Annotated[str, Field(examples=["Compute-Optimized"])]
    """
    Human-readable flavor name
    """
    group: Annotated[str, Field(examples=["Gen 5"])]
    """
    CPU generation group
    """
    vcpu: cpu_type_vcpu.CpuTypeVcpu
    ram_gb_per_vcpu: Annotated[float, Field(alias="ramGbPerVcpu", examples=[2.5])]
    """
    GB of RAM allocated per vCPU. Multiply by the chosen vCPU
    count (within `vcpu.min`..`vcpu.max`) to get the total RAM
    for an instance of this flavor. May be fractional.

    """
    price: cpu_type_price.CpuTypePrice
    availability: availability_level.AvailabilityLevel | None = None
    """
    Overall CPU availability for the requested `product` contexts. Present only when requested with include=AVAILABILITY, which also requires `product`.
    """
    data_centers: Annotated[
        list[data_center_availability.DataCenterAvailability] | None, Field(alias="dataCenters")
    ] = None
    """
    Per-datacenter CPU availability for the requested `product`
    contexts, listing only the datacenters that offer this CPU flavor.
    Present only when requested with include=AVAILABILITY, which also
    requires `product`, and omitted entirely when the flavor is
    unavailable everywhere.

    """
