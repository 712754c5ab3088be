"""The one place a request is sent: rate limit, retries, logging and error mapping.

``GraphQLTransport`` is a private subclass of the generated client. Every generated method ends in
``execute(Result, query, operation_name, variables)``; ``execute`` sends the request (retrying
what is safe to retry), validates a 2xx answer straight from its bytes into ``Result`` (the base
client's ``decode_response``: one pass, no ``json.loads``) and turns every failure into an error
from :mod:`runpod_gql.errors`. The API key goes into the Authorization header of each request and
nowhere else.
"""

from __future__ import annotations

import datetime
import json
import logging
import random
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Protocol, TypeVar

import pydantic
from runpod_gql_generated.base_client import (
    GraphQLError,
    ResultT,
    decode_response,
    encode_request,
    plain_variables,
)
from runpod_gql_generated.base_client import validate_json as validate_json
from runpod_gql_generated.client import GeneratedClient

from ._clock import SYSTEM_CLOCK, Clock
from ._config import APIKey
from ._ratelimit import RateLimiter, exhausted_reset, parse_quota, shared_limiter
from ._retry import NOT_FOUND_MEANS_DONE, RetryPolicy, is_retryable
from ._version import __version__
from ._wire import Timeouts, Wire, WireFailure, WireResponse
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    CapacityError,
    GraphQLErrorDetail,
    HostFullError,
    InvalidRequestError,
    NotFoundError,
    OperationError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)

logger = logging.getLogger("runpod_gql")
T = TypeVar("T")

USER_AGENT = f"runpod-gql/{__version__} python/{sys.version_info.major}.{sys.version_info.minor}"
DEFAULT_TIMEOUT = Timeouts(connect=10.0, read=30.0, write=30.0, pool=30.0)

# Substrings of RunPod's error texts (see API-BEHAVIOUR.md), most specific first.
_CAPACITY = "no longer any instances available"
_HOST_FULL = "not enough free gpus on the host"
_OPAQUE = "something went wrong"
_NOT_FOUND = ("not found", "nonexistent", "does not exist")
_AUTH = ("unauthorized", "unauthenticated", "invalid api key", "api key is invalid")
_INVALID_CODES = frozenset({"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"})
# Fields of a create's input that say what was asked for; never env, args or credentials.
_REQUEST_FIELDS = (
    "gpuTypeId",
    "gpuTypeIdList",
    "gpuCount",
    "cloudType",
    "dataCenterId",
    "instanceId",
)


def request_headers(api_key: APIKey) -> dict[str, str]:
    """The headers every request carries: the one place the key is put into a request.

    Without a key (the public catalogue, ``RunPod(api="auto")``) no Authorization is sent.
    """
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    if api_key.reveal():
        headers["Authorization"] = f"Bearer {api_key.reveal()}"
    return headers


@dataclass(frozen=True)
class RequestOptions:
    """Per-client (or per ``with_options`` view) request settings."""

    timeout: Timeouts = DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)


