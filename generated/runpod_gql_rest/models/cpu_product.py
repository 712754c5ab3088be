# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class CpuProduct(str, Enum):
    """
    CPU catalog product availability context. Availability is product-specific, so this is required whenever availability is requested.
    """

    POD = "POD"
    SERVERLESS = "SERVERLESS"
