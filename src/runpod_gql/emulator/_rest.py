"""REST v2 over HTTP: ``/v2/...`` answered like RunPod's API, on the same port and world as
``/graphql``.

Each request: Bearer key (401 without rate-limit headers), token bucket (429 + ``Retry-After``), route
by the OpenAPI document (404, 405 + ``Allow``), injected fault by ``operationId``, query and body
validated against the document's JSON Schemas (422 ``Request validation failed.``), then the
operation (``_rest_ops``). Every answer has an ``x-request-id``; errors are
``application/problem+json``; every authenticated answer carries ``RateLimit`` headers when a rate
limit is set (an unlimited caller is rate-limit exempt: RunPod then omits them).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

from ._faults import (
    Fault,
    FaultRule,
    RequestRecord,
    TokenBucket,
    mask,
    redact,
    retry_after_header,
)
from ._gc import collector_paused
from ._http import (
    GATEWAY_PAGE,
    HTML,
    REASONS,
    Receive,
    Scope,
    Send,
    bearer_ok,
    drop,
    respond,
    send_malformed,
)
from ._openapi import Document, Operation, load_document
from ._rest_base import Problem, Request, problem_title
from ._rest_ops import HANDLERS, LogStream
from ._state import OPAQUE_ERROR, EmulatedAPIError, World

__all__ = ["RestAPI"]

_PROBLEM = (b"content-type", b"application/problem+json")
_JSON = (b"content-type", b"application/json")
_STATUS = {"invalid": 400, "not_found": 404, "conflict": 409, "payment": 402}
_NOT_APPLIED = frozenset({Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.OPAQUE_ERROR})
_LOG_POLL_S = 0.05


class Host(Protocol):
    """What the REST API needs from the emulator application (``_app.EmulatorApp``)."""

    world: World
    requests: list[RequestRecord]
    rate_limit: TokenBucket | None
    stopping: asyncio.Event

    def advance(self) -> World: ...

    def take_fault(self, operation: str | None, fields: tuple[str, ...]) -> FaultRule | None: ...

    def hold(self, seconds: float) -> Awaitable[None]: ...


@dataclass
class _Exchange:
    """One REST request, for its answer's headers and the request log."""

    method: str
    path: str
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started: float = field(default_factory=time.perf_counter)
    wall: float = field(default_factory=time.time)
    operation: str | None = None
    status: int | None = None
    fault: Fault | None = None
    errors: tuple[str, ...] = ()
    variables: dict[str, Any] = field(default_factory=dict)
    limit_headers: list[tuple[bytes, bytes]] = field(default_factory=list)


