# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class LogSource(str, Enum):
    """
    Log source to include in a log stream.
    - `container` — container stdout/stderr log stream
    - `system`    — host lifecycle/userlogs stream

    """

    LOG_SOURCE_CONTAINER = "container"
    LOG_SOURCE_SYSTEM = "system"
