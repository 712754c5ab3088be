"""HTTP behaviour: auth, GraphQL errors, introspection, any valid operation, request log, control."""

from __future__ import annotations

import json

import httpx
import pytest
from graphql import build_client_schema, build_schema, get_introspection_query, print_schema

from runpod_gql.emulator import OPAQUE_ERROR, Emulator
from runpod_gql.emulator._graphql import schema_text

from .conftest import post

POD_QUERY = "query GetIt($id: String!) { pod(input: {podId: $id}) { id desiredStatus } }"
CREATE = """mutation Create($input: PodFindAndDeployOnDemandInput!) {
  podFindAndDeployOnDemand(input: $input) { id env }
}"""


async def test_missing_or_wrong_key_is_401(runpod_emulator: Emulator) -> None:
    async with httpx.AsyncClient() as client:
        body = {"query": "{ myself { id } }"}
        assert (await client.post(runpod_emulator.url, json=body)).status_code == 401
        wrong = {"Authorization": "Bearer not-the-key"}
        assert (await client.post(runpod_emulator.url, json=body, headers=wrong)).status_code == 401
        bad_param = await client.post(runpod_emulator.url, params={"api_key": "nope"}, json=body)
        assert bad_param.status_code == 401
        # RunPod also accepts the key as a query parameter.
        ok = await client.post(
            runpod_emulator.url, params={"api_key": runpod_emulator.api_key}, json=body
        )
        assert ok.status_code == 200
        assert ok.json() == {"data": {"myself": {"id": "user_emulator"}}}
        # Not even a malformed request gets past a missing key.
        assert (await client.post(runpod_emulator.url, content=b"{")).status_code == 401
    assert [r.status for r in runpod_emulator.requests] == [401, 401, 401, 200, 401]


PUBLIC_CATALOGUE = """query GpuTypes($count: Int!) {
  gpuTypes {
    id displayName
    lowestPrice(input: {gpuCount: $count}) {
      stockStatus uninterruptablePrice gpuTypeCudaVersions { cudaVersion availability }
    }
  }
}"""


async def test_public_catalogue_answers_without_a_key_and_nothing_else_does(
    runpod_emulator: Emulator,
) -> None:
    """RunPod's own clients query gpuTypes/listings/allAiApiPublicConfigs with no key at all."""
    runpod_emulator.set_stock("NVIDIA A40", 0)
    async with httpx.AsyncClient() as client:
        body = {"query": PUBLIC_CATALOGUE, "variables": {"count": 1}}
        r = await client.post(runpod_emulator.url, json=body)
        assert r.status_code == 200, r.text
        gpus = {g["id"]: g["lowestPrice"] for g in r.json()["data"]["gpuTypes"]}
        cuda = gpus["NVIDIA GeForce RTX 4090"]["gpuTypeCudaVersions"]
        assert cuda and {c["cudaVersion"] for c in cuda} >= {"12.8", "12.4"}
        assert {c["availability"] for c in cuda} == {"Medium"}  # 8 free per data centre by default
        assert gpus["NVIDIA A40"]["stockStatus"] is None
        assert {c["availability"] for c in gpus["NVIDIA A40"]["gpuTypeCudaVersions"]} == {"None"}
        for query in ("{ listings(input: {}) { id } }", "{ allAiApiPublicConfigs { id } }"):
            public = await client.post(runpod_emulator.url, json={"query": query})
            assert public.status_code == 200 and "errors" not in public.json(), public.text
        # Account-bound fields, mutations, and a public field mixed with one: 401.
        for query in (
            "{ myself { id } }",
            "{ gpuTypes { id } myself { id } }",
            'query { pod(input: {podId: "x"}) { id } }',
            'mutation { podTerminate(input: {podId: "x"}) }',
        ):
            refused = await client.post(runpod_emulator.url, json={"query": query})
            assert refused.status_code == 401, query


