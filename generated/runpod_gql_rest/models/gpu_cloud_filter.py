# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class GpuCloudFilter(str, Enum):
    """
    GPU availability cloud filter.
    """

    SECURE = "SECURE"
    COMMUNITY = "COMMUNITY"
