"""The bytes on the wire: one request in, status, headers and body out. Two implementations.

Any method, query parameters, a body of bytes; ``request`` reads the whole answer and ``stream``
hands it over as it arrives (server-sent events). GraphQL and REST share the same pooled
connections.

``AiohttpWire`` (the default) sends through an aiohttp session we own: on this machine it does
~2x the calls per second of httpx over the same aiohttp transport, because httpx's request and
response objects cost more than the network on loopback (see bench/). ``HttpxWire`` wraps an
``httpx.AsyncClient`` — the user's own, or ours with ``transport="httpx"``.

Both raise :class:`WireFailure` when no HTTP response arrived, saying whether the request can
have reached the server: the retry policy for mutations depends on that.
"""

from __future__ import annotations

import asyncio
import json
import os
import ssl
import urllib.request
from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import aiohttp
    import httpx


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed to connect, to read, to write and to wait for a pooled connection.

    Our own type, so the default wire needs no httpx; an ``httpx.Timeout`` converts with :meth:`of`.
    """

    connect: float | None = 10.0
    read: float | None = 30.0
    write: float | None = 30.0
    pool: float | None = 30.0

    @classmethod
    def of(cls, value: object) -> Timeouts:
        """From a Timeouts, or anything with httpx.Timeout's four attributes."""
        if isinstance(value, Timeouts):
            return value
        return cls(
            connect=getattr(value, "connect"),  # noqa: B009 - duck-typed httpx.Timeout
            read=getattr(value, "read"),  # noqa: B009
            write=getattr(value, "write"),  # noqa: B009
            pool=getattr(value, "pool"),  # noqa: B009
        )


@dataclass(eq=False)
class WireResponse:
    """An HTTP response, read whole. Compared by identity (it keys a weak cache)."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes
    reason_phrase: str = ""

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def json(self, **kwargs: Any) -> Any:
        return json.loads(self.content, **kwargs)


@dataclass
class WireFailure(Exception):
    """No response arrived. ``never_sent`` is True only when the request provably never left."""

    kind: str
    never_sent: bool
    timed_out: bool
    cause: BaseException | None = field(default=None, repr=False)


class WireStream(Protocol):
    """An answer whose body is still arriving: status and headers now, the body in chunks."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def reason_phrase(self) -> str: ...

    def chunks(self) -> AsyncIterator[bytes]:
        """The body as it arrives; a drop raises WireFailure."""
        ...

    async def read(self) -> bytes:
        """The rest of the body (for an error answer)."""
        ...


class Wire(Protocol):
    """What the transport needs from an HTTP client."""

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeouts,
    ) -> WireResponse: ...

    def stream(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeouts,
    ) -> AbstractAsyncContextManager[WireStream]: ...

    async def aclose(self) -> None: ...

    @property
    def is_closed(self) -> bool: ...


class HttpxWire:
    """An ``httpx.AsyncClient`` (with whatever transport it was built with)."""

    def __init__(
        self, client: httpx.AsyncClient, *, fixed_headers: Mapping[str, str] | None = None
    ) -> None:
        import httpx  # the caller built an httpx client: httpx is loaded already

        self._httpx = httpx
        self.client = client
        self._timeouts: dict[Timeouts, httpx.Timeout] = {}
        if fixed_headers:
            client.headers.update(fixed_headers)

    def _timeout(self, timeout: Timeouts) -> httpx.Timeout:
        found = self._timeouts.get(timeout)
        if found is None:
            found = self._httpx.Timeout(
                connect=timeout.connect, read=timeout.read, write=timeout.write, pool=timeout.pool
            )
            self._timeouts[timeout] = found
        return found

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeouts,
    ) -> WireResponse:
        try:
            response = await self.client.request(
                method,
                url,
                params=params,
                content=body,
                headers=headers,
                timeout=self._timeout(timeout),
            )
        except self._httpx.TransportError as exc:
            raise _httpx_failure(exc) from exc
        return WireResponse(
            response.status_code, response.headers, response.content, response.reason_phrase
        )

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeouts,
    ) -> AsyncIterator[WireStream]:
        try:
            async with self.client.stream(
                method, url, params=params, headers=headers, timeout=self._timeout(timeout)
            ) as response:
                yield _HttpxStream(response, self._httpx)
        except self._httpx.TransportError as exc:
            raise _httpx_failure(exc) from exc

    async def aclose(self) -> None:
        await self.client.aclose()

    @property
    def is_closed(self) -> bool:
        return self.client.is_closed


