# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class Cloud(str, Enum):
    """
    Cloud tier.
    - `SECURE`    — Runpod-owned datacenter hardware
    - `COMMUNITY` — community-hosted hardware

    """

    SECURE = "SECURE"
    COMMUNITY = "COMMUNITY"
