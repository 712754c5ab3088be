"""The emulator's serverless job API over HTTP: every route, every job status, workers, time and faults."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest
from aiohttp import web

from runpod_gql.emulator import Emulator, Fault, JobStatus, ManualClock


@pytest.fixture
async def emu(runpod_emulator: Emulator) -> Emulator:
    return runpod_emulator


@pytest.fixture
async def api(emu: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with httpx.AsyncClient(base_url=emu.jobs_url, headers=headers, timeout=30) as client:
        yield client


async def settled(emu: Emulator, endpoint_id: str, job_id: str) -> None:
    """Until the job has reached a final status (bounded by the test time-out)."""
    await emu.jobs.endpoint(endpoint_id).get(job_id).done.wait()


def echo(job: dict[str, Any]) -> Any:
    return {"echo": job["input"]}


async def test_run_then_status_through_cold_start(emu: Emulator, api: httpx.AsyncClient) -> None:
    emu.serve_endpoint("ep", echo, cold_start=3)
    r = await api.post("/ep/run", json={"input": {"x": 1}})
    assert r.status_code == 200
    job = r.json()
    assert job["status"] == "IN_QUEUE"
    assert (await api.get(f"/ep/status/{job['id']}")).json() == {
        "id": job["id"],
        "status": "IN_QUEUE",
    }
    health = (await api.get("/ep/health")).json()
    assert health["jobs"]["inQueue"] == 1
    assert health["workers"]["initializing"] == 1

    emu.clock.advance(3)
    emu.jobs.tick()
    await settled(emu, "ep", job["id"])
    done = (await api.get(f"/ep/status/{job['id']}")).json()
    assert done["status"] == "COMPLETED"
    assert done["output"] == {"echo": {"x": 1}}
    assert done["delayTime"] == 3000
    assert done["executionTime"] == 0
    assert done["workerId"]
    # POST works for status too (RunPod accepts both)
    assert (await api.post(f"/ep/status/{job['id']}")).json()["status"] == "COMPLETED"


async def test_rest_v2_lists_the_workers_the_jobs_run_on(
    emu: Emulator, api: httpx.AsyncClient
) -> None:
    release = asyncio.Event()

    async def held(job: dict[str, Any]) -> int:
        await release.wait()
        return int(job["input"])

    async with emu.client(api="rest") as rp:
        template = await rp.templates.save(name="w", image="worker:1", is_serverless=True)
        made = await rp.endpoints.save(name="ep", template_id=template.id, gpu_ids="ADA_24")
        assert (await rp.rest.list_endpoint_workers(made.id)).workers == []  # not served yet
        emu.serve_endpoint(made.id, held, cold_start=3, workers_min=1)
        ep = made.id
        warm = await rp.rest.list_endpoint_workers(ep)
        assert [w.status.value for w in warm.workers] == ["IDLE"]  # min workers start warm
        first = (await api.post(f"/{ep}/run", json={"input": 1})).json()
        second = (await api.post(f"/{ep}/run", json={"input": 2})).json()
        emu.jobs.tick()
        listed = await rp.rest.list_endpoint_workers(ep)
        # The first job runs on the warm worker; the second starts one, cold for 3 s.
        assert sorted(w.status.value for w in listed.workers) == ["INITIALIZING", "RUNNING"]
        summary = listed.summary
        assert (summary.running, summary.initializing, summary.total) == (1, 1, 2)
        cold = next(w for w in listed.workers if w.status.value == "INITIALIZING")
        assert cold.uptime_seconds is None and cold.started_at is not None
        health = (await api.get(f"/{ep}/health")).json()["workers"]
        assert (health["running"], health["initializing"]) == (1, 1)  # the same workers
        emu.clock.advance(3)
        emu.jobs.tick()
        release.set()
        await settled(emu, ep, first["id"])
        await settled(emu, ep, second["id"])
        ready = await rp.rest.list_endpoint_workers(ep)
        assert [w.status.value for w in ready.workers] == ["IDLE", "IDLE"]
        assert {w.id for w in ready.workers} == {w.id for w in listed.workers}
        placed = {(w.gpu_count, w.gpu_type_id, w.image) for w in ready.workers}
        assert placed == {(1, "NVIDIA GeForce RTX 4090", "worker:1")}  # the ADA_24 pool's first


async def test_runsync_waits_for_the_result(emu: Emulator, api: httpx.AsyncClient) -> None:
    async def handler(job: dict[str, Any]) -> int:
        await asyncio.sleep(0.05)
        return int(job["input"]) * 2

    emu.serve_endpoint("ep", handler, workers_min=1)
    r = await api.post("/ep/runsync", json={"input": 21})
    body = r.json()
    assert body["status"] == "COMPLETED"
    assert body["output"] == 42
    assert body["id"].startswith("sync-")


async def test_runsync_answers_in_progress_when_its_wait_runs_out(
    emu: Emulator, api: httpx.AsyncClient
) -> None:
    release = asyncio.Event()

    async def handler(job: dict[str, Any]) -> str:
        await release.wait()
        return "late"

    emu.serve_endpoint("ep", handler, workers_min=1)
    call = asyncio.create_task(api.post("/ep/runsync", params={"wait": 5000}, json={"input": 1}))
    await asyncio.sleep(0.1)
    assert not call.done()  # held: the clock has not moved
    emu.clock.advance(5)
    body = (await call).json()
    assert body["status"] == "IN_PROGRESS"
    release.set()
    await settled(emu, "ep", body["id"])
    assert (await api.get(f"/ep/status/{body['id']}")).json()["output"] == "late"


async def test_handler_errors_fail_the_job(emu: Emulator, api: httpx.AsyncClient) -> None:
    def handler(job: dict[str, Any]) -> Any:
        if job["input"] == "raise":
            raise RuntimeError("model not loaded")
        return {"error": "bad prompt", "partial": 1}

    emu.serve_endpoint("ep", handler, workers_min=1)
    raised = (await api.post("/ep/runsync", json={"input": "raise"})).json()
    assert raised["status"] == "FAILED"
    info = json.loads(raised["error"])
    assert info["error_message"] == "model not loaded"
    assert "RuntimeError" in info["error_type"]
    assert "Traceback" in info["error_traceback"]
    returned = (await api.post("/ep/runsync", json={"input": "x"})).json()
    assert returned["status"] == "FAILED"
    assert returned["error"] == "bad prompt"
    assert returned["output"] == {"partial": 1}
    assert (await api.get("/ep/health")).json()["jobs"]["failed"] == 2


async def test_generator_streams_chunks_once(emu: Emulator, api: httpx.AsyncClient) -> None:
    gate = asyncio.Event()

    async def handler(job: dict[str, Any]) -> AsyncIterator[str]:
        yield "a"
        yield "b"
        await gate.wait()
        yield "c"

    emu.serve_endpoint("ep", handler, workers_min=1)
    job_id = (await api.post("/ep/run", json={"input": None})).json()["id"]
    for _ in range(100):
        first = (await api.get(f"/ep/stream/{job_id}")).json()
        if first["stream"]:
            break
        await asyncio.sleep(0.01)
    assert first["status"] == "IN_PROGRESS"
    assert [c["output"] for c in first["stream"]] == ["a", "b"]
    gate.set()
    await settled(emu, "ep", job_id)
    last = (await api.get(f"/ep/stream/{job_id}")).json()
    assert last == {"id": job_id, "status": "COMPLETED", "stream": [{"output": "c"}]}
    assert (await api.get(f"/ep/stream/{job_id}")).json()["stream"] == []
    assert (await api.get(f"/ep/status/{job_id}")).json()["output"] == []


async def test_sync_generator_with_aggregate_output(emu: Emulator, api: httpx.AsyncClient) -> None:
    def handler(job: dict[str, Any]) -> Iterator[int]:
        yield from range(job["input"])

    emu.serve_endpoint("ep", handler, workers_min=1, return_aggregate_stream=True)
    body = (await api.post("/ep/runsync", json={"input": 4})).json()
    assert body["status"] == "COMPLETED"
    assert body["output"] == [0, 1, 2, 3]
    chunks = (await api.get(f"/ep/stream/{body['id']}")).json()["stream"]
    assert [c["output"] for c in chunks] == [0, 1, 2, 3]


async def test_generator_error_fails_the_job(emu: Emulator, api: httpx.AsyncClient) -> None:
    def handler(job: dict[str, Any]) -> Iterator[int]:
        yield 1
        raise ValueError("stream broke")

    emu.serve_endpoint("ep", handler, workers_min=1)
    body = (await api.post("/ep/runsync", json={"input": 1})).json()
    assert body["status"] == "FAILED"
    assert "stream broke" in body["error"]


async def test_cancel_queued_and_running_jobs(emu: Emulator, api: httpx.AsyncClient) -> None:
    started, cancelled = asyncio.Event(), asyncio.Event()

    async def handler(job: dict[str, Any]) -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.set()
            raise

    emu.serve_endpoint("ep", handler, workers_min=1, workers_max=1)
    running = (await api.post("/ep/run", json={"input": 1})).json()["id"]
    queued = (await api.post("/ep/run", json={"input": 2})).json()["id"]
    await started.wait()
    assert (await api.get(f"/ep/status/{running}")).json()["status"] == "IN_PROGRESS"
    assert (await api.get(f"/ep/status/{queued}")).json()["status"] == "IN_QUEUE"

    r = await api.post(f"/ep/cancel/{queued}")
    assert r.json() == {"id": queued, "status": "CANCELLED"}
    r = await api.post(f"/ep/cancel/{running}")
    assert r.json() == {"id": running, "status": "CANCELLED"}
    await cancelled.wait()  # the handler itself was stopped
    # cancelling a finished job changes nothing
    assert (await api.post(f"/ep/cancel/{running}")).json()["status"] == "CANCELLED"


async def test_execution_timeout_and_ttl(emu: Emulator, api: httpx.AsyncClient) -> None:
    async def forever(job: dict[str, Any]) -> None:
        await asyncio.Event().wait()

    emu.serve_endpoint("ep", forever, workers_min=1, workers_max=1, execution_timeout=30)
    slow = (await api.post("/ep/run", json={"input": 1})).json()["id"]
    per_job = (
        await api.post("/ep/run", json={"input": 2, "policy": {"executionTimeout": 10_000}})
    ).json()["id"]
    expiring = (await api.post("/ep/run", json={"input": 3, "policy": {"ttl": 20_000}})).json()[
        "id"
    ]
    await asyncio.sleep(0.05)
    emu.clock.advance(21)  # the queued job's TTL passes while it waits behind `slow`
    emu.jobs.tick()
    assert (await api.get(f"/ep/status/{expiring}")).json()["status"] == "TIMED_OUT"
    emu.clock.advance(10)  # `slow` hits the endpoint's 30 s limit
    emu.jobs.tick()
    assert (await api.get(f"/ep/status/{slow}")).json()["status"] == "TIMED_OUT"
    await asyncio.sleep(0.05)  # the freed worker takes `per_job`
    assert (await api.get(f"/ep/status/{per_job}")).json()["status"] == "IN_PROGRESS"
    emu.clock.advance(10)
    emu.jobs.tick()
    assert (await api.get(f"/ep/status/{per_job}")).json()["status"] == "TIMED_OUT"
    r = await api.post("/ep/run", json={"input": 1, "policy": {"executionTimeout": 10}})
    assert r.status_code == 400
    assert "executionTimeout" in r.json()["error"]


async def test_retry_requeues_a_failed_job(emu: Emulator, api: httpx.AsyncClient) -> None:
    attempts: list[int] = []

    def flaky(job: dict[str, Any]) -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first try fails")
        return "ok"

    emu.serve_endpoint("ep", flaky, workers_min=1)
    job_id = (await api.post("/ep/run", json={"input": 1})).json()["id"]
    await settled(emu, "ep", job_id)
    assert (await api.get(f"/ep/status/{job_id}")).json()["status"] == "FAILED"
    assert (await api.post(f"/ep/retry/{job_id}")).json() == {"id": job_id, "status": "IN_QUEUE"}
    await settled(emu, "ep", job_id)
    done = (await api.get(f"/ep/status/{job_id}")).json()
    assert done["status"] == "COMPLETED"
    assert done["output"] == "ok"
    assert done["retries"] == 1
    assert (await api.get("/ep/health")).json()["jobs"]["retried"] == 1
    r = await api.post(f"/ep/retry/{job_id}")
    assert r.status_code == 400
    assert "COMPLETED" in r.json()["error"]


async def test_purge_queue_and_unknown_ids(emu: Emulator, api: httpx.AsyncClient) -> None:
    emu.serve_endpoint("ep", echo, workers_max=0)  # no worker will ever take these
    ids = [(await api.post("/ep/run", json={"input": i})).json()["id"] for i in range(3)]
    assert (await api.get("/ep/health")).json()["jobs"]["inQueue"] == 3
    assert (await api.post("/ep/purge-queue")).json() == {"removed": 3, "status": "completed"}
    r = await api.get(f"/ep/status/{ids[0]}")
    assert r.status_code == 404
    assert r.json() == {"error": "request does not exist"}
    assert (await api.get("/nope/health")).status_code == 404
    assert (await api.get("/ep/bogus")).status_code == 404
    r = await api.get("/ep/run")
    assert r.status_code == 405
    assert r.headers["allow"] == "POST"
    assert (await api.post("/ep/run", json={"no": "input"})).status_code == 400
    assert (await api.post("/ep/run", content=b"{")).status_code == 400


async def test_auth(emu: Emulator) -> None:
    emu.serve_endpoint("ep", echo)
    async with httpx.AsyncClient(base_url=emu.jobs_url) as anon:
        assert (await anon.get("/ep/health")).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert (await anon.get("/ep/health", headers=wrong)).status_code == 401
        bare = {"Authorization": emu.api_key}  # RunPod's curl examples send the bare key
        assert (await anon.get("/ep/health", headers=bare)).status_code == 200


async def test_workers_scale_up_to_max_and_idle_out(emu: Emulator, api: httpx.AsyncClient) -> None:
    gate = asyncio.Event()

    async def handler(job: dict[str, Any]) -> None:
        await gate.wait()

    emu.serve_endpoint("ep", handler, workers_max=2, idle_timeout=5, cold_start=1)
    ids = [(await api.post("/ep/run", json={"input": i})).json()["id"] for i in range(3)]
    workers = (await api.get("/ep/health")).json()["workers"]
    assert workers["initializing"] == 2  # capped at workersMax, though 3 jobs wait
    emu.clock.advance(1)
    emu.jobs.tick()
    await asyncio.sleep(0.05)
    health = (await api.get("/ep/health")).json()
    assert health["workers"]["running"] == 2
    assert health["jobs"] == {
        "completed": 0,
        "failed": 0,
        "inProgress": 2,
        "inQueue": 1,
        "retried": 0,
    }
    gate.set()
    for job_id in ids:
        await settled(emu, "ep", job_id)
    assert (await api.get("/ep/health")).json()["workers"]["idle"] == 2
    emu.clock.advance(5)
    assert (await api.get("/ep/health")).json()["workers"]["idle"] == 0  # idle time-out


async def test_results_expire(emu: Emulator, api: httpx.AsyncClient) -> None:
    emu.serve_endpoint("ep", echo, workers_min=1)
    sync_id = (await api.post("/ep/runsync", json={"input": 1})).json()["id"]
    async_id = (await api.post("/ep/run", json={"input": 1})).json()["id"]
    await settled(emu, "ep", async_id)
    emu.clock.advance(61)
    emu.jobs.tick()
    assert (await api.get(f"/ep/status/{sync_id}")).status_code == 404  # 1 minute for runsync
    assert (await api.get(f"/ep/status/{async_id}")).status_code == 200
    emu.clock.advance(30 * 60)
    emu.jobs.tick()
    assert (await api.get(f"/ep/status/{async_id}")).status_code == 404  # 30 minutes for run


async def test_faults_apply_to_the_job_api(emu: Emulator, api: httpx.AsyncClient) -> None:
    emu.serve_endpoint("ep", echo, workers_max=0)
    emu.inject(Fault.SERVER_ERROR, operations={"run"}, status=503)
    assert (await api.post("/ep/run", json={"input": 1})).status_code == 503
    assert emu.jobs.endpoint("ep").jobs == {}  # not applied
    emu.inject(Fault.DROP_AFTER, operations={"run"})
    with pytest.raises(httpx.RemoteProtocolError):
        await api.post("/ep/run", json={"input": 1})
    assert len(emu.jobs.endpoint("ep").jobs) == 1  # applied, answer lost
    emu.inject(Fault.RATE_LIMIT, operations={"health"}, retry_after=2)
    r = await api.get("/ep/health")
    assert (r.status_code, r.headers["retry-after"]) == (429, "2")
    assert emu.request_count("run") == 2
    assert [r.fault for r in emu.requests if r.operation == "run"] == [
        Fault.SERVER_ERROR,
        Fault.DROP_AFTER,
    ]


async def test_deleting_the_endpoint_cancels_its_jobs(
    emu: Emulator, api: httpx.AsyncClient
) -> None:
    emu.serve_endpoint("ep", echo, workers_max=0)
    job_id = (await api.post("/ep/run", json={"input": 1})).json()["id"]
    job = emu.jobs.endpoint("ep").get(job_id)
    emu.state.delete_endpoint("ep")
    emu.jobs.tick()
    assert job.status is JobStatus.CANCELLED
    assert (await api.get(f"/ep/status/{job_id}")).status_code == 404


async def test_webhook_gets_the_finished_job(emu: Emulator, api: httpx.AsyncClient) -> None:
    received: asyncio.Queue[Any] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        await received.put(await request.json())
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        emu.serve_endpoint("ep", echo, workers_min=1)
        url = f"http://127.0.0.1:{port}/hook"
        job_id = (await api.post("/ep/run", json={"input": 5, "webhook": url})).json()["id"]
        payload = await received.get()
        assert payload["id"] == job_id
        assert payload["status"] == "COMPLETED"
        assert payload["output"] == {"echo": 5}
    finally:
        await runner.cleanup()


async def test_scaled_clock_runs_jobs_without_help(runpod_emulator_factory: Any) -> None:
    emu: Emulator = await runpod_emulator_factory(speed=1000)
    emu.serve_endpoint("ep", echo, cold_start=2)
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with aiohttp.ClientSession(headers=headers) as s:
        async with s.post(f"{emu.jobs_url}/ep/runsync", json={"input": 1}) as r:
            body = await r.json()
    assert body["status"] == "COMPLETED"
    assert body["delayTime"] >= 2000  # the cold start, in emulated time


def test_manual_clock_fixture_is_manual(emu: Emulator) -> None:
    assert isinstance(emu.clock, ManualClock)


def test_cli_serves_a_handler_module(tmp_path: Path) -> None:
    (tmp_path / "my_worker.py").write_text(
        "def handler(job):\n    return {'upper': job['input']['text'].upper()}\n"
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "runpod_gql.emulator",
            "--port=0",
            "--job-port=0",
            "--api-key=k",
            "--cold-start=0",
            "--endpoint",
            "my-ep=my_worker:handler",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        while not any(line.startswith("endpoint my-ep:") for line in lines):
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "emulator exited"
            lines.append(line)
        base = next(line for line in lines if line.startswith("RUNPOD_ENDPOINT_BASE_URL="))
        jobs_url = base.split("=", 1)[1].split()[0]
        assert any(line.startswith("endpoint my-ep:") for line in lines)
        r = httpx.post(
            f"{jobs_url}/my-ep/runsync",
            json={"input": {"text": "hi"}},
            headers={"Authorization": "Bearer k"},
            timeout=30,
        )
        assert r.json()["output"] == {"upper": "HI"}
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err


def test_cli_rejects_a_bad_endpoint_spec(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "runpod_gql.emulator", "--endpoint", "ep=nosuchmodule:fn"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "cannot import nosuchmodule" in proc.stderr


async def test_main_port_serves_the_job_api_too(emu: Emulator) -> None:
    emu.serve_endpoint("ep", echo, workers_min=1)
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with httpx.AsyncClient(base_url=f"{emu.base_url}/runtime/v2", headers=headers) as c:
        assert (await c.post("/ep/runsync", json={"input": 7})).json()["output"] == {"echo": 7}
