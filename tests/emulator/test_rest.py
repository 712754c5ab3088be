"""REST v2 on the emulator: one account seen through both APIs, the pod status table, logs as
server-sent events, the catalogue's include rules, and the wire contract (auth, limits, problems)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from runpod_gql.emulator import CAPACITY_ERROR, Emulator, Fault

from .conftest import post

A40 = "NVIDIA A40"
POD = {"name": "train", "image": "runpod/pytorch", "gpu": {"id": A40}, "ports": ["22/tcp"]}


@pytest.fixture
async def rest(runpod_emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {runpod_emulator.api_key}"}
    async with httpx.AsyncClient(base_url=runpod_emulator.rest_url, headers=headers) as client:
        yield client


async def make_pod(rest: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    r = await rest.post("/pods", json={**POD, **fields})
    assert r.status_code == 201, r.text
    pod: dict[str, Any] = r.json()
    return pod


# ------------------------------------------------------------------ one account, two APIs
async def test_a_pod_made_over_graphql_is_listed_over_rest_and_the_reverse(
    runpod_emulator: Emulator, http: httpx.AsyncClient, rest: httpx.AsyncClient
) -> None:
    made = await post(
        http,
        "mutation($i: PodFindAndDeployOnDemandInput!) { podFindAndDeployOnDemand(input: $i) { id } }",
        {
            "i": {
                "gpuTypeId": A40,
                "name": "gql",
                "imageName": "img",
                "env": [{"key": "A", "value": "1"}],
            }
        },
    )
    gql_id = made.json()["data"]["podFindAndDeployOnDemand"]["id"]
    listed = {p["id"]: p for p in (await rest.get("/pods")).json()["pods"]}
    assert listed[gql_id]["env"] == {"A": "1"} and listed[gql_id]["gpu"] == {"id": A40, "count": 1}

    rest_pod = await make_pod(rest, env={"B": "2"})
    read = await post(
        http,
        "query($id: String!) { pod(input: {podId: $id}) { id name env desiredStatus } }",
        {"id": rest_pod["id"]},
    )
    assert read.json()["data"]["pod"] == {
        "id": rest_pod["id"],
        "name": "train",
        "env": ["B=2"],
        "desiredStatus": "CREATED",
    }
    # Stopped over REST, seen stopped over GraphQL; terminated over GraphQL, gone over REST.
    assert (
        await rest.post(f"/pods/{rest_pod['id']}/action", json={"action": "stop"})
    ).status_code == 200
    read = await post(
        http,
        "query($id: String!) { pod(input: {podId: $id}) { desiredStatus } }",
        {"id": rest_pod["id"]},
    )
    assert read.json()["data"]["pod"]["desiredStatus"] == "EXITED"
    await post(
        http, "mutation($id: String!) { podTerminate(input: {podId: $id}) }", {"id": rest_pod["id"]}
    )
    assert (await rest.get(f"/pods/{rest_pod['id']}")).status_code == 404


async def test_endpoints_templates_volumes_and_keys_are_one_record_each(
    http: httpx.AsyncClient, rest: httpx.AsyncClient
) -> None:
    endpoint = (
        await rest.post(
            "/serverless",
            json={
                "name": "infer",
                "type": "QUEUE",
                "image": "me/worker:1",
                "gpu": {"pools": ["ADA_24", "AMPERE_48"]},
                "scaling": {"type": "QUEUE_DELAY", "queueDelay": 4},
                "workers": {"min": 1, "max": 5},
            },
        )
    ).json()
    assert endpoint["requestUrls"]["run"].endswith(f"/{endpoint['id']}/run")
    gql = await post(
        http, "{ myself { endpoints { id gpuIds workersMin workersMax scalerType scalerValue } } }"
    )
    assert gql.json()["data"]["myself"]["endpoints"] == [
        {
            "id": endpoint["id"],
            "gpuIds": "ADA_24,AMPERE_48",
            "workersMin": 1,
            "workersMax": 5,
            "scalerType": "QUEUE_DELAY",
            "scalerValue": 4,
        }
    ]
    await post(
        http,
        'mutation { saveTemplate(input: {name: "t1", imageName: "img", ports: "8888/http"}) { id } }',
    )
    templates = (await rest.get("/templates")).json()["templates"]
    assert [(t["name"], t["ports"]) for t in templates] == [("t1", ["8888/http"])]
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host"
    assert (await rest.put("/account/ssh-keys", json={"keys": [key]})).json() == {"keys": [key]}
    gql = await post(http, "{ myself { pubKey } }")
    assert gql.json()["data"]["myself"]["pubKey"] == key
    pod = await make_pod(rest, startSsh=True)
    assert pod["env"]["PUBLIC_KEY"] == key  # startSsh injects the account's keys


# ------------------------------------------------------------------ pod statuses and actions
async def test_status_table_drives_actions_and_409s(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    pod = await make_pod(rest)
    assert (pod["status"], pod["actions"], pod["runtime"]) == (
        "PROVISIONING",
        ["stop", "terminate"],
        None,
    )
    runpod_emulator.clock.advance(12)
    assert (await rest.get(f"/pods/{pod['id']}")).json()["status"] == "STARTING"
    runpod_emulator.clock.advance(20)  # booted and past the ssh delay
    running = (await rest.get(f"/pods/{pod['id']}")).json()
    assert running["status"] == "RUNNING" and running["actions"] == ["stop", "restart", "terminate"]
    assert running["ssh"]["direct"]["port"] == running["runtime"]["ports"][-1]["public"]
    assert running["cost"] > 0
    refused = await rest.post(f"/pods/{pod['id']}/action", json={"action": "start"})
    assert (
        refused.status_code == 409 and refused.headers["content-type"] == "application/problem+json"
    )
    assert (
        await rest.post(f"/pods/{pod['id']}/action", json={"action": "reset"})
    ).status_code == 422
    stopped = (await rest.post(f"/pods/{pod['id']}/action", json={"action": "stop"})).json()
    assert (stopped["status"], stopped["cost"], stopped["runtime"], stopped["ssh"]["direct"]) == (
        "EXITED",
        0.0,
        None,
        None,
    )
    assert stopped["actions"] == ["start", "terminate"]
    started = (await rest.post(f"/pods/{pod['id']}/action", json={"action": "start"})).json()
    assert started["status"] == "RUNNING"
    gone = await rest.post(f"/pods/{pod['id']}/action", json={"action": "terminate"})
    assert gone.status_code == 204 and gone.content == b""
    assert (await rest.delete(f"/pods/{pod['id']}")).status_code == 404


async def test_an_image_that_cannot_be_pulled_fails_the_pod(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    runpod_emulator.fail_image("me/private:missing")
    pod = await make_pod(rest, image="me/private:missing")
    runpod_emulator.clock.advance(30)
    failed = (await rest.get(f"/pods/{pod['id']}")).json()
    assert (failed["status"], failed["actions"], failed["cost"]) == (
        "ERROR",
        ["start", "terminate"],
        0.0,
    )
    assert any("failed to pull image" in ln.line for ln in runpod_emulator.state.logs[pod["id"]])


async def test_create_rules_capacity_and_balance(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    both = await rest.post("/pods", json={**POD, "cpu": {"id": "cpu3c", "vcpuCount": 2}})
    assert both.status_code == 400 and "exactly one of gpu or cpu" in both.json()["detail"]
    extra = await rest.post("/pods", json={**POD, "machine": "x"})
    assert extra.status_code == 422
    assert extra.json()["errors"] == ["$: additional properties 'machine' not allowed"]
    assert extra.json()["detail"] == "Request validation failed."
    no_image = await rest.post("/pods", json={"name": "x", "gpu": {"id": A40}})
    assert no_image.json()["errors"] == ["$: missing property 'image'"]
    runpod_emulator.set_stock(A40, 0)
    full = await rest.post("/pods", json=POD)
    assert (full.status_code, full.json()["detail"]) == (400, CAPACITY_ERROR)
    runpod_emulator.state.client_balance = 0
    broke = await rest.post(
        "/pods", json={"name": "c", "image": "i", "cpu": {"id": "cpu3c", "vcpuCount": 4}}
    )
    assert broke.status_code == 402


# ------------------------------------------------------------------ logs
async def read_events(response: httpx.Response, count: int) -> list[tuple[str, dict[str, Any]]]:
    events: list[tuple[str, dict[str, Any]]] = []
    event_id = ""
    async for line in response.aiter_lines():
        if line.startswith("id: "):
            event_id = line[4:]
        elif line.startswith("data: "):
            events.append((event_id, json.loads(line[6:])))
            if len(events) == count:
                break
    return events


async def test_logs_stream_with_tail_source_since_and_last_event_id(
    runpod_emulator: Emulator, rest: httpx.AsyncClient, http: httpx.AsyncClient
) -> None:
    pod = await make_pod(rest)
    runpod_emulator.clock.advance(25)  # boot lines: scheduled, pulled, started (system)
    runpod_emulator.write_log(pod["id"], "epoch 1")
    r = await http.post("/_emulator/logs", json={"pod_id": pod["id"], "line": "epoch 2"})
    assert r.status_code == 200
    url = f"/pods/{pod['id']}/logs"
    async with rest.stream("GET", url, params={"tail": 2}) as stream:
        assert stream.headers["content-type"] == "text/event-stream"
        assert stream.headers["cache-control"] == "no-cache"
        events = await read_events(stream, 2)
    assert [e["line"] for _, e in events] == ["epoch 1", "epoch 2"]
    last_id = events[0][0]
    assert last_id.endswith("/000000000004")
    async with rest.stream(
        "GET", url, params={"source": "container"}, headers={"Last-Event-ID": last_id}
    ) as stream:
        assert [e["line"] for _, e in await read_events(stream, 1)] == ["epoch 2"]
    async with rest.stream(
        "GET", url, params={"source": "system", "since": "2026-01-01T00:00:10Z"}
    ) as stream:
        assert [e["line"] for _, e in await read_events(stream, 2)] == [
            "Pulled image runpod/pytorch",
            "Container started",
        ]
    # Following: a line written while the stream is open arrives on it.
    async with rest.stream("GET", url, params={"tail": 0}) as stream:
        later = asyncio.get_running_loop().call_later(
            0.1, runpod_emulator.write_log, pod["id"], "epoch 3"
        )
        assert [e["line"] for _, e in await read_events(stream, 1)] == ["epoch 3"]
        later.cancel()
    # A stopped pod's stream ends after its lines.
    await rest.post(f"/pods/{pod['id']}/action", json={"action": "stop"})
    r = await rest.get(url, params={"tail": 1})
    assert "Container stopped" in r.text
    bad = await rest.get(url, headers={"Last-Event-ID": "yesterday"})
    assert bad.status_code == 422


# ------------------------------------------------------------------ catalogue
async def test_gpu_availability_follows_stock_and_the_include_rules(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    assert (await rest.get("/catalog/gpus", params={"include": "AVAILABILITY"})).status_code == 400
    assert (await rest.get("/catalog/gpus", params={"count": 2})).status_code == 400
    both = {
        "include": "AVAILABILITY",
        "product": "POD",
        "cudaVersions": "12.8",
        "minCudaVersion": "12",
    }
    assert (await rest.get("/catalog/gpus", params=both)).status_code == 400
    plain = (await rest.get(f"/catalog/gpus/{A40}", params={"whatever": "ignored"})).json()
    assert "availability" not in plain and plain["pool"] == "AMPERE_48"
    runpod_emulator.set_stock(A40, 0, "US-TX-3")
    params: dict[str, str | int] = {
        "include": "AVAILABILITY",
        "product": "POD,SERVERLESS",
        "count": 1,
    }
    a40 = (await rest.get(f"/catalog/gpus/{A40}", params=params)).json()
    levels = {d["id"]: d["availability"] for d in a40["dataCenters"]}
    assert (
        levels["US-TX-3"] == "NONE"
        and levels["EU-RO-1"] == "MEDIUM"
        and a40["availability"] == "MEDIUM"
    )
    runpod_emulator.set_stock(A40, 0)
    none = (await rest.get(f"/catalog/gpus/{A40}", params=params)).json()
    assert none["availability"] == "NONE" and "dataCenters" not in none
    dcs = (
        await rest.get(
            "/catalog/datacenters", params={"include": "GPU_AVAILABILITY", "regions": "EUROPE"}
        )
    ).json()
    assert [d["id"] for d in dcs["dataCenters"]] == ["EU-RO-1", "EU-CZ-1"]


# ------------------------------------------------------------------ wire contract
async def test_bearer_only_problem_json_and_request_ids(runpod_emulator: Emulator) -> None:
    runpod_emulator.set_rate_limit(100, 5)
    async with httpx.AsyncClient(base_url=runpod_emulator.rest_url) as client:
        anonymous = await client.get("/pods")
        assert (
            anonymous.status_code == 401
            and anonymous.headers["content-type"] == "application/problem+json"
        )
        assert "ratelimit" not in anonymous.headers and anonymous.headers["x-request-id"]
        by_param = await client.get("/pods", params={"api_key": runpod_emulator.api_key})
        assert by_param.status_code == 401  # GraphQL's ?api_key= is not accepted by v2
        ok = await client.get(
            "/pods", headers={"Authorization": f"Bearer {runpod_emulator.api_key}"}
        )
        assert ok.headers["ratelimit-policy"] == '"bucket";q=5;w=1'
        assert ok.headers["ratelimit"].startswith('"bucket";r=4;')
        assert ok.headers["x-request-id"] != anonymous.headers["x-request-id"]
        spec = await client.get("/openapi.json")  # the document is public
        assert spec.status_code == 200 and spec.json()["info"]["title"] == "Runpod REST API"


async def test_429_405_and_404_answers(runpod_emulator: Emulator, rest: httpx.AsyncClient) -> None:
    patch = await rest.patch("/registries/abc", json={"name": "x"})
    assert patch.status_code == 405 and patch.headers["allow"] == "DELETE, GET"
    assert (await rest.get("/networkvolumes")).status_code == 404
    runpod_emulator.set_rate_limit(0.5, 1)
    assert (await rest.get("/pods")).status_code == 200
    limited = await rest.get("/pods")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert limited.headers["ratelimit"].startswith('"bucket";r=0;')


async def test_faults_by_operation_id_and_the_request_log(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    runpod_emulator.inject(Fault.SERVER_ERROR, operations={"createPod"})
    failed = await rest.post("/pods", json=POD)
    assert failed.status_code == 500 and failed.json()["status"] == 500
    assert runpod_emulator.state.pods == {}  # not applied
    runpod_emulator.inject(Fault.DROP_AFTER, operations={"createPod"})
    with pytest.raises(httpx.RemoteProtocolError):
        await rest.post("/pods", json={**POD, "env": {"password": "hunter2"}})
    assert len(runpod_emulator.state.pods) == 1  # applied, the answer lost
    runpod_emulator.inject(Fault.RATE_LIMIT, operations={"listPods"}, retry_after=7)
    assert (await rest.get("/pods")).headers["retry-after"] == "7"
    log = [(r.api, r.method, r.path, r.operation, r.status) for r in runpod_emulator.requests]
    assert log == [
        ("rest", "POST", "/v2/pods", "createPod", 500),
        ("rest", "POST", "/v2/pods", "createPod", None),
        ("rest", "GET", "/v2/pods", "listPods", 429),
    ]
    assert runpod_emulator.requests[1].variables["env"] == {"password": "***"}
    assert runpod_emulator.request_count("createPod") == 2


# ------------------------------------------------------------------ templates, volumes, billing
async def test_template_and_volume_rules(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    template = (await rest.post("/templates", json={"name": "t", "image": "img"})).json()
    assert (template["startSsh"], template["startJupyter"]) == (True, True)
    pod = await make_pod(rest, templateId=template["id"])
    in_use = await rest.delete(f"/templates/{template['id']}")
    assert in_use.status_code == 400 and pod["id"] in in_use.json()["detail"]
    assert (await rest.patch("/templates/runpod-ubuntu", json={"name": "mine"})).status_code == 404
    assert (await rest.get("/templates/runpod-ubuntu")).status_code == 200  # public: readable
    no_volumes = await rest.post(
        "/network-volumes", json={"name": "v", "size": 10, "dataCenter": "EU-CZ-1"}
    )
    assert no_volumes.status_code == 400 and "EU-RO-1" in no_volumes.json()["detail"]
    assert (
        await rest.post("/network-volumes", json={"name": "v", "size": 5, "dataCenter": "EU-RO-1"})
    ).status_code == 422
    volume = (
        await rest.post("/network-volumes", json={"name": "v", "size": 20, "dataCenter": "EU-RO-1"})
    ).json()
    assert (
        await rest.patch(f"/network-volumes/{volume['id']}", json={"size": 10})
    ).status_code == 400
    assert (await rest.patch(f"/network-volumes/{volume['id']}", json={"size": 30})).json()[
        "size"
    ] == 30


async def test_billing_reads_the_ledger(runpod_emulator: Emulator, rest: httpx.AsyncClient) -> None:
    pod = await make_pod(rest)
    cost = runpod_emulator.state.pods[pod["id"]].cost_per_hr
    runpod_emulator.clock.advance(2 * 3600)
    records = (await rest.get("/billing/pods", params={"bucketSize": "hour", "lastN": 3})).json()
    total = sum(r["totalAmount"] for r in records["records"])
    assert total == pytest.approx(2 * cost, rel=1e-3)
    assert records["metadata"]["uniquePodCount"] == 1
    account = (await rest.get("/billing", params={"bucketSize": "day"})).json()
    assert account["metadata"]["totals"]["totalAmount"] == pytest.approx(2 * cost, rel=1e-3)
    assert (
        await rest.get("/billing", params={"lastN": 2, "startTime": "2026-01-01T00:00:00Z"})
    ).status_code == 400


def test_every_operation_of_the_document_has_a_handler() -> None:
    from runpod_gql.emulator._openapi import load_document
    from runpod_gql.emulator._rest_ops import HANDLERS

    assert set(HANDLERS) == set(load_document().operations)
    assert len(HANDLERS) == 53


# ------------------------------------------------------------------ the newer document's pages
async def test_pods_can_be_listed_a_page_at_a_time(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    made = []
    for i in range(5):
        made.append((await make_pod(rest, name=f"p{i}"))["id"])
        runpod_emulator.clock.advance(1)  # the fixture runs on a ManualClock
    assert "pagination" not in (await rest.get("/pods")).json()  # v2.9.0: all at once
    runpod_emulator.state.rest_page_size = 2
    seen, cursor, pages = [], None, 0
    while True:
        answer = (await rest.get("/pods", params={"cursor": cursor} if cursor else {})).json()
        seen += [p["id"] for p in answer["pods"]]
        pages += 1
        if not answer["pagination"]["hasNextPage"]:
            assert answer["pagination"]["nextCursor"] is None
            break
        cursor = answer["pagination"]["nextCursor"]
        if pages == 1:  # a pod made between pages is newer than the cursor: not handed out
            await make_pod(rest, name="late")
    assert pages == 3 and seen == list(reversed(made))  # newest first, each once, not "late"
    one = (await rest.get("/pods", params={"limit": "1"})).json()
    assert len(one["pods"]) == 1 and one["pagination"]["hasNextPage"]


async def test_templates_and_endpoints_are_paged_like_pods(
    runpod_emulator: Emulator, rest: httpx.AsyncClient
) -> None:
    runpod_emulator.state.rest_page_size = 2
    for i in range(3):
        body = {"name": f"t{i}", "image": "img"}
        assert (await rest.post("/templates", json=body)).status_code == 201
        runpod_emulator.clock.advance(1)
    first = (await rest.get("/templates")).json()
    assert len(first["templates"]) == 2 and first["pagination"]["hasNextPage"]
    assert first["templates"][0]["name"] == "t2"  # newest first
    rest_of = await rest.get("/templates", params={"cursor": first["pagination"]["nextCursor"]})
    assert [t["name"] for t in rest_of.json()["templates"]] == ["t0"]
    wrong = await rest.get("/serverless", params={"cursor": first["pagination"]["nextCursor"]})
    assert wrong.status_code == 422  # a cursor is valid only for the list it came from
    assert (await rest.get("/serverless")).json() == {
        "endpoints": [],
        "pagination": {"nextCursor": None, "hasNextPage": False},
    }


FOREIGN_CURSOR = base64.urlsafe_b64encode(b"listTemplates|0.0|t1").decode()


@pytest.mark.parametrize(
    "params",
    [{"cursor": "not-base64!"}, {"cursor": FOREIGN_CURSOR}, {"limit": "0"}, {"limit": "1001"}],
)
async def test_a_bad_cursor_or_limit_is_a_422(
    runpod_emulator: Emulator, rest: httpx.AsyncClient, params: dict[str, str]
) -> None:
    runpod_emulator.state.rest_page_size = 2
    r = await rest.get("/pods", params=params)
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
