"""Every error runpod-gql raises, in one tree.

::

    RunPodError
    ├── ConfigurationError          no API key found, unreadable config file
    ├── InputValidationError        bad arguments, refused before anything was sent (also ValueError)
    ├── UnsupportedOperationError   the chosen API cannot do this (api="rest" and a GraphQL-only
    │                               method); names the method and what to use instead
    ├── APIError                    the API call failed; carries operation, status, request id, all errors
    │   ├── APIConnectionError      no HTTP response; ``request_sent`` says whether it may have arrived
    │   │   └── APITimeoutError
    │   ├── AuthenticationError     401/403: missing, wrong or revoked key
    │   ├── InsufficientBalanceError 402: the account cannot pay for what was asked
    │   ├── APIRetiredError         410 Gone: RunPod retired the API (GraphQL in early 2027)
    │   ├── ConflictError           409: not allowed in the object's current state (or cluster member)
    │   ├── RateLimitError          429; ``retry_after`` in seconds when the server said
    │   ├── ServerError             5xx, or RunPod's opaque "Something went wrong" (often transient)
    │   ├── CapacityError           no instances with the requested specification; ``requested``
    │   │   └── PlacementError      every placement candidate failed; ``attempts``
    │   ├── HostFullError           resume on a host without enough free GPUs
    │   ├── NotFoundError           the pod / volume / ... does not exist
    │   ├── InvalidRequestError     the server rejected the request itself (parse/validation, 4xx)
    │   ├── OperationError          any other GraphQL error the server answered with
    │   └── ResponseValidationError the server answered something the schema does not allow
    ├── PodError                    a pod did not get where it was asked to go; ``pod_id``, ``last_status``
    │   ├── WaitTimeoutError        readiness wait ran out of time (also TimeoutError)
    │   ├── PodStateError           the pod reached a terminal state, or vanished
    │   │   └── PodInterruptedError a spot pod was outbid
    │   └── PodCleanupError         the lifecycle guard could not confirm a pod was terminated/stopped
    └── RemoteError                 running commands or moving files on a pod
        ├── SSHError                connect / auth / transfer failed
        │   └── HostKeyError        the host key is unknown (strict) or changed
        ├── RemoteCommandError      a command exited non-zero; ``exit_status``, ``stderr``
        ├── RemoteTimeoutError      a remote command or probe ran out of time (also TimeoutError)
        └── RunpodctlError          runpodctl failed; ``exit_code``, ``stderr``
            └── RunpodctlNotFoundError

A REST answer's ``application/problem+json`` body is kept whole as ``APIError.problem``
(``title``, ``status``, ``detail`` and every ``errors[]`` entry); GraphQL errors as ``errors``.

Errors never contain the API key: messages are built from the operation name, statuses and the
server's error texts, and the request headers are never part of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIRetiredError",
    "APITimeoutError",
    "AuthenticationError",
    "CapacityError",
    "ConfigurationError",
    "ConflictError",
    "GraphQLErrorDetail",
    "HostFullError",
    "HostKeyError",
    "InputValidationError",
    "InsufficientBalanceError",
    "InvalidRequestError",
    "JobCancelledError",
    "JobError",
    "JobFailedError",
    "JobTimedOutError",
    "JobWaitTimeoutError",
    "NotFoundError",
    "OperationError",
    "PlacementAttempt",
    "PlacementError",
    "PodError",
    "PodInterruptedError",
    "PodStateError",
    "ProblemDetail",
    "RateLimitError",
    "RemoteCommandError",
    "RemoteError",
    "RemoteTimeoutError",
    "ResponseValidationError",
    "RunPodError",
    "RunpodctlError",
    "RunpodctlNotFoundError",
    "SSHError",
    "ServerError",
    "UnsupportedOperationError",
    "WaitTimeoutError",
]


class RunPodError(Exception):
    """Base class of every error this package raises."""


class ConfigurationError(RunPodError):
    """The client could not be configured (no API key, unreadable config file, bad URL)."""


class InputValidationError(RunPodError, ValueError):
    """An argument was refused before any request was sent. ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class GraphQLErrorDetail:
    """One entry of a GraphQL response's ``errors`` array, kept whole."""

    message: str
    path: tuple[str | int, ...] = ()
    extensions: Mapping[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str | None:
        code = self.extensions.get("code")
        return code if isinstance(code, str) else None

    @classmethod
    def from_json(cls, raw: object) -> GraphQLErrorDetail:
        if not isinstance(raw, Mapping):
            return cls(message=repr(raw))
        path = raw.get("path") or ()
        extensions = raw.get("extensions") or {}
        return cls(
            message=str(raw.get("message", "")),
            path=tuple(p for p in path if isinstance(p, (str, int)))
            if isinstance(path, list)
            else (),
            extensions=dict(extensions) if isinstance(extensions, Mapping) else {},
        )

    def __str__(self) -> str:
        where = f" (at {'.'.join(map(str, self.path))})" if self.path else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{self.message}{code}{where}"


@dataclass(frozen=True)
class ProblemDetail:
    """A REST error body (RFC 9457 ``application/problem+json``), every ``errors[]`` entry kept."""

    title: str
    status: int | None
    detail: str
    errors: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, raw: object) -> ProblemDetail | None:
        """The problem in a decoded body, or None when it is not one."""
        if not isinstance(raw, Mapping) or not any(k in raw for k in ("title", "detail")):
            return None
        status = raw.get("status")
        entries = raw.get("errors")
        return cls(
            title=str(raw.get("title") or ""),
            status=status if isinstance(status, int) and not isinstance(status, bool) else None,
            detail=str(raw.get("detail") or ""),
            errors=tuple(str(e) for e in entries) if isinstance(entries, list) else (),
        )

    def __str__(self) -> str:
        return self.detail or self.title