class RestAPI:
    """The ``/v2`` routes of one emulator."""

    def __init__(self, host: Host, api_key: str) -> None:
        self.host = host
        self._key = api_key.encode()
        self._key_text = api_key
        self.doc: Document = load_document()
        self.doc_bytes: bytes = json.dumps(self.doc.spec).encode()
        # Real seconds a log stream is followed at most (None: until the pod stops or the client
        # leaves, as RunPod does; tools that cannot read a stream for a bounded time set one).
        self.follow_limit: float | None = None

    async def __call__(self, scope: Scope, body: bytes, receive: Receive, send: Send) -> None:
        ex = _Exchange(method=scope["method"], path=scope["path"])
        try:
            await self._exchange(ex, scope, body, receive, send)
        finally:
            self._record(ex)

    def _record(self, ex: _Exchange) -> None:
        hide = {self._key_text}
        self.host.requests.append(
            RequestRecord(
                operation=ex.operation,
                root_fields=(),
                variables=redact(ex.variables, hide),
                status=ex.status,
                fault=ex.fault,
                duration_s=time.perf_counter() - ex.started,
                timestamp=ex.wall,
                emulated_time=self.host.world.now,
                errors=tuple(mask(e, hide) for e in ex.errors),
                api="rest",
                method=ex.method,
                path=ex.path,
            )
        )

    # ------------------------------------------------------------------ answers
    async def _answer(
        self,
        ex: _Exchange,
        send: Send,
        status: int,
        body: bytes | None,
        extra: list[Any] | None = None,
    ) -> None:
        ex.status = status
        headers = [(b"x-request-id", ex.request_id.encode()), *ex.limit_headers, *(extra or [])]
        if body is None:
            await respond(send, status, b"", headers)
            return
        await respond(send, status, body, [_JSON, *headers])

    async def _problem(
        self,
        ex: _Exchange,
        send: Send,
        status: int,
        detail: str,
        errors: list[str] | None = None,
        extra: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        body: dict[str, Any] = {"title": problem_title(status), "status": status, "detail": detail}
        if errors:
            body["errors"] = errors
        ex.status, ex.errors = status, (detail, *(errors or ()))
        headers = [
            _PROBLEM,
            (b"x-request-id", ex.request_id.encode()),
            *ex.limit_headers,
            *(extra or []),
        ]
        await respond(send, status, json.dumps(body).encode(), headers)

    # ------------------------------------------------------------------ the exchange
    async def _exchange(
        self, ex: _Exchange, scope: Scope, body: bytes, receive: Receive, send: Send
    ) -> None:
        if not bearer_ok(scope, self._key):  # Bearer only: v2 does not take ?api_key=
            await self._problem(ex, send, 401, "missing or invalid API key")
            return
        bucket = self.host.rate_limit
        if bucket is not None:
            wait = bucket.take()
            ex.limit_headers = bucket.headers()
            if wait is not None:
                ex.fault = Fault.RATE_LIMIT
                retry = [(b"retry-after", retry_after_header(wait))]
                await self._problem(ex, send, 429, "rate limit exceeded", extra=retry)
                return
        op, path_params, allowed = self.doc.route(ex.method, scope["path"].rstrip("/"))
        if op is None:
            if allowed:
                allow = [(b"allow", ", ".join(allowed).encode())]
                detail = f"method {ex.method} not allowed"
                await self._problem(ex, send, 405, detail, extra=allow)
            else:
                await self._problem(ex, send, 404, "no such route")
            return
        ex.operation = op.id
        request = await self._request(ex, op, scope, body, path_params, send)
        if request is None:
            return
        rule = self.host.take_fault(op.id, ())
        ex.fault = rule.kind if rule else ex.fault
        if rule is not None and rule.kind is Fault.DROP_BEFORE:
            await drop(scope, receive)
        if rule is not None and rule.kind in _NOT_APPLIED:
            await self._early_fault(ex, rule, send)
            return
        await self._apply(ex, op, request, rule, scope, receive, send)

    async def _request(
        self,
        ex: _Exchange,
        op: Operation,
        scope: Scope,
        body: bytes,
        path_params: dict[str, str],
        send: Send,
    ) -> Request | None:
        """The validated request, or None when a 400/422 went out."""
        raw_query = parse_qs(
            (scope.get("query_string") or b"").decode("latin-1"), keep_blank_values=True
        )
        query, errors = self.doc.parse_query(op, raw_query)
        ex.variables = dict(query)
        payload: Any = None
        if op.body is not None:
            try:
                payload = json.loads(body) if body else None
            except ValueError:
                await self._problem(ex, send, 400, "request body is not valid JSON")
                return None
            if payload is None:
                await self._problem(ex, send, 400, "request body is required")
                return None
            ex.variables = payload if isinstance(payload, dict) else {"body": payload}
            errors += self.doc.validate_body(op, payload)
        if errors:
            await self._problem(ex, send, 422, "Request validation failed.", sorted(errors))
            return None
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        return Request(path_params, query, payload, headers, raw_query)

    async def _apply(
        self,
        ex: _Exchange,
        op: Operation,
        request: Request,
        rule: FaultRule | None,
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> None:
        try:
            status, stream, body = self._render(op, request)
        except Problem as exc:
            await self._problem(ex, send, exc.status, exc.detail, exc.errors)
            return
        except EmulatedAPIError as exc:
            await self._problem(ex, send, _STATUS[exc.kind], exc.message)
            return
        if stream is not None:
            await self._stream(ex, stream, receive, send)
            return
        if rule is not None and await self._late_fault(ex, rule, body, scope, receive, send):
            return
        await self._answer(ex, send, status, body)

    def _render(
        self, op: Operation, request: Request
    ) -> tuple[int, LogStream | None, bytes | None]:
        """Apply the operation: its status and encoded answer (None: no body), or the log stream
        it opened. The answer is built and encoded before the collector resumes (``_gc``)."""
        with collector_paused():
            status, result = HANDLERS[op.id](self.host.advance(), request)
            if isinstance(result, LogStream):
                return status, result, None
            # Views are trees, never cycles: the encoder's check costs 15 % of a large answer.
            body = None if result is None else json.dumps(result, check_circular=False).encode()
            del result  # freed by its reference count, not by the collector
        return status, None, body

    async def _early_fault(self, ex: _Exchange, rule: FaultRule, send: Send) -> None:
        """Faults answered without applying the operation."""
        if rule.kind is Fault.RATE_LIMIT:
            extra = []
            if rule.retry_after is not None:
                extra.append((b"retry-after", retry_after_header(rule.retry_after)))
            await self._problem(ex, send, 429, "rate limit exceeded", extra=extra)
        elif rule.kind is Fault.SERVER_ERROR and (rule.status or 500) != 500:
            status = rule.status or 502
            page = GATEWAY_PAGE.format(status=status, reason=REASONS.get(status, "Error"))
            ex.status, ex.errors = status, (REASONS.get(status, "Error"),)
            await respond(send, status, page.encode(), [HTML])
        else:  # a 500, or the opaque error (REST has no 200-with-errors: it is a 500 there)
            detail = OPAQUE_ERROR if rule.kind is Fault.OPAQUE_ERROR else "internal server error"
            await self._problem(ex, send, 500, detail)

    async def _late_fault(
        self,
        ex: _Exchange,
        rule: FaultRule,
        body: bytes | None,
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> bool:
        """Faults after the operation was applied; True when the answer went out."""
        if rule.kind is Fault.DROP_AFTER:
            await drop(scope, receive)
        if rule.kind is Fault.TIMEOUT:
            await self.host.hold(rule.delay)
        if rule.kind is Fault.MALFORMED:
            ex.status = 200
            await send_malformed(send, rule.variant, body if body is not None else b"{}")
            return True
        return False

    # ------------------------------------------------------------------ server-sent events
    async def _stream(self, ex: _Exchange, stream: LogStream, receive: Receive, send: Send) -> None:
        """Send the selected lines, then follow the log while the pod runs."""
        ex.status = 200
        headers = [
            (b"content-type", b"text/event-stream"),
            (b"cache-control", b"no-cache"),
            (b"connection", b"keep-alive"),
            (b"x-accel-buffering", b"no"),
            (b"x-request-id", ex.request_id.encode()),
            *ex.limit_headers,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        gone = asyncio.ensure_future(_disconnected(receive))
        until = None if self.follow_limit is None else time.monotonic() + self.follow_limit
        try:
            while until is None or time.monotonic() < until:
                chunk = stream.pending(self.host.advance())
                if chunk:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                if not stream.following(self.host.world) or self.host.stopping.is_set():
                    break
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(asyncio.shield(gone), _LOG_POLL_S)
                if gone.done():
                    return
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            gone.cancel()


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
