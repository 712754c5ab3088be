# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class DataCenterRegion(str, Enum):
    """
    Continental region containing the data center.
    """

    NORTH_AMERICA = "NORTH_AMERICA"
    SOUTH_AMERICA = "SOUTH_AMERICA"
    EUROPE = "EUROPE"
    ASIA = "ASIA"
    MIDDLE_EAST = "MIDDLE_EAST"
    AFRICA = "AFRICA"
    OCEANIA = "OCEANIA"
    ANTARCTICA = "ANTARCTICA"
    UNKNOWN = "UNKNOWN"
