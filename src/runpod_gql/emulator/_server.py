"""``Emulator``: the world, the ASGI app and a uvicorn server on loopback, in the caller's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Collection, Iterator, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ._app import TRANSPORT_EXTENSION, EmulatorApp
from ._client_clock import EmulatorTime
from ._clock import Clock, ScaledClock
from ._faults import Fault, FaultRule, MalformedVariant, RequestRecord, TokenBucket
from ._jobapp import PREFIX, JobApp
from ._jobs import EndpointJobs, Handler, JobService
from ._records import LogLine, LogSource, PodRecord
from ._state import FLEET_GPU, World

if TYPE_CHECKING:
    from runpod_gql.client import RunPod

__all__ = ["Emulator"]


class _Protocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, exposing the transport to the app so that a fault can close
    the connection without sending any HTTP response (ASGI itself has no way to do that)."""

    def on_message_begin(self) -> None:
        super().on_message_begin()
        # uvicorn types extension values as dicts; ours is read back only by _app._drop.
        self.scope["extensions"] = {TRANSPORT_EXTENSION: self.transport}  # type: ignore[dict-item]


class _EmbeddedServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to its host (a test run, the CLI)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class _Router:
    """The main port's app: GraphQL and control as ever, and the job API under ``/runtime/v2/``
    too, so a client given only the emulator's URL finds the jobs there."""

    def __init__(self, main: EmulatorApp, jobs: JobApp) -> None:
        self.main, self.jobs = main, jobs

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith(PREFIX):
            await self.jobs(scope, receive, send)
        else:
            await self.main(scope, receive, send)


