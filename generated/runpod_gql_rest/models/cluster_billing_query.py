# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .billing_query import BillingQuery


class ClusterBillingQuery(BillingQuery):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    cluster_id: Annotated[str | None, Field(alias="clusterId")] = None
    """
    The clusterId filter applied, if any.
    """
