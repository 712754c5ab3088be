# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from .base_cpu_config import BaseCpuConfig


class CpuConfig(BaseCpuConfig):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    memory: Annotated[int, Field(examples=[16], ge=1)]
    """
    Memory allocated to the pod in GB.
    """
