"""What every resource group shares: the transport it sends through, or the backend it asks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .._transport import GraphQLTransport
from ..backends.base import Backend
from ..errors import NotFoundError, ResponseValidationError


class Resource:
    """A group of API operations; all requests go through one transport."""

    def __init__(self, transport: GraphQLTransport) -> None:
        self._t = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class BackendResource:
    """A group of operations asked of the backend (REST v2 or GraphQL, as the client's mode says)."""

    def __init__(self, backend: Backend) -> None:
        self._b = backend

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


def found(value: T | None, what: str, operation: str, hint: str | None = None) -> T:
    """A value looked up by id: NotFoundError naming it when there is none."""
    if value is None:
        raise NotFoundError(f"{what} not found", operation=operation, hint=hint)
    return value


def port_list(value: str | Sequence[str] | None) -> list[str]:
    """Ports as users give them (``"22/tcp,8888/http"`` or a list), checked, as a list."""
    from .. import _validate as v

    joined = v.ports("ports", value)
    return [p for p in (joined or "").split(",") if p]
