"""Placement: which (GPU type, cloud, data centre) candidates a create tries, in what order, at what price."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .._validate import CloudType
from ..errors import PlacementAttempt
from ..models import GpuType
from .catalog import in_stock, on_demand_price


@dataclass(frozen=True)
class Candidate:
    """One place a create may try. ``skip`` says why it will not be tried (None: it will)."""

    gpu_type_id: str
    cloud_type: CloudType
    data_center_id: str | None
    price_per_hr: float | None
    stock_status: str | None
    skip: str | None = None

    @property
    def viable(self) -> bool:
        return self.skip is None

    def attempt(self, outcome: str) -> PlacementAttempt:
        return PlacementAttempt(
            self.gpu_type_id, self.cloud_type, self.data_center_id, self.price_per_hr, outcome
        )


def rank(
    gpu_type_ids: Sequence[str],
    cloud_types: Sequence[CloudType],
    data_center_ids: Sequence[str | None],
    offers: dict[tuple[CloudType, str | None], dict[str, GpuType]],
    *,
    gpu_count: int,
    max_price_per_hr: float | None,
) -> list[Candidate]:
    """Candidates in the caller's order of preference (GPU type, then cloud, then data centre)."""
    out: list[Candidate] = []
    for gpu in gpu_type_ids:
        for cloud in cloud_types:
            for dc in data_center_ids:
                offer = offers.get((cloud, dc), {}).get(gpu)
                if offer is None:
                    out.append(Candidate(gpu, cloud, dc, None, None, "not offered"))
                    continue
                per_gpu = on_demand_price(offer, cloud)
                total = per_gpu * gpu_count if per_gpu is not None else None
                status = offer.availability.value if offer.availability else None
                skip = None
                if not in_stock(offer):
                    skip = "out of stock"
                elif total is None:
                    skip = f"no {cloud.lower()} price"
                elif max_price_per_hr is not None and total > max_price_per_hr:
                    skip = f"${total:.3f}/h is over max_price_per_hr ${max_price_per_hr:.3f}"
                out.append(Candidate(gpu, cloud, dc, total, status, skip))
    return out