@dataclass
class TransportStats:
    """Counters a client keeps about its own traffic (for tests, benchmarks and the CLI)."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    failures: int = 0


class _Answered(Protocol):
    @property
    def headers(self) -> Mapping[str, str]: ...


def _request_id(response: _Answered) -> str | None:
    for name in ("x-request-id", "x-amzn-requestid", "cf-ray"):
        value = response.headers.get(name)
        if value:
            return str(value)
    return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = datetime.datetime.now(when.tzinfo or datetime.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def rate_limit_wait(response: _Answered) -> float | None:
    """How long a 429 asks to wait: the longer of ``Retry-After`` and the reset of any quota
    window the ``RateLimit`` header shows exhausted (RunPod's own clients wait the same)."""
    waits = [
        _retry_after(response.headers.get("retry-after")),
        exhausted_reset(
            parse_quota(response.headers.get("ratelimit"), response.headers.get("ratelimit-policy"))
        ),
    ]
    known = [w for w in waits if w is not None]
    return max(known) if known else None


def _requested(variables: Mapping[str, Any] | None) -> dict[str, Any]:
    source = (variables or {}).get("input")
    if not isinstance(source, Mapping):
        return {}
    return {k: source[k] for k in _REQUEST_FIELDS if k in source}


def error_from_graphql(
    errors: list[GraphQLErrorDetail],
    *,
    operation: str | None,
    status_code: int,
    request_id: str | None,
    variables: Mapping[str, Any] | None = None,
) -> APIError:
    """The most specific error class for a response's GraphQL errors (all of them kept)."""
    first = errors[0]
    text = first.message.lower()
    codes = {e.code for e in errors if e.code}
    common: dict[str, Any] = {
        "operation": operation,
        "status_code": status_code,
        "request_id": request_id,
        "errors": errors,
    }
    message = first.message
    if _CAPACITY in text:
        return CapacityError(
            message,
            requested=_requested(variables),
            hint="try another GPU type, cloud type (ALL) or data centre, or retry later",
            **common,
        )
    if _HOST_FULL in text:
        return HostFullError(
            message,
            hint="the host has no free GPUs now: retry later, or create a new pod",
            **common,
        )
    if codes & _INVALID_CODES:
        return InvalidRequestError(message, **common)
    if _OPAQUE in text or "INTERNAL_SERVER_ERROR" in codes:
        return ServerError(message, hint="RunPod's opaque error; usually transient", **common)
    if any(s in text for s in _AUTH) or codes & {"UNAUTHENTICATED", "FORBIDDEN"}:
        return AuthenticationError(
            message, hint="check the API key (runpod-gql config show)", **common
        )
    if any(s in text for s in _NOT_FOUND):
        return NotFoundError(message, **common)
    if "cannot resume a spot pod" in text:
        return OperationError(message, hint="resume a spot pod with bid_resume()", **common)
    return OperationError(message, **common)


def error_from_status(response: WireResponse, body: Any, *, operation: str | None) -> APIError:
    """The error for a non-2xx answer, keeping any GraphQL errors it carried."""
    status = response.status_code
    details = _details(body)
    common: dict[str, Any] = {
        "operation": operation,
        "status_code": status,
        "request_id": _request_id(response),
        "errors": details,
    }
    said = details[0].message if details else response.reason_phrase or "HTTP error"
    if status in (401, 403):
        return AuthenticationError(
            f"authentication failed: {said}",
            hint="the API key is missing, wrong or revoked; see `runpod-gql config show`",
            **common,
        )
    if status == 429:
        return RateLimitError(
            f"rate limited: {said}", retry_after=rate_limit_wait(response), **common
        )
    if status >= 500:
        return ServerError(f"server error: {said}", **common)
    if details:
        return error_from_graphql(
            details, operation=operation, status_code=status, request_id=_request_id(response)
        )
    return InvalidRequestError(f"request rejected: {said}", **common)


def _details(body: Any) -> list[GraphQLErrorDetail]:
    if isinstance(body, Mapping) and isinstance(body.get("errors"), list):
        return [GraphQLErrorDetail.from_json(e) for e in body["errors"]]
    return []


def _connection_error(failure: WireFailure, operation: str | None) -> APIConnectionError:
    """The error for a request that got no response, saying whether it may have been applied."""
    where = (
        "before the request was sent"
        if failure.never_sent
        else "after the request may have been sent"
    )
    cls = APITimeoutError if failure.timed_out else APIConnectionError
    return cls(
        f"connection failed {where} ({failure.kind})",
        request_sent=not failure.never_sent,
        operation=operation,
        hint=None if failure.never_sent else "a mutation may or may not have been applied",
    )


def _validation_error(
    exc: pydantic.ValidationError, operation: str | None = None
) -> ResponseValidationError:
    first = exc.errors()[0]
    loc = tuple(first.get("loc", ()))
    # Answers are validated as GraphQLResponse[Result]: say where in the result, as before.
    where = ".".join(str(p) for p in (loc[1:] if loc[:1] == ("data",) else loc))
    value = first.get("input")
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return ResponseValidationError(
        f"the server's answer does not fit the schema: {where} = {shown}: {first.get('msg', '')}",
        field=where,
        value=value,
        operation=operation or exc.title,
        hint="the schema may have changed: regenerate the client (make schema && make generate)",
    )


class TransportCore:
    """What GraphQL and REST share: the wire, the key, the options, the limiter, the counters
    and the one retry loop (:meth:`send`). Views made by ``with_options`` share all but options."""

    def __init__(
        self,
        *,
        url: str,
        wire: Wire,
        api_key: APIKey,
        options: RequestOptions,
        clock: Clock = SYSTEM_CLOCK,
        limiter: RateLimiter | None = None,
        limiter_settings: Mapping[str, Any] | None = None,
        stats: TransportStats | None = None,
        rng: random.Random | None = None,
        headers_on_wire: bool = False,
    ) -> None:
        self.url = url  # the GraphQL endpoint; with the key it names the shared limiter
        self.wire = wire
        self._api_key = api_key
        self.options = options
        self.clock = clock
        self._limiter = limiter
        self._limiter_settings = dict(limiter_settings or {})
        self.stats: TransportStats = stats if stats is not None else TransportStats()
        # A wire we built carries the fixed headers already (set once, not merged per request);
        # the user's own httpx client is left as it is and they go with every request.
        self.headers_on_wire = headers_on_wire
        self.rng: random.Random = rng or random.Random()

    def __repr__(self) -> str:
        return f"<TransportCore url={self.url!r}>"

    def derive(self, options: RequestOptions) -> TransportCore:
        """The same connections, limiter and counters with other options."""
        view = TransportCore(
            url=self.url,
            wire=self.wire,
            api_key=self._api_key,
            options=options,
            clock=self.clock,
            limiter=self._limiter,
            limiter_settings=self._limiter_settings,
            stats=self.stats,
            rng=self.rng,
            headers_on_wire=self.headers_on_wire,
        )
        if self._limiter is None:
            view._parent = self  # the limiter is made lazily: share the parent's when it is
        return view

    _parent: TransportCore | None = None

    @property
    def limiter(self) -> RateLimiter:
        if self._limiter is None:
            if self._parent is not None:
                self._limiter = self._parent.limiter
            else:
                self._limiter = shared_limiter(
                    self.url, self._api_key.reveal(), clock=self.clock, **self._limiter_settings
                )
        return self._limiter

    def headers(self, extra: Mapping[str, str] | None = None) -> Mapping[str, str] | None:
        """The headers to send with a request (None: the wire adds them all itself)."""
        if self.headers_on_wire:
            return extra
        fixed = request_headers(self._api_key)
        return {**fixed, **extra} if extra else fixed

    def backoff(self, attempt: int, error: APIError) -> float:
        """Seconds to wait before retry ``attempt`` (1-based) of a failed call, with jitter."""
        return self.options.retry.backoff(attempt, error, self.rng)

    async def send(
        self,
        attempt: Callable[[], Awaitable[WireResponse]],
        interpret: Callable[[WireResponse], T | APIError],
        *,
        operation: str | None,
        is_mutation: bool,
        done_if_not_found: Callable[[], T] | None = None,
    ) -> T:
        """Send until an answer is ``interpret``-ed as a result, or retrying is unsafe or spent.

        ``done_if_not_found`` makes a "not found" after an attempt that may have been applied
        count as done (a delete whose first answer was lost).
        """
        limiter = self.limiter
        clock = self.clock
        started = sent_at = clock.monotonic()
        number = 0
        maybe_applied = False
        while True:
            number += 1
            error: APIError
            cause: BaseException | None = None
            if number > 1:
                sent_at = clock.monotonic()
            # acquire/release rather than ``async with limiter.slot()``: this is every request's
            # path, and the context manager cost two more coroutines and an object per attempt.
            await limiter.acquire()
            try:
                self.stats.requests += 1
                try:
                    response = await attempt()
                except WireFailure as failure:
                    error, cause = _connection_error(failure, operation), failure.cause
                    status: int | str = failure.kind
                else:
                    status = response.status_code
                    quota = response.headers.get("ratelimit")
                    if quota:
                        windows = parse_quota(quota, response.headers.get("ratelimit-policy"))
                        limiter.on_quota(windows)
                    outcome = interpret(response)
                    if not isinstance(outcome, APIError):
                        limiter.on_success()
                        if logger.isEnabledFor(logging.DEBUG):
                            logger.debug(
                                "%s attempt=%d status=%s %.1fms",
                                operation,
                                number,
                                status,
                                (clock.monotonic() - sent_at) * 1000,
                            )
                        return outcome
                    error = outcome
            finally:
                limiter.release()
            policy = self.options.retry
            logger.debug(
                "%s attempt=%d status=%s %.1fms failed: %s",
                operation,
                number,
                status,
                (self.clock.monotonic() - sent_at) * 1000,
                type(error).__name__,
            )
            if isinstance(error, RateLimitError):
                self.stats.rate_limited += 1
                # Capped like the retry's own wait: a huge Retry-After must not stall every caller.
                pause = error.retry_after
                limiter.on_rate_limited(
                    None if pause is None else min(pause, policy.max_retry_after)
                )
            if maybe_applied and isinstance(error, NotFoundError) and done_if_not_found:
                # An earlier attempt of this delete was applied; its answer was lost.
                logger.debug("%s: not found on retry, counting it as done", operation)
                return done_if_not_found()
            # Only an attempt that may have reached the server can explain a later "not found".
            refused = isinstance(error, RateLimitError) or (
                isinstance(error, APIConnectionError) and not error.request_sent
            )
            maybe_applied = maybe_applied or not refused
            retryable = is_retryable(error, is_mutation=is_mutation, operation=operation)
            if not retryable or number > policy.max_retries:
                self.stats.failures += 1
                raise error from cause
            wait = self.backoff(number, error)
            elapsed = self.clock.monotonic() - started
            if policy.deadline is not None and elapsed + wait > policy.deadline:
                self.stats.failures += 1
                raise error from cause
            self.stats.retries += 1
            logger.warning(
                "%s failed (%s), retry %d/%d in %.2fs",
                operation,
                error.message if len(error.message) < 120 else type(error).__name__,
                number,
                policy.max_retries,
                wait,
            )
            await self.clock.sleep(wait)


class GraphQLTransport(GeneratedClient):
    """The generated client with our transport concerns. Private: use ``RunPod``."""

    def __init__(self, core: TransportCore) -> None:
        # No http_client for the base class: execute below sends through the core's wire.
        super().__init__(url=core.url)
        self.core = core

    def __repr__(self) -> str:
        return f"<GraphQLTransport url={self.url!r}>"

    def derive(self, options: RequestOptions) -> GraphQLTransport:
        """A transport with other options, sharing connections, limiter and stats."""
        return GraphQLTransport(self.core.derive(options))

    # What the resources read of their transport.
    @property
    def wire(self) -> Wire:
        return self.core.wire

    @property
    def options(self) -> RequestOptions:
        return self.core.options

    @property
    def clock(self) -> Clock:
        return self.core.clock

    @property
    def stats(self) -> TransportStats:
        return self.core.stats

    @property
    def limiter(self) -> RateLimiter:
        return self.core.limiter

    def backoff(self, attempt: int, error: APIError) -> float:
        """Seconds to wait before retry ``attempt`` (1-based) of a failed call, with jitter."""
        return self.core.backoff(attempt, error)

    async def run(self, call: Awaitable[T]) -> T:
        """Await a generated method, turning a response that does not fit the models into our error."""
        try:
            return await call
        except pydantic.ValidationError as exc:
            raise _validation_error(exc) from exc

    async def execute(
        self,
        result: type[ResultT],
        query: str,
        operation_name: str,
        variables: Mapping[str, object],
    ) -> ResultT:
        is_mutation = query.lstrip().startswith("mutation")
        plain = plain_variables(variables)
        body = encode_request(query, operation_name, plain)
        core = self.core
        headers = core.headers()

        def attempt() -> Awaitable[WireResponse]:
            return core.wire.request(
                "POST", self.url, body=body, headers=headers, timeout=core.options.timeout
            )

        def interpret(response: WireResponse) -> ResultT | APIError:
            return self._interpret(response, result, operation_name, plain)

        done_field = NOT_FOUND_MEANS_DONE.get(operation_name)
        return await core.send(
            attempt,
            interpret,
            operation=operation_name,
            is_mutation=is_mutation,
            # The answer the lost attempt would have had: the delete's Void field.
            done_if_not_found=(lambda: result.model_validate({done_field: None}))
            if done_field
            else None,
        )

    def _interpret(
        self,
        response: WireResponse,
        result: type[ResultT],
        operation: str | None,
        variables: Mapping[str, Any],
    ) -> ResultT | APIError:
        """The response's result, or the error it amounts to.

        A 2xx answer is validated from its bytes in one pass; only a non-2xx one (small: an error
        body) is parsed with json.loads.
        """
        if not response.is_success:
            try:
                body: Any = json.loads(response.content) if response.content else None
            except ValueError:
                body = None
            return error_from_status(response, body, operation=operation)
        try:
            answer = decode_response(result, response.content)
        except pydantic.ValidationError as exc:
            return not_fitting(exc, response, operation, "a GraphQL response object")
        if answer.errors:
            return error_from_graphql(
                [_detail(e) for e in answer.errors],
                operation=operation,
                status_code=response.status_code,
                request_id=_request_id(response),
                variables=variables,
            )
        if answer.data is None:
            return ResponseValidationError(
                "the server's answer has no data and no errors",
                operation=operation,
                status_code=response.status_code,
                request_id=_request_id(response),
            )
        return answer.data


class _Body(_Answered, Protocol):
    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...


def not_fitting(
    exc: pydantic.ValidationError, answer: _Body, operation: str | None, shape: str
) -> ResponseValidationError:
    """The error for a 2xx answer whose bytes did not validate, GraphQL or REST alike: not
    JSON, JSON but not ``shape`` at all, or a field that does not fit the schema."""
    common: dict[str, Any] = {
        "operation": operation,
        "status_code": answer.status_code,
        "request_id": _request_id(answer),
    }
    first = exc.errors()[0]
    kind, where = first.get("type", ""), tuple(first.get("loc", ()))
    if kind == "json_invalid":
        content_type = answer.headers.get("content-type", "unknown content type")
        return ResponseValidationError(
            f"the server's answer is not JSON ({content_type}, {len(answer.content)} bytes)",
            **common,
        )
    if kind == "model_type" and not where:
        return ResponseValidationError(f"the server's answer is not {shape}", **common)
    return _validation_error(exc, operation)


def _detail(error: GraphQLError) -> GraphQLErrorDetail:
    return GraphQLErrorDetail(
        message=error.message,
        path=tuple(error.path or ()),
        extensions=error.extensions or {},
    )
