# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class TemplateCategory(str, Enum):
    """
    Controls how the template is grouped and filtered in the Runpod console.
    It does not affect hardware selection, scheduling, or billing.
    - `CPU`    — CPU-only workloads
    - `NVIDIA` — NVIDIA GPU workloads
    - `AMD`    — AMD GPU workloads

    """

    CPU = "CPU"
    NVIDIA = "NVIDIA"
    AMD = "AMD"
