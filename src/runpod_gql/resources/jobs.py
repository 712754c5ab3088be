"""Serverless jobs: run, wait for, stream, cancel and retry jobs on an endpoint (RunPod's job API,
``https://api.runpod.ai/v2/{endpoint_id}/...``).

``rp.endpoint(endpoint_id)`` gives an :class:`EndpointClient`. Requests share the client's key,
connection pool, rate limiter and retry policy. Waiting is done by one poller per endpoint
client, whatever the number of jobs waited on: it polls each job with a growing interval, starting
from how long this endpoint's jobs have recently taken, and keeps the whole endpoint within a
budget of status requests per second.

A ``run`` (or ``runsync``) POST is resent only when it provably never reached RunPod (connection
refused, 429). If the connection fails after it was sent, the job may exist with an id we never
learnt: :class:`~runpod_gql.errors.APIConnectionError` with ``request_sent=True`` is raised and
nothing is resent, so no job is ever duplicated by a retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, TypeVar
from urllib.parse import quote

from pydantic import AliasGenerator, BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel

from .. import _validate as v
from .._clock import SystemClock
from .._rest import error_from_rest
from .._transport import TransportCore, _request_id
from .._wire import WireResponse
from ..errors import (
    InputValidationError,
    InvalidRequestError,
    JobCancelledError,
    JobFailedError,
    JobTimedOutError,
    JobWaitTimeoutError,
    NotFoundError,
    ResponseValidationError,
)

__all__ = [
    "EndpointClient",
    "EndpointHealth",
    "Job",
    "JobCounts",
    "JobPolicy",
    "JobState",
    "JobStatus",
    "WorkerCounts",
]

T = TypeVar("T")

RUNSYNC_MAX_WAIT = 90.0  # seconds RunPod holds a runsync by default (its ?wait= maximum is 300)
RUNSYNC_MIN_WAIT = 1.0  # its ?wait= minimum
POLL_MIN = 0.05  # first status poll never sooner than this after the run
POLL_MAX = 2.0  # nor later than this between two polls of one job...
POLL_BUDGET = 50.0  # ...unless the endpoint's waiting jobs would then exceed this many polls/s
CANCEL_GRACE = 10.0  # seconds a cancel sent on our way out (time-out, cancellation) may take


class JobStatus(str, enum.Enum):
    """A job's status on RunPod."""

    IN_QUEUE = "IN_QUEUE"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    TIMED_OUT = "TIMED_OUT"

    @property
    def final(self) -> bool:
        """Whether the job will not change any more (until a retry)."""
        return self not in (JobStatus.IN_QUEUE, JobStatus.IN_PROGRESS)


