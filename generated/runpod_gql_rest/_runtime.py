# generated — do not edit: run `make generate` (scripts/generate_rest.py)
"""What the generated operations need from a transport, and how they encode values for the wire.

The generated ``RestClient`` sends every request through a :class:`Sender` it is given (the
client's one transport: rate limits, retries and error mapping live there, not here) and only
builds paths, query strings and bodies, and decodes answers into the models.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
QueryValue = str | int | float | bool | datetime.datetime | enum.Enum | Sequence[str | enum.Enum]


class Reply(Protocol):
    """A whole HTTP answer with a 2xx status (anything else was raised as an error)."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...

    @property
    def headers(self) -> Mapping[str, str]: ...


class Event(Protocol):
    """One server-sent event: ``id`` (the resume point), ``event`` type and ``data`` text."""

    @property
    def id(self) -> str | None: ...

    @property
    def event(self) -> str: ...

    @property
    def data(self) -> str: ...

    def json(self) -> Any:
        """``data`` decoded as JSON (the log events' ``{"ts", "source", "line"}``)."""
        ...


class Sender(Protocol):
    """The transport underneath: sends, raises typed errors for failures, decodes answers."""

    async def send(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply: ...

    def decode(self, reply: Reply, model: type[M], *, operation: str) -> M: ...

    def events(
        self,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        last_event_id: str | None = None,
    ) -> AsyncIterator[Event]: ...


_PLAIN = re.compile(r"[A-Za-z0-9._~-]+")


def segment(value: str) -> str:
    """A path parameter, percent-encoded so it stays one segment (``/`` included)."""
    return value if _PLAIN.fullmatch(value) else quote(value, safe="")


def _text(value: QueryValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(f"a timestamp needs a time zone (RFC 3339), got {value!r}")
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, (str, int, float)):
        return str(value)
    # OpenAPI style "form", explode false: one parameter, values joined by commas.
    return ",".join(_text(item) for item in value)


def query(**values: QueryValue | None) -> dict[str, str]:
    """Query parameters as the document describes them; ``None`` means "not sent"."""
    return {name: _text(value) for name, value in values.items() if value is not None}


def body(model: BaseModel) -> bytes:
    """A request model as JSON: wire names, and only the fields that were set (``None`` included)."""
    return model.model_dump_json(by_alias=True, exclude_unset=True).encode()
