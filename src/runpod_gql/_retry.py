"""What is retried, how long to wait, and when to give up. Pure decisions, no I/O.

Queries retry on transport failures, time-outs, 408/429/5xx and RunPod's opaque transient
error. Mutations retry only when the request provably never reached the server (connect
failure, 429), or when the operation is idempotent (stop, terminate, deletes). Creates are
never retried here: the pods resource checks whether an ambiguous create took effect first.
GraphQL validation errors are never retried: the server would answer the same again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from .errors import (
    APIConnectionError,
    APIError,
    InputValidationError,
    RateLimitError,
    ServerError,
)

# Mutations that can safely be sent twice. A not-found answer on a retry means "already done".
IDEMPOTENT_MUTATIONS = frozenset(
    {
        "StopPod",
        "TerminatePod",
        "DeleteNetworkVolume",
        "DeleteTemplate",
        "DeleteEndpoint",
        "DeleteRegistryAuth",
        "DeleteSecret",
        "UpdateSshKeys",
        "UpdateNetworkVolume",
        "UpdateRegistryAuth",
        "UpdateEndpointTemplate",
        "UpdateEndpointWorkersMax",
        "UpdateEndpointWorkersMin",
        "EditPodJob",
    }
)
# Deletes whose "not found" on a retry counts as success, with the root field each one sets.
NOT_FOUND_MEANS_DONE = {
    "TerminatePod": "podTerminate",
    "DeleteNetworkVolume": "deleteNetworkVolume",
    "DeleteTemplate": "deleteTemplate",
    "DeleteEndpoint": "deleteEndpoint",
    "DeleteRegistryAuth": "deleteRegistryAuth",
    "DeleteSecret": "secretDelete",
}


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries: at most ``max_retries`` extra attempts and ``deadline`` seconds overall."""

    max_retries: int = 3
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    jitter: float = 0.25
    deadline: float | None = 120.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        # InputValidationError is also a ValueError.
        if self.max_retries < 0:
            raise InputValidationError("max_retries", "must be >= 0")
        if self.initial_backoff < 0 or self.max_backoff < self.initial_backoff:
            raise InputValidationError(
                "initial_backoff", "need 0 <= initial_backoff <= max_backoff"
            )
        if not 0 <= self.jitter <= 1:
            raise InputValidationError("jitter", "must be within [0, 1]")

    def with_(self, **changes: float | int | None) -> RetryPolicy:
        return replace(self, **changes)  # type: ignore[arg-type]

    def backoff(self, attempt: int, error: APIError, rng: random.Random) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based)."""
        if isinstance(error, RateLimitError) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), self.max_retry_after)
        base = min(self.initial_backoff * 2.0 ** (attempt - 1), self.max_backoff)
        # Full-range jitter around the base keeps many clients from retrying in lockstep.
        return max(0.0, base * (1 - self.jitter + 2 * self.jitter * rng.random()))


NO_RETRIES = RetryPolicy(max_retries=0)


def is_retryable(error: APIError, *, is_mutation: bool, operation: str | None) -> bool:
    """Whether sending the same request again is safe and may succeed."""
    transient = isinstance(error, (APIConnectionError, RateLimitError, ServerError)) or (
        error.status_code == 408
    )
    if not transient:
        return False
    if not is_mutation:
        return True
    if operation in IDEMPOTENT_MUTATIONS:
        return True
    # A 429 is refused before anything is applied; a connect failure never reached the server.
    if isinstance(error, RateLimitError):
        return True
    return isinstance(error, APIConnectionError) and not error.request_sent
