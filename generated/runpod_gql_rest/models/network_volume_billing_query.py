# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .billing_query import BillingQuery


class NetworkVolumeBillingQuery(BillingQuery):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    network_volume_id: Annotated[str | None, Field(alias="networkVolumeId")] = None
    """
    The networkVolumeId filter applied, if any.
    """
