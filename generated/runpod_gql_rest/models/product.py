# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class Product(str, Enum):
    """
    Catalog product availability context. Availability is product-specific, so this is required whenever availability is requested.
    """

    POD = "POD"
    CLUSTER = "CLUSTER"
    SERVERLESS = "SERVERLESS"
