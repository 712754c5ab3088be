"""The emulated serverless job service: queues, workers and jobs of each endpoint, run by real handlers.

A handler follows runpod-python's worker convention: it takes the job dict (``job["id"]``,
``job["input"]``) and returns the output; a generator (or async generator) yields stream chunks;
raising, or returning a dict with an ``"error"`` key, fails the job. Sync handlers run in threads so
they never block the emulator; async ones run in its event loop.

Every time-dependent rule (cold start, idle time-out, execution time-out, TTL, result retention)
reads the emulator's clock, so ``ManualClock.advance`` drives them as it drives pod boots. The
endpoint's worker settings (``workers_min``, ``workers_max``, ``idle_timeout``, ``timeout_ms``) are
read from the one endpoint record in the world on every tick, so changing them through the
management API takes effect at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import inspect
import json
import logging
import random
import threading
import traceback
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from ._clock import Clock
from ._records import EndpointRecord, WorkerInfo
from ._state import World

__all__ = [
    "ASYNC_RETENTION",
    "DEFAULT_EXECUTION_TIMEOUT",
    "DEFAULT_TTL",
    "SYNC_RETENTION",
    "EmulatedJob",
    "EndpointJobs",
    "Handler",
    "JobError",
    "JobService",
    "JobStatus",
]

log = logging.getLogger("runpod_gql.emulator")

Handler = Callable[[dict[str, Any]], Any]

# RunPod's documented defaults (docs.runpod.io, "Operation reference" and "Send API requests").
DEFAULT_EXECUTION_TIMEOUT = (
    600.0  # seconds, when neither the job's policy nor the endpoint sets one
)
DEFAULT_TTL = 86_400.0  # a job's whole life, queue plus execution
ASYNC_RETENTION = 1_800.0  # results of /run stay readable 30 minutes after the job ends
SYNC_RETENTION = 60.0  # results of /runsync, 1 minute
MIN_EXECUTION_TIMEOUT = 5.0
MAX_EXECUTION_TIMEOUT = 7 * 86_400.0


class JobStatus(str, enum.Enum):
    IN_QUEUE = "IN_QUEUE"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    TIMED_OUT = "TIMED_OUT"

    @property
    def final(self) -> bool:
        return self not in (JobStatus.IN_QUEUE, JobStatus.IN_PROGRESS)


class JobError(Exception):
    """A job request the service refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


_UNSET: Any = object()


@dataclass(eq=False)
class EmulatedJob:
    id: str
    endpoint_id: str
    input: Any
    submitted_at: float
    ttl: float
    execution_timeout: float | None  # None: the endpoint's, read when the job starts
    webhook: str | None = None
    low_priority: bool = False
    sync: bool = False
    status: JobStatus = JobStatus.IN_QUEUE
    started_at: float | None = None
    finished_at: float | None = None
    worker_id: str | None = None
    output: Any = _UNSET
    error: str | None = None
    chunks: list[Any] = field(default_factory=list)
    streamed: int = 0  # chunks already handed out by /stream
    retries: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)
    cancel_flag: threading.Event = field(default_factory=threading.Event)
    task: asyncio.Task[None] | None = None

    def view(self) -> dict[str, Any]:
        """The job API's answer for this job (times in milliseconds, like RunPod's)."""
        out: dict[str, Any] = {"id": self.id, "status": self.status.value}
        if self.started_at is not None:
            out["delayTime"] = _ms(self.started_at - self.submitted_at)
            if self.finished_at is not None:
                out["executionTime"] = _ms(self.finished_at - self.started_at)
        if self.worker_id is not None:
            out["workerId"] = self.worker_id
        if self.output is not _UNSET:
            out["output"] = self.output
        if self.error is not None:
            out["error"] = self.error
        if self.retries:
            out["retries"] = self.retries
        return out

    def take_chunks(self) -> list[dict[str, Any]]:
        new = self.chunks[self.streamed :]
        self.streamed = len(self.chunks)
        return [{"output": chunk} for chunk in new]


@dataclass(eq=False)
class EmulatedWorker:
    id: str
    ready_at: float  # emulated time its cold start ends
    idle_since: float
    job: EmulatedJob | None = None  # set while the handler runs (even after a cancel)
    started_at: float = 0.0  # emulated time it was started

    def state(self, now: float) -> Literal["initializing", "idle", "running"]:
        if now < self.ready_at:
            return "initializing"
        return "running" if self.job is not None else "idle"


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


@dataclass
class _Settings:
    workers_min: int
    workers_max: int
    idle_timeout: float
    execution_timeout: float