async def test_bad_documents(http: httpx.AsyncClient) -> None:
    parse = await post(http, "query { pod(")
    assert parse.status_code == 400
    assert parse.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    invalid = await post(http, '{ pod(input: {podId: "x"}) { noSuchField } }')
    assert invalid.status_code == 400
    assert invalid.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    missing_var = await post(http, POD_QUERY)
    assert missing_var.status_code == 400
    assert missing_var.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    not_json = await http.post("/graphql", content=b"not json")
    assert not_json.status_code == 400


async def test_unknown_pod_is_null_and_resolver_errors_are_200(http: httpx.AsyncClient) -> None:
    r = await post(http, POD_QUERY, {"id": "nope"})
    assert r.status_code == 200
    assert r.json() == {"data": {"pod": None}}
    r = await post(http, 'mutation { podStop(input: {podId: "nope"}) { id } }')
    assert r.status_code == 200
    assert r.json()["data"] == {"podStop": None}
    assert r.json()["errors"][0]["path"] == ["podStop"]


async def test_introspection_round_trips_the_schema(http: httpx.AsyncClient) -> None:
    r = await post(http, get_introspection_query())
    assert r.status_code == 200
    served = build_client_schema(r.json()["data"])
    assert print_schema(served) == print_schema(build_schema(schema_text()))


async def test_any_valid_operation_resolves_schema_shaped(http: httpx.AsyncClient) -> None:
    # Fields the emulator has no data for: nullable -> null, non-null -> a zero value.
    q = """{ myself { id referral { code } dailyCharges { amount } apiKeys { id }
             billing(input: {}) { summary { time } } }
           serverlessGpuPools { id } }"""
    r = await post(http, q)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "data": {
            "myself": {
                "id": "user_emulator",
                "referral": {"code": "EMULATOR"},
                "dailyCharges": [],
                "apiKeys": None,
                "billing": None,
            },
            "serverlessGpuPools": None,
        }
    }
    r = await post(http, CREATE, {"input": {"gpuTypeId": "NVIDIA L4", "imageName": "x"}})
    pod_id = r.json()["data"]["podFindAndDeployOnDemand"]["id"]
    r = await post(
        http,
        "query ($i: String!) { pod(input: {podId: $i}) { gpuPowerLimitPercent volumeEncrypted "
        "gpus { id podId } machine { gpuType { id } } latestTelemetry { state } } }",
        {"i": pod_id},
    )
    pod = r.json()["data"]["pod"]
    assert pod["gpuPowerLimitPercent"] == 100
    assert pod["volumeEncrypted"] is False
    assert pod["gpus"][0]["podId"] == pod_id
    assert pod["machine"]["gpuType"]["id"] == "NVIDIA L4"
    assert pod["latestTelemetry"] is None


async def test_request_log_redacts_secrets_and_never_holds_the_key(
    runpod_emulator: Emulator, http: httpx.AsyncClient
) -> None:
    await post(
        http,
        CREATE,
        {
            "input": {
                "gpuTypeId": "NVIDIA L4",
                "imageName": "x",
                "env": [{"key": "HF_TOKEN", "value": "hf_sekrit"}],
            }
        },
    )
    await post(
        http,
        "mutation S($input: SecretCreateInput!) { secretCreate(input: $input) { id } }",
        {"input": {"name": "n", "value": "value-sekrit"}},
    )
    await post(
        http,
        "mutation R($input: SaveRegistryAuthInput!) { saveRegistryAuth(input: $input) { id } }",
        {"input": {"name": "r", "username": "u", "password": "pw-sekrit"}},
    )
    await http.post(
        "/graphql", params={"api_key": runpod_emulator.api_key}, json={"query": "{ myself { id } }"}
    )
    records = runpod_emulator.requests
    assert [r.operation for r in records] == ["Create", "S", "R", "myself"]
    assert records[0].variables["input"]["env"] == [{"key": "HF_TOKEN", "value": "***"}]
    assert records[0].root_fields == ("podFindAndDeployOnDemand",)
    dump = repr(records) + json.dumps((await http.get("/_emulator/requests")).json())
    for secret in ("sekrit", runpod_emulator.api_key):
        assert secret not in dump
    assert secret not in repr(runpod_emulator)
    assert runpod_emulator.request_count() == 4
    assert runpod_emulator.request_count("podFindAndDeployOnDemand") == 1
    assert runpod_emulator.request_count("S") == 1
    runpod_emulator.reset_log()
    assert runpod_emulator.request_count() == 0


