# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class RequestCountScalingType(str, Enum):
    """
    Scaler discriminator. Always `REQUEST_COUNT` for this variant.
    """

    REQUEST_COUNT = "REQUEST_COUNT"
