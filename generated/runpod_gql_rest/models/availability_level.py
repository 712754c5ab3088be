# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class AvailabilityLevel(str, Enum):
    """
    Catalog stock availability level.
    """

    NONE = "NONE"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
