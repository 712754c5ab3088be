"""Generated operations through the real stack: what goes on the wire, what comes back typed."""

from __future__ import annotations

import datetime
import json

from runpod_gql_rest.models import CreateGpuConfig, CreatePodRequest, PodActionRequest, PodStatus
from runpod_gql_rest.models.pod_action import PodAction

from runpod_gql import RunPod
from runpod_gql.backends.rest import RestBackend

from .support import TEST_KEY, ScriptedServer, answer, example

POD = example("/v2/pods/{id}")


async def test_get_pod_sends_a_bearer_get_and_returns_the_typed_pod(
    rp: RunPod, server: ScriptedServer
) -> None:
    server.on("GET", f"/v2/pods/{POD['id']}", answer(200, POD))
    pod = await rp.rest.get_pod(POD["id"])
    assert pod.id == POD["id"]
    assert isinstance(pod.status, PodStatus)
    assert pod.data_center_id == POD["dataCenterId"]
    (seen,) = server.seen
    assert seen.headers["authorization"] == f"Bearer {TEST_KEY}"
    assert seen.query == {}  # v2 refuses ?api_key=: the key goes only in the header
    assert seen.body == b""


async def test_list_envelopes_are_unwrapped_and_booleans_sent_as_the_document_says(
    rp: RunPod, server: ScriptedServer
) -> None:
    server.on("GET", "/v2/pods", answer(200, {"pods": [POD, POD]}))
    pods = await rp.rest.list_pods(include_cluster_pods=True)
    assert [p.id for p in pods] == [POD["id"], POD["id"]]
    assert server.seen[0].query == {"includeClusterPods": "true"}


async def test_array_query_parameters_are_form_style_not_exploded(
    rp: RunPod, server: ScriptedServer
) -> None:
    server.on("GET", "/v2/catalog/gpus", answer(200, {"gpus": []}))
    await rp.rest.list_gpu_types(
        include=["AVAILABILITY"], product=["POD", "SERVERLESS"], count=2, country_codes=["FR"]
    )
    assert server.seen[0].query == {
        "include": "AVAILABILITY",
        "product": "POD,SERVERLESS",
        "count": "2",
        "countryCodes": "FR",
    }


async def test_timestamps_go_out_as_rfc3339(rp: RunPod, server: ScriptedServer) -> None:
    server.on("GET", "/v2/billing/pods", answer(200, example("/v2/billing/pods")))
    since = datetime.datetime(2026, 5, 1, tzinfo=datetime.timezone.utc)
    result = await rp.rest.list_pod_billing(start_time=since, bucket_size="day", pod_id="p1")
    assert server.seen[0].query == {
        "startTime": "2026-05-01T00:00:00Z",
        "bucketSize": "day",
        "podId": "p1",
    }
    assert result.records is not None


async def test_create_sends_only_the_fields_set_under_their_wire_names(
    rp: RunPod, server: ScriptedServer
) -> None:
    server.on("POST", "/v2/pods", answer(201, POD))
    body = CreatePodRequest(
        name="train",
        image="runpod/pytorch",
        gpu=CreateGpuConfig(id="NVIDIA A40", count=1),
        data_center_ids=["EU-RO-1"],
        env={"A": "1"},
        registry=None,
    )
    pod = await rp.rest.create_pod(body)
    assert pod.id == POD["id"]
    sent = server.seen[0]
    assert sent.headers["content-type"] == "application/json"
    assert sent.json() == {
        "name": "train",
        "image": "runpod/pytorch",
        "gpu": {"id": "NVIDIA A40", "count": 1},
        "dataCenterIds": ["EU-RO-1"],
        "env": {"A": "1"},
        "registry": None,  # set explicitly: sent (PATCH uses null to clear)
    }


async def test_204_answers_are_none_and_200_the_model(rp: RunPod, server: ScriptedServer) -> None:
    path = f"/v2/pods/{POD['id']}/action"
    server.on("POST", path, answer(200, POD), answer(204))
    stopped = await rp.rest.pod_action(POD["id"], PodActionRequest(action=PodAction.STOP))
    terminated = await rp.rest.pod_action(POD["id"], PodActionRequest(action=PodAction.TERMINATE))
    assert stopped is not None and stopped.id == POD["id"]
    assert terminated is None
    assert [s.json() for s in server.seen] == [{"action": "stop"}, {"action": "terminate"}]
    server.on("DELETE", "/v2/pods/p1", answer(204))
    await rp.rest.delete_pod("p1")


async def test_path_parameters_stay_one_segment(rp: RunPod, server: ScriptedServer) -> None:
    # aiohttp.web decodes request.path; the raw request line shows what was sent.
    server.on("GET", "/v2/catalog/gpus/NVIDIA A40/x", answer(200, example("/v2/catalog/gpus/{id}")))
    await rp.rest.get_gpu_type("NVIDIA A40/x")
    assert server.seen[0].raw_path == "/v2/catalog/gpus/NVIDIA%20A40%2Fx"


async def test_the_rest_base_follows_the_graphql_endpoint(server: ScriptedServer) -> None:
    async with RunPod(api_key=TEST_KEY, url=f"{server.base}/prefix/graphql", env={}) as rp:
        server.on("GET", "/prefix/v2/account/ssh-keys", answer(200, {"keys": []}))
        keys = await rp.rest.get_ssh_keys()
    assert keys.keys == []


async def test_request_takes_any_method_and_absolute_urls(
    rp: RunPod, server: ScriptedServer
) -> None:
    server.on("POST", "/v2/abc/run", answer(200, {"id": "job-1", "status": "IN_QUEUE"}))
    server.on("DELETE", "/v2/registries/r1", answer(204))
    made = await rp._rest.request(
        "POST", f"{server.base}/v2/abc/run", json={"input": {"x": 1}}, operation="run"
    )
    assert made == {"id": "job-1", "status": "IN_QUEUE"}
    assert json.loads(server.seen[0].body) == {"input": {"x": 1}}
    assert await rp._rest.request("DELETE", "/v2/registries/r1") is None


def test_the_transport_is_what_the_rest_backend_sends_through(rp: RunPod) -> None:
    # The REST backend calls the generated operations, which send through this transport.
    backend = RestBackend.over(rp._rest)
    assert backend._c is rp.rest and rp.rest._sender is rp._rest
