"""What can be rented: GPU types with prices and stock, CPU flavors, data centres."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runpod_gql_generated.fragments import CpuFlavor, DataCenter, GpuOffer
from runpod_gql_generated.input_types import GpuLowestPriceInput

from .. import _validate as v
from .._validate import CloudType
from ..errors import InputValidationError, NotFoundError
from ._base import Resource, present

_OUT_OF_STOCK = frozenset({"", "none", "out of stock", "out_of_stock", "unavailable"})


def in_stock(offer: GpuOffer) -> bool:
    """Whether RunPod reports stock for the GPU count the offer was priced for."""
    price = offer.lowest_price
    status = price.stock_status if price is not None else None
    return status is not None and status.strip().lower() not in _OUT_OF_STOCK


def on_demand_price(offer: GpuOffer, cloud: CloudType) -> float | None:
    """Price per GPU-hour for the cloud type, or None when it is not offered there."""
    if cloud == "SECURE":
        return offer.secure_price or None
    if cloud == "COMMUNITY":
        return offer.community_price or None
    if offer.lowest_price is not None and offer.lowest_price.uninterruptable_price:
        return offer.lowest_price.uninterruptable_price
    prices = [p for p in (offer.secure_price, offer.community_price) if p]
    return min(prices) if prices else None


def spot_price(offer: GpuOffer, cloud: CloudType) -> float | None:
    """The spot price per GPU-hour (at least the current minimum bid), or None."""
    if offer.lowest_price is not None and offer.lowest_price.minimum_bid_price:
        return offer.lowest_price.minimum_bid_price
    if cloud == "SECURE":
        return offer.secure_spot_price or None
    if cloud == "COMMUNITY":
        return offer.community_spot_price or None
    prices = [p for p in (offer.secure_spot_price, offer.community_spot_price) if p]
    return min(prices) if prices else None


def price_input(
    gpu_count: int, cloud: CloudType = "ALL", data_center_id: str | None = None
) -> GpuLowestPriceInput:
    fields = GpuLowestPriceInput(gpu_count=v.integer("gpu_count", gpu_count, minimum=1))
    cloud = v.cloud_type("cloud", cloud)
    if cloud != "ALL":
        fields.secure_cloud = cloud == "SECURE"
    if data_center_id is not None:
        fields.data_center_id = data_center_id
    return fields


@dataclass(frozen=True)
class GpuChoice:
    """An offer picked by :meth:`Gpus.cheapest`: the GPU type, cloud and price per hour in total."""

    offer: GpuOffer
    cloud_type: CloudType
    gpu_count: int
    price_per_hr: float
    spot: bool


class Gpus(Resource):
    """``rp.gpus``: the GPU catalogue."""

    async def list(
        self,
        *,
        gpu_count: int = 1,
        cloud: CloudType = "ALL",
        data_center_id: str | None = None,
    ) -> list[GpuOffer]:
        """Every GPU type with prices, minimum bid and stock for ``gpu_count`` GPUs."""
        cloud = v.cloud_type("cloud", cloud)
        result = await self._t.run(
            self._t.list_gpu_types(price=price_input(gpu_count, cloud, data_center_id))
        )
        return present(result.gpu_types)

    async def get(
        self, gpu_type_id: str, *, gpu_count: int = 1, cloud: CloudType = "ALL"
    ) -> GpuOffer:
        v.text("gpu_type_id", gpu_type_id)
        result = await self._t.run(
            self._t.get_gpu_type(id=gpu_type_id, price=price_input(gpu_count, cloud))
        )
        found = [g for g in present(result.gpu_types) if g.id == gpu_type_id]
        if not found:
            raise NotFoundError(
                f"GPU type {gpu_type_id!r} not found",
                operation="GetGpuType",
                hint="list the ids with `runpod-gql gpus list`",
            )
        return found[0]

    async def offers(
        self,
        gpu_type_ids: Sequence[str],
        *,
        gpu_count: int = 1,
        cloud: CloudType = "ALL",
        data_center_id: str | None = None,
    ) -> dict[str, GpuOffer]:
        """Offers for several GPU types in one request, keyed by id."""
        ids = v.names("gpu_type_ids", gpu_type_ids)
        result = await self._t.run(
            self._t.get_gpu_types(ids=ids, price=price_input(gpu_count, cloud, data_center_id))
        )
        return {g.id: g for g in present(result.gpu_types) if g.id is not None}

    async def minimum_bid(self, gpu_type_id: str, *, gpu_count: int = 1) -> float:
        """The current minimum spot bid per GPU-hour."""
        offer = await self.get(gpu_type_id, gpu_count=gpu_count)
        bid = offer.lowest_price.minimum_bid_price if offer.lowest_price else None
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
        choices = []
        for offer in await self.list(gpu_count=gpu_count, cloud=cloud):
            if (offer.memory_in_gb or 0) < min_memory_gb:
                continue
            if not include_out_of_stock and not in_stock(offer):
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
        return min(choices, key=lambda c: (c.price_per_hr, -(c.offer.memory_in_gb or 0)))


class CpuFlavors(Resource):
    """``rp.cpus``: CPU pod flavors."""

    async def list(self) -> list[CpuFlavor]:
        result = await self._t.run(self._t.list_cpu_flavors())
        return present(result.cpu_flavors)


class DataCenters(Resource):
    """``rp.datacenters``: data centres and which GPU types they have in stock."""

    async def list(self) -> list[DataCenter]:
        result = await self._t.run(self._t.list_data_centers())
        return present(result.data_centers)
