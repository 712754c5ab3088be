# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class DataCenterInclude(str, Enum):
    """
    Data center catalog availability expansion.
    """

    GPU_AVAILABILITY = "GPU_AVAILABILITY"
    CPU_AVAILABILITY = "CPU_AVAILABILITY"
