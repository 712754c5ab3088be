"""A scripted REST server on loopback (aiohttp.web): each test says what it answers, in order,
and reads back what the client sent. Real HTTP, so the whole client stack runs. Also the
document's own examples, as answers."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.generated.support import OPENAPI_PATH

TEST_KEY = "rpa_RESTTESTKEY0123456789"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    raw_path: str = ""  # as sent, percent-encoding kept

    def json(self) -> Any:
        return json.loads(self.body)


def answer(
    status: int = 200,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    raw: bytes | None = None,
    content_type: str = "application/json",
) -> Handler:
    """A whole answer: JSON ``body`` (problem+json for an error with title/detail), or ``raw``."""

    async def handle(request: web.Request) -> web.StreamResponse:
        kind = content_type
        if raw is not None:
            payload = raw
        elif body is None:
            payload = b""
        else:
            payload = json.dumps(body).encode()
            if status >= 400 and isinstance(body, dict) and "title" in body:
                kind = "application/problem+json"
        return web.Response(
            status=status,
            body=payload or None,
            headers={"x-request-id": "req-123", **(headers or {})},
            content_type=kind if payload else None,
        )

    return handle


def problem(status: int, detail: str, title: str = "Error", **extra: Any) -> Handler:
    return answer(status, {"title": title, "status": status, "detail": detail, **extra})


def drop() -> Handler:
    """Read the request, then close the connection without answering."""

    async def handle(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        await asyncio.sleep(0.05)
        return web.Response(status=500)

    return handle


def events(*lines: str, then_drop: bool = False, status: int = 200) -> Handler:
    """A text/event-stream answer sending ``lines`` (each chunk as given), then ending or dropping."""

    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            status=status,
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"},
        )
        await response.prepare(request)
        for chunk in lines:
            await response.write(chunk.encode())
            await asyncio.sleep(0.01)
        if then_drop:
            assert request.transport is not None
            request.transport.close()  # no final chunk: the client sees a cut-off body
            return response
        await response.write_eof()
        return response

    return handle


@dataclass
class ScriptedServer:
    """Answers each (method, path) from its script, in order; 404 problem when it runs out."""

    base: str = ""
    scripts: dict[tuple[str, str], list[Handler]] = field(default_factory=lambda: defaultdict(list))
    seen: list[Seen] = field(default_factory=list)

    def on(self, method: str, path: str, *handlers: Handler) -> None:
        self.scripts[(method, path)].extend(handlers)

    def requests(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        return [
            s
            for s in self.seen
            if (method is None or s.method == method) and (path is None or s.path == path)
        ]

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.seen.append(
            Seen(
                request.method,
                request.path,
                dict(request.query),
                {k.lower(): v for k, v in request.headers.items()},
                body,
                request.raw_path.split("?")[0],
            )
        )
        queue = self.scripts.get((request.method, request.path))
        if not queue:
            return await problem(404, f"no script for {request.method} {request.path}")(request)
        return await queue.pop(0)(request)


def example(path: str, method: str = "get", status: str = "200") -> Any:
    """The first example of an answer in openapi.json."""
    document = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    node = document["paths"][path][method]["responses"][status]
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    media = next(iter(node["content"].values()))
    first = next(iter(media["examples"].values()))
    return first["value"]
