"""``RunPod``: the async entry point. Owns the connection pool and hands out the resources."""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from . import _validate as v
from ._clock import SYSTEM_CLOCK, Clock
from ._config import Config, job_api_url, resolve_config
from ._retry import RetryPolicy
from ._transport import (
    DEFAULT_TIMEOUT,
    GraphQLTransport,
    RequestOptions,
    TransportCore,
    TransportStats,
    request_headers,
)
from ._wire import AiohttpWire, HttpxWire, Timeouts, Wire
from .backends.routes import MODE_MEANING, ApiMode, resolve_mode
from .errors import ConfigurationError, InputValidationError
from .resources.remote_ops import SSHPool

if TYPE_CHECKING:
    import httpx
    from runpod_gql_rest.client import RestClient

    from ._rest import RestTransport
    from .backends.base import Backend
    from .backends.router import RoutedBackend
    from .remote.runpodctl import Runpodctl
    from .resources.account import AccountResource
    from .resources.billing import Billing
    from .resources.catalog import CpuFlavors, DataCenters, Gpus
    from .resources.endpoints import Endpoints
    from .resources.jobs import EndpointClient
    from .resources.pods import Pods
    from .resources.registry import RegistryAuths
    from .resources.secrets import Secrets
    from .resources.templates import Templates
    from .resources.volumes import NetworkVolumes

TransportName = Literal["aiohttp", "httpx"]


def _timeout(value: float | httpx.Timeout | Timeouts | None, connect: float | None) -> Timeouts:
    if value is None:
        base = DEFAULT_TIMEOUT
    elif isinstance(value, (int, float)):
        seconds = v.number("timeout", value)
        base = Timeouts(connect=DEFAULT_TIMEOUT.connect, read=seconds, write=seconds, pool=seconds)
    else:
        base = Timeouts.of(value)
    if connect is not None:
        base = replace(base, connect=v.number("connect_timeout", connect))
    # aiohttp reads 0 as "no time-out at all" and httpx as "fail at once": refuse both. None
    # (no limit) stays possible, but only through an explicit Timeouts / httpx.Timeout.
    for name in ("connect", "read", "write", "pool"):
        part = getattr(base, name)
        if part is not None:
            v.number(f"timeout.{name}", part)
    return base


def _wire(
    transport: TransportName,
    max_connections: int,
    http_client: httpx.AsyncClient | None,
    headers: Mapping[str, str],
) -> Wire:
    if http_client is not None:
        return HttpxWire(http_client)
    if transport == "aiohttp":
        # httpx's own pool degrades under concurrency (~120 req/s at 64 in flight here) and its
        # request objects cost more than loopback itself: aiohttp does 2-7x better (bench/).
        return AiohttpWire(max_connections=max_connections, fixed_headers=headers)
    import httpx

    limits = httpx.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections
    )
    return HttpxWire(httpx.AsyncClient(limits=limits), fixed_headers=headers)


