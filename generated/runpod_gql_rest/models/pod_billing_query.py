# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .billing_query import BillingQuery


class PodBillingQuery(BillingQuery):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    pod_id: Annotated[str | None, Field(alias="podId")] = None
    """
    The podId filter applied, if any.
    """
