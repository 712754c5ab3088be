"""Spend history (REST v2 only): the account's, or per pod, serverless endpoint or network volume."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from .. import _validate as v
from ..backends.base import Backend, BillingQuery
from ..errors import InputValidationError
from ..models import BillingRecord

Bucket = Literal["hour", "day", "week", "month", "year"]
BillingKind = Literal["account", "pods", "endpoints", "volumes"]
_BUCKETS = ("hour", "day", "week", "month", "year")
_KINDS = ("account", "pods", "endpoints", "volumes")


class Billing:
    """``rp.billing``: what was spent, in time buckets (REST v2's ``/v2/billing``).

    ::

        records = await rp.billing.list(kind="pods", last_n=7)          # a week, per pod per day
        total = sum(r.total for r in await rp.billing.list(last_n=30))  # the last 30 days

    Without a window RunPod answers the last 30 days. A live balance is not in v2:
    :meth:`Account.get` reads it over GraphQL.
    """

    def __init__(self, backend: Backend) -> None:
        self._b = backend

    def __repr__(self) -> str:
        return "<Billing>"

    async def list(
        self,
        *,
        kind: BillingKind = "account",
        resource_id: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        last_n: int | None = None,
        bucket: Bucket = "day",
    ) -> list[BillingRecord]:
        """Spend records, oldest first: account totals, or one per pod / endpoint / volume and
        bucket (``resource_id`` narrows to one). Give ``start``/``end`` or ``last_n`` buckets."""
        for field, value, allowed in (("kind", kind, _KINDS), ("bucket", bucket, _BUCKETS)):
            if value not in allowed:
                raise InputValidationError(
                    field, f"must be one of {', '.join(allowed)}, got {value!r}"
                )
        if resource_id is not None:
            v.text("resource_id", resource_id)
        if last_n is not None:
            v.integer("last_n", last_n, minimum=1)
        if start is not None and end is not None and end <= start:
            raise InputValidationError("end", "must be after start")
        query = BillingQuery(
            kind=kind, resource_id=resource_id, start=start, end=end, last_n=last_n, bucket=bucket
        )
        return await self._b.billing(query)

    async def total(
        self,
        *,
        kind: BillingKind = "account",
        resource_id: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        last_n: int | None = None,
    ) -> float:
        """The sum of the records :meth:`list` returns for the same window, in USD."""
        records = await self.list(
            kind=kind, resource_id=resource_id, start=start, end=end, last_n=last_n
        )
        return sum(r.total for r in records)
