"""A 5,000-pod account lists completely and correctly over both APIs (issue 17: fleets hold
thousands of pods). Correctness only: what the emulator's answer costs is measured by
``python -m bench.emulator_lists``, never asserted here."""

from __future__ import annotations

import json

import httpx
from graphql import ExecutionContext, ExecutionResult, execute, parse

from runpod_gql.emulator import Emulator
from runpod_gql.emulator._gql_exec import default_resolver
from runpod_gql.emulator._graphql import load_schema
from runpod_gql.models import PodStatus

N = 5000
GPU = "NVIDIA A40"
LIST_PODS = """query ListPods { myself { id pods {
  id name desiredStatus podType imageName gpuCount costPerHr env ports lastStartedAt
  machine { id gpuTypeId dataCenterId location }
  runtime { uptimeInSeconds ports { ip isIpPublic privatePort publicPort type }
            gpus { id gpuUtilPercent memoryUtilPercent } container { cpuPercent memoryPercent } }
} } }"""


async def test_a_5000_pod_account_lists_correctly_on_both_apis(runpod_emulator: Emulator) -> None:
    emu = runpod_emulator
    records = emu.add_fleet(N, GPU)  # booted: runtimes and port mappings on every pod
    stopped = {r.id for r in records[::500]}
    for pod_id in stopped:
        emu.state.stop_pod(pod_id)

    for api in ("graphql", "rest"):
        async with emu.client(api=api) as rp:
            pods = await rp.pods.list()
        assert len(pods) == N, api
        by_id = {p.id: p for p in pods}
        for record in records:
            pod = by_id[record.id]
            assert pod.name == record.name, api
            if record.id in stopped:
                assert pod.status is PodStatus.EXITED and pod.ssh is None, api
            else:
                assert pod.status is PodStatus.RUNNING, api
                assert pod.ssh is not None and pod.ssh.port == record.ssh_public_port, api

    # The raw GraphQL answer, all 5,000 pods, is exactly graphql-core's own execution's.
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with httpx.AsyncClient(base_url=emu.base_url, headers=headers) as http:
        answer = (await http.post("/graphql", json={"query": LIST_PODS})).json()
        rest = (await http.get("/v2/pods")).json()
    expected = execute(
        load_schema(),
        parse(LIST_PODS),
        context_value=emu.state,
        field_resolver=default_resolver,
        execution_context_class=ExecutionContext,
    )
    assert isinstance(expected, ExecutionResult) and not expected.errors
    assert json.dumps(answer) == json.dumps({"data": expected.data})
    assert len(answer["data"]["myself"]["pods"]) == len(rest["pods"]) == N