class EndpointJobs:
    """One endpoint's queue, jobs and workers. All methods run in the emulator's event loop."""

    def __init__(self, service: JobService, endpoint_id: str) -> None:
        self.service = service
        self.endpoint_id = endpoint_id
        self.handler: Handler | None = None
        self.cold_start: float = 0.0
        self.aggregate_stream: bool = False
        self.jobs: dict[str, EmulatedJob] = {}
        self.queue: deque[EmulatedJob] = deque()
        self.low_queue: deque[EmulatedJob] = deque()
        self.workers: dict[str, EmulatedWorker] = {}
        self.counts: dict[str, int] = {"completed": 0, "failed": 0, "retried": 0}

    # ------------------------------------------------------------------ settings
    def settings(self) -> _Settings:
        record = self.service.world.endpoints.get(self.endpoint_id)
        if record is None:
            return _Settings(0, 0, 0.0, DEFAULT_EXECUTION_TIMEOUT)
        timeout_ms = record.timeout_ms
        return _Settings(
            workers_min=record.workers_min,
            workers_max=record.workers_max,
            idle_timeout=float(record.idle_timeout),
            execution_timeout=timeout_ms / 1000 if timeout_ms > 0 else DEFAULT_EXECUTION_TIMEOUT,
        )

    # ------------------------------------------------------------------ requests
    def submit(self, body: Mapping[str, Any], *, sync: bool) -> EmulatedJob:
        if "input" not in body:
            raise JobError(400, "input is required")
        policy = body.get("policy") or {}
        if not isinstance(policy, Mapping):
            raise JobError(400, "policy must be an object")
        webhook = body.get("webhook")
        if webhook is not None and not isinstance(webhook, str):
            raise JobError(400, "webhook must be a URL string")
        now = self.service.clock.now()
        job = EmulatedJob(
            id=self.service.new_job_id(sync),
            endpoint_id=self.endpoint_id,
            input=body["input"],
            submitted_at=now,
            ttl=_policy_seconds(policy, "ttl", DEFAULT_TTL, low=10.0, high=7 * 86_400.0),
            execution_timeout=_policy_seconds(
                policy,
                "executionTimeout",
                None,
                low=MIN_EXECUTION_TIMEOUT,
                high=MAX_EXECUTION_TIMEOUT,
            ),
            webhook=webhook,
            low_priority=bool(policy.get("lowPriority", False)),
            sync=sync,
        )
        self.jobs[job.id] = job
        (self.low_queue if job.low_priority else self.queue).append(job)
        self.schedule(now)
        return job

    def get(self, job_id: str) -> EmulatedJob:
        job = self.jobs.get(job_id)
        if job is None:
            raise JobError(404, "request does not exist")
        return job

    def cancel(self, job_id: str) -> EmulatedJob:
        job = self.get(job_id)
        if not job.status.final:
            self._finish(job, JobStatus.CANCELLED)
        return job

    def retry(self, job_id: str) -> EmulatedJob:
        job = self.get(job_id)
        if job.status not in (JobStatus.FAILED, JobStatus.TIMED_OUT):
            raise JobError(
                400,
                f"job {job_id} is {job.status.value}: only FAILED or TIMED_OUT jobs can be retried",
            )
        now = self.service.clock.now()
        job.status, job.submitted_at = JobStatus.IN_QUEUE, now
        job.started_at = job.finished_at = job.worker_id = job.error = None
        job.output, job.chunks, job.streamed = _UNSET, [], 0
        job.retries += 1
        job.done = asyncio.Event()
        job.cancel_flag = threading.Event()
        self.counts["retried"] += 1
        (self.low_queue if job.low_priority else self.queue).append(job)
        self.schedule(now)
        return job

    def purge(self) -> int:
        """Drop every queued job (running ones carry on); they are gone, like RunPod's."""
        removed = [*self.queue, *self.low_queue]
        self.queue.clear()
        self.low_queue.clear()
        for job in removed:
            self.jobs.pop(job.id, None)
            job.done.set()
        return len(removed)

    def health(self) -> dict[str, Any]:
        now = self.service.clock.now()
        self.tick(now)
        states = [w.state(now) for w in self.workers.values()]
        in_progress = sum(1 for j in self.jobs.values() if j.status is JobStatus.IN_PROGRESS)
        return {
            "jobs": {
                "completed": self.counts["completed"],
                "failed": self.counts["failed"],
                "inProgress": in_progress,
                "inQueue": len(self.queue) + len(self.low_queue),
                "retried": self.counts["retried"],
            },
            "workers": {
                "idle": states.count("idle"),
                "initializing": states.count("initializing"),
                "ready": states.count("idle"),
                "running": states.count("running"),
                "throttled": 0,
                "unhealthy": 0,
            },
        }

    # ------------------------------------------------------------------ time
    def tick(self, now: float) -> None:
        """Apply every rule whose time has come, then scale and hand queued jobs to workers."""
        self._expire(now)
        self.schedule(now)

    def schedule(self, now: float) -> None:
        """Scale the workers to the queue and hand queued jobs to ready ones."""
        self._scale(now)
        self._dispatch(now)

    def _expire(self, now: float) -> None:
        for job in list(self.jobs.values()):
            if job.status.final:
                keep = SYNC_RETENTION if job.sync else ASYNC_RETENTION
                if job.finished_at is not None and now >= job.finished_at + keep:
                    del self.jobs[job.id]
            elif now >= job.submitted_at + job.ttl or (
                job.status is JobStatus.IN_PROGRESS
                and job.started_at is not None
                and job.execution_timeout is not None
                and now >= job.started_at + job.execution_timeout
            ):
                self._finish(job, JobStatus.TIMED_OUT)

    def _scale(self, now: float) -> None:
        if self.handler is None:
            return
        s = self.settings()
        busy = sum(1 for w in self.workers.values() if w.job is not None)
        want = min(s.workers_max, max(s.workers_min, busy + len(self.queue) + len(self.low_queue)))
        while len(self.workers) < want:
            worker = EmulatedWorker(
                self.service.new_worker_id(),
                ready_at=now + self.cold_start,
                idle_since=now,
                started_at=now,
            )
            self.workers[worker.id] = worker
        idle = [w for w in self.workers.values() if w.state(now) == "idle"]
        for worker in sorted(idle, key=lambda w: w.idle_since):
            if len(self.workers) <= max(s.workers_min, want):
                break
            if now >= worker.idle_since + s.idle_timeout:
                del self.workers[worker.id]

    def _dispatch(self, now: float) -> None:
        if self.handler is None:
            return
        for worker in self.workers.values():
            if worker.state(now) != "idle":
                continue
            queue = self.queue or self.low_queue
            if not queue:
                return
            self._start(worker, queue.popleft(), now)

    def _start(self, worker: EmulatedWorker, job: EmulatedJob, now: float) -> None:
        assert self.handler is not None
        loop = asyncio.get_running_loop()  # before any change: serve() may call this loop-less
        if job.execution_timeout is None:
            job.execution_timeout = self.settings().execution_timeout
        job.status, job.started_at, job.worker_id = JobStatus.IN_PROGRESS, now, worker.id
        worker.job = job
        job.task = loop.create_task(self._run(worker, job, self.handler))

    def _finish(
        self, job: EmulatedJob, status: JobStatus, output: Any = _UNSET, error: str | None = None
    ) -> None:
        if job.status.final:
            return
        if job.status is JobStatus.IN_QUEUE:
            with contextlib.suppress(ValueError):
                (self.low_queue if job.low_priority else self.queue).remove(job)
        elif job.task is not None and not job.task.done():
            job.cancel_flag.set()  # a thread-run handler sees it between chunks
            if asyncio.current_task() is not job.task:
                job.task.cancel()
        job.status, job.finished_at = status, self.service.clock.now()
        if output is not _UNSET:
            job.output = output
        job.error = error
        if status is JobStatus.COMPLETED:
            self.counts["completed"] += 1
        elif status is JobStatus.FAILED:
            self.counts["failed"] += 1
        job.done.set()
        if job.webhook:
            self.service.send_webhook(job.webhook, job.view())

    # ------------------------------------------------------------------ running handlers
    async def _run(self, worker: EmulatedWorker, job: EmulatedJob, handler: Handler) -> None:
        job_dict: dict[str, Any] = {"id": job.id, "input": job.input}
        if job.webhook:
            job_dict["webhook"] = job.webhook
        try:
            status, output, error = await self._call(handler, job, job_dict)
        except asyncio.CancelledError:
            status, output, error = JobStatus.CANCELLED, _UNSET, None
        finally:
            # The worker is busy until the handler has really returned: a thread cannot be killed.
            worker.job = None
            worker.idle_since = self.service.clock.now()
        if job.status is JobStatus.IN_PROGRESS and job.worker_id == worker.id:
            self._finish(job, status, output, error)
        self.schedule(self.service.clock.now())

    async def _call(
        self, handler: Handler, job: EmulatedJob, job_dict: dict[str, Any]
    ) -> tuple[JobStatus, Any, str | None]:
        if inspect.isasyncgenfunction(handler) or inspect.isgeneratorfunction(handler):
            try:
                async for chunk in self._chunks(handler, job, job_dict):
                    if isinstance(chunk, dict) and chunk.get("error"):
                        return JobStatus.FAILED, _UNSET, str(chunk["error"])
                    job.chunks.append(chunk)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                return (
                    JobStatus.FAILED,
                    _UNSET,
                    f"handler: {exc} \ntraceback: {traceback.format_exc()}",
                )
            return JobStatus.COMPLETED, list(job.chunks) if self.aggregate_stream else [], None
        try:
            if inspect.iscoroutinefunction(handler):
                result = await handler(job_dict)
            else:
                loop = asyncio.get_running_loop()
                result = await loop.run_in_executor(self.service.executor, handler, job_dict)
                if inspect.isawaitable(result):
                    result = await result
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return JobStatus.FAILED, _UNSET, _error_json(exc, job)
        if isinstance(result, dict) and "error" in result:
            result = dict(result)
            error = result.pop("error")
            if error:
                return JobStatus.FAILED, result or _UNSET, str(error)
        return JobStatus.COMPLETED, result, None

    async def _chunks(
        self, handler: Handler, job: EmulatedJob, job_dict: dict[str, Any]
    ) -> AsyncIterator[Any]:
        if inspect.isasyncgenfunction(handler):
            async for chunk in handler(job_dict):
                yield chunk
            return
        # A sync generator runs in a thread; its chunks come back through a queue.
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        flag = job.cancel_flag

        def drive() -> None:
            try:
                gen: Iterator[Any] = handler(job_dict)
                for chunk in gen:
                    loop.call_soon_threadsafe(chunks.put_nowait, ("chunk", chunk))
                    if flag.is_set():
                        break
            except BaseException as exc:  # handed to the event loop, re-raised there
                loop.call_soon_threadsafe(chunks.put_nowait, ("error", exc))
            else:
                loop.call_soon_threadsafe(chunks.put_nowait, ("end", None))

        future = loop.run_in_executor(self.service.executor, drive)
        try:
            while True:
                kind, value = await chunks.get()
                if kind == "end":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            flag.set()
            if not future.done():
                future.add_done_callback(lambda f: f.exception())  # never "never retrieved"


