"""REST failures: every documented status as our one error tree, and retries by HTTP method."""

from __future__ import annotations

import pytest
from runpod_gql_rest.models import (
    CreateGpuConfig,
    CreatePodRequest,
    UpdateNetworkVolumeRequest,
    UpdateSshKeysRequest,
)

from runpod_gql import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    CapacityError,
    ConflictError,
    InsufficientBalanceError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    RunPod,
    ServerError,
)
from runpod_gql.emulator import EmulatorTime
from runpod_gql.errors import APIRetiredError

from .support import TEST_KEY, ScriptedServer, answer, drop, example, problem

POD = example("/v2/pods/{id}")
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample me@laptop"
CAPACITY = (
    "There are no longer any instances available with the requested specifications. "
    "Please refresh and try again."
)
CREATE = CreatePodRequest(
    name="x", image="i", gpu=CreateGpuConfig(id="NVIDIA A40", count=2), env={"SECRET": "s3"}
)


@pytest.mark.parametrize(
    ("status", "detail", "expected"),
    [
        (400, "mounts.persistent and mounts.network are mutually exclusive", InvalidRequestError),
        (400, CAPACITY, CapacityError),
        (401, "missing or invalid API key", AuthenticationError),
        (403, "forbidden", AuthenticationError),
        (402, "insufficient balance", InsufficientBalanceError),
        (404, "template not found", NotFoundError),
        (409, "pod belongs to a cluster", ConflictError),
        (410, "REST v1 has been retired", APIRetiredError),
        (413, "request body too large", InvalidRequestError),
        (422, "Request validation failed.", InvalidRequestError),
        (500, "internal error", ServerError),
    ],
)
async def test_each_documented_status_is_its_error_class(
    server: ScriptedServer, status: int, detail: str, expected: type[APIError]
) -> None:
    errors = ["$: additional properties 'gpuTypeId' not allowed", "$.name: missing"]
    server.on("POST", "/v2/pods", problem(status, detail, errors=errors))
    async with RunPod(api_key=TEST_KEY, url=f"{server.base}/graphql", env={}, max_retries=0) as rp:
        with pytest.raises(APIError) as caught:
            await rp.rest.create_pod(CREATE)
    error = caught.value
    assert type(error) is expected
    assert error.status_code == status
    assert error.operation == "createPod"
    assert error.request_id == "req-123"
    assert error.problem is not None and error.problem.detail == detail
    assert error.problem.errors == tuple(errors)  # every entry kept...
    assert all(e in str(error) for e in errors)  # ...and shown
    assert TEST_KEY not in str(error) and TEST_KEY not in repr(error)
    if expected is CapacityError:
        assert isinstance(error, CapacityError)
        assert error.requested == {"gpu": {"id": "NVIDIA A40", "count": 2}}  # never env


async def test_a_proxys_html_page_is_a_typed_error(rp: RunPod, server: ScriptedServer) -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"
    server.on("GET", "/v2/pods/p1", *[answer(502, raw=page, content_type="text/html")] * 4)
    with pytest.raises(ServerError, match="502 Bad Gateway"):
        await rp.rest.get_pod("p1")
    server.on("GET", "/v2/pods/p2", answer(200, raw=page, content_type="text/html"))
    with pytest.raises(ResponseValidationError, match="not JSON"):
        await rp.rest.get_pod("p2")
    server.on("GET", "/v2/pods/p3", answer(200, {"id": "p3"}))
    with pytest.raises(ResponseValidationError, match="getPod"):
        await rp.rest.get_pod("p3")


async def test_get_is_retried_on_5xx_and_drops(
    rp: RunPod, server: ScriptedServer, clock: EmulatorTime
) -> None:
    server.on("GET", "/v2/pods/p1", problem(503, "busy"), drop(), answer(200, POD))
    assert (await rp.rest.get_pod("p1")).id == POD["id"]
    assert len(server.requests("GET")) == 3
    # aiohttp itself resends a GET once when a reused keep-alive connection turns out closed,
    # so the drop may cost no retry of ours.
    assert clock.sleeps[0] == 0.5
    assert rp.stats.retries in (1, 2)


async def test_put_and_delete_are_retried_on_5xx(rp: RunPod, server: ScriptedServer) -> None:
    server.on("PUT", "/v2/account/ssh-keys", problem(500, "x"), answer(200, {"keys": [KEY]}))
    server.on("DELETE", "/v2/templates/t1", problem(502, "x"), answer(204))
    assert (await rp.rest.update_ssh_keys(UpdateSshKeysRequest(keys=[KEY]))).keys == [KEY]
    await rp.rest.delete_template("t1")
    assert len(server.seen) == 4


async def test_post_and_patch_are_not_resent_after_they_may_have_arrived(
    rp: RunPod, server: ScriptedServer
) -> None:
    server.on("POST", "/v2/pods", problem(503, "upstream timeout"))
    with pytest.raises(ServerError):
        await rp.rest.create_pod(CREATE)
    server.on("POST", "/v2/pods", drop())
    with pytest.raises(APIConnectionError) as dropped:
        await rp.rest.create_pod(CREATE)
    assert dropped.value.request_sent
    server.on("PATCH", "/v2/network-volumes/v1", problem(500, "x"))
    with pytest.raises(ServerError):
        await rp.rest.update_network_volume("v1", UpdateNetworkVolumeRequest(size=20))
    assert [s.method for s in server.seen] == ["POST", "POST", "PATCH"]


async def test_post_is_retried_on_429_which_is_refused_before_anything_happens(
    rp: RunPod, server: ScriptedServer, clock: EmulatorTime
) -> None:
    server.on(
        "POST",
        "/v2/pods",
        problem(429, "rate limit exceeded for the minute window", title="Too Many Requests"),
        answer(201, POD),
    )
    server.scripts[("POST", "/v2/pods")][0] = answer(
        429,
        {"title": "Too Many Requests", "status": 429, "detail": "rate limit exceeded"},
        headers={"Retry-After": "2", "RateLimit": '"minute";r=0;t=7, "hour";r=10;t=900'},
    )
    assert (await rp.rest.create_pod(CREATE)).id == POD["id"]
    # max(Retry-After 2, the exhausted minute window's reset 7)
    assert clock.sleeps[-1] == 7.0
    assert rp.stats.rate_limited == 1


async def test_a_rate_limit_error_says_how_long_to_wait(server: ScriptedServer) -> None:
    server.on(
        "GET",
        "/v2/pods",
        answer(
            429,
            {"title": "Too Many Requests", "status": 429, "detail": "slow down"},
            headers={"Retry-After": "3"},
        ),
    )
    async with RunPod(api_key=TEST_KEY, url=f"{server.base}/graphql", env={}, max_retries=0) as rp:
        with pytest.raises(RateLimitError) as caught:
            await rp.rest.list_pods()
    assert caught.value.retry_after == 3.0


async def test_a_delete_whose_answer_was_lost_then_not_found_is_done(
    rp: RunPod, server: ScriptedServer
) -> None:
    # A 502 from a proxy may come after the delete was applied. (A dropped connection would do
    # too, but aiohttp resends an idempotent request once by itself on a drop.)
    server.on("DELETE", "/v2/pods/p1", problem(502, "bad gateway"), problem(404, "pod not found"))
    await rp.rest.delete_pod("p1")
    assert len(server.seen) == 2
    # Without an earlier attempt that may have applied it, "not found" is the answer.
    server.on("DELETE", "/v2/pods/p2", problem(404, "pod not found"))
    with pytest.raises(NotFoundError):
        await rp.rest.delete_pod("p2")
