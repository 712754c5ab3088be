"""What can be rented: GPU types with prices and stock, CPU flavors, data centres."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import _validate as v
from .._validate import CloudType
from ..backends.base import GpuQuery
from ..errors import InputValidationError, NotFoundError
from ..models import CpuType, DataCenter, GpuType
from ._base import BackendResource

# The names the first build gave these models.
GpuOffer = GpuType
CpuFlavor = CpuType


def in_stock(offer: GpuType) -> bool:
    """Whether RunPod reports stock for the GPU count the offer was priced for."""
    return offer.in_stock


def on_demand_price(offer: GpuType, cloud: CloudType) -> float | None:
    """Price per GPU-hour for the cloud type, or None when it is not offered there."""
    if cloud == "SECURE":
        return offer.secure_price or None
    if cloud == "COMMUNITY":
        return offer.community_price or None
    if offer.on_demand_price:
        return offer.on_demand_price
    prices = [p for p in (offer.secure_price, offer.community_price) if p]
    return min(prices) if prices else None


def spot_price(offer: GpuType, cloud: CloudType) -> float | None:
    """The spot price per GPU-hour (at least the current minimum bid), or None (always on v2)."""
    if offer.minimum_bid_price:
        return offer.minimum_bid_price
    if cloud == "SECURE":
        return offer.secure_spot_price or None
    if cloud == "COMMUNITY":
        return offer.community_spot_price or None
    prices = [p for p in (offer.secure_spot_price, offer.community_spot_price) if p]
    return min(prices) if prices else None


def gpu_query(
    gpu_count: int,
    cloud: CloudType = "ALL",
    data_center_id: str | None = None,
    ids: Sequence[str] | None = None,
) -> GpuQuery:
    return GpuQuery(
        gpu_count=v.integer("gpu_count", gpu_count, minimum=1),
        cloud=v.cloud_type("cloud", cloud),
        data_center_id=data_center_id,
        ids=ids,
    )


@dataclass(frozen=True)
class GpuChoice:
    """An offer picked by :meth:`Gpus.cheapest`: the GPU type, cloud and price per hour in total."""

    offer: GpuType
    cloud_type: CloudType
    gpu_count: int
    price_per_hr: float
    spot: bool


class Gpus(BackendResource):
    """``rp.gpus``: the GPU catalogue (public: no key needed on ``api="auto"``)."""

    async def list(
        self,
        *,
        gpu_count: int = 1,
        cloud: CloudType = "ALL",
        data_center_id: str | None = None,
    ) -> list[GpuType]:
        """Every GPU type with prices and stock for ``gpu_count`` GPUs (in one data centre)."""
        return await self._b.list_gpu_types(gpu_query(gpu_count, cloud, data_center_id))

    async def get(
        self, gpu_type_id: str, *, gpu_count: int = 1, cloud: CloudType = "ALL"
    ) -> GpuType:
        v.text("gpu_type_id", gpu_type_id)
        found = await self._b.get_gpu_type(gpu_type_id, gpu_query(gpu_count, cloud))
        if found is None:
            raise NotFoundError(
                f"GPU type {gpu_type_id!r} not found",
                operation="getGpuType",
                hint="list the ids with `runpod-gql gpus list`",
            )
        return found

    async def offers(
        self,
        gpu_type_ids: Sequence[str],
        *,
        gpu_count: int = 1,
        cloud: CloudType = "ALL",
        data_center_id: str | None = None,
    ) -> dict[str, GpuType]:
        """Offers for several GPU types in one request (one per cloud on v2), keyed by id."""
        ids = v.names("gpu_type_ids", gpu_type_ids)
        query = gpu_query(gpu_count, cloud, data_center_id, ids)
        return {g.id: g for g in await self._b.list_gpu_types(query)}

    async def spot_offers(
        self, gpu_type_ids: Sequence[str], *, gpu_count: int = 1, cloud: CloudType = "ALL"
    ) -> dict[str, GpuType]:
        """Offers with spot prices and minimum bids, keyed by id (GraphQL only)."""
        ids = v.names("gpu_type_ids", gpu_type_ids)
        offers = await self._b.list_spot_gpu_types(gpu_query(gpu_count, cloud, ids=ids))
        return {o.id: o for o in offers}

    async def minimum_bid(self, gpu_type_id: str, *, gpu_count: int = 1) -> float:
        """The current minimum spot bid per GPU-hour (GraphQL only: v2 has no spot pods)."""
        v.text("gpu_type_id", gpu_type_id)
        offer = (await self.spot_offers([gpu_type_id], gpu_count=gpu_count)).get(gpu_type_id)
        bid = offer.minimum_bid_price if offer is not None else None
        if not bid:
            raise NotFoundError(
                f"GPU type {gpu_type_id!r} has no spot offer for {gpu_count} GPU(s)",
                operation="GetGpuType",
            )
        return bid

    async def cheapest(
        self,
        *,
        min_memory_gb: int = 0,
        gpu_count: int = 1,
        cloud: CloudType = "ALL",
        spot: bool = False,
        max_price_per_hr: float | None = None,
        include_out_of_stock: bool = False,
    ) -> GpuChoice:
        """The cheapest GPU type meeting the requirement, priced for ``gpu_count`` GPUs in total."""
        v.integer("min_memory_gb", min_memory_gb)
        if max_price_per_hr is not None:
            v.number("max_price_per_hr", max_price_per_hr)
        query = gpu_query(gpu_count, cloud)
        offers = await (
            self._b.list_spot_gpu_types(query) if spot else self._b.list_gpu_types(query)
        )
        choices = []
        for offer in offers:
            if (offer.memory_gb or 0) < min_memory_gb:
                continue
            if not include_out_of_stock and not offer.in_stock:
                continue
            per_gpu = spot_price(offer, cloud) if spot else on_demand_price(offer, cloud)
            if per_gpu is None:
                continue
            total = per_gpu * gpu_count
            if max_price_per_hr is not None and total > max_price_per_hr:
                continue
            choices.append(GpuChoice(offer, cloud, gpu_count, total, spot))
        if not choices:
            raise InputValidationError(
                "min_memory_gb",
                f"no GPU type offers {gpu_count} GPU(s) with >= {min_memory_gb} GB"
                f" on {cloud} cloud{' as spot' if spot else ''}"
                + (f" under ${max_price_per_hr}/h" if max_price_per_hr is not None else "")
                + ("" if include_out_of_stock else " in stock right now"),
            )
        return min(choices, key=lambda c: (c.price_per_hr, -(c.offer.memory_gb or 0)))


class CpuFlavors(BackendResource):
    """``rp.cpus``: CPU pod flavors."""

    async def list(self) -> list[CpuType]:
        return await self._b.list_cpu_types()


class DataCenters(BackendResource):
    """``rp.datacenters``: data centres and which GPU types they have in stock."""

    async def list(self) -> list[DataCenter]:
        return await self._b.list_data_centers()
