# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from .base_cpu_config import BaseCpuConfig


class CreateCpuConfig(BaseCpuConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
