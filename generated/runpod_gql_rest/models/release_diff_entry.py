# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class ReleaseDiffEntry(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    field: Annotated[str, Field(examples=["template.imageName"])]
    """
    The changed configuration field. Top-level (e.g. `gpuCount`,
    `locations`) or template-scoped (e.g. `template.imageName`,
    `template.env`).

    """
    old: Any
    """
    Previous value, as raw JSON. Null when the field was added.
    """
    new: Any
    """
    New value, as raw JSON. Null when the field was removed.
    """
