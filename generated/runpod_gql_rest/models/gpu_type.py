# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import (
    availability_level,
    cuda_version_availability,
    data_center_availability,
    gpu_manufacturer,
    gpu_type_max_count,
    gpu_type_price,
)


class GpuType(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["NVIDIA GeForce RTX 4090"])]
    """
    Individual GPU type identifier (use for pod creation)
    """
    name: Annotated[str, Field(examples=["RTX 4090"])]
    pool: Annotated[str | None, Field(examples=["ADA_24"])]
    """
    Serverless GPU pool ID (use for serverless endpoint creation). Null if GPU is not in a serverless pool.
    """
    manufacturer: gpu_manufacturer.GpuManufacturer
    memory: Annotated[int, Field(examples=[24])]
    """
    VRAM in GB
    """
    secure: Annotated[bool, Field(examples=[True])]
    """
    Available on secure cloud
    """
    community: Annotated[bool, Field(examples=[True])]
    """
    Available on community cloud
    """
    price: gpu_type_price.GpuTypePrice
    """
    List price in USD per hour for a **single** GPU of this type. Pod
    rates are quoted separately per cloud (`secure`, `community`);
    `serverless` is the rate for this GPU's pool. In every case the
    rate for a unit is the figure times `gpu.count`; the rate actually
    billed for a pod is reported as `cost` on the pod itself.

    """
    max_count: Annotated[gpu_type_max_count.GpuTypeMaxCount, Field(alias="maxCount")]
    """
    The largest number of GPUs you can request on a single pod of this
    type, quoted separately per cloud. A pod runs on one machine, so
    this is the GPU count of the largest machine of this type Runpod
    operates in that cloud.

    This is a ceiling, not a stock level — it does not mean that many
    GPUs are free right now. For current availability, request
    `include=AVAILABILITY&product=POD` and read `availability`
    (overall) or `dataCenters` (per data center).

    """
    availability: availability_level.AvailabilityLevel | None = None
    """
    Overall GPU availability for the requested `product` contexts. Present only when requested with include=AVAILABILITY, which also requires `product`.
    """
    data_centers: Annotated[
        list[data_center_availability.DataCenterAvailability] | None, Field(alias="dataCenters")
    ] = None
    """
    Per-datacenter GPU availability for the requested `product`
    contexts, listing only the datacenters that offer this GPU in the
    requested configuration. Present only when requested with
    include=AVAILABILITY, which also requires `product`, and omitted
    entirely when the configuration is unavailable everywhere.

    """
    cuda_versions: Annotated[
        list[cuda_version_availability.CudaVersionAvailability] | None, Field(alias="cudaVersions")
    ] = None
    """
    CUDA versions offered by machines with this GPU type, each tagged
    with current capacity. Present only when requested with
    include=AVAILABILITY, and scoped by the same filters as
    `availability` (`count`, `cloud`, `product`, and whichever of
    `cudaVersions` / `minCudaVersion` was supplied).

    Machines that report no CUDA version are skipped, so this property
    is absent entirely for a GPU type with none — AMD, for instance.
    Treat a missing `cudaVersions` the same as an empty one. A version
    absent from a populated list is not offered for this GPU type.

    """
