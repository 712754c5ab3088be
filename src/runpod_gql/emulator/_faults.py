"""Fault injection rules, the per-key token bucket, and the request log with secrets redacted."""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Fault", "FaultRule", "RequestRecord", "TokenBucket", "mask", "redact", "secret_values"]


class Fault(str, enum.Enum):
    """What an injected fault does to a matching request."""

    RATE_LIMIT = "rate_limit"  # HTTP 429, with Retry-After when ``retry_after`` is given
    SERVER_ERROR = "server_error"  # HTTP ``status`` (500/502/503/504); not applied
    OPAQUE_ERROR = "opaque_error"  # HTTP 200 + "Something went wrong..."; not applied
    TIMEOUT = "timeout"  # applied, then the response is held for ``delay`` seconds
    DROP_BEFORE = "drop_before"  # connection closed, operation not applied
    DROP_AFTER = "drop_after"  # operation applied, then the connection closed with no response
    MALFORMED = "malformed"  # applied; HTTP 200 with a truncated JSON body or an HTML page


MalformedVariant = Literal["truncated", "html"]


@dataclass
class FaultRule:
    """Apply ``kind`` to the next ``remaining`` requests whose operation is in ``operations``
    (operation name or any root field name; ``None`` matches every request)."""

    kind: Fault
    remaining: int = 1
    operations: frozenset[str] | None = None
    status: int | None = None
    retry_after: float | None = None
    delay: float = 30.0
    variant: MalformedVariant = "truncated"

    @classmethod
    def build(
        cls,
        kind: Fault | str,
        count: int = 1,
        operations: Collection[str] | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        delay: float = 30.0,
        variant: str = "truncated",
    ) -> FaultRule:
        """A checked rule; ValueError says what is wrong (Python callers and the control endpoint)."""
        kind = Fault(kind)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError("count must be an integer >= 1")
        if status is not None:
            if isinstance(status, bool) or not isinstance(status, int):
                raise ValueError("status must be an integer")
            if kind is Fault.SERVER_ERROR and not 500 <= status <= 599:
                raise ValueError("status must be a 5xx code")
        if retry_after is not None and (
            isinstance(retry_after, bool)
            or not isinstance(retry_after, (int, float))
            or retry_after < 0
        ):
            raise ValueError("retry_after must be a number >= 0")
        if isinstance(delay, bool) or not isinstance(delay, (int, float)) or delay < 0:
            raise ValueError("delay must be a number >= 0")
        if variant not in ("truncated", "html"):
            raise ValueError("variant must be 'truncated' or 'html'")
        if operations is not None and (
            isinstance(operations, str) or not all(isinstance(o, str) for o in operations)
        ):
            raise ValueError("operations must be a list of operation or root field names")
        return cls(
            kind=kind,
            remaining=count,
            operations=frozenset(operations) if operations is not None else None,
            status=status,
            retry_after=float(retry_after) if retry_after is not None else None,
            delay=float(delay),
            variant="html" if variant == "html" else "truncated",
        )

    def matches(self, operation: str | None, root_fields: Collection[str]) -> bool:
        if self.remaining <= 0:
            return False
        if self.operations is None:
            return True
        return operation in self.operations or any(f in self.operations for f in root_fields)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "remaining": self.remaining,
            "operations": sorted(self.operations) if self.operations is not None else None,
            "status": self.status,
            "retry_after": self.retry_after,
            "delay": self.delay,
            "variant": self.variant,
        }


