"""What can be rented: GPU types with prices and stock, CPU flavors, data centres."""

from __future__ import annotations

from pydantic import Field

from ._base import Availability, Model


class DataCenterStock(Model):
    """How much of one GPU type (or CPU flavor) one data centre has free."""

    id: str = Field(description="the data centre id for a GPU type, the GPU type id for a DC")
    name: str | None = None
    availability: Availability


class GpuType(Model):
    """A GPU type with its list prices (USD per GPU-hour) and, when asked, its stock.

    Prices are per single GPU; ``gpu_count`` and ``cloud`` say what the stock was checked for.
    """

    id: str = Field(description="what pods are created with, e.g. 'NVIDIA GeForce RTX 4090'")
    name: str | None = Field(default=None, description="display name, e.g. 'RTX 4090'")
    manufacturer: str | None = None
    memory_gb: int | None = Field(default=None, description="VRAM per GPU")
    max_gpu_count: int | None = None
    secure_cloud: bool | None = None
    community_cloud: bool | None = None
    secure_price: float | None = Field(default=None, description="on demand, secure cloud")
    community_price: float | None = Field(default=None, description="on demand, community cloud")
    secure_spot_price: float | None = Field(default=None, description="GraphQL only")
    community_spot_price: float | None = Field(default=None, description="GraphQL only")
    serverless_price: float | None = Field(default=None, description="REST v2 only")
    pool: str | None = Field(default=None, description="REST v2 only: serverless pool id")
    on_demand_price: float | None = Field(
        default=None, description="GraphQL only: lowest on-demand price for gpu_count GPUs"
    )
    minimum_bid_price: float | None = Field(
        default=None, description="GraphQL only: lowest spot bid per GPU-hour"
    )
    availability: Availability | None = Field(
        default=None, description="stock for gpu_count GPUs; None when not asked for"
    )
    data_centers: list[DataCenterStock] | None = Field(
        default=None, description="REST v2 only: stock per data centre"
    )
    cuda_versions: list[str] | None = Field(
        default=None, description="CUDA versions with stock; None when not reported"
    )
    gpu_count: int = Field(default=1, description="the GPU count stock was checked for")

    @property
    def in_stock(self) -> bool:
        """Whether RunPod reports any stock for the GPU count asked about."""
        return self.availability not in (None, Availability.NONE)

    @property
    def display_name(self) -> str | None:
        """Deprecated: use ``name``."""
        return self.name

    @property
    def memory_in_gb(self) -> int | None:
        """Deprecated: use ``memory_gb``."""
        return self.memory_gb


class CpuType(Model):
    """A CPU pod flavor: vCPU range, RAM per vCPU and price per vCPU-hour."""

    id: str = Field(description="the flavor id, e.g. 'cpu3c'")
    name: str | None = None
    group: str | None = None
    min_vcpu: int | None = None
    max_vcpu: int | None = None
    ram_gb_per_vcpu: float | None = None
    secure_price_per_vcpu: float | None = Field(default=None, description="REST v2 only")
    serverless_price_per_vcpu: float | None = Field(default=None, description="REST v2 only")
    disk_limit_per_vcpu: int | None = Field(default=None, description="GraphQL only")


class DataCenter(Model):
    """A data centre and, when asked, which GPU types it has free."""

    id: str = Field(description="e.g. 'EU-RO-1'")
    name: str | None = None
    region: str | None = Field(default=None, description="REST v2 only: EUROPE, ...")
    location: str | None = Field(default=None, description="GraphQL only")
    listed: bool | None = Field(default=None, description="GraphQL only")
    supports_network_volumes: bool | None = None
    network_volume_types: list[str] | None = Field(default=None, description="REST v2 only")
    compliance: list[str] | None = Field(default=None, description="REST v2 only")
    global_network: bool | None = Field(default=None, description="REST v2 only")
    gpu_availability: list[DataCenterStock] = Field(default_factory=list)
