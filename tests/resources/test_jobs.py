"""rp.endpoint(...): serverless jobs against the emulator's job API — every call, every status,
streaming, time-outs with remote cancel, caller cancellation, faults on run, one poller for many."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from runpod_gql import (
    APIConnectionError,
    ConfigurationError,
    EndpointHealth,
    InputValidationError,
    JobCancelledError,
    JobFailedError,
    JobPolicy,
    JobStatus,
    JobTimedOutError,
    JobWaitTimeoutError,
    NotFoundError,
    RunPod,
    ServerError,
)
from runpod_gql._clock import SystemClock
from runpod_gql._config import RUNPOD_JOB_API, job_api_url
from runpod_gql.emulator import Emulator, Fault
from runpod_gql.emulator import JobStatus as EmulatedStatus
from tests.support import client_for


@pytest.fixture
async def rp(emu: Emulator) -> AsyncIterator[RunPod]:
    # Real time on the client: job waits race their time-outs against live HTTP requests, and
    # the tests move the emulator's clock themselves.
    async with client_for(emu, clock=SystemClock()) as client:
        yield client


async def wait_for_request(emu: Emulator, operation: str) -> None:
    """Until the emulator has seen a request of ``operation`` (bounded by the test time-out)."""
    while emu.request_count(operation) == 0:  # noqa: ASYNC110 - nothing to wait on but the log
        await asyncio.sleep(0.01)


def echo(job: dict[str, Any]) -> Any:
    return {"echo": job["input"]}


def test_base_url_resolution() -> None:
    assert job_api_url("https://api.runpod.io/graphql", {}) == RUNPOD_JOB_API
    assert job_api_url("http://127.0.0.1:9/graphql", {}) == "http://127.0.0.1:9/runtime/v2"
    env = {"RUNPOD_ENDPOINT_BASE_URL": "http://127.0.0.1:7/v2/"}
    assert job_api_url("https://api.runpod.io/graphql", env) == "http://127.0.0.1:7/v2"
    assert job_api_url("x", env, "https://other/v2") == "https://other/v2"
    with pytest.raises(ConfigurationError):
        job_api_url("x", {}, "ftp://nope")
    with pytest.raises(ConfigurationError, match="unencrypted"):  # the key would travel in clear
        job_api_url("x", {"RUNPOD_ENDPOINT_BASE_URL": "http://jobs.example.com/v2"})
    allowed = {"RUNPOD_ENDPOINT_BASE_URL": "http://jobs.example.com/v2"}
    assert job_api_url("x", allowed, allow_insecure_http=True) == "http://jobs.example.com/v2"


async def test_run_sync_and_status(emu: Emulator, rp: RunPod) -> None:
    emu.serve_endpoint("ep", echo, workers_min=1)
    ep = rp.endpoint("ep")
    assert ep is rp.endpoint("ep")  # one client (one poller) per endpoint
    assert await ep.run_sync({"a": 1}, timeout=30) == {"echo": {"a": 1}}
    job = await ep.run([1, 2])
    assert job.last is not None
    assert job.last.status is JobStatus.IN_QUEUE
    assert await job.result(timeout=30) == {"echo": [1, 2]}
    state = await job.status()
    assert state.status is JobStatus.COMPLETED
    assert state.output == {"echo": [1, 2]}
    assert state.delay_time == 0
    assert state.worker_id
    assert (await ep.job(job.id).status()).id == job.id


async def test_run_sync_outliving_runsync_wait_polls(emu: Emulator, rp: RunPod) -> None:
    release = asyncio.Event()
    started = asyncio.Event()

    async def slow(job: dict[str, Any]) -> str:
        started.set()
        await release.wait()
        return "done"

    emu.serve_endpoint("ep", slow, workers_min=1)
    call = asyncio.create_task(rp.endpoint("ep").run_sync(1, timeout=300))
    await started.wait()
    emu.clock.advance(91)  # runsync's 90 s wait runs out on the emulator: IN_PROGRESS answer
    await wait_for_request(emu, "status")
    release.set()
    assert await call == "done"
    assert emu.request_count("runsync") == 1


async def test_failed_job_raises_with_its_error(emu: Emulator, rp: RunPod) -> None:
    def broken(job: dict[str, Any]) -> Any:
        raise ValueError("bad weights")

    emu.serve_endpoint("ep", broken, workers_min=1)
    with pytest.raises(JobFailedError) as caught:
        await rp.endpoint("ep").run_sync({}, timeout=30)
    err = caught.value
    assert err.status == "FAILED"
    assert err.error["error_message"] == "bad weights"
    assert "bad weights" in str(err)
    assert err.job_id.startswith("sync-")

    job = await rp.endpoint("ep").run({})
    with pytest.raises(JobFailedError):
        await job.result(timeout=30)


async def test_cancelled_and_timed_out_jobs_raise(emu: Emulator, rp: RunPod) -> None:
    async def forever(job: dict[str, Any]) -> None:
        await asyncio.Event().wait()

    emu.serve_endpoint("ep", forever, workers_min=1, workers_max=1)
    ep = rp.endpoint("ep")
    running = await ep.run(1)
    waiter = asyncio.create_task(running.result())
    await asyncio.sleep(0.05)
    state = await running.cancel()
    assert state.status is JobStatus.CANCELLED
    with pytest.raises(JobCancelledError):
        await waiter

    timed = await ep.run(2, policy=JobPolicy(execution_timeout=10))
    waiter = asyncio.create_task(timed.result())
    await asyncio.sleep(0.05)
    emu.clock.advance(11)
    with pytest.raises(JobTimedOutError) as caught:
        await waiter
    assert isinstance(caught.value, TimeoutError)


async def test_our_timeout_cancels_the_remote_job_when_asked(emu: Emulator, rp: RunPod) -> None:
    emu.serve_endpoint("ep", echo, workers_max=0)  # never runs: stays queued
    ep = rp.endpoint("ep")
    kept = await ep.run(1)
    with pytest.raises(JobWaitTimeoutError) as caught:
        await kept.result(timeout=0.3)
    assert caught.value.cancelled is False
    assert (await kept.status()).status is JobStatus.IN_QUEUE

    dropped = await ep.run(2)
    with pytest.raises(JobWaitTimeoutError) as caught:
        await dropped.result(timeout=0.3, cancel_remote=True)
    assert caught.value.cancelled is True
    assert (await dropped.status()).status is JobStatus.CANCELLED

    with pytest.raises(JobWaitTimeoutError):
        await ep.run_sync(3, timeout=0.3, cancel_remote=True)
    queued = [j for j in emu.jobs.endpoint("ep").jobs.values() if j.input == 3]
    assert [j.status for j in queued] == [EmulatedStatus.CANCELLED]


async def test_caller_cancellation_cancels_the_remote_job_when_asked(
    emu: Emulator, rp: RunPod
) -> None:
    emu.serve_endpoint("ep", echo, workers_max=0)
    ep = rp.endpoint("ep")
    job = await ep.run(1)
    waiter = asyncio.create_task(job.result(cancel_remote=True))
    await asyncio.sleep(0.05)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert (await job.status()).status is JobStatus.CANCELLED
    other = await ep.run(2)
    waiter = asyncio.create_task(other.result())  # not asked: the job stays
    await asyncio.sleep(0.05)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert (await other.status()).status is JobStatus.IN_QUEUE


async def test_stream(emu: Emulator, rp: RunPod) -> None:
    async def words(job: dict[str, Any]) -> AsyncIterator[str]:
        for word in job["input"].split():
            yield word
            await asyncio.sleep(0)

    async def breaks(job: dict[str, Any]) -> AsyncIterator[int]:
        yield 1
        raise RuntimeError("GPU fell off")

    emu.serve_endpoint("words", words, workers_min=1)
    emu.serve_endpoint("breaks", breaks, workers_min=1)
    job = await rp.endpoint("words").run("a b c")
    assert [chunk async for chunk in job.stream()] == ["a", "b", "c"]
    job = await rp.endpoint("breaks").run(None)
    seen: list[Any] = []
    with pytest.raises(JobFailedError) as caught:
        async for chunk in job.stream():
            seen.append(chunk)
    assert seen == [1]
    assert "GPU fell off" in str(caught.value.error)


async def test_retry_purge_health(emu: Emulator, rp: RunPod) -> None:
    calls: list[int] = []

    def flaky(job: dict[str, Any]) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("once")
        return "ok"

    emu.serve_endpoint("ep", flaky, workers_min=1, workers_max=1)
    ep = rp.endpoint("ep")
    job = await ep.run(None)
    with pytest.raises(JobFailedError):
        await job.result(timeout=30)
    await job.retry()
    assert await job.result(timeout=30) == "ok"
    assert (await job.status()).retries == 1

    emu.serve_endpoint("idle", echo, workers_max=0)
    idle = rp.endpoint("idle")
    for n in range(3):
        await idle.run(n)
    health = await idle.health()
    assert isinstance(health, EndpointHealth)
    assert health.jobs.in_queue == 3
    assert await idle.purge_queue() == 3
    assert (await ep.health()).jobs.retried == 1


async def test_unknown_job_and_endpoint(emu: Emulator, rp: RunPod) -> None:
    emu.serve_endpoint("ep", echo)
    with pytest.raises(NotFoundError):
        await rp.endpoint("ep").status("no-such-job")
    with pytest.raises(NotFoundError):
        await rp.endpoint("ghost").run(1)
    with pytest.raises(InputValidationError):
        await rp.endpoint("ep").run(object())


async def test_many_waits_share_one_poller(emu: Emulator, rp: RunPod) -> None:
    release = asyncio.Event()

    async def gated(job: dict[str, Any]) -> int:
        await release.wait()
        return int(job["input"])

    emu.serve_endpoint("ep", gated, workers_min=50, workers_max=50)
    ep = rp.endpoint("ep")
    jobs = [await ep.run(n) for n in range(50)]
    results = asyncio.gather(*(job.result(timeout=600) for job in jobs))
    await asyncio.sleep(0.1)
    release.set()
    assert await results == list(range(50))
    # Every job was polled by the one poller: each status request is for a distinct job until
    # its interval has grown, never one loop per caller hammering at a fixed rate.
    assert emu.request_count("status") <= 50 * 8
    assert ep._poller.watches == {}


async def test_run_is_not_resent_once_it_may_have_arrived(emu: Emulator, rp: RunPod) -> None:
    emu.serve_endpoint("ep", echo, workers_max=0)
    ep = rp.endpoint("ep")
    emu.inject(Fault.DROP_AFTER, operations={"run"})
    with pytest.raises(APIConnectionError) as caught:
        await ep.run(1)
    assert caught.value.request_sent is True
    assert emu.request_count("run") == 1  # not resent
    assert len(emu.jobs.endpoint("ep").jobs) == 1  # the one job the lost answer was about

    emu.inject(Fault.RATE_LIMIT, operations={"run"})  # refused before applied: safe to resend
    job = await ep.run(2)
    assert emu.request_count("run") == 3
    assert len(emu.jobs.endpoint("ep").jobs) == 2
    assert job.id in emu.jobs.endpoint("ep").jobs

    # A 5xx may come from a proxy after RunPod queued the job: not resent either.
    emu.inject(Fault.SERVER_ERROR, operations={"run"}, status=502)
    with pytest.raises(ServerError):
        await ep.run(3)
    assert emu.request_count("run") == 4

    emu.inject(Fault.SERVER_ERROR, operations={"status"}, status=503)
    assert (await job.status()).status is JobStatus.IN_QUEUE  # reads are retried
