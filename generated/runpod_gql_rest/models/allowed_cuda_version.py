# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import Field, RootModel


class AllowedCudaVersion(RootModel[str]):
    root: Annotated[str, Field(pattern="^\\d+\\.\\d+$")]
