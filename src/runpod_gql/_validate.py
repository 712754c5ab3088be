"""Argument checks run before anything is sent; each failure names the field."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal, get_args

from .errors import InputValidationError

MAX_POD_NAME = 60  # longer names are rejected by RunPod (dstack: "names of len 60 work")

CloudType = Literal["SECURE", "COMMUNITY", "ALL"]
"""Where a pod may run: RunPod's secure cloud, its community cloud, or either."""
CLOUD_TYPES: tuple[CloudType, ...] = get_args(CloudType)


def text(field: str, value: str, *, max_len: int | None = None, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise InputValidationError(field, f"must be a string, got {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise InputValidationError(field, "must not be empty")
    if max_len is not None and len(value) > max_len:
        raise InputValidationError(field, f"must be at most {max_len} characters, got {len(value)}")
    return value


def integer(field: str, value: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputValidationError(field, f"must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise InputValidationError(field, f"must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise InputValidationError(field, f"must be <= {maximum}, got {value}")
    return value


def number(field: str, value: float, *, positive: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputValidationError(field, f"must be a finite number, got {value!r}")
    if positive and value <= 0:
        raise InputValidationError(field, f"must be > 0, got {value}")
    return float(value)


def cloud_type(field: str, value: str) -> CloudType:
    upper = value.upper() if isinstance(value, str) else value
    if upper not in CLOUD_TYPES:
        raise InputValidationError(field, f"must be one of {', '.join(CLOUD_TYPES)}, got {value!r}")
    return upper


def names(field: str, value: str | Sequence[str]) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    if not items:
        raise InputValidationError(field, "must name at least one")
    for i, item in enumerate(items):
        text(f"{field}[{i}]", item)
    return items


def env(field: str, value: Mapping[str, str] | None) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputValidationError(field, "must be a mapping of names to values")
    for k, v in value.items():
        if not isinstance(k, str) or not k or "=" in k:
            raise InputValidationError(field, f"variable name {k!r} must be non-empty without '='")
        if not isinstance(v, str):
            raise InputValidationError(
                field, f"value of {k} must be a string, got {type(v).__name__}"
            )
    return dict(value)


def ports(field: str, value: str | Sequence[str] | None) -> str | None:
    """'22/tcp,8888/http' or a list of such items."""
    if value is None:
        return None
    items = [p.strip() for p in value.split(",")] if isinstance(value, str) else list(value)
    for item in items:
        port, _, proto = item.partition("/")
        if not port.isdigit() or not 0 < int(port) < 65536 or proto not in ("tcp", "http", "udp"):
            raise InputValidationError(field, f"{item!r} is not PORT/tcp|http|udp")
    return ",".join(items)


def enum_value(field: str, value: object, allowed: Sequence[str]) -> str:
    """A GraphQL enum value given as a string or an Enum member."""
    raw = getattr(value, "value", value)
    if not isinstance(raw, str) or raw.upper() not in allowed:
        raise InputValidationError(field, f"must be one of {', '.join(allowed)}, got {value!r}")
    return raw.upper()
