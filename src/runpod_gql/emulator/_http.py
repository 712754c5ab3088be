"""ASGI plumbing shared by the emulator's APIs: types, answering, and closing a connection
without any answer (for faults)."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = [
    "GATEWAY_PAGE",
    "HTML",
    "JSON",
    "REASONS",
    "TRANSPORT_EXTENSION",
    "Dropped",
    "Message",
    "Receive",
    "Scope",
    "Send",
    "bearer_ok",
    "drop",
    "read_body",
    "respond",
    "send_malformed",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# Scope extension under which the server puts the connection's asyncio transport, so a fault can
# close the connection without an HTTP response (see _server.py).
TRANSPORT_EXTENSION = "runpod_gql.emulator.transport"

JSON = (b"content-type", b"application/json")
HTML = (b"content-type", b"text/html; charset=utf-8")
GATEWAY_PAGE = (
    "<html><head><title>{status} {reason}</title></head><body><center><h1>{status} {reason}</h1>"
    "</center><hr><center>cloudflare</center></body></html>"
)
REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Dropped(Exception):
    """The connection was closed on purpose; no response goes out."""


async def read_body(receive: Receive) -> bytes:
    """A request's whole body, however many ASGI messages it came in."""
    body = bytearray()
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return bytes(body)


async def respond(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*(headers or [JSON]), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def drop(scope: Scope, receive: Receive) -> None:
    transport = scope.get("extensions", {}).get(TRANSPORT_EXTENSION)
    if transport is None:  # not served by our protocol: cannot drop, fail loudly instead
        raise RuntimeError("connection drop needs the emulator's uvicorn protocol")
    transport.close()
    # Wait for the server to notice, so it does not answer on our behalf.
    while (await receive())["type"] != "http.disconnect":
        pass
    raise Dropped


def bearer_ok(scope: Scope, key: bytes) -> bool:
    """Whether the request carries ``Authorization: Bearer <key>`` (compared in constant time)."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.partition(b" ")
            if scheme.lower() == b"bearer" and hmac.compare_digest(token.strip(), key):
                return True
    return False


async def send_malformed(send: Send, variant: str, out: bytes) -> None:
    """The MALFORMED fault's 200: a proxy's HTML page, or the answer cut in half."""
    if variant == "html":
        page = GATEWAY_PAGE.format(status=502, reason="Bad Gateway").encode()
        await respond(send, 200, page, [HTML])
    else:
        await respond(send, 200, out[: max(1, len(out) // 2)])
