"""The emulator's ASGI application: ``POST /graphql`` answered like RunPod, plus ``/_emulator/*``
control endpoints for tests and tools in another process.

A plain ASGI callable (no framework) keeps the hot path short: read the body, check the key,
look up the cached document, maybe apply a fault, execute, answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from graphql import ExecutionResult, GraphQLError, GraphQLSchema

from ._clock import Clock
from ._control import CONTROL_ROUTES
from ._faults import (
    Fault,
    FaultRule,
    RequestRecord,
    TokenBucket,
    mask,
    redact,
    retry_after_header,
    secret_values,
)
from ._gc import collector_paused
from ._graphql import PUBLIC_FIELDS, QueryCache, load_schema, run
from ._http import (
    GATEWAY_PAGE,
    HTML,
    JSON,
    REASONS,
    TRANSPORT_EXTENSION,
    Dropped,
    Receive,
    Scope,
    Send,
    bearer_ok,
    drop,
    read_body,
    respond,
    send_malformed,
)
from ._rest import RestAPI
from ._state import OPAQUE_ERROR, EmulatedAPIError, World

__all__ = ["TRANSPORT_EXTENSION", "EmulatorApp"]

log = logging.getLogger("runpod_gql.emulator")

# Faults answered without applying the operation (DROP_BEFORE is handled before these).
_NOT_APPLIED = frozenset({Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.OPAQUE_ERROR})


@dataclass
class _Exchange:
    """What one GraphQL request did, for the request log."""

    authorized: bool
    started: float = field(default_factory=time.perf_counter)
    wall: float = field(default_factory=time.time)
    status: int | None = 200
    fault: Fault | None = None
    errors: tuple[str, ...] = ()
    operation: str | None = None
    fields: tuple[str, ...] = ()
    variables: Any = None


def _graphql_payload(scope: Scope, body: bytes) -> dict[str, Any] | None:
    """The JSON body of a GraphQL POST, or None when it is not one."""
    try:
        payload = json.loads(body) if scope["method"] == "POST" else None
    except ValueError:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return None
    return payload


class EmulatorApp:
    """Holds the request log, fault rules and rate limit; the world and clock come from outside."""

    def __init__(self, world: World, clock: Clock, api_key: str) -> None:
        self.world = world
        self.clock = clock
        self._key = api_key.encode()
        self._key_text = api_key
        self.schema: GraphQLSchema = load_schema()
        self.cache: QueryCache = QueryCache(self.schema)
        self.faults: list[FaultRule] = []
        self.requests: list[RequestRecord] = []
        self.rate_limit: TokenBucket | None = None
        self.stopping: asyncio.Event = asyncio.Event()
        self.rest: RestAPI = RestAPI(self, api_key)

    # ------------------------------------------------------------------ helpers
    def advance(self) -> World:
        self.world.advance(self.clock.now())
        return self.world

    def _authorized(self, scope: Scope) -> bool:
        if bearer_ok(scope, self._key):
            return True
        query = scope.get("query_string") or b""
        if b"api_key=" in query:
            for key in parse_qs(query.decode("latin-1")).get("api_key", []):
                if hmac.compare_digest(key.encode(), self._key):
                    return True
        return False

    def take_fault(self, operation: str | None, fields: tuple[str, ...]) -> FaultRule | None:
        for rule in self.faults:
            if rule.matches(operation, fields):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self.faults.remove(rule)
                return rule
        return None

    async def hold(self, seconds: float) -> None:
        """Sleep, but wake when the emulator stops so shutdown never waits on a fault."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), timeout=seconds)

    # ------------------------------------------------------------------ ASGI entry
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        path: str = scope["path"].rstrip("/")
        try:
            if path == "/graphql":
                await self._graphql(scope, bytes(body), receive, send)
            elif path == "/v2/openapi.json" and scope["method"] == "GET":  # public, as RunPod's
                await respond(send, 200, self.rest.doc_bytes)
            elif path == "/v2" or path.startswith("/v2/"):
                await self.rest(scope, bytes(body), receive, send)
            elif path.startswith("/_emulator"):
                await self._control(scope, path, bytes(body), send)
            else:
                await respond(send, 404, b'{"error":"not found"}')
        except Dropped:
            return

    # ------------------------------------------------------------------ GraphQL
    async def _graphql(self, scope: Scope, body: bytes, receive: Receive, send: Send) -> None:
        ex = _Exchange(authorized=self._authorized(scope))
        try:
            await self._graphql_exchange(ex, scope, body, receive, send)
        finally:
            self._record_graphql(ex)

    def _record_graphql(self, ex: _Exchange) -> None:
        # Error texts can quote the variables (graphql-core's coercion errors show the whole
        # offending input): hide the secret values and the key there too.
        hide = {self._key_text}
        if ex.errors:
            hide |= secret_values(ex.variables)
        self.requests.append(
            RequestRecord(
                operation=ex.operation,
                root_fields=ex.fields,
                variables=redact(ex.variables, hide) if isinstance(ex.variables, dict) else {},
                status=ex.status,
                fault=ex.fault,
                duration_s=time.perf_counter() - ex.started,
                timestamp=ex.wall,
                emulated_time=self.world.now,
                errors=tuple(mask(e, hide) for e in ex.errors),
            )
        )

    async def _graphql_exchange(
        self, ex: _Exchange, scope: Scope, body: bytes, receive: Receive, send: Send
    ) -> None:
        payload = _graphql_payload(scope, body)
        if payload is None:
            if ex.authorized:
                message, code = (
                    "POST body missing, invalid Content-Type, or JSON malformed",
                    "BAD_REQUEST",
                )
                ex.status = 400
            else:
                ex.status, code, message = 401, "UNAUTHENTICATED", "Unauthorized"
            ex.errors = (message,)
            await respond(send, ex.status, _errors_body(message, code))
            return
        ex.variables = payload.get("variables")
        requested = payload.get("operationName")
        requested_name = requested if isinstance(requested, str) else None
        prepared = self.cache.get(payload["query"])
        name, is_mutation, ex.fields = prepared.select(requested_name)
        ex.operation = requested_name or name or (ex.fields[0] if ex.fields else None)
        public = not is_mutation and bool(ex.fields) and set(ex.fields) <= PUBLIC_FIELDS
        if not ex.authorized and not public:
            ex.status, ex.errors = 401, ("Unauthorized",)
            await respond(send, 401, _errors_body("Unauthorized", "UNAUTHENTICATED"))
            return
        if ex.authorized and await self._graphql_limited(ex, send):
            return
        rule = self.take_fault(ex.operation, ex.fields)
        ex.fault = rule.kind if rule else None
        if rule is not None and rule.kind is Fault.DROP_BEFORE:
            ex.status = None
            await drop(scope, receive)
        if rule is not None and rule.kind in _NOT_APPLIED:
            ex.status, ex.errors = await self._early_fault(rule, ex.fields, send)
            return
        if prepared.errors:
            ex.status, ex.errors = 400, tuple(e["message"] for e in prepared.errors)
            await respond(send, 400, json.dumps({"errors": list(prepared.errors)}).encode())
            return
        if ex.variables is not None and not isinstance(ex.variables, dict):
            ex.status, ex.errors = 400, ("Variables must be a JSON object",)
            await respond(send, 400, _errors_body(ex.errors[0], "BAD_USER_INPUT"))
            return
        with collector_paused():  # built, encoded and freed before the collector resumes (_gc)
            result = run(self.schema, prepared, self.advance(), ex.variables, requested_name)
            out = self._graphql_result(ex, result)
            del result
        if rule is not None and await self._late_fault(rule, ex, out, scope, receive, send):
            return
        await respond(send, ex.status or 200, out)

    async def _graphql_limited(self, ex: _Exchange, send: Send) -> bool:
        """Answer 429 when the key's token bucket is empty."""
        if self.rate_limit is None or (wait := self.rate_limit.take()) is None:
            return False
        ex.status, ex.fault, ex.errors = 429, Fault.RATE_LIMIT, ("Too Many Requests",)
        await respond(
            send,
            429,
            _errors_body("Too Many Requests", "RATE_LIMITED"),
            [JSON, (b"retry-after", retry_after_header(wait))],
        )
        return True

    @staticmethod
    def _graphql_result(ex: _Exchange, result: ExecutionResult) -> bytes:
        response: dict[str, Any] = {}
        if result.errors:
            response["errors"] = [_format_error(e) for e in result.errors]
            ex.errors = tuple(e["message"] for e in response["errors"])
        response["data"] = result.data
        ex.status = 200
        # No data at all means the request itself was unusable (bad variables, no such
        # operation): Apollo answers those with 400 BAD_USER_INPUT.
        if result.data is None:
            ex.status = 400
            for e in response.get("errors", []):
                e.setdefault("extensions", {}).setdefault("code", "BAD_USER_INPUT")
        # A fresh tree, never a cycle: the encoder's check costs 15 % of a large answer.
        return json.dumps(response, separators=(",", ":"), check_circular=False).encode()

    async def _late_fault(
        self,
        rule: FaultRule,
        ex: _Exchange,
        out: bytes,
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> bool:
        """Faults that happen after the operation was applied; True when the answer went out."""
        if rule.kind is Fault.DROP_AFTER:
            ex.status = None
            await drop(scope, receive)
        if rule.kind is Fault.TIMEOUT:
            await self.hold(rule.delay)
        if rule.kind is Fault.MALFORMED:
            ex.status = 200
            await send_malformed(send, rule.variant, out)
            return True
        return False

    async def _early_fault(
        self, rule: FaultRule, fields: tuple[str, ...], send: Send
    ) -> tuple[int, tuple[str, ...]]:
        """Faults answered without applying the operation. Returns (status, error messages)."""
        if rule.kind is Fault.RATE_LIMIT:
            headers = [JSON]
            if rule.retry_after is not None:
                headers.append((b"retry-after", retry_after_header(rule.retry_after)))
            await respond(send, 429, _errors_body("Too Many Requests", "RATE_LIMITED"), headers)
            return 429, ("Too Many Requests",)
        if rule.kind is Fault.SERVER_ERROR:
            status = rule.status or 500
            reason = REASONS.get(status, "Error")
            if status == 500:
                await respond(send, 500, _errors_body(reason, "INTERNAL_SERVER_ERROR"))
            else:  # what a proxy in front of the API sends: an HTML page
                page = GATEWAY_PAGE.format(status=status, reason=reason).encode()
                await respond(send, status, page, [HTML])
            return status, (reason,)
        assert rule.kind is Fault.OPAQUE_ERROR
        body = {
            "errors": [
                {
                    "message": OPAQUE_ERROR,
                    "path": list(fields[:1]),
                    "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                }
            ],
            "data": {f: None for f in fields} or None,
        }
        await respond(send, 200, json.dumps(body).encode())
        return 200, (OPAQUE_ERROR,)

    # ------------------------------------------------------------------ control endpoint
    async def _control(self, scope: Scope, path: str, body: bytes, send: Send) -> None:
        if path == "/_emulator/health":
            await respond(send, 200, b'{"ok":true}')
            return
        if not self._authorized(scope):
            await respond(send, 401, _errors_body("Unauthorized", "UNAUTHENTICATED"))
            return
        try:
            data = json.loads(body) if body else {}
            if not isinstance(data, dict):
                raise ValueError("body must be a JSON object")
            result = self.control(scope["method"], path.removeprefix("/_emulator"), data)
        except LookupError as exc:
            await respond(send, 404, json.dumps({"error": str(exc)}).encode())
            return
        except (ValueError, TypeError) as exc:
            await respond(send, 400, json.dumps({"error": str(exc)}).encode())
            return
        await respond(send, 200, json.dumps(result).encode())

    def control(self, method: str, path: str, data: dict[str, Any]) -> Any:
        """Dispatch one control request; raises LookupError (404) or ValueError (400)."""
        handler = CONTROL_ROUTES.get((method, path))
        if handler is None:
            raise LookupError(f"no control endpoint {method} /_emulator{path}")
        return handler(self, self.advance(), data)


def _errors_body(message: str, code: str) -> bytes:
    return json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()


def _format_error(error: GraphQLError) -> dict[str, Any]:
    """Resolver errors keep their text; anything else is an emulator bug, answered the way
    RunPod answers its own: the opaque error (and logged here so it is not lost)."""
    original = error.original_error
    if original is not None and not isinstance(original, (EmulatedAPIError, GraphQLError)):
        log.error("emulator resolver failed", exc_info=original)
        error = GraphQLError(OPAQUE_ERROR, error.nodes, path=error.path)
    return error.formatted  # type: ignore[return-value]
