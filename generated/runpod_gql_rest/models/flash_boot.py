# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class FlashBoot(str, Enum):
    """
    FlashBoot cold-start acceleration mode.
    - `OFF`                — disabled
    - `FLASHBOOT`          — enabled
    - `PRIORITY_FLASHBOOT` — enabled with priority capacity

    """

    OFF = "OFF"
    FLASHBOOT = "FLASHBOOT"
    PRIORITY_FLASHBOOT = "PRIORITY_FLASHBOOT"