class APIError(RunPodError):
    """An API call failed. Carries everything known about the failed request."""

    def __init__(
        self,
        message: str,
        *,
        operation: str | None = None,
        status_code: int | None = None,
        request_id: str | None = None,
        errors: Sequence[GraphQLErrorDetail] = (),
        problem: ProblemDetail | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.operation = operation
        self.status_code = status_code
        self.request_id = request_id
        self.errors: tuple[GraphQLErrorDetail, ...] = tuple(errors)
        self.problem = problem
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        parts = [self.message]
        context = []
        if self.operation:
            context.append(f"operation {self.operation}")
        if self.status_code is not None:
            context.append(f"HTTP {self.status_code}")
        if self.request_id:
            context.append(f"request id {self.request_id}")
        if context:
            parts.append(f"({', '.join(context)})")
        extra = [str(e) for e in self.errors[1:]] if self.errors else []
        if self.problem is not None:
            extra += list(self.problem.errors)
        if extra:
            parts.append("; also: " + "; ".join(extra))
        if self.hint:
            parts.append(f"— {self.hint}")
        return " ".join(parts)


class APIConnectionError(APIError):
    """No HTTP response arrived.

    ``request_sent`` is False only when the request provably never reached the server
    (connection refused, DNS failure, connect time-out): only then is a mutation safe to resend.
    """

    def __init__(self, message: str, *, request_sent: bool, **kwargs: Any) -> None:
        self.request_sent = request_sent
        super().__init__(message, **kwargs)


class APITimeoutError(APIConnectionError, TimeoutError):
    """The request timed out."""


class AuthenticationError(APIError):
    """The API key is missing, wrong or revoked (HTTP 401/403)."""


class InsufficientBalanceError(APIError):
    """HTTP 402: the account's balance cannot pay for this. Add funds; retrying will not help."""


class ConflictError(APIError):
    """HTTP 409: not allowed in the object's current state (a pod action its status does not
    allow, a cluster member changed through the pod endpoints). Read the object, then decide."""


class RateLimitError(APIError):
    """HTTP 429. ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class ServerError(APIError):
    """HTTP 5xx or RunPod's opaque "Something went wrong": usually transient."""


class CapacityError(APIError):
    """No machine has the requested specification free. ``requested`` says what was asked for."""

    def __init__(
        self, message: str, *, requested: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> None:
        self.requested: dict[str, Any] = dict(requested or {})
        super().__init__(message, **kwargs)


@dataclass(frozen=True)
class PlacementAttempt:
    """One candidate a placing create tried or skipped, and why."""

    gpu_type_id: str
    cloud_type: str
    data_center_id: str | None
    price_per_hr: float | None
    outcome: str

    def __str__(self) -> str:
        where = f" in {self.data_center_id}" if self.data_center_id else ""
        price = f" at ${self.price_per_hr:.3f}/h" if self.price_per_hr is not None else ""
        return f"{self.gpu_type_id} ({self.cloud_type}{where}{price}): {self.outcome}"


class PlacementError(CapacityError):
    """Every candidate of a placing create was out of stock, too expensive or refused."""

    def __init__(self, attempts: Sequence[PlacementAttempt], **kwargs: Any) -> None:
        self.attempts: tuple[PlacementAttempt, ...] = tuple(attempts)
        lines = "; ".join(str(a) for a in self.attempts) or "no candidates"
        kwargs.setdefault(
            "hint", "widen gpu_types / cloud_types, raise max_price_per_hr, or retry later"
        )
        super().__init__(f"no candidate could be placed: {lines}", **kwargs)


class HostFullError(APIError):
    """Resume failed: the pod's host has not enough free GPUs. Try later or recreate elsewhere."""


class NotFoundError(APIError):
    """The object does not exist (or no longer does)."""


class InvalidRequestError(APIError):
    """The server rejected the request itself (GraphQL parse/validation, other 4xx). Not retried."""


class OperationError(APIError):
    """The server answered with GraphQL errors that match no more specific class."""


class ResponseValidationError(APIError):
    """The server's answer does not fit the schema (bad JSON, unknown enum value, missing field)."""

    def __init__(
        self, message: str, *, field: str | None = None, value: object = None, **kwargs: Any
    ) -> None:
        self.field = field
        self.value = value
        super().__init__(message, **kwargs)


class PodError(RunPodError):
    """A pod did not reach the state it was asked for."""

    def __init__(
        self,
        message: str,
        *,
        pod_id: str,
        last_status: str | None = None,
        waited: float | None = None,
    ) -> None:
        self.pod_id = pod_id
        self.last_status = last_status
        self.waited = waited
        detail = [f"pod {pod_id}"]
        if last_status is not None:
            detail.append(f"last status {last_status}")
        if waited is not None:
            detail.append(f"after {waited:.1f}s")
        super().__init__(f"{message} ({', '.join(detail)})")


class WaitTimeoutError(PodError, TimeoutError):
    """A bounded wait ran out of time before the pod was ready."""


class PodStateError(PodError):
    """The pod reached a state it cannot leave on its own (EXITED, TERMINATED, DEAD) or vanished."""


class PodInterruptedError(PodStateError):
    """A spot (interruptible) pod was outbid and stopped."""


class PodCleanupError(PodError):
    """The lifecycle guard terminated (or stopped) a pod but it is still there: it may still bill."""


class JobError(RunPodError):
    """A serverless job ended without a result. ``status`` is its last known status (a
    ``JobStatus`` value), ``error`` the job's error output, ``output`` any output it had."""

    def __init__(
        self,
        message: str,
        *,
        endpoint_id: str,
        job_id: str,
        status: str | None,
        error: Any = None,
        output: Any = None,
    ) -> None:
        super().__init__(message)
        self.endpoint_id = endpoint_id
        self.job_id = job_id
        self.status = status
        self.error = error
        self.output = output


class JobFailedError(JobError):
    """The job FAILED: the handler raised or returned an error. ``error`` is what it reported
    (a runpod-python worker's JSON text is parsed into a dict with ``error_message`` etc.)."""


class JobCancelledError(JobError):
    """The job was CANCELLED (by anyone) before it produced a result."""


class JobTimedOutError(JobError, TimeoutError):
    """RunPod timed the job out (TIMED_OUT): its execution time-out or TTL passed."""


class JobWaitTimeoutError(JobError, TimeoutError):
    """Our wait for the job ran out. ``cancelled`` says whether the job was cancelled on RunPod
    (asked for with ``cancel_remote=True``); otherwise it is still queued or running there."""

    def __init__(self, message: str, *, cancelled: bool, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.cancelled = cancelled


class RemoteError(RunPodError):
    """Running a command or moving files on a pod failed."""


class SSHError(RemoteError):
    """The SSH connection, authentication or a transfer failed."""


class HostKeyError(SSHError):
    """The pod's SSH host key is not trusted: unknown under a strict policy, or changed."""


class RemoteCommandError(RemoteError):
    """A remote command exited with a non-zero status."""

    def __init__(
        self, command: str, exit_status: int | None, stdout: str = "", stderr: str = ""
    ) -> None:
        self.command = command
        self.exit_status = exit_status
        self.stdout = stdout
        self.stderr = stderr
        tail = stderr.strip().splitlines()[-1:] if stderr.strip() else []
        why = f": {tail[0]}" if tail else ""
        super().__init__(f"command {command!r} exited with status {exit_status}{why}")


class RemoteTimeoutError(RemoteError, TimeoutError):
    """A remote command, transfer or readiness probe ran out of time; the remote side was stopped."""


class RunpodctlError(RemoteError):
    """runpodctl exited non-zero or printed an error."""

    def __init__(self, message: str, *, exit_code: int | None = None, stderr: str = "") -> None:
        self.exit_code = exit_code
        self.stderr = stderr
        super().__init__(message)


class RunpodctlNotFoundError(RunpodctlError):
    """runpodctl is not installed where we looked."""


class UnsupportedOperationError(RunPodError):
    """The chosen API cannot do this (``RunPod(api="rest")`` and an operation only GraphQL has).

    ``operation`` names what was asked; ``alternative`` says what to use instead, if anything.
    """

    def __init__(self, operation: str, *, api: str, reason: str, alternative: str | None) -> None:
        self.operation = operation
        self.api = api
        self.alternative = alternative
        text = f"{operation} is not available on {api}: {reason}"
        if alternative:
            text += f" — {alternative}"
        super().__init__(text)


class APIRetiredError(APIError):
    """The API answered 410 Gone: RunPod has retired it (GraphQL in early 2027, REST v1 already)."""
