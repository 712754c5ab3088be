# generated — do not edit: run `make generate` (scripts/generate_rest.py)
"""The base of every generated model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RestModel(BaseModel):
    """Validators are built on first use, not at import: 130-odd models would cost ~0.1 s."""

    model_config = ConfigDict(defer_build=True, populate_by_name=True)
