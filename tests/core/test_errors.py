"""Error mapping: every failure becomes one typed error that keeps everything the server said."""

from __future__ import annotations

from collections.abc import Callable

import aiohttp
import httpx
import pytest
from runpod_gql_generated.input_types import PodFindAndDeployOnDemandInput

from runpod_gql import (
    APIConnectionError,
    AuthenticationError,
    CapacityError,
    HostFullError,
    NotFoundError,
    OperationError,
    ResponseValidationError,
    RunPod,
    ServerError,
)
from runpod_gql.emulator import Emulator, Fault
from tests.support import API_KEY, client_for, fake_clock


def seam(handler: Callable[[httpx.Request], httpx.Response]) -> RunPod:
    """A client whose transport is an in-process handler: for answers a server cannot easily give."""
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return RunPod(
        api_key=API_KEY,
        url="https://seam.invalid/graphql",
        http_client=http,
        clock=fake_clock(),
        max_retries=0,
        env={},
        api="graphql",  # these answers are GraphQL's
    )


async def test_wrong_key_is_an_authentication_error(emu: Emulator) -> None:
    async with RunPod(api_key="wrong", url=emu.url, env={}) as rp:
        with pytest.raises(AuthenticationError) as info:
            await rp.account.get()
    err = info.value
    assert err.status_code == 401 and err.operation == "GetAccount"
    assert err.hint and "API key" in err.hint
    assert emu.request_count() == 0 or all(r.status == 401 for r in emu.requests)


async def test_capacity_error_carries_what_was_asked(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        emu.set_stock("NVIDIA A40", 1)
        # The catalogue shows stock for 1 GPU, but 4 were asked for: the server refuses.
        with pytest.raises(CapacityError) as info:
            fields = PodFindAndDeployOnDemandInput(
                name="c", image_name="img", gpu_type_id="NVIDIA A40", gpu_count=4
            )
            await rp._transport.run(rp._transport.create_pod(input=fields))
    err = info.value
    assert "no longer any instances available" in err.message
    assert err.requested == {"gpuTypeId": "NVIDIA A40", "gpuCount": 4}
    assert err.operation == "CreatePod" and err.status_code == 200


async def test_host_full_and_not_found(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="h", image="img", gpu_types="NVIDIA L4")
        await rp.pods.stop(pod.id)
        emu.fill_host(pod.id)
        with pytest.raises(HostFullError, match="not enough free GPUs"):
            await rp.pods.resume(pod.id)
        with pytest.raises(NotFoundError):
            await rp.pods.get("no-such-pod")
        with pytest.raises(NotFoundError):
            await rp.pods.stop("no-such-pod")


async def test_spot_resume_as_on_demand_gets_a_hint(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        bid = await rp.gpus.minimum_bid("NVIDIA L4")
        pod = await rp.pods.create_spot(
            name="s", image="img", gpu_type="NVIDIA L4", bid_per_gpu=bid
        )
        await rp.pods.stop(pod.id)
        with pytest.raises(OperationError) as info:
            await rp.pods.resume(pod.id)
    assert info.value.hint and "bid_resume" in info.value.hint


async def test_opaque_error_is_a_server_error_when_retries_run_out(emu: Emulator) -> None:
    emu.inject(Fault.OPAQUE_ERROR, count=5, operations={"GetAccount"})
    async with client_for(emu, max_retries=1) as rp:
        with pytest.raises(ServerError, match="Something went wrong"):
            await rp.account.get()


async def test_all_graphql_errors_and_request_id_are_kept() -> None:
    body = {
        "data": None,
        "errors": [
            {"message": "first problem", "path": ["myself"], "extensions": {"code": "E1"}},
            {"message": "second problem", "extensions": {"code": "E2", "detail": 7}},
        ],
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body, headers={"x-request-id": "req-42"})

    async with seam(handler) as rp:
        with pytest.raises(OperationError) as info:
            await rp.account.get()
    err = info.value
    assert [e.message for e in err.errors] == ["first problem", "second problem"]
    assert err.errors[1].extensions == {"code": "E2", "detail": 7}
    assert err.request_id == "req-42"
    assert "second problem" in str(err) and "req-42" in str(err)


@pytest.mark.parametrize(
    ("status", "content", "content_type"),
    [
        (200, b"<html><body>Bad gateway</body></html>", "text/html"),
        (200, b'{"data": {"myself": ', "application/json"),
        (200, b'{"something": "else"}', "application/json"),
        (200, b"[1, 2, 3]", "application/json"),
    ],
)
async def test_malformed_bodies_are_response_validation_errors(
    status: int, content: bytes, content_type: str
) -> None:
    async with seam(
        lambda r: httpx.Response(status, content=content, headers={"content-type": content_type})
    ) as rp:
        with pytest.raises(ResponseValidationError) as info:
            await rp.account.get()
    assert info.value.operation == "GetAccount"


async def test_unknown_enum_value_names_the_field_and_value() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        pod = {"id": "p1", "name": "n", "desiredStatus": "HIBERNATING", "costPerHr": 1.0}
        return httpx.Response(200, json={"data": {"pod": pod}})

    async with seam(handler) as rp:
        with pytest.raises(ResponseValidationError) as info:
            await rp.pods.get("p1")
    err = info.value
    assert err.field is not None and "desiredStatus" in err.field
    assert err.value == "HIBERNATING"
    assert "HIBERNATING" in str(err) and "regenerate" in (err.hint or "")


async def test_null_where_the_schema_promises_a_value() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": {"myself": {"id": "u", "secrets": None}}})

    async with seam(handler) as rp:
        with pytest.raises(ResponseValidationError, match="secrets"):
            await rp.secrets.list()


async def test_missing_data_without_errors() -> None:
    async with seam(lambda r: httpx.Response(200, json={"data": None})) as rp:
        with pytest.raises(ResponseValidationError, match="no data"):
            await rp.account.get()


async def test_connection_errors_chain_their_cause(emu: Emulator) -> None:
    emu.inject(Fault.DROP_AFTER, count=1, operations={"SaveTemplate"})
    async with client_for(emu) as rp:
        with pytest.raises(APIConnectionError) as info:
            await rp.templates.save(name="t", image="i")
    assert isinstance(info.value.__cause__, (httpx.TransportError, aiohttp.ClientError))
    assert "\n" not in str(info.value) and "may have been sent" in str(info.value)
