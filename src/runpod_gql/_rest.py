"""REST v2 over the shared transport: URLs, problem+json errors, typed decoding, event streams.

``RestTransport`` is the ``Sender`` the generated ``RestClient`` (``runpod_gql_rest``) sends
through, and offers the same for hand-written calls: ``request`` (any method, a path under the
REST base or an absolute URL, query parameters, a JSON body; the decoded answer back) and
``events`` (a ``text/event-stream`` answer, resumed from the last event id after a drop). It
shares the GraphQL side's connections, limiter, counters and retry loop
(:class:`~runpod_gql._transport.TransportCore`).

Retries follow HTTP semantics: GET, HEAD, PUT and DELETE are retried on 5xx, time-outs and
drops; POST and PATCH only when they provably never reached the server, or on 429. A DELETE
that answers 404 after an earlier attempt may have been applied counts as done.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import pydantic

from ._transport import (
    TransportCore,
    _connection_error,
    _request_id,
    not_fitting,
    rate_limit_wait,
    validate_json,
)
from ._wire import WireFailure, WireResponse, WireStream
from .errors import (
    APIError,
    APIRetiredError,
    AuthenticationError,
    CapacityError,
    ConflictError,
    InsufficientBalanceError,
    InvalidRequestError,
    NotFoundError,
    ProblemDetail,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)

if TYPE_CHECKING:
    from runpod_gql_rest._runtime import Reply
    from runpod_gql_rest.client import RestClient

logger = logging.getLogger("runpod_gql")
M = TypeVar("M", bound=pydantic.BaseModel)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_CAPACITY = "no longer any instances available"
# What a create asked for, for CapacityError.requested (never env, args or credentials).
_REQUESTED = ("gpu", "cpu", "cloud", "dataCenterIds", "templateId")
_UNSET: Any = object()


@dataclass(frozen=True)
class ServerSentEvent:
    """One event of a ``text/event-stream`` answer."""

    data: str
    id: str | None = None
    event: str = "message"
    retry: float | None = None  # seconds the server asks a reconnecting client to wait

    def json(self) -> Any:
        return json.loads(self.data)


class _EventParser:
    """The text/event-stream format (WHATWG HTML §9.2): fed bytes, gives whole events."""

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[str] = []
        self._event = ""
        self._id: str | None = None
        self._retry: float | None = None
        self.last_id: str | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        self._buffer += chunk
        events: list[ServerSentEvent] = []
        while True:
            match = re.search(rb"\r\n|\r|\n", self._buffer)
            # A lone \r at the end may be the first half of \r\n: wait for the next chunk.
            if match is None or (match.group() == b"\r" and match.end() == len(self._buffer)):
                return events
            line = self._buffer[: match.start()].decode("utf-8", errors="replace")
            self._buffer = self._buffer[match.end() :]
            event = self._line(line)
            if event is not None:
                events.append(event)

    def _line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment (keep-alive)
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value) / 1000
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        if self._id is not None:
            self.last_id = self._id  # the id stays set for later events, as EventSource keeps it
        data, self._data = self._data, []
        event, self._event = self._event or "message", ""
        retry, self._retry = self._retry, None
        if not data:
            return None
        return ServerSentEvent("\n".join(data), self.last_id, event, retry)


def _excerpt(content: bytes, limit: int = 160) -> str:
    text = content.decode("utf-8", errors="replace")
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
    if title:
        text = title.group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _requested(body: bytes | None) -> dict[str, Any]:
    try:
        sent = json.loads(body) if body else None
    except ValueError:
        return {}
    if not isinstance(sent, dict):
        return {}
    return {k: sent[k] for k in _REQUESTED if k in sent}


def error_from_rest(
    response: WireResponse | WireStream,
    content: bytes,
    *,
    operation: str | None,
    sent: bytes | None = None,
) -> APIError:
    """The error a non-2xx REST answer amounts to, its problem+json body kept whole."""
    status = response.status_code
    try:
        body = json.loads(content) if content else None
    except ValueError:
        body = None
    problem = ProblemDetail.from_json(body)
    if problem is not None:
        said = problem.detail or problem.title
    elif content:
        kind = response.headers.get("content-type", "no content type").split(";")[0]
        said = f"{response.reason_phrase or 'HTTP error'} ({kind}: {_excerpt(content)})"
    else:
        said = response.reason_phrase or "HTTP error"
    common: dict[str, Any] = {
        "operation": operation,
        "status_code": status,
        "request_id": _request_id(response),
        "problem": problem,
    }
    if status in (401, 403):
        return AuthenticationError(
            f"authentication failed: {said}",
            hint="the API key is missing, wrong or revoked, or may not do this; "
            "see `runpod-gql config show`",
            **common,
        )
    if status == 402:
        return InsufficientBalanceError(
            f"insufficient balance: {said}", hint="add funds to the account", **common
        )
    if status == 404:
        return NotFoundError(said, **common)
    if status == 409:
        return ConflictError(
            said, hint="read the object's current state (a pod's `actions`) first", **common
        )
    if status == 410:
        return APIRetiredError(
            f"gone: {said}",
            hint="RunPod retired this API version: upgrade runpod-gql (make schema && make generate)",
            **common,
        )
    if status == 413:
        return InvalidRequestError(
            f"request too large: {said}",
            hint="RunPod accepts at most 102,400 bytes (after template expansion)",
            **common,
        )
    if status == 422:
        fields = "; ".join(problem.errors) if problem and problem.errors else said
        return InvalidRequestError(f"request validation failed: {fields}", **common)
    if status == 429:
        return RateLimitError(
            f"rate limited: {said}", retry_after=rate_limit_wait(response), **common
        )
    if status >= 500:
        return ServerError(f"server error: {said}", **common)
    if status == 400 and _CAPACITY in said.lower():
        return CapacityError(
            said,
            requested=_requested(sent),
            hint="try the next GPU type, cloud or data centre, or retry later",
            **common,
        )
    return InvalidRequestError(f"request rejected: {said}", **common)


class RestTransport:
    """REST v2 through the shared transport. Private: ``RunPod.rest`` is the typed way in."""

    def __init__(self, core: TransportCore, base_url: str) -> None:
        self.core = core
        self.base_url = base_url.rstrip("/")

    def __repr__(self) -> str:
        return f"<RestTransport {self.base_url}>"

    @cached_property
    def operations(self) -> RestClient:
        """Every operation of the REST API, typed (generated from openapi.json)."""
        from runpod_gql_rest.client import RestClient

        return RestClient(self)

    def url(self, path: str) -> str:
        """A path under the REST base, or an absolute URL as it is (the serverless job API)."""
        if path.startswith(("https://", "http://")):
            return path
        return self.base_url + (path if path.startswith("/") else "/" + path)

    async def send(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> WireResponse:
        """Send one request (retrying what is safe); the 2xx answer, or our typed error."""
        core = self.core
        url = self.url(path)
        method = method.upper()
        sent_headers = core.headers(headers)
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS

        def attempt() -> Awaitable[WireResponse]:
            return core.wire.request(
                method,
                url,
                params=params,
                body=body,
                headers=sent_headers,
                timeout=core.options.timeout,
            )

        def interpret(response: WireResponse) -> WireResponse | APIError:
            if 200 <= response.status_code < 300:
                return response
            return error_from_rest(response, response.content, operation=operation, sent=body)

        return await core.send(
            attempt,
            interpret,
            operation=operation,
            is_mutation=not idempotent,
            done_if_not_found=(lambda: WireResponse(204, {}, b"", "No Content"))
            if method == "DELETE"
            else None,
        )

    def decode(self, reply: Reply, model: type[M], *, operation: str) -> M:
        """A 2xx answer's body as ``model``; an answer that does not fit is our typed error."""
        try:
            return validate_json(model, reply.content)
        except pydantic.ValidationError as exc:
            raise not_fitting(exc, reply, operation, "a JSON object") from exc

    async def request(
        self,
        method: str,
        path: str,
        *,
        operation: str | None = None,
        params: Mapping[str, str] | None = None,
        json: Any = _UNSET,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Send one request with an optional JSON body; the decoded answer (None for no body)."""
        body = None
        if json is not _UNSET:
            body = _dumps(json)
        reply = await self.send(
            method,
            path,
            operation=operation or f"{method.upper()} {path}",
            params=params,
            body=body,
            headers=headers,
            idempotent=idempotent,
        )
        if not reply.content:
            return None
        try:
            return _loads(reply.content)
        except ValueError as exc:
            kind = reply.headers.get("content-type", "no content type")
            raise ResponseValidationError(
                f"the server's answer is not JSON ({kind}, {len(reply.content)} bytes)",
                operation=operation,
                status_code=reply.status_code,
                request_id=_request_id(reply),
            ) from exc

    async def events(
        self,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        last_event_id: str | None = None,
    ) -> AsyncIterator[ServerSentEvent]:
        """The events of a ``text/event-stream`` answer, for as long as the server sends them.

        Opening the stream is retried like any GET. When it drops mid-way, it is opened again
        with ``Last-Event-ID`` set to the last event seen, so nothing is lost or repeated; up to
        the policy's ``max_retries`` drops in a row (any event resets the count). The stream
        ends when the server ends it; stop reading (``break``, a time-out) to close it.
        """
        core = self.core
        url = self.url(path)
        policy = core.options.retry
        resume = last_event_id
        drops = 0
        wait_hint: float | None = None
        while True:
            headers: dict[str, str] = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
            if resume is not None:
                headers["Last-Event-ID"] = resume
            parser = _EventParser()
            failure: WireFailure | None = None
            async with self._open_stream(url, params, headers, operation) as stream:
                try:
                    async for chunk in stream.chunks():
                        for event in parser.feed(chunk):
                            drops = 0
                            resume = parser.last_id or resume
                            wait_hint = event.retry if event.retry is not None else wait_hint
                            yield event
                except WireFailure as exc:
                    failure = exc
            if failure is None:
                return  # the server ended the stream
            resume = parser.last_id or resume
            drops += 1
            error = _connection_error(failure, operation)
            if drops > policy.max_retries:
                raise error from failure.cause
            wait = max(core.backoff(drops, error), wait_hint or 0.0)
            logger.warning(
                "%s: event stream dropped (%s), resuming after %s in %.2fs",
                operation,
                failure.kind,
                resume or "the start",
                wait,
            )
            core.stats.retries += 1
            await core.clock.sleep(wait)

    def _open_stream(
        self,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str],
        operation: str,
    ) -> _OpenStream:
        return _OpenStream(self, url, params, headers, operation)


class _OpenStream:
    """``async with``: a stream whose answer is 2xx, opened through the retry loop."""

    def __init__(
        self,
        rest: RestTransport,
        url: str,
        params: Mapping[str, str] | None,
        headers: Mapping[str, str],
        operation: str,
    ) -> None:
        self._rest = rest
        self._url = url
        self._params = params
        self._headers = headers
        self._operation = operation
        self._context: Any = None

    async def __aenter__(self) -> WireStream:
        core = self._rest.core
        headers = core.headers(self._headers)

        async def attempt() -> WireResponse:
            context = core.wire.stream(
                "GET", self._url, params=self._params, headers=headers, timeout=core.options.timeout
            )
            stream = await context.__aenter__()
            if 200 <= stream.status_code < 300:
                self._context = (context, stream)
                # A stand-in answer for the loop: the body is read by the caller, not here.
                return WireResponse(stream.status_code, stream.headers, b"", stream.reason_phrase)
            try:
                content = await stream.read()
            finally:
                await context.__aexit__(None, None, None)
            return WireResponse(stream.status_code, stream.headers, content, stream.reason_phrase)

        def interpret(response: WireResponse) -> WireResponse | APIError:
            if 200 <= response.status_code < 300:
                return response
            return error_from_rest(response, response.content, operation=self._operation)

        await core.send(attempt, interpret, operation=self._operation, is_mutation=False)
        _, stream = self._context
        return stream  # type: ignore[no-any-return]

    async def __aexit__(self, *exc_info: Any) -> None:
        context, _ = self._context
        self._context = None
        await context.__aexit__(*exc_info)


def _dumps(value: Any) -> bytes:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump_json(by_alias=True, exclude_unset=True).encode()
    return json.dumps(value, separators=(",", ":"), default=_plain).encode()


def _plain(value: Any) -> Any:
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value, by_alias=True)


def _loads(content: bytes) -> Any:
    return json.loads(content)
