# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class QueueDelayScalingType(str, Enum):
    """
    Scaler discriminator. Always `QUEUE_DELAY` for this variant.
    """

    QUEUE_DELAY = "QUEUE_DELAY"