async def test_control_endpoint(runpod_emulator: Emulator, http: httpx.AsyncClient) -> None:
    async with httpx.AsyncClient() as anonymous:
        r = await anonymous.get(runpod_emulator.base_url + "/_emulator/requests")
        assert r.status_code == 401
    r = await post(http, CREATE, {"input": {"gpuTypeId": "NVIDIA L4", "imageName": "x"}})
    pod_id = r.json()["data"]["podFindAndDeployOnDemand"]["id"]

    r = await http.post("/_emulator/clock/advance", json={"seconds": 20})
    assert r.status_code == 200
    state = (await http.get("/_emulator/state")).json()
    assert [p["desired_status"] for p in state["pods"]] == ["RUNNING"]

    r = await http.post(
        "/_emulator/faults", json={"kind": "server_error", "status": 503, "count": 1}
    )
    assert r.json()["faults"][0]["remaining"] == 1
    assert (await post(http, "{ myself { id } }")).status_code == 503
    assert (await http.get("/_emulator/faults")).json() == {"faults": []}
    await http.post("/_emulator/faults", json={"kind": "opaque_error", "count": 5})
    assert (await http.delete("/_emulator/faults")).json() == {"faults": []}

    assert (
        await http.post("/_emulator/stock", json={"gpu_type_id": "NVIDIA L4", "count": 0})
    ).status_code == 200
    r = await post(http, CREATE, {"input": {"gpuTypeId": "NVIDIA L4", "imageName": "x"}})
    assert "no longer any instances" in r.json()["errors"][0]["message"]

    r = await http.post("/_emulator/fleet", json={"count": 2, "gpu_type_id": "NVIDIA A40"})
    fleet = r.json()["ids"]
    assert [runpod_emulator.state.pods[i].name for i in fleet] == ["fleet-0", "fleet-1"]
    assert {runpod_emulator.state.pods[i].desired_status for i in fleet} == {"RUNNING"}
    assert (await http.post("/_emulator/fleet", json={"count": 1, "gpu_type_id": "?"})).is_error

    assert (
        await http.post("/_emulator/outbid", json={"pod_id": pod_id})
    ).status_code == 400  # on demand
    assert (await http.post("/_emulator/outbid", json={"pod_id": "nope"})).status_code == 404
    assert (await http.post("/_emulator/fill_host", json={"pod_id": pod_id})).status_code == 200
    assert runpod_emulator.state.pods[pod_id].machine_id in runpod_emulator.state.full_hosts
    assert (
        await http.post("/_emulator/rate_limit", json={"per_second": 1, "burst": 1})
    ).status_code == 200
    assert runpod_emulator.app.rate_limit is not None
    assert (await http.post("/_emulator/rate_limit", json={"per_second": None})).status_code == 200

    log = (await http.get("/_emulator/requests")).json()["requests"]
    assert [entry["status"] for entry in log] == [200, 503, 200]
    assert (await http.delete("/_emulator/requests")).json() == {"requests": []}
    assert (await http.get("/_emulator/nope")).status_code == 404
    assert (await http.get("/_emulator/health")).json() == {"ok": True}


