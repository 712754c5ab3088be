"""The clients compared, each posting the same GetPod read over kept-alive connections where it can.

Every async client has ``open()``, ``call()`` (one GetPod) and ``close()``. runpod-python is
synchronous: ``call_sync()`` runs in the calling thread (its users get concurrency from thread
pools), and it builds its own query text and opens a new connection per call (``requests.post``
without a session), which is what its users get.
"""

from __future__ import annotations

import json
import logging
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import aiohttp
import httpx

from runpod_gql import RunPod


@dataclass(frozen=True)
class Target:
    """Where to send requests: the GraphQL URL, runpod-python's base URL, and the TLS trust."""

    url: str
    base_url: str
    api_key: str
    pod_id: str
    body: bytes  # runpod-gql's exact GetPod request body, replayed by the raw clients
    cafile: Path | None = None

    def ssl_context(self) -> ssl.SSLContext | None:
        if self.cafile is None:
            return None
        return ssl.create_default_context(cafile=str(self.cafile))


class AsyncClient(Protocol):
    name: str

    async def open(self) -> None: ...

    async def call(self) -> None: ...

    async def close(self) -> None: ...


def _check(payload: Any) -> None:
    if not isinstance(payload, dict) or not payload.get("data", {}).get("pod"):
        raise RuntimeError(f"unexpected answer: {str(payload)[:200]}")


class RunPodGQL:
    """runpod-gql: ``rp.pods.get(pod_id)`` -> a validated ``Pod`` model."""

    def __init__(
        self, target: Target, transport: Literal["aiohttp", "httpx"], home: Path, limit: int = 64
    ) -> None:
        self.name = "runpod-gql" if transport == "aiohttp" else "runpod-gql (httpx transport)"
        self._target = target
        self._transport: Literal["aiohttp", "httpx"] = transport
        self._home = home
        self._limit = limit
        self._rp: RunPod | None = None

    async def open(self) -> None:
        # The client builds its own connection pool, as users get it; it trusts the benchmark's
        # certificate through SSL_CERT_FILE in os.environ, which httpx (and so httpx-aiohttp)
        # reads when it builds its SSL context (the harness sets it).
        self._rp = RunPod(
            api_key=self._target.api_key,
            url=self._target.url,
            transport=self._transport,
            max_in_flight=self._limit,
            env={},
            home=self._home,
            api="graphql",  # these rows compare GraphQL clients on the same requests
        )

    async def call(self) -> None:
        assert self._rp is not None
        await self._rp.pods.get(self._target.pod_id)

    async def close(self) -> None:
        if self._rp is not None:
            await self._rp.aclose()


class RunPodGQLRest(RunPodGQL):
    """runpod-gql over REST v2: ``rp.rest.get_pod(pod_id)`` -> a validated ``Pod`` model."""

    def __init__(self, target: Target, home: Path, limit: int = 64) -> None:
        super().__init__(target, "aiohttp", home, limit)
        self.name = "runpod-gql REST getPod"

    async def call(self) -> None:
        assert self._rp is not None
        await self._rp.rest.get_pod(self._target.pod_id)


class RawAiohttp:
    """The floor: aiohttp posting the same bytes, ``json.loads`` on the answer."""

    name = "raw aiohttp"

    def __init__(self, target: Target, limit: int = 64) -> None:
        self._target = target
        self._limit = limit
        self._session: aiohttp.ClientSession | None = None
        self._headers = {
            "Authorization": f"Bearer {target.api_key}",
            "Content-Type": "application/json",
        }

    async def open(self) -> None:
        ctx = self._target.ssl_context()
        connector = aiohttp.TCPConnector(limit=self._limit, ssl=ctx if ctx is not None else True)
        self._session = aiohttp.ClientSession(connector=connector)

    async def call(self) -> None:
        assert self._session is not None
        async with self._session.post(
            self._target.url, data=self._target.body, headers=self._headers
        ) as response:
            _check(json.loads(await response.read()))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


class RawAiohttpRest(RawAiohttp):
    """The REST floor: aiohttp sending the same ``GET /v2/pods/{id}``, ``json.loads`` on the answer."""

    name = "raw aiohttp REST getPod"

    def __init__(self, target: Target, limit: int = 64) -> None:
        super().__init__(target, limit)
        self._url = f"{target.base_url}/v2/pods/{target.pod_id}"
        self._headers = {"Authorization": f"Bearer {target.api_key}"}

    async def call(self) -> None:
        assert self._session is not None
        async with self._session.get(self._url, headers=self._headers) as response:
            payload = json.loads(await response.read())
            if response.status != 200 or not isinstance(payload, dict) or not payload.get("id"):
                raise RuntimeError(f"unexpected answer: {str(payload)[:200]}")


class RawHttpx:
    """httpx 0.28 posting the same bytes: with its default transport (httpcore), or over
    httpx-aiohttp's ``AiohttpTransport`` (runpod-gql's default wire, without runpod-gql)."""

    def __init__(self, target: Target, limit: int = 64, *, over_aiohttp: bool = False) -> None:
        self.name = "raw httpx over httpx-aiohttp" if over_aiohttp else "raw httpx"
        self._target = target
        self._limit = limit
        self._over_aiohttp = over_aiohttp
        self._client: httpx.AsyncClient | None = None

    async def open(self) -> None:
        limits = httpx.Limits(max_connections=self._limit, max_keepalive_connections=self._limit)
        ctx = self._target.ssl_context()
        verify: ssl.SSLContext | bool = ctx if ctx is not None else True
        transport: httpx.AsyncBaseTransport | None = None
        if self._over_aiohttp:
            from httpx_aiohttp import AiohttpTransport

            transport = AiohttpTransport(verify=verify, limits=limits)
        self._client = httpx.AsyncClient(
            transport=transport,
            limits=limits,
            verify=verify,
            headers={
                "Authorization": f"Bearer {self._target.api_key}",
                "Content-Type": "application/json",
            },
        )

    async def call(self) -> None:
        assert self._client is not None
        response = await self._client.post(self._target.url, content=self._target.body)
        _check(json.loads(response.content))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()


_runpod: Any = None


def import_runpod() -> Any:
    """Import runpod-python once and undo the root logging handler its import installs."""
    global _runpod
    if _runpod is None:
        root = logging.getLogger()
        before = list(root.handlers), root.level
        import runpod

        root.handlers[:] = before[0]
        root.setLevel(before[1])
        _runpod = runpod
    return _runpod


class RunPodPython:
    """runpod-python 1.12: ``runpod.get_pod(id)`` (a new connection per call, no session)."""

    name = "runpod-python"

    def __init__(self, target: Target) -> None:
        self._target = target
        self._runpod = import_runpod()

    def configure(self) -> None:
        """Point runpod-python at the target (it reads these on every call)."""
        self._runpod.api_key = self._target.api_key
        os.environ["RUNPOD_API_BASE_URL"] = self._target.base_url
        if self._target.cafile is not None:
            os.environ["REQUESTS_CA_BUNDLE"] = str(self._target.cafile)
        else:
            os.environ.pop("REQUESTS_CA_BUNDLE", None)

    def call_sync(self) -> None:
        pod = self._runpod.get_pod(self._target.pod_id)
        if not pod:
            raise RuntimeError("runpod-python returned no pod")