@dataclass
class TokenBucket:
    """``per_second`` tokens a second, at most ``burst`` saved. Real (monotonic) time: a rate
    limit is about how fast the client really sends, whatever the emulated clock does."""

    per_second: float
    burst: float
    tokens: float = field(init=False)
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.per_second <= 0 or self.burst < 1:
            raise ValueError("per_second must be > 0 and burst >= 1")
        self.tokens = self.burst

    def take(self) -> float | None:
        """Take a token: None if allowed, else the seconds until one is available."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return None
        return (1 - self.tokens) / self.per_second

    def headers(self) -> list[tuple[bytes, bytes]]:
        """``RateLimit`` and ``RateLimit-Policy`` (IETF draft structured fields, as RunPod sends
        them) for this bucket: one window, ``burst`` requests refilled over ``burst/per_second``
        seconds; ``t`` is when the next request is allowed (``r=0``) or the bucket is full."""
        now = time.monotonic()
        tokens = min(self.burst, self.tokens + (now - self.stamp) * self.per_second)
        remaining = int(tokens)
        missing = (1 - tokens) if remaining == 0 else (self.burst - tokens)
        reset = math.ceil(max(0.0, missing) / self.per_second)
        window = max(1, math.ceil(self.burst / self.per_second))
        return [
            (b"ratelimit", f'"bucket";r={remaining};t={reset}'.encode()),
            (b"ratelimit-policy", f'"bucket";q={int(self.burst)};w={window}'.encode()),
        ]


def retry_after_header(seconds: float) -> bytes:
    """Delay-seconds is an integer in HTTP; round up so a client that honours it is never early."""
    return str(max(1, math.ceil(seconds))).encode()


REDACTED = "***"
# Variable names whose values are secrets (compared lower-cased): registry passwords, secret
# values, env values (env often carries tokens), keys of object stores.
SECRET_KEYS = frozenset(
    {"password", "value", "apikey", "api_key", "secretkey", "accesskey", "token", "registryauth"}
)


def redact(value: Any, hide: Collection[str] = ()) -> Any:
    """A copy of request variables with every secret-bearing value replaced by ``***``, and every
    string in ``hide`` (the API key) masked wherever else it appears."""
    if isinstance(value, Mapping):
        return {
            k: REDACTED if str(k).lower() in SECRET_KEYS and v is not None else redact(v, hide)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v, hide) for v in value]
    if isinstance(value, str):
        return mask(value, hide)
    return value


def secret_values(value: Any, inside: bool = False) -> set[str]:
    """Every string ``redact`` would hide: the leaves under secret-bearing variable names."""
    if isinstance(value, Mapping):
        return set().union(
            *(secret_values(v, inside or str(k).lower() in SECRET_KEYS) for k, v in value.items())
        )
    if isinstance(value, list):
        return set().union(*(secret_values(v, inside) for v in value))
    return {str(value)} if inside and value is not None and str(value) else set()


def mask(text: str, hide: Collection[str]) -> str:
    """``text`` with every non-empty string of ``hide`` replaced by ``***`` (longest first)."""
    for secret in sorted(hide, key=len, reverse=True):
        if secret and secret in text:
            text = text.replace(secret, REDACTED)
    return text


@dataclass(frozen=True)
class RequestRecord:
    """One request as the emulator saw it (GraphQL, or REST with its operationId as
    ``operation`` and its body or query as ``variables``). Never holds the API key or secrets."""

    operation: str | None  # operationName, else the operation's own name, else its first field
    root_fields: tuple[str, ...]
    variables: Mapping[str, Any]  # redacted
    status: int | None  # HTTP status; None when the connection was dropped
    fault: Fault | None  # injected fault or rate limit that shaped the answer
    duration_s: float
    timestamp: float  # wall-clock time the request arrived
    emulated_time: float
    errors: tuple[str, ...] = ()  # GraphQL error messages / REST problem details answered
    api: str = "graphql"  # or "rest", or "jobs" (the serverless job API)
    method: str = "POST"
    path: str = "/graphql"

    def to_json(self) -> dict[str, Any]:
        return {
            "api": self.api,
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "root_fields": list(self.root_fields),
            "variables": dict(self.variables),
            "status": self.status,
            "fault": self.fault.value if self.fault else None,
            "duration_s": self.duration_s,
            "timestamp": self.timestamp,
            "emulated_time": self.emulated_time,
            "errors": list(self.errors),
        }