class _HttpxStream:
    def __init__(self, response: httpx.Response, module: Any) -> None:
        self._response = response
        self._httpx = module
        self.status_code = response.status_code
        self.headers: Mapping[str, str] = response.headers
        self.reason_phrase = response.reason_phrase

    async def chunks(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.aiter_raw():
                yield chunk
        except self._httpx.TransportError as exc:
            raise _httpx_failure(exc) from exc

    async def read(self) -> bytes:
        try:
            return await self._response.aread()
        except self._httpx.TransportError as exc:
            raise _httpx_failure(exc) from exc


_NEVER_SENT_AIOHTTP = frozenset(
    {
        "ClientConnectorError",
        "ClientConnectorDNSError",
        "ClientConnectorSSLError",
        "ClientConnectorCertificateError",
        "ClientSSLError",
        "ClientProxyConnectionError",
        "ConnectionTimeoutError",
        "UnixClientConnectorError",
    }
)


def _httpx_failure(exc: httpx.TransportError) -> WireFailure:
    import httpx

    cause = exc.__cause__
    # httpx-aiohttp maps every aiohttp connection error (even a dropped response) to
    # ConnectTimeout, so judge by the aiohttp exception underneath when there is one.
    if cause is not None and type(cause).__module__.startswith("aiohttp"):
        return _aiohttp_failure(cause)
    never_sent = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))
    return WireFailure(type(exc).__name__, never_sent, isinstance(exc, httpx.TimeoutException), exc)


def _aiohttp_failure(exc: BaseException) -> WireFailure:
    name = type(exc).__name__
    never_sent = name in _NEVER_SENT_AIOHTTP or any(
        c.__name__ in _NEVER_SENT_AIOHTTP for c in type(exc).__mro__
    )
    return WireFailure(name, never_sent, isinstance(exc, asyncio.TimeoutError), exc)


def _ssl_context() -> ssl.SSLContext:
    """The CA bundle httpx would use: SSL_CERT_FILE / SSL_CERT_DIR when set, else certifi's.

    certifi rather than the system store: some Python builds (macOS installers) have none.
    """
    if os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context()
    try:
        import certifi
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())


class AiohttpWire:
    """A pooled aiohttp session we own, created in the running loop on first use."""

    def __init__(
        self,
        *,
        max_connections: int,
        fixed_headers: Mapping[str, str],
        keepalive: float = 15.0,
    ) -> None:
        self._max_connections = max_connections
        self._headers = dict(fixed_headers)
        self._keepalive = keepalive
        self._session: aiohttp.ClientSession | None = None
        self._closed = False
        self._timeouts: dict[Timeouts, aiohttp.ClientTimeout] = {}
        self._proxies: dict[str, str | None] = {}

    def _open(self) -> aiohttp.ClientSession:
        import aiohttp

        connector = aiohttp.TCPConnector(
            limit=self._max_connections, keepalive_timeout=self._keepalive, ssl=_ssl_context()
        )
        # trust_env=True would look up ~/.netrc in a worker thread on every request (a thread hop
        # that tripled the per-call time here); proxies from the environment are honoured by
        # _proxy() instead, once per URL.
        self._session = aiohttp.ClientSession(
            connector=connector, headers=self._headers, trust_env=False, raise_for_status=False
        )
        return self._session

    def _proxy(self, url: str) -> str | None:
        if url not in self._proxies:
            parts = urlsplit(url)
            chosen = urllib.request.getproxies().get(parts.scheme)
            if chosen and urllib.request.proxy_bypass(parts.hostname or ""):
                chosen = None
            self._proxies[url] = chosen
        return self._proxies[url]

    def _timeout(self, timeout: Timeouts) -> aiohttp.ClientTimeout:
        found = self._timeouts.get(timeout)
        if found is None:
            import aiohttp

            found = aiohttp.ClientTimeout(
                total=None,
                connect=timeout.pool,
                sock_connect=timeout.connect,
                sock_read=timeout.read,
            )
            self._timeouts[timeout] = found
        return found

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeouts,
    ) -> WireResponse:
        if self._closed:
            raise RuntimeError("the client was closed")
        import aiohttp

        session = self._session or self._open()
        try:
            async with session.request(
                method,
                url,
                params=params,
                data=body,
                headers=headers,
                timeout=self._timeout(timeout),
                allow_redirects=False,
                proxy=self._proxy(url),
            ) as response:
                content = await response.read()
                return WireResponse(
                    response.status, response.headers, content, response.reason or ""
                )
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise _aiohttp_failure(exc) from exc

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeouts,
    ) -> AsyncIterator[WireStream]:
        if self._closed:
            raise RuntimeError("the client was closed")
        import aiohttp

        session = self._session or self._open()
        try:
            async with session.request(
                method,
                url,
                params=params,
                headers=headers,
                timeout=self._timeout(timeout),
                allow_redirects=False,
                proxy=self._proxy(url),
            ) as response:
                yield _AiohttpStream(response)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise _aiohttp_failure(exc) from exc

    async def aclose(self) -> None:
        self._closed = True
        if self._session is not None:
            await self._session.close()

    @property
    def is_closed(self) -> bool:
        return self._closed


class _AiohttpStream:
    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response
        self.status_code = response.status
        self.headers: Mapping[str, str] = response.headers
        self.reason_phrase = response.reason or ""

    async def chunks(self) -> AsyncIterator[bytes]:
        import aiohttp

        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise _aiohttp_failure(exc) from exc

    async def read(self) -> bytes:
        import aiohttp

        try:
            return await self._response.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise _aiohttp_failure(exc) from exc