class _Model(BaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(
        alias_generator=AliasGenerator(validation_alias=to_camel),
        populate_by_name=True,
        extra="ignore",
    )


class JobState(_Model):
    """One answer of ``status``: times are milliseconds, as RunPod reports them."""

    id: str
    status: JobStatus
    delay_time: int | None = None  # queued before a worker took it
    execution_time: int | None = None  # running on the worker
    output: Any = None
    error: Any = None
    worker_id: str | None = None
    retries: int | None = None


class JobCounts(_Model):
    """An endpoint's jobs by status (``health``)."""

    completed: int = 0
    failed: int = 0
    in_progress: int = 0
    in_queue: int = 0
    retried: int = 0


class WorkerCounts(_Model):
    """An endpoint's workers by state (``health``)."""

    idle: int = 0
    initializing: int = 0
    ready: int = 0
    running: int = 0
    throttled: int = 0
    unhealthy: int = 0


class EndpointHealth(_Model):
    """Queue depth and workers by state (``health``)."""

    jobs: JobCounts
    workers: WorkerCounts


@dataclass(frozen=True)
class JobPolicy:
    """Per-job limits RunPod enforces: ``execution_timeout`` (5 s to 7 days) and ``ttl`` (the
    job's whole life, queue included; default 24 h) in seconds; ``low_priority`` jobs wait until
    others are taken."""

    execution_timeout: float | None = None
    ttl: float | None = None
    low_priority: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.execution_timeout is not None:
            out["executionTimeout"] = round(
                v.number("execution_timeout", self.execution_timeout) * 1000
            )
        if self.ttl is not None:
            out["ttl"] = round(v.number("ttl", self.ttl) * 1000)
        if self.low_priority:
            out["lowPriority"] = True
        return out


def _answer(response: WireResponse, operation: str) -> Any:
    """A JSON answer's body, or the error it amounts to. The job API says what went wrong as
    ``{"error": "..."}``; other failures (401, 429, 5xx, a proxy's page) map as REST's do."""
    try:
        body: Any = json.loads(response.content) if response.content else None
    except ValueError:
        body = _UNPARSED
    if 200 <= response.status_code < 300 and body is not _UNPARSED:
        return body
    said = body.get("error") if isinstance(body, dict) else None
    if isinstance(said, str) and response.status_code in (400, 404, 422):
        cls = NotFoundError if response.status_code == 404 else InvalidRequestError
        return cls(
            said,
            operation=operation,
            status_code=response.status_code,
            request_id=_request_id(response),
        )
    if 200 <= response.status_code < 300:
        kind = response.headers.get("content-type", "unknown content type")
        return ResponseValidationError(
            f"the job API's answer is not JSON ({kind}, {len(response.content)} bytes)",
            operation=operation,
            status_code=response.status_code,
            request_id=_request_id(response),
        )
    return error_from_rest(response, response.content, operation=operation)


_UNPARSED: Any = object()


def _error_output(error: Any) -> Any:
    """runpod-python workers report a raised exception as a JSON text: give it back parsed."""
    if isinstance(error, str) and error.startswith("{"):
        with contextlib.suppress(ValueError):
            return json.loads(error)
    return error


def outcome(endpoint_id: str, state: JobState) -> Any:
    """A final job's output, or the typed error it ended with."""
    if state.status is JobStatus.COMPLETED:
        return state.output
    common: dict[str, Any] = {
        "endpoint_id": endpoint_id,
        "job_id": state.id,
        "status": state.status.value,
        "error": _error_output(state.error),
        "output": state.output,
    }
    if state.status is JobStatus.FAILED:
        error = common["error"]
        said = error.get("error_message", error) if isinstance(error, dict) else error
        raise JobFailedError(f"job {state.id} failed: {said}", **common)
    if state.status is JobStatus.CANCELLED:
        raise JobCancelledError(f"job {state.id} was cancelled", **common)
    if state.status is JobStatus.TIMED_OUT:
        raise JobTimedOutError(
            f"job {state.id} timed out on RunPod (execution time-out or TTL)", **common
        )
    raise AssertionError(f"not a final status: {state.status}")


@dataclass(eq=False)
class _Watch:
    """One job the poller waits on, for however many callers."""

    job_id: str
    future: asyncio.Future[JobState]
    next_at: float
    interval: float
    waiters: int = 0
    polling: bool = False
    polled: asyncio.Event = field(default_factory=asyncio.Event)  # set, then replaced, per poll


@dataclass(eq=False)
class _Poller:
    """Polls every waited-on job of one endpoint from a single task."""

    client: EndpointClient
    watches: dict[str, _Watch] = field(default_factory=dict)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    polls: set[asyncio.Task[None]] = field(default_factory=set)
    typical: float = POLL_MIN  # seconds this endpoint's jobs took lately (moving average)

    def acquire(self, job_id: str) -> _Watch:
        watch = self.watches.get(job_id)
        if watch is None:
            loop = asyncio.get_running_loop()
            first = min(max(self.typical, POLL_MIN), POLL_MAX)
            now = self.client._t.clock.monotonic()
            watch = _Watch(job_id, loop.create_future(), now + first, first)
            self.watches[job_id] = watch
            self.wake.set()
            if self.task is None or self.task.done():
                self.task = loop.create_task(
                    self._run(), name=f"runpod-jobs-{self.client.endpoint_id}"
                )
        watch.waiters += 1
        return watch

    def release(self, watch: _Watch) -> None:
        watch.waiters -= 1
        if watch.waiters <= 0 and self.watches.get(watch.job_id) is watch:
            del self.watches[watch.job_id]
            if not watch.future.done():
                watch.future.cancel()

    async def _run(self) -> None:
        clock = self.client._t.clock
        loop = asyncio.get_running_loop()
        while self.watches:
            now = clock.monotonic()
            cap = max(POLL_MAX, len(self.watches) / POLL_BUDGET)
            for watch in list(self.watches.values()):
                if not watch.polling and watch.next_at <= now:
                    watch.polling = True
                    watch.interval = min(watch.interval * 1.5, cap)
                    poll = loop.create_task(self._poll(watch))
                    self.polls.add(poll)  # held: the loop keeps only weak references
                    poll.add_done_callback(self.polls.discard)
            pending = [w.next_at for w in self.watches.values() if not w.polling]
            self.wake.clear()
            # Sleep on the client's clock until the next poll is due, or until a poll ends or a
            # new job is watched.
            waits: list[asyncio.Task[Any]] = [loop.create_task(self.wake.wait())]
            if pending:
                waits.append(loop.create_task(clock.sleep(min(pending) - clock.monotonic())))
            try:
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in waits:
                    task.cancel()

    async def _poll(self, watch: _Watch) -> None:
        try:
            state = await self.client.status(watch.job_id)
        except Exception as exc:  # handed to every waiter of this job
            self._settle(watch, exc)
            return
        finally:
            watch.polling = False
            self.wake.set()
        if state.status.final:
            took = ((state.delay_time or 0) + (state.execution_time or 0)) / 1000
            self.typical = 0.8 * self.typical + 0.2 * took
            self._settle(watch, state)
        else:
            watch.next_at = self.client._t.clock.monotonic() + watch.interval
            watch.polled.set()
            watch.polled = asyncio.Event()

    def _settle(self, watch: _Watch, result: JobState | BaseException) -> None:
        if self.watches.get(watch.job_id) is watch:
            del self.watches[watch.job_id]
        if watch.future.done():
            return
        if isinstance(result, BaseException):
            watch.future.set_exception(result)
        else:
            watch.future.set_result(result)


class Job:
    """A job on an endpoint: its ``id`` and what was last seen of it (``last``)."""

    def __init__(self, endpoint: EndpointClient, job_id: str, last: JobState | None = None) -> None:
        self.endpoint = endpoint
        self.id = job_id
        self.last = last

    def __repr__(self) -> str:
        status = self.last.status.value if self.last else "unknown"
        return f"<Job {self.id} on {self.endpoint.endpoint_id}: {status}>"

    async def status(self) -> JobState:
        self.last = await self.endpoint.status(self.id)
        return self.last

    async def result(self, timeout: float | None = None, *, cancel_remote: bool = False) -> Any:
        """Wait for the job and return its output; see :meth:`EndpointClient.result`."""
        if self.last is not None and self.last.status.final:
            return outcome(self.endpoint.endpoint_id, self.last)
        return await self.endpoint.result(self.id, timeout, cancel_remote=cancel_remote)

    def stream(self) -> AsyncIterator[Any]:
        return self.endpoint.stream(self.id)

    async def cancel(self) -> JobState:
        self.last = await self.endpoint.cancel(self.id)
        return self.last

    async def retry(self) -> Job:
        await self.endpoint.retry(self.id)
        self.last = None
        return self


class EndpointClient:
    """Jobs of one serverless endpoint. Made by ``rp.endpoint(endpoint_id)``.

    ::

        ep = rp.endpoint("my-endpoint-id")
        print(await ep.run_sync({"prompt": "hello"}, timeout=60))
        jobs = [await ep.run({"n": n}) for n in range(100)]
        outputs = await asyncio.gather(*(job.result(timeout=600) for job in jobs))
    """

    def __init__(self, transport: TransportCore, endpoint_id: str, base_url: str) -> None:
        v.text("endpoint_id", endpoint_id)
        self._t = transport
        self.endpoint_id = endpoint_id
        self.base_url: str = base_url.rstrip("/")
        self._prefix = f"{self.base_url}/{quote(endpoint_id, safe='')}"
        self._poller = _Poller(self)

    def __repr__(self) -> str:
        return f"<EndpointClient {self.endpoint_id} at {self.base_url}>"

    def job(self, job_id: str) -> Job:
        """A handle on an existing job (from an earlier run, another process, a webhook)."""
        return Job(self, v.text("job_id", job_id))

    # ------------------------------------------------------------------ requests
    async def _send(
        self,
        method: str,
        route: str,
        *,
        idempotent: bool,
        body: bytes | None = None,
        read_timeout: float | None = None,
    ) -> Any:
        """One request through the client's retry loop, limiter and counters; the parsed answer.
        Not ``idempotent``: resent only when it provably never reached RunPod (or on 429)."""
        core = self._t
        timeout = core.options.timeout
        if read_timeout is not None:
            timeout = replace(timeout, read=max(timeout.read or 0.0, read_timeout))
        operation = route.split("/", 1)[0].split("?", 1)[0]
        url = f"{self._prefix}/{route}"
        headers = core.headers()

        def attempt() -> Awaitable[WireResponse]:
            return core.wire.request(method, url, body=body, headers=headers, timeout=timeout)

        return await core.send(
            attempt,
            lambda response: _answer(response, operation),
            operation=operation,
            is_mutation=not idempotent,
        )

    def _state(self, raw: Any, operation: str) -> JobState:
        try:
            return JobState.model_validate(raw)
        except ValidationError as exc:
            raise ResponseValidationError(
                f"the job API's answer does not fit a job state: {exc.errors()[0].get('msg')}",
                operation=operation,
                value=raw,
            ) from exc

    @staticmethod
    def _request(input: Any, webhook: str | None, policy: JobPolicy | None) -> bytes:
        """The run request's body, checked before anything is sent."""
        body: dict[str, Any] = {"input": input}
        if webhook is not None:
            body["webhook"] = v.text("webhook", webhook)
        if policy is not None:
            body["policy"] = policy.to_json()
        try:
            return json.dumps(body, separators=(",", ":"), allow_nan=False).encode()
        except (TypeError, ValueError) as exc:
            raise InputValidationError("input", f"must be JSON-serialisable: {exc}") from None

    # ------------------------------------------------------------------ operations
    async def run(
        self, input: Any, *, webhook: str | None = None, policy: JobPolicy | None = None
    ) -> Job:
        """Queue a job (``/run``) and return its handle at once."""
        return await self._submit("run", self._request(input, webhook, policy))

    async def _submit(self, route: str, body: bytes) -> Job:
        answer = await self._send("POST", route, idempotent=False, body=body)
        state = self._state(answer, route)
        return Job(self, state.id, state)

    async def run_sync(
        self,
        input: Any,
        *,
        timeout: float | None = None,
        webhook: str | None = None,
        policy: JobPolicy | None = None,
        cancel_remote: bool = False,
    ) -> Any:
        """Run a job and return its output: one ``/runsync`` request that RunPod holds until the
        job ends (up to 90 s), then polling if the job outlives that. Raises JobFailedError,
        JobCancelledError, JobTimedOutError, or JobWaitTimeoutError after ``timeout`` seconds
        (the job then cancelled on RunPod too when ``cancel_remote``)."""
        if timeout is not None:
            v.number("timeout", timeout)
        clock = self._t.clock
        started = clock.monotonic()
        body = self._request(input, webhook, policy)
        if timeout is not None and cancel_remote and timeout < 2 * RUNSYNC_MIN_WAIT:
            # runsync could hold the answer (and the job id) past our time-out: run, then wait.
            job = await self._within(self._submit("run", body), timeout)
            left = max(0.0, timeout - (clock.monotonic() - started))
            return await self.result(job.id, left, cancel_remote=True)
        # RunPod answers a runsync by its ?wait= at the latest: leave room to learn the job's id
        # before our own time-out, so that it can still be cancelled.
        wait = RUNSYNC_MAX_WAIT if timeout is None else min(timeout * 0.75, RUNSYNC_MAX_WAIT)
        wait = max(wait, RUNSYNC_MIN_WAIT)
        send = self._send(
            "POST",
            f"runsync?wait={round(wait * 1000)}",
            idempotent=False,
            body=body,
            read_timeout=wait + 15,
        )
        try:
            answer = await self._within(send, timeout)
        except asyncio.TimeoutError:
            raise JobWaitTimeoutError(
                f"runsync on {self.endpoint_id} gave no answer within {timeout:g}s; the job may "
                "still run on RunPod (its id never arrived, so it could not be cancelled)",
                cancelled=False,
                endpoint_id=self.endpoint_id,
                job_id="",
                status=None,
            ) from None
        state = self._state(answer, "runsync")
        if state.status.final:
            return outcome(self.endpoint_id, state)
        remaining = None if timeout is None else max(0.0, timeout - (clock.monotonic() - started))
        return await self.result(state.id, remaining, cancel_remote=cancel_remote)

    async def status(self, job_id: str) -> JobState:
        """The job's status, output or error now (one request)."""
        answer = await self._send(
            "GET", f"status/{quote(v.text('job_id', job_id), safe='')}", idempotent=True
        )
        return self._state(answer, "status")

    async def result(
        self, job_id: str, timeout: float | None = None, *, cancel_remote: bool = False
    ) -> Any:
        """Wait until the job ends and return its output, or raise its typed error.

        The wait is bounded by ``timeout`` seconds (None: as long as the job lives). When it runs
        out, or the caller is cancelled, the job is cancelled on RunPod too if ``cancel_remote``.
        Many concurrent waits share one poller (gather them freely).
        """
        v.text("job_id", job_id)
        if timeout is not None:
            v.number("timeout", timeout)
        watch = self._poller.acquire(job_id)
        try:
            state = await self._until_settled(watch, timeout)
        except asyncio.TimeoutError:
            cancelled = cancel_remote and await self._cancel_quietly(job_id)
            where = "cancelled on RunPod" if cancelled else "still queued or running on RunPod"
            raise JobWaitTimeoutError(
                f"job {job_id} did not finish within {timeout:g}s ({where})",
                cancelled=cancelled,
                endpoint_id=self.endpoint_id,
                job_id=job_id,
                status=None,
            ) from None
        except asyncio.CancelledError:
            if cancel_remote:
                await asyncio.shield(self._cancel_quietly(job_id))
            raise
        finally:
            self._poller.release(watch)
        return outcome(self.endpoint_id, state)

    async def _until_settled(self, watch: _Watch, timeout: float | None) -> JobState:
        """The watched job's final state, or asyncio.TimeoutError after ``timeout`` seconds.

        On a clock other than the system's (an emulator's), time moves with the poller's own
        sleeps, so the deadline is checked after each poll of the job rather than by a timer.
        """
        clock = self._t.clock
        if timeout is None or isinstance(clock, SystemClock):
            return await self._within(asyncio.shield(watch.future), timeout)
        deadline = clock.monotonic() + timeout
        loop = asyncio.get_running_loop()
        while not watch.future.done():
            if clock.monotonic() >= deadline:
                raise asyncio.TimeoutError
            polled = loop.create_task(watch.polled.wait())
            try:
                await asyncio.wait((watch.future, polled), return_when=asyncio.FIRST_COMPLETED)
            finally:
                polled.cancel()
        return watch.future.result()

    async def _within(self, awaitable: Awaitable[T], timeout: float | None) -> T:
        """``awaitable``'s result, or asyncio.TimeoutError after ``timeout`` real seconds (it is
        cancelled then, as it is when the caller is)."""
        if timeout is None or not isinstance(self._t.clock, SystemClock):
            # On an emulator's clock a timer would fire at once (its sleeps cost nothing): the
            # request is bounded by the job API's own wait instead.
            return await awaitable
        if sys.version_info >= (3, 11):
            async with asyncio.timeout(timeout):
                return await awaitable
        return await asyncio.wait_for(awaitable, timeout)

    async def _cancel_quietly(self, job_id: str) -> bool:
        """Cancel on the way out of a wait; a failure is logged, never raised over the reason."""
        try:
            await asyncio.wait_for(self.cancel(job_id), CANCEL_GRACE)
        except (Exception, asyncio.TimeoutError) as exc:
            import logging

            logging.getLogger("runpod_gql").error(
                "could not cancel job %s on %s: %s", job_id, self.endpoint_id, exc
            )
            return False
        return True

    async def stream(self, job_id: str) -> AsyncIterator[Any]:
        """The job's partial outputs as its handler yields them (``/stream``), then the end; a job
        that fails or is cancelled raises its typed error after the chunks it produced."""
        path = f"stream/{quote(v.text('job_id', job_id), safe='')}"
        interval = POLL_MIN
        clock = self._t.clock
        while True:
            answer = await self._send("GET", path, idempotent=True)
            if not isinstance(answer, Mapping) or "status" not in answer:
                raise ResponseValidationError(
                    "the job API's stream answer has no status", operation="stream", value=answer
                )
            chunks = answer.get("stream") or []
            for chunk in chunks:
                yield chunk.get("output") if isinstance(chunk, Mapping) else chunk
            status = JobStatus(answer["status"])
            if status.final and not chunks:
                if status is not JobStatus.COMPLETED:
                    state = self._state(answer, "stream")
                    if state.error is None:
                        state = await self.status(job_id)
                    outcome(self.endpoint_id, state)
                return
            if status.final:
                continue  # drain what is left at once
            interval = POLL_MIN if chunks else min(interval * 1.5, POLL_MAX)
            await clock.sleep(interval)

    async def cancel(self, job_id: str) -> JobState:
        """Cancel the job (queued or running); a finished job keeps its status."""
        answer = await self._send(
            "POST", f"cancel/{quote(v.text('job_id', job_id), safe='')}", idempotent=True
        )
        return self._state(answer, "cancel")

    async def retry(self, job_id: str) -> Job:
        """Queue a FAILED or TIMED_OUT job again, same id and input."""
        answer = await self._send(
            "POST", f"retry/{quote(v.text('job_id', job_id), safe='')}", idempotent=False
        )
        return Job(self, self._state(answer, "retry").id, self._state(answer, "retry"))

    async def purge_queue(self) -> int:
        """Drop every queued job (running ones go on); returns how many were removed."""
        answer = await self._send("POST", "purge-queue", idempotent=True)
        removed = answer.get("removed") if isinstance(answer, Mapping) else None
        if not isinstance(removed, int):
            raise ResponseValidationError(
                "the purge-queue answer has no count", operation="purge-queue", value=answer
            )
        return removed

    async def health(self) -> EndpointHealth:
        """Jobs by status and workers by state."""
        answer = await self._send("GET", "health", idempotent=True)
        try:
            return EndpointHealth.model_validate(answer)
        except ValidationError as exc:
            raise ResponseValidationError(
                "the health answer does not fit", operation="health", value=answer
            ) from exc
