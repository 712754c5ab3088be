# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class GpuManufacturer(str, Enum):
    """
    Canonical GPU hardware manufacturer.
    """

    GPU_MANUFACTURER_NVIDIA = "NVIDIA"
    GPU_MANUFACTURER_AMD = "AMD"
    GPU_MANUFACTURER_UNKNOWN = "UNKNOWN"
