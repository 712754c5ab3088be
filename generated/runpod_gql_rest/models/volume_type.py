# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class VolumeType(str, Enum):
    """
    Data center network volume storage type.
    """

    STANDARD = "STANDARD"
    HIGH_PERFORMANCE = "HIGH_PERFORMANCE"
