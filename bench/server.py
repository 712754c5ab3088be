"""The benchmark server: replays the emulator's answers from a cache, in its own process.

A real GraphQL execution costs the emulator milliseconds per request, which would make the server
the bottleneck of every client comparison. This server forwards the first request for each
distinct (query, variables) to the emulator, keeps the answer, and serves every repeat from
memory with a minimal HTTP/1.1 keep-alive implementation. Its ceiling is shown in every run by the
raw aiohttp client.

REST v2 reads (``GET /v2/...``) are replayed the same way, keyed by path: the first is fetched
from the emulator's REST side (the same origin as its ``/graphql``). An emulator without REST
answers 404; then the answer is the example openapi.json gives for that operation (the header
``x-bench-answer: document-example`` says so), so the client side is measured either way.

``python -m bench.server --upstream URL [--cert C --key K --delay-ms D]`` prints one JSON line
``{"plain": port, "tls": port, "wan": port}`` (``tls`` and ``wan`` only with a certificate: ``wan``
is the delaying proxy in front of the TLS port) and serves until stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import ssl
import sys
import urllib.error
import urllib.request
from typing import Any, cast

from .proxy import start_delay_proxy

Cache = dict[tuple[str, str], bytes]
_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found"}
_JSON = "application/json"


def _key(body: bytes) -> tuple[str, str]:
    try:
        parsed = json.loads(body)
    except ValueError:
        return ("", body.decode("latin-1"))
    if not isinstance(parsed, dict):
        return ("", body.decode("latin-1"))
    return (str(parsed.get("query")), json.dumps(parsed.get("variables"), sort_keys=True))


def _response(status: int, body: bytes, extra: str = "") -> bytes:
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}\r\n"
        f"Content-Type: {_JSON}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    )
    return head.encode() + body


def _document_example(path: str) -> bytes | None:
    """The first 200 example openapi.json gives for the GET operation whose template matches."""
    from importlib import resources

    document = json.loads(resources.files("runpod_gql_rest").joinpath("openapi.json").read_text())
    for template, item in document["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if "get" in item and re.match(pattern, path):
            answer = item["get"]["responses"].get("200", {})
            while "$ref" in answer:
                node: Any = document
                for part in answer["$ref"].removeprefix("#/").split("/"):
                    node = node[part]
                answer = node
            for media in answer.get("content", {}).values():
                for example in media.get("examples", {}).values():
                    return json.dumps(example["value"]).encode()
    return None


def _fetch_rest(upstream: str, path: str, authorization: str) -> bytes:
    origin = upstream.removesuffix("/graphql")
    request = urllib.request.Request(
        origin + path, method="GET", headers={"Authorization": authorization}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return _response(answer.status, answer.read(), "x-bench-answer: emulator\r\n")
    except urllib.error.HTTPError as exc:
        if exc.code == 404 and (example := _document_example(path.split("?")[0])) is not None:
            return _response(200, example, "x-bench-answer: document-example\r\n")
        return _response(exc.code, exc.read())


def _fetch(upstream: str, body: bytes, authorization: str) -> bytes:
    request = urllib.request.Request(
        upstream,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": authorization},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return _response(answer.status, answer.read())
    except urllib.error.HTTPError as exc:
        return _response(exc.code, exc.read())


class ReplayProtocol(asyncio.Protocol):
    """HTTP/1.1 with keep-alive; answers from the cache (one upstream fetch per key)."""

    def __init__(self, cache: Cache, upstream: str) -> None:
        self._cache = cache
        self._upstream = upstream
        self._buf = bytearray()
        self._transport: asyncio.Transport | None = None
        self._pending: set[asyncio.Future[None]] = set()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast("asyncio.Transport", transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        self._buf += data
        while True:
            end = self._buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self._buf[:end]).decode("latin-1")
            headers: dict[str, str] = {}
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "0"))
            if len(self._buf) < end + 4 + length:
                return
            body = bytes(self._buf[end + 4 : end + 4 + length])
            del self._buf[: end + 4 + length]
            close = headers.get("connection", "").lower() == "close"
            method, _, rest = head.partition(" ")
            target = rest.partition(" ")[0]
            key = ("GET", target) if method == "GET" else _key(body)
            cached = self._cache.get(key)
            if cached is not None:
                self._send(cached, close)
            else:
                auth = headers.get("authorization", "")
                task = asyncio.ensure_future(self._miss(key, body, auth, close))
                self._pending.add(task)
                task.add_done_callback(self._pending.discard)

    async def _miss(self, key: tuple[str, str], body: bytes, auth: str, close: bool) -> None:
        loop = asyncio.get_running_loop()
        if key[0] == "GET":
            answer = await loop.run_in_executor(None, _fetch_rest, self._upstream, key[1], auth)
        else:
            answer = await loop.run_in_executor(None, _fetch, self._upstream, body, auth)
        if answer.startswith(b"HTTP/1.1 200"):
            self._cache[key] = answer
        self._send(answer, close)

    def _send(self, answer: bytes, close: bool) -> None:
        if self._transport is None or self._transport.is_closing():
            return
        self._transport.write(answer)
        if close:
            self._transport.close()


async def serve(args: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    cache: Cache = {}
    host = "127.0.0.1"
    plain = await loop.create_server(lambda: ReplayProtocol(cache, args.upstream), host, 0)
    ports: dict[str, Any] = {"plain": plain.sockets[0].getsockname()[1]}
    servers: list[asyncio.Server] = [plain]
    if args.cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.cert, args.key)
        tls = await loop.create_server(
            lambda: ReplayProtocol(cache, args.upstream), host, 0, ssl=ctx
        )
        ports["tls"] = tls.sockets[0].getsockname()[1]
        wan = await start_delay_proxy(host, ports["tls"], args.delay_ms / 1000.0)
        ports["wan"] = wan.sockets[0].getsockname()[1]
        servers += [tls, wan]
    print(json.dumps(ports), flush=True)
    # Serve until the parent closes our stdin (or dies).
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()
    for server in servers:
        server.close()
    # Let open proxy connections end quietly instead of being destroyed mid-flight.
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.server")
    p.add_argument("--upstream", required=True, help="the emulator's GraphQL URL")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--delay-ms", type=float, default=20.0, help="one-way latency of the proxy")
    args = p.parse_args(argv)
    try:
        import uvloop
    except ImportError:
        asyncio.run(serve(args))
    else:
        uvloop.run(serve(args))


if __name__ == "__main__":
    main()