def _bind(host: str, port: int) -> socket.socket:
    """A bound listening socket. Bound here rather than in uvicorn: port 0 then tells us the real
    port, and a busy port raises OSError instead of uvicorn's sys.exit."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP: asyncio sets TCP_NODELAY on accepted sockets only then, and without
    # it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _server(app: Any) -> _EmbeddedServer:
    config = uvicorn.Config(
        app,
        http=_Protocol,
        ws="none",
        lifespan="off",
        interface="asgi3",
        log_config=None,
        access_log=False,  # an access log would print ?api_key= query strings
        log_level="warning",
        server_header=False,
        timeout_graceful_shutdown=2,
    )
    return _EmbeddedServer(config)


async def _started(server: _EmbeddedServer, sock: socket.socket) -> asyncio.Task[None]:
    """Serve on ``sock``; return once requests are accepted (or raise why it stopped)."""
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()  # re-raise why it stopped
            raise RuntimeError("emulator server stopped during start-up")
        await asyncio.sleep(0.005)
    return task


class Emulator:
    """A local RunPod API: GraphQL at ``emu.url`` and REST v2 at ``emu.rest_url``, one port, one
    emulated account. ``async with Emulator() as emu:`` serves both.

    ``speed`` is emulated seconds per real second (ignored when ``clock`` is given); with
    ``clock=ManualClock()`` time moves only through ``emu.clock.advance(seconds)``. Every pod's
    port 22 maps to ``ssh_host:ssh_port`` (a fake port when ``ssh_port`` is None), so tests can
    point pods at a real sshd. ``GET /v2/pods/{id}/logs`` follows a running pod's log until the
    client leaves, or for at most ``log_follow_seconds`` (real seconds) when given.

    The serverless job API is served on a second port (``job_port``, 0 picks one) under
    ``emu.jobs_url`` (``http://host:port/runtime/v2``); :meth:`serve_endpoint` puts a Python
    handler behind an endpoint.
    """

    def __init__(
        self,
        api_key: str = "test-key",
        host: str = "127.0.0.1",
        port: int = 0,
        speed: float = 1.0,
        clock: Clock | None = None,
        ssh_host: str = "127.0.0.1",
        ssh_port: int | None = None,
        boot_seconds: float = 20.0,
        ssh_seconds: float = 10.0,
        seed: int = 0,
        balance: float = 100.0,
        log_follow_seconds: float | None = None,
        job_port: int = 0,
        rest_page_size: int | None = None,
    ) -> None:
        if not api_key:
            raise ValueError("api_key must not be empty")
        self.clock: Clock = clock if clock is not None else ScaledClock(speed)
        self.host = host
        self.port: int = port
        self.api_key = api_key
        self._world = World(
            now=self.clock.now(),
            seed=seed,
            ssh_host=ssh_host,
            ssh_port=ssh_port,
            boot_seconds=boot_seconds,
            ssh_seconds=ssh_seconds,
            client_balance=balance,
            rest_page_size=rest_page_size,
        )
        self.app: EmulatorApp = EmulatorApp(self._world, self.clock, api_key)
        self.app.rest.follow_limit = log_follow_seconds
        self.jobs: JobService = JobService(self._world, self.clock, seed=seed)
        self.job_app: JobApp = JobApp(self.app, self.jobs)
        self.job_port: int = job_port
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Task[None] | None = None
        self._job_server: _EmbeddedServer | None = None
        self._job_task: asyncio.Task[None] | None = None

    def __repr__(self) -> str:  # never the key
        return f"Emulator(url={self.url if self._server else None!r})"

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> Emulator:
        """Bind both ports, start serving, and return once requests are accepted."""
        if self._server is not None:
            raise RuntimeError("emulator already started")
        sock = _bind(self.host, self.port)
        try:
            job_sock = _bind(self.host, self.job_port)
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        self.job_port = int(job_sock.getsockname()[1])
        # A fresh event: a previous stop() left the old one set (held answers would no longer
        # be held), and an event is bound to the loop that first waited on it.
        self.app.stopping = asyncio.Event()
        self._server = _server(_Router(self.app, self.job_app))
        self._job_server = _server(self.job_app)
        try:
            self._task = await _started(self._server, sock)
            self._job_task = await _started(self._job_server, job_sock)
        except BaseException:
            job_sock.close()
            await self.stop()  # start() may be retried
            raise
        self.jobs.start()
        return self

    async def stop(self) -> None:
        """Stop serving; requests held by a TIMEOUT fault or a runsync wait are released first."""
        if self._server is None:
            return
        self.app.stopping.set()
        await self.jobs.stop()
        servers = [(self._server, self._task), (self._job_server, self._job_task)]
        try:
            for server, task in servers:
                if server is not None and task is not None:
                    server.should_exit = True
            for server, task in servers:
                if server is not None and task is not None:
                    await task
        finally:
            self._server = self._job_server = None
            self._task = self._job_task = None

    async def __aenter__(self) -> Emulator:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # ------------------------------------------------------------------ addresses
    @property
    def base_url(self) -> str:
        """``http://host:port`` — runpod-python's ``RUNPOD_API_BASE_URL``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The GraphQL endpoint."""
        return f"{self.base_url}/graphql"

    @property
    def rest_url(self) -> str:
        """The REST v2 API's base (``GET {rest_url}/pods``...), on the same port and account."""
        return f"{self.base_url}/v2"

    # ------------------------------------------------------------------ clients
    @cached_property
    def client_clock(self) -> EmulatorTime:
        """The clock a client of this emulator should use (one per emulator, shared)."""
        return EmulatorTime(self.clock)

    def client(self, **kwargs: Any) -> RunPod:
        """A ``RunPod`` client wired to this emulator: its URL, its key and its time.

        ``async with emu.client() as rp:`` — waits, back-off and ``Retry-After`` pauses move
        emulated time instead of waiting on real time (see :class:`EmulatorTime`). Keyword
        arguments go to ``RunPod`` (``max_retries=0``, ``ssh_key_path=...``); ``env`` defaults to
        ``{}`` so that nothing is read from your environment.
        """
        # Imported here: the emulator is an edge above the client, and a bare emulator (the
        # command, runpod-python's tests against it) never needs the client loaded.
        from runpod_gql.client import RunPod

        kwargs.setdefault("clock", self.client_clock)
        kwargs.setdefault("env", {})
        return RunPod(self.api_key, url=self.url, **kwargs)

    @property
    def jobs_url(self) -> str:
        """The job API's base on its own port — runpod-python's ``RUNPOD_ENDPOINT_BASE_URL``; jobs
        of endpoint ``ID`` are at ``{jobs_url}/ID/run`` and so on. (``{base_url}/runtime/v2``
        serves the same API on the main port.)"""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.job_port}{PREFIX.rstrip('/')}"

    # ------------------------------------------------------------------ serverless
    def serve_endpoint(
        self,
        endpoint_id: str,
        handler: Handler,
        *,
        workers_min: int | None = None,
        workers_max: int | None = None,
        idle_timeout: float | None = None,
        execution_timeout: float | None = None,
        cold_start: float = 0.0,
        return_aggregate_stream: bool = False,
    ) -> EndpointJobs:
        """Run ``handler`` for the jobs of endpoint ``endpoint_id`` (created if missing).

        ``handler`` takes the job dict (runpod-python's worker convention) and returns the output;
        a generator or async generator yields stream chunks; raising fails the job. Worker
        settings given here are written to the endpoint's record (``execution_timeout`` in
        seconds); always-on workers (``workers_min``) start warm, others take ``cold_start``
        emulated seconds (0 by default, so a ManualClock test needs no advance; RunPod's take
        seconds to minutes). With ``return_aggregate_stream`` a streaming job's output is the list
        of its chunks (runpod-python's option of that name), else empty.
        """
        settings: Mapping[str, Any] = {
            "workers_min": workers_min,
            "workers_max": workers_max,
            "idle_timeout": idle_timeout,
            "timeout_ms": round(execution_timeout * 1000)
            if execution_timeout is not None
            else None,
        }
        return self.jobs.serve(
            endpoint_id,
            handler,
            cold_start=cold_start,
            return_aggregate_stream=return_aggregate_stream,
            settings=settings,
        )

    # ------------------------------------------------------------------ state
    @property
    def state(self) -> World:
        """The emulated account, brought up to the clock's current time."""
        return self.app.advance()

    def set_stock(self, gpu_type_id: str, count: int, data_center_id: str | None = None) -> None:
        """Free GPUs of a type (in one data centre, or all); 0 makes creates fail for capacity."""
        self.state.set_stock(gpu_type_id, count, data_center_id)

    def add_fleet(
        self,
        count: int,
        gpu_type_id: str = FLEET_GPU,
        *,
        name: str = "fleet",
        image: str = "img",
        booted: bool = True,
    ) -> list[PodRecord]:
        """``count`` one-GPU pods (``{name}-0``...) on machines added for them, stock unchanged;
        ``booted``: the clock then moves past their boot, so each is RUNNING with SSH published."""
        pods = self.state.add_fleet(count, gpu_type_id, name=name, image=image)
        if booted:
            self.clock.advance(self.state.ready_seconds)
        return pods

    def fill_host(self, pod_id: str, full: bool = True) -> None:
        """Resuming this pod fails with the host-full error (until ``full=False``)."""
        self.state.fill_host(pod_id, full)

    def outbid(self, pod_id: str) -> PodRecord:
        """Interrupt a spot pod: it goes EXITED and its runtime disappears."""
        return self.state.outbid(pod_id)

    def write_log(self, pod_id: str, line: str, source: LogSource = "container") -> LogLine:
        """Append a line to a pod's log, as its container (or ``"system"``) would; followers of
        ``GET /v2/pods/{id}/logs`` receive it."""
        if source not in ("container", "system"):
            raise ValueError("source must be 'container' or 'system'")
        return self.state.write_log(pod_id, line, source)

    def fail_pod(self, pod_id: str, reason: str = "container exited with an error") -> PodRecord:
        """Put a pod in the unrecoverable ERROR state (v2 ``status``), with a log line."""
        return self.state.fail_pod(pod_id, reason)

    def fail_image(self, image: str, failing: bool = True) -> None:
        """Pods of this image fail their pull at boot (status ERROR) until ``failing=False``."""
        images = self.state.bad_images
        (images.add if failing else images.discard)(image)

    # ------------------------------------------------------------------ faults and limits
    def inject(
        self,
        kind: Fault,
        count: int = 1,
        operations: Collection[str] | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        delay: float = 30.0,
        variant: MalformedVariant = "truncated",
    ) -> FaultRule:
        """Apply ``kind`` to the next ``count`` requests (only those whose operation name or root
        field is in ``operations``, when given). Rules are consulted in the order injected."""
        rule = FaultRule.build(
            kind,
            count,
            operations,
            status=status,
            retry_after=retry_after,
            delay=delay,
            variant=variant,
        )
        self.app.faults.append(rule)
        return rule

    def clear_faults(self) -> None:
        self.app.faults.clear()

    def set_rate_limit(self, per_second: float | None, burst: float | None = None) -> None:
        """Token bucket on the API key: beyond it, 429 with Retry-After. ``None`` turns it off."""
        self.app.rate_limit = (
            None if per_second is None else TokenBucket(per_second, burst or per_second)
        )

    # ------------------------------------------------------------------ observation
    @property
    def requests(self) -> list[RequestRecord]:
        """Every request so far (GraphQL, REST and the job API), oldest first (a copy)."""
        return list(self.app.requests)

    def request_count(self, operation: str | None = None) -> int:
        """Requests so far; with ``operation``, only those with that GraphQL operation name or root
        field, that REST ``operationId``, or that job API route (``run``, ``status``, ...)."""
        if operation is None:
            return len(self.app.requests)
        return sum(
            1 for r in self.app.requests if r.operation == operation or operation in r.root_fields
        )

    def reset_log(self) -> None:
        self.app.requests.clear()