async def test_request_log_hides_secrets_echoed_in_error_texts(
    runpod_emulator: Emulator, http: httpx.AsyncClient
) -> None:
    # graphql-core quotes the whole offending input in a coercion error, secret values included;
    # the emulator's own key is hidden wherever a client put it (here a name and docker args).
    key = runpod_emulator.api_key
    await post(
        http,
        "mutation S($input: SecretCreateInput!) { secretCreate(input: $input) { id } }",
        {"input": {"name": "n", "value": "value-sekrit", "bogus": 1}},
    )
    await post(
        http,
        CREATE,
        {
            "input": {
                "gpuTypeId": "NVIDIA L4",
                "name": f"pod-{key}",
                "dockerArgs": f"--token {key}",
                "env": [{"key": "K", "value": ["env-sekrit"]}],
            }
        },
    )
    await post(http, CREATE, {"input": {"gpuTypeId": "NVIDIA L4", "dockerArgs": f"x {key}"}})
    records = runpod_emulator.requests
    assert [r.status for r in records] == [400, 400, 200]
    assert all(r.errors for r in records[:2])
    dump = repr(records) + json.dumps((await http.get("/_emulator/requests")).json())
    for secret in ("sekrit", key):
        assert secret not in dump


async def test_valid_operations_missing_optional_inputs_fail_with_texts_not_crashes(
    http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    # The schema lets PodRestartInput.podId and saveRegistryAuth's input be left out: the answer
    # must be an API error, not a resolver crash turned into the opaque error (and logged).
    for query in (
        "mutation { podRestart(input: {}) { id } }",
        "mutation { saveRegistryAuth { id } }",
    ):
        r = await post(http, query)
        assert r.status_code == 200, r.text
        errors = r.json()["errors"]
        assert errors[0]["message"] != OPAQUE_ERROR, query
    assert not [rec for rec in caplog.records if rec.name.startswith("runpod_gql.emulator")]


async def test_negative_gpu_counts_are_refused(
    runpod_emulator: Emulator, http: httpx.AsyncClient
) -> None:
    # A pod with -2 GPUs would put GPUs back into stock and bill a negative price.
    stock = dict(runpod_emulator.state.stock)
    r = await post(http, CREATE, {"input": {"gpuTypeId": "NVIDIA L4", "gpuCount": -2}})
    assert r.json()["data"] == {"podFindAndDeployOnDemand": None}
    assert runpod_emulator.state.pods == {}
    r = await post(http, CREATE, {"input": {"gpuTypeId": "NVIDIA L4", "imageName": "x"}})
    pod_id = r.json()["data"]["podFindAndDeployOnDemand"]["id"]
    await post(http, f'mutation {{ podStop(input: {{podId: "{pod_id}"}}) {{ id }} }}')
    r = await post(
        http, f'mutation {{ podResume(input: {{podId: "{pod_id}", gpuCount: -1}}) {{ id }} }}'
    )
    assert r.json()["data"] == {"podResume": None}
    assert runpod_emulator.state.pods[pod_id].gpu_count == 1
    runpod_emulator.state.terminate_pod(pod_id)
    assert runpod_emulator.state.stock == stock


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"count": 1}, "kind is required"),
        ({"kind": "gremlins"}, "gremlins"),
        ({"kind": "opaque_error", "count": 0}, "count"),
        ({"kind": "opaque_error", "count": "2"}, "count"),
        ({"kind": "server_error", "status": 200}, "5xx"),
        ({"kind": "rate_limit", "retry_after": "soon"}, "retry_after"),
        ({"kind": "malformed", "variant": "xml"}, "variant"),
        ({"kind": "timeout", "operations": "GetPod"}, "operations"),
    ],
)
async def test_control_endpoint_refuses_bad_faults(
    runpod_emulator: Emulator, http: httpx.AsyncClient, body: dict[str, object], says: str
) -> None:
    r = await http.post("/_emulator/faults", json=body)
    assert r.status_code == 400
    assert says in r.json()["error"]
    assert (await http.get("/_emulator/faults")).json() == {"faults": []}
