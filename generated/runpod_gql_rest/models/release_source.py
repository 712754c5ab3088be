# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class ReleaseSource(str, Enum):
    """
    What produced the release.
    - `GIT_BUILD` — a completed GitHub build (see `buildId`)
    - `MANUAL`    — a manual configuration change

    """

    RELEASE_SOURCE_GIT_BUILD = "GIT_BUILD"
    RELEASE_SOURCE_MANUAL = "MANUAL"