def _policy_seconds(
    policy: Mapping[str, Any], key: str, default: float | None, *, low: float, high: float
) -> Any:
    value = policy.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise JobError(400, f"policy.{key} must be a number of milliseconds")
    seconds = value / 1000
    if not low <= seconds <= high:
        raise JobError(
            400, f"policy.{key} must be between {int(low * 1000)} and {int(high * 1000)} ms"
        )
    return float(seconds)


def _error_json(exc: BaseException, job: EmulatedJob) -> str:
    """A failed handler's error as runpod-python's worker reports it: a JSON string."""
    return json.dumps(
        {
            "error_type": str(type(exc)),
            "error_message": str(exc),
            "error_traceback": traceback.format_exc(),
            "hostname": "emulator",
            "worker_id": job.worker_id,
        }
    )


class JobService:
    """Every endpoint's jobs, a thread pool for sync handlers, and the ticker that moves time."""

    TICK = 0.02  # real seconds between time checks while anything waits on the clock

    def __init__(self, world: World, clock: Clock, seed: int = 0) -> None:
        self.world = world
        self.clock = clock
        self.endpoints: dict[str, EndpointJobs] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._rng = random.Random(seed)
        self._ticker: asyncio.Task[None] | None = None
        self._webhooks: set[asyncio.Task[None]] = set()
        world.workers_of = self.workers_of  # what GET /v2/serverless/{id}/workers lists

    def workers_of(self, endpoint_id: str) -> list[WorkerInfo]:
        """The endpoint's workers now, oldest first (none until it is served or sent jobs)."""
        jobs = self.endpoints.get(endpoint_id)
        if jobs is None:
            return []
        now = self.clock.now()
        workers = sorted(jobs.workers.values(), key=lambda w: (w.started_at, w.id))
        return [WorkerInfo(w.id, w.state(now), w.started_at, w.ready_at) for w in workers]

    def new_job_id(self, sync: bool) -> str:
        job_id = f"{uuid.UUID(int=self._rng.getrandbits(128), version=4)}-u1"
        return f"sync-{job_id}" if sync else job_id

    def new_worker_id(self) -> str:
        return "".join(self._rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=14))

    def endpoint(self, endpoint_id: str) -> EndpointJobs:
        """The endpoint's job state; JobError(404) when the world has no such endpoint."""
        jobs = self.endpoints.get(endpoint_id)
        if jobs is None:
            if endpoint_id not in self.world.endpoints:
                raise JobError(404, f"endpoint {endpoint_id} not found")
            jobs = self.endpoints[endpoint_id] = EndpointJobs(self, endpoint_id)
        return jobs

    def serve(
        self,
        endpoint_id: str,
        handler: Handler,
        *,
        cold_start: float,
        return_aggregate_stream: bool,
        settings: Mapping[str, Any],
    ) -> EndpointJobs:
        if not callable(handler):
            raise TypeError("handler must be a function taking the job dict")
        if cold_start < 0:
            raise ValueError("cold_start must be >= 0")
        record = self.world.endpoints.get(endpoint_id)
        if record is None:  # the caller chose the id, so the record is made here
            record = EndpointRecord(id=endpoint_id, name=endpoint_id, created_at=self.world.now)
            self.world.endpoints[endpoint_id] = record
        chosen = {k: v for k, v in settings.items() if v is not None}
        if chosen:
            self.world.update_endpoint(endpoint_id, **chosen)
        jobs = self.endpoint(endpoint_id)
        jobs.handler, jobs.cold_start = handler, cold_start
        jobs.aggregate_stream = return_aggregate_stream
        now = self.clock.now()
        # Always-on (min) workers are warm when the endpoint is served, as deployed ones are.
        for _ in range(record.workers_min - len(jobs.workers)):
            worker = EmulatedWorker(
                self.new_worker_id(), ready_at=now, idle_since=now, started_at=now
            )
            jobs.workers[worker.id] = worker
        with contextlib.suppress(RuntimeError):  # no running loop yet: the first tick dispatches
            jobs.tick(now)
        return jobs

    def tick(self) -> None:
        now = self.clock.now()
        for jobs in list(self.endpoints.values()):
            if jobs.endpoint_id not in self.world.endpoints:  # deleted: its jobs are cancelled
                for job in list(jobs.jobs.values()):
                    jobs._finish(job, JobStatus.CANCELLED)
                del self.endpoints[jobs.endpoint_id]
                continue
            jobs.tick(now)

    async def wait(
        self, job: EmulatedJob, emulated_seconds: float, stopping: asyncio.Event
    ) -> None:
        """Until the job ends, ``emulated_seconds`` pass on the clock, or the emulator stops."""
        deadline = self.clock.now() + emulated_seconds
        while not job.done.is_set() and not stopping.is_set() and self.clock.now() < deadline:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(job.done.wait(), timeout=self.TICK)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        self._ticker = asyncio.get_running_loop().create_task(self._tick_forever())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        tasks = [j.task for e in self.endpoints.values() for j in e.jobs.values() if j.task]
        for task in [*tasks, *self._webhooks]:
            task.cancel()
        await asyncio.gather(*tasks, *self._webhooks, return_exceptions=True)
        for e in self.endpoints.values():
            for job in e.jobs.values():
                job.cancel_flag.set()  # generator threads stop at their next chunk
        if self._executor is not None:  # a handler still running in a thread finishes on its own
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    @property
    def executor(self) -> ThreadPoolExecutor:
        """Threads for sync handlers (made on first use; one per busy worker, at most 256)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(
                max_workers=256, thread_name_prefix="emulated-worker"
            )
        return self._executor

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(self.TICK)
            try:
                self.tick()
            except Exception:  # a bug here must not stop time for every later job
                log.exception("emulated job service tick failed")

    # ------------------------------------------------------------------ webhooks
    def send_webhook(self, url: str, payload: dict[str, Any]) -> None:
        try:
            task = asyncio.get_running_loop().create_task(_post_webhook(url, payload))
        except RuntimeError:
            return
        self._webhooks.add(task)
        task.add_done_callback(self._webhooks.discard)


async def _post_webhook(url: str, payload: dict[str, Any]) -> None:
    """POST the finished job to its webhook, 3 attempts 10 s apart (RunPod's documented retries)."""
    import aiohttp

    for attempt in range(3):
        try:
            async with aiohttp.ClientSession() as session:
                async with session.post(url, json=payload, timeout=aiohttp.ClientTimeout(10)) as r:
                    if r.status < 400:
                        return
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            log.warning("webhook %s attempt %d failed: %s", url, attempt + 1, exc)
        if attempt < 2:
            await asyncio.sleep(10)