class RunPod:
    """The RunPod API, typed and async.

    ::

        async with RunPod() as rp:
            pod = await rp.pods.create(name="train", image="runpod/pytorch", gpu_types=["NVIDIA A40"])
            await rp.pods.wait_until_ready(pod.id, timeout=600)

    Configuration is resolved from the arguments, the environment and RunPod's config files
    (see :func:`runpod_gql.resolve_config`); ``describe()`` says where each setting came from.
    The API key is kept out of every repr, log line and error.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        url: str | None = None,
        profile: str | None = None,
        timeout: float | httpx.Timeout | Timeouts | None = None,
        connect_timeout: float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        rate_limit: float | None = None,
        max_in_flight: int = 64,
        http_client: httpx.AsyncClient | None = None,
        transport: TransportName = "aiohttp",
        clock: Clock | None = None,
        env: Mapping[str, str] | None = None,
        home: Path | None = None,
        seed: int | None = None,
        ssh_key_path: str | Path | None = None,
        allow_insecure_http: bool | None = None,
        api: ApiMode | None = None,
    ) -> None:
        mode, mode_source = resolve_mode(api, env)
        self.api: ApiMode = mode
        self.api_source: str = mode_source
        # RunPod's GPU catalogue is public on GraphQL: without a key a client can still read it
        # (not on api="rest": v2 requires a key everywhere).
        self.config: Config = resolve_config(
            require_key=self.api == "rest",
            api_key=api_key,
            url=url,
            profile=profile,
            env=env,
            home=home,
            allow_insecure_http=allow_insecure_http,
        )
        policy = retry or RetryPolicy()
        if max_retries is not None:
            policy = policy.with_(max_retries=max_retries)
        # Checked now, not at the first request (the limiter is made lazily, in the event loop).
        if rate_limit is not None:
            v.number("rate_limit", rate_limit)
        v.integer("max_in_flight", max_in_flight, minimum=1)
        if transport not in ("aiohttp", "httpx"):
            raise InputValidationError(
                "transport", f"must be 'aiohttp' or 'httpx', got {transport!r}"
            )
        request_timeout = _timeout(timeout, connect_timeout)
        self._owns_http = http_client is None
        self._user_http = http_client
        wire = _wire(transport, max_in_flight, http_client, request_headers(self.config.api_key))
        self._transport = GraphQLTransport(
            TransportCore(
                url=self.config.url,
                wire=wire,
                api_key=self.config.api_key,
                options=RequestOptions(timeout=request_timeout, retry=policy),
                clock=clock or SYSTEM_CLOCK,
                limiter_settings={"rate": rate_limit, "max_in_flight": max_in_flight},
                stats=TransportStats(),
                rng=random.Random(seed),
                headers_on_wire=self._owns_http,
            )
        )
        self._closed = False
        self._home = home
        self._is_view = False
        self._ssh_pool = SSHPool(key_path=ssh_key_path, home=home, env=env)
        self._env: Mapping[str, str] = os.environ if env is None else env
        self._allow_insecure_http = allow_insecure_http
        self._job_clients: dict[tuple[str, str], EndpointClient] = {}

    @classmethod
    def _view(cls, parent: RunPod, transport: GraphQLTransport) -> RunPod:
        view = cls.__new__(cls)
        view.api = parent.api
        view.api_source = parent.api_source
        view.config = parent.config
        view._owns_http = False
        view._user_http = parent._user_http
        view._transport = transport
        view._closed = False
        view._home = parent._home
        view._is_view = True
        view._ssh_pool = parent._ssh_pool
        view._env = parent._env
        view._allow_insecure_http = parent._allow_insecure_http
        view._job_clients = {}
        return view

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | Timeouts | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
    ) -> RunPod:
        """A view of this client with other per-call settings; it shares connections and limits."""
        current = self._transport.options
        policy = retry or current.retry
        if max_retries is not None:
            policy = policy.with_(max_retries=max_retries)
        new_timeout = current.timeout if timeout is None else _timeout(timeout, None)
        return RunPod._view(
            self, self._transport.derive(RequestOptions(timeout=new_timeout, retry=policy))
        )

    @property
    def stats(self) -> TransportStats:
        """Requests, retries and 429s this client (and its views) have seen."""
        return self._transport.stats

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The httpx client requests go through (yours, or ours with ``transport="httpx"``)."""
        wire = self._transport.wire
        if not isinstance(wire, HttpxWire):
            raise AttributeError(
                "this client posts through aiohttp: pass http_client= to use httpx"
            )
        return wire.client

    @property
    def is_closed(self) -> bool:
        return self._transport.wire.is_closed

    def runpodctl(self, *, path: str | Path | None = None, timeout: float = 60.0) -> Runpodctl:
        """A runpodctl wrapper speaking to this client's endpoint with its key.

        The key reaches the child only as ``RUNPOD_API_KEY`` in its environment, the endpoints as
        ``RUNPOD_GRAPHQL_URL`` and (for versions that read pods from REST v2)
        ``RUNPOD_API_BASE_URL``, so every runpodctl version reaches the same account. Raises
        RunpodctlNotFoundError (with install hints) without it.
        """
        from .remote.runpodctl import Runpodctl

        if not self.config.has_key:
            raise ConfigurationError(f"runpodctl needs an API key: {self.config.missing_key}")
        env = {
            **os.environ,
            "RUNPOD_GRAPHQL_URL": self.config.url,
            "RUNPOD_API_BASE_URL": self.config.rest_url,
        }
        return Runpodctl(path, api_key=self.config.api_key.reveal(), env=env, timeout=timeout)

    def describe(self) -> str:
        """Where the key, endpoint and API mode came from; never the key itself."""
        return (
            f"{self.config.describe()}; REST v2 base {self.config.rest_url};"
            f" api {self.api} (from {self.api_source}: {MODE_MEANING[self.api]})"
        )

    def __repr__(self) -> str:
        return f"<RunPod {self.config.url} api={self.api} key from {self.config.api_key_source}>"

    @cached_property
    def _backend(self) -> RoutedBackend:
        """Every resource's way to RunPod: each operation to the API its mode picks."""
        from .backends.router import RoutedBackend

        return RoutedBackend(
            self.api,
            graphql=self._graphql_backend,
            rest=self._rest_backend,
            has_key=self.config.has_key,
            missing_key=self.config.missing_key,
        )

    def _graphql_backend(self) -> Backend:
        from .backends.graphql import GraphQLBackend

        return GraphQLBackend(self._transport)

    def _rest_backend(self) -> Backend:
        from .backends.rest import RestBackend

        return RestBackend.over(self._rest)

    @property
    def served(self) -> dict[tuple[str, str], int]:
        """Which API served which public method so far: ``{("rp.pods.get", "rest"): 3, ...}``."""
        return dict(self._backend.served)

    async def __aenter__(self) -> RunPod:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (a client passed in by the user is left open)."""
        if self._closed:
            return
        self._closed = True
        if not self._is_view:
            await self._ssh_pool.aclose()
        if self._owns_http:
            await self._transport.wire.aclose()

    @cached_property
    def _rest(self) -> RestTransport:
        from ._rest import RestTransport

        return RestTransport(self._transport.core, self.config.rest_url)

    @cached_property
    def rest(self) -> RestClient:
        """RunPod's REST API v2, one typed async method per operation (``await rp.rest.get_pod(id)``).

        Generated from openapi.json (``runpod_gql_rest``); sent over this client's connections,
        with its rate limits, retries and errors. Models load on first use.
        """
        return self._rest.operations

    # Resources: imported on first use so `import runpod_gql` stays cheap.
    @cached_property
    def pods(self) -> Pods:
        from .resources.pods import Pods

        return Pods(self._transport, backend=self._backend, gpus=self.gpus, ssh=self._ssh_pool)

    @cached_property
    def gpus(self) -> Gpus:
        from .resources.catalog import Gpus

        return Gpus(self._backend)

    @cached_property
    def cpus(self) -> CpuFlavors:
        from .resources.catalog import CpuFlavors

        return CpuFlavors(self._backend)

    @cached_property
    def datacenters(self) -> DataCenters:
        from .resources.catalog import DataCenters

        return DataCenters(self._backend)

    @cached_property
    def templates(self) -> Templates:
        from .resources.templates import Templates

        return Templates(self._backend)

    @cached_property
    def volumes(self) -> NetworkVolumes:
        from .resources.volumes import NetworkVolumes

        return NetworkVolumes(self._backend)

    @cached_property
    def endpoints(self) -> Endpoints:
        from .resources.endpoints import Endpoints

        return Endpoints(self._backend)

    def endpoint(self, endpoint_id: str, *, base_url: str | None = None) -> EndpointClient:
        """Run and wait for jobs on serverless endpoint ``endpoint_id`` (see docs/serverless.md).

        The job API's base is ``base_url``, else ``RUNPOD_ENDPOINT_BASE_URL``, else RunPod's (or
        the emulator's, when this client talks to one). One client per endpoint, so all waits
        on its jobs share one poller.
        """
        from .resources.jobs import EndpointClient

        base = job_api_url(
            self.config.url, self._env, base_url, allow_insecure_http=self._allow_insecure_http
        )
        found = self._job_clients.get((endpoint_id, base))
        if found is None:
            found = EndpointClient(self._transport.core, endpoint_id, base)
            self._job_clients[(endpoint_id, base)] = found
        return found

    @cached_property
    def registry_auths(self) -> RegistryAuths:
        from .resources.registry import RegistryAuths

        return RegistryAuths(self._backend)

    @cached_property
    def secrets(self) -> Secrets:
        from .resources.secrets import Secrets

        return Secrets(self._backend)

    @cached_property
    def account(self) -> AccountResource:
        from .resources.account import AccountResource

        return AccountResource(self._backend)

    @cached_property
    def billing(self) -> Billing:
        from .resources.billing import Billing

        return Billing(self._backend)
