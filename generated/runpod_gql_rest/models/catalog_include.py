# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class CatalogInclude(str, Enum):
    """
    Catalog include expansion. Only AVAILABILITY is supported today; additional include values may be added in the future.
    """

    AVAILABILITY = "AVAILABILITY"
