"""What every REST v2 operation handler shares: the request it gets, the reply it gives, and the
problem it raises for any other answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ._state import World

__all__ = ["Handler", "Problem", "Reply", "Request", "parse_time", "problem_title"]

_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


def problem_title(status: int) -> str:
    return _TITLES.get(status, "Error")


class Problem(Exception):
    """An answer other than success, as ``application/problem+json``."""

    def __init__(self, status: int, detail: str, errors: list[str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors


@dataclass(frozen=True)
class Request:
    path: Mapping[str, str]
    query: Mapping[str, Any]
    body: Any
    headers: Mapping[str, str]
    # Every query parameter as sent, the document's or not (the newer document's cursor/limit).
    raw_query: Mapping[str, list[str]] = field(default_factory=dict)


Reply = tuple[int, Any]
Handler = Callable[[World, Request], Reply]


def parse_time(text: str) -> float | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None
