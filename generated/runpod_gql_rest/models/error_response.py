# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class ErrorResponse(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    title: Annotated[str, Field(examples=["Not Found"])]
    """
    Short human-readable summary
    """
    status: Annotated[int, Field(examples=[404])]
    """
    HTTP status code
    """
    detail: Annotated[str, Field(examples=["pod not found"])]
    """
    Human-readable explanation
    """
    errors: Annotated[
        list[str] | None, Field(examples=[["$: additional properties 'bogus' not allowed"]])
    ] = None
    """
    Individual request-validation failures.
    """
