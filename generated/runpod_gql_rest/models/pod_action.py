# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class PodAction(str, Enum):
    """
    State transition to trigger on a pod.
    """

    START = "start"
    STOP = "stop"
    RESTART = "restart"
    TERMINATE = "terminate"
