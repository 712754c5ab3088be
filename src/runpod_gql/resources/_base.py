"""What every resource group shares: the transport it sends through."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .._transport import GraphQLTransport
from ..errors import ResponseValidationError


class Resource:
    """A group of API operations; all requests go through one transport."""

    def __init__(self, transport: GraphQLTransport) -> None:
        self._t = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


T = TypeVar("T")


def present(items: Sequence[T | None] | None) -> list[T]:
    """A GraphQL list without its null entries."""
    return [item for item in items or () if item is not None]


def required(value: T | None, what: str, operation: str) -> T:
    """A value the API must return; its absence is a schema-level surprise, not a None."""
    if value is None:
        raise ResponseValidationError(
            f"the server returned no {what}", field=what, operation=operation
        )
    return value
