"""Every fault kind, over real HTTP, and the per-key rate limit."""

from __future__ import annotations

import json

import httpx
import pytest

from runpod_gql.emulator import OPAQUE_ERROR, Emulator, Fault, ManualClock

from .conftest import post

CREATE = """mutation CreatePod($input: PodFindAndDeployOnDemandInput!) {
  podFindAndDeployOnDemand(input: $input) { id }
}"""
CREATE_VARS = {"input": {"gpuTypeId": "NVIDIA L4", "imageName": "x", "name": "job-1"}}
ACCOUNT = "query GetAccount { myself { id } }"


async def test_rate_limit_fault_with_and_without_retry_after(
    runpod_emulator: Emulator, http: httpx.AsyncClient
) -> None:
    runpod_emulator.inject(Fault.RATE_LIMIT, count=1, retry_after=1.5)
    runpod_emulator.inject(Fault.RATE_LIMIT, count=1)
    first, second, third = [await post(http, ACCOUNT) for _ in range(3)]
    assert first.status_code == 429
    assert first.headers["retry-after"] == "2"
    assert second.status_code == 429
    assert "retry-after" not in second.headers
    assert third.status_code == 200
    assert [r.fault for r in runpod_emulator.requests] == [Fault.RATE_LIMIT, Fault.RATE_LIMIT, None]


async def test_faults_only_hit_named_operations(
    runpod_emulator: Emulator, http: httpx.AsyncClient
) -> None:
    runpod_emulator.inject(Fault.SERVER_ERROR, count=2, operations={"CreatePod"}, status=502)
    assert (await post(http, ACCOUNT)).status_code == 200
    bad = await post(http, CREATE, CREATE_VARS)
    assert bad.status_code == 502
    assert "Bad Gateway" in bad.text
    assert bad.headers["content-type"].startswith("text/html")
    assert (await post(http, CREATE, CREATE_VARS)).status_code == 502
    assert (await post(http, CREATE, CREATE_VARS)).status_code == 200
    assert len(runpod_emulator.state.pods) == 1  # the failed attempts were not applied


@pytest.mark.parametrize("status", [500, 503])
async def test_server_errors(
    runpod_emulator: Emulator, http: httpx.AsyncClient, status: int
) -> None:
    runpod_emulator.inject(Fault.SERVER_ERROR, status=status)
    assert (await post(http, ACCOUNT)).status_code == status
    with pytest.raises(ValueError, match="5xx"):
        runpod_emulator.inject(Fault.SERVER_ERROR, status=404)


async def test_opaque_error(runpod_emulator: Emulator, http: httpx.AsyncClient) -> None:
    runpod_emulator.inject(Fault.OPAQUE_ERROR)
    r = await post(http, CREATE, CREATE_VARS)
    assert r.status_code == 200
    assert r.json()["errors"][0]["message"] == OPAQUE_ERROR
    assert r.json()["data"] == {"podFindAndDeployOnDemand": None}
    assert runpod_emulator.state.pods == {}


async def test_timeout_applies_then_holds_the_response(
    runpod_emulator: Emulator, http: httpx.AsyncClient
) -> None:
    runpod_emulator.inject(Fault.TIMEOUT, delay=30)
    with pytest.raises(httpx.ReadTimeout):
        await post(http, CREATE, CREATE_VARS, timeout=0.3)
    # The create happened although the client gave up: the duplicate-on-retry trap.
    assert [p.name for p in runpod_emulator.state.pods.values()] == ["job-1"]
    # The server is still answering others meanwhile, and stops promptly despite the held one.
    assert (await post(http, ACCOUNT)).status_code == 200


async def test_drop_before_does_not_apply(
    runpod_emulator: Emulator, http: httpx.AsyncClient
) -> None:
    runpod_emulator.inject(Fault.DROP_BEFORE, operations={"podFindAndDeployOnDemand"})
    with pytest.raises(httpx.RemoteProtocolError):
        await post(http, CREATE, CREATE_VARS)
    assert runpod_emulator.state.pods == {}
    assert runpod_emulator.requests[-1].status is None
    assert runpod_emulator.requests[-1].fault is Fault.DROP_BEFORE
    assert (await post(http, CREATE, CREATE_VARS)).status_code == 200


async def test_drop_after_applies(runpod_emulator: Emulator, http: httpx.AsyncClient) -> None:
    runpod_emulator.inject(Fault.DROP_AFTER)
    with pytest.raises(httpx.RemoteProtocolError):
        await post(http, CREATE, CREATE_VARS)
    assert [p.name for p in runpod_emulator.state.pods.values()] == ["job-1"]
    assert runpod_emulator.requests[-1].fault is Fault.DROP_AFTER


async def test_malformed_bodies(runpod_emulator: Emulator, http: httpx.AsyncClient) -> None:
    runpod_emulator.inject(Fault.MALFORMED)
    runpod_emulator.inject(Fault.MALFORMED, variant="html")
    truncated = await post(http, CREATE, CREATE_VARS)
    assert truncated.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        truncated.json()
    html = await post(http, ACCOUNT)
    assert html.status_code == 200
    assert html.text.startswith("<html>")
    assert len(runpod_emulator.state.pods) == 1  # applied, only the answer was mangled


async def test_rate_limit_per_key(runpod_emulator: Emulator, http: httpx.AsyncClient) -> None:
    # 0.01 tokens/s: no token comes back during the test, so the outcome does not depend on timing.
    runpod_emulator.set_rate_limit(per_second=0.01, burst=3)
    statuses = [(await post(http, ACCOUNT)).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = await post(http, ACCOUNT)
    assert int(limited.headers["retry-after"]) >= 1
    runpod_emulator.set_rate_limit(None)
    assert (await post(http, ACCOUNT)).status_code == 200


async def test_generated_client_sees_transport_errors(runpod_emulator: Emulator) -> None:
    from runpod_gql_generated.base_client import GraphQLHTTPError
    from runpod_gql_generated.client import GeneratedClient

    runpod_emulator.inject(Fault.SERVER_ERROR, status=503)
    headers = {"Authorization": f"Bearer {runpod_emulator.api_key}"}
    async with GeneratedClient(url=runpod_emulator.url, headers=headers) as gql:
        with pytest.raises(GraphQLHTTPError) as info:
            await gql.get_account()
        assert info.value.status_code == 503
        assert (await gql.get_account()).myself is not None


async def test_timeout_still_holds_after_a_restart() -> None:
    # stop() releases held answers; a later start() must hold them again.
    emu = Emulator(clock=ManualClock())
    await emu.start()
    await emu.stop()
    async with emu:
        emu.inject(Fault.TIMEOUT, delay=30)
        headers = {"Authorization": f"Bearer {emu.api_key}"}
        async with httpx.AsyncClient(base_url=emu.base_url, headers=headers) as http:
            with pytest.raises(httpx.ReadTimeout):
                await post(http, ACCOUNT, timeout=0.3)
