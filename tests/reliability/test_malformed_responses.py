"""Answers a server should never give — each a clear typed error, never AttributeError or None.

Served at the transport seam (httpx.MockTransport): these are bodies the emulator cannot easily be
made to produce. The emulator's own MALFORMED fault is covered here too, over real HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runpod_gql import RetryPolicy, RunPod
from runpod_gql.emulator import Emulator, Fault
from runpod_gql.errors import (
    AuthenticationError,
    InvalidRequestError,
    OperationError,
    RateLimitError,
    ResponseValidationError,
    RunPodError,
    ServerError,
)
from tests.support import fake_clock, op

from .support import API_KEY, leaks

Answer = Callable[[dict[str, Any]], httpx.Response]
Call = Callable[[RunPod], Awaitable[object]]

GOOD_POD: dict[str, Any] = {
    "id": "pod1",
    "name": "p",
    "imageName": "img",
    "desiredStatus": "RUNNING",
    "podType": "RESERVED",
    "costPerHr": 0.5,
    "gpuCount": 1,
    "env": [],
    "runtime": None,
    "machine": None,
}


def mock_client(answer: Answer, seen: list[httpx.Request] | None = None) -> RunPod:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return answer(json.loads(request.content))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return RunPod(
        API_KEY,
        url="https://api.runpod.invalid/graphql",
        http_client=http,
        clock=fake_clock(),
        retry=RetryPolicy(max_retries=2, deadline=None),
        env={},
        api="graphql",  # these answers are GraphQL's
    )


def raw(body: bytes | str, status: int = 200, content_type: str = "application/json") -> Answer:
    data = body.encode() if isinstance(body, str) else body
    return lambda _: httpx.Response(status, content=data, headers={"content-type": content_type})


def data(payload: Any) -> Answer:
    return lambda _: httpx.Response(200, json=payload)


HTML = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"

# (case, answer, call, expected error class)
CASES: list[tuple[str, Answer, Call, type[RunPodError]]] = [
    (
        "non-JSON text",
        raw("OK", content_type="text/plain"),
        lambda rp: rp.pods.get("pod1"),
        ResponseValidationError,
    ),
    (
        "HTML page with 200",
        raw(HTML, content_type="text/html"),
        lambda rp: rp.pods.list(),
        ResponseValidationError,
    ),
    (
        "cut-off JSON",
        raw('{"data": {"pod": {"id": "po'),
        lambda rp: rp.pods.get("pod1"),
        ResponseValidationError,
    ),
    ("empty body", raw(b""), lambda rp: rp.pods.states(), ResponseValidationError),
    ("JSON array", data([1, 2]), lambda rp: rp.gpus.list(), ResponseValidationError),
    ("JSON string", data("data"), lambda rp: rp.templates.list(), ResponseValidationError),
    ("JSON null", data(None), lambda rp: rp.pods.get("pod1"), ResponseValidationError),
    ("no data, no errors", data({}), lambda rp: rp.pods.list(), ResponseValidationError),
    (
        "data null, no errors",
        data({"data": None}),
        lambda rp: rp.pods.stop("pod1"),
        ResponseValidationError,
    ),
    ("data is a list", data({"data": []}), lambda rp: rp.pods.get("pod1"), ResponseValidationError),
    (
        "data is a string",
        data({"data": "pod"}),
        lambda rp: rp.account.get(),
        ResponseValidationError,
    ),
    (
        "unknown pod status",
        data({"data": {"pod": {**GOOD_POD, "desiredStatus": "HIBERNATING"}}}),
        lambda rp: rp.pods.get("pod1"),
        ResponseValidationError,
    ),
    (
        "unknown pod status while waiting",
        data(
            {
                "data": {
                    "myself": {"pods": [{"id": "a", "desiredStatus": "MELTED", "runtime": None}]}
                }
            }
        ),
        lambda rp: rp.pods.wait_all_ready(["a", "b"], timeout=60, ssh=False),
        ResponseValidationError,
    ),
    (
        "null pod id",
        data({"data": {"pod": {**GOOD_POD, "id": None}}}),
        lambda rp: rp.pods.get("pod1"),
        ResponseValidationError,
    ),
    (
        "null status",
        data({"data": {"pod": {**GOOD_POD, "desiredStatus": None}}}),
        lambda rp: rp.pods.metrics("pod1"),
        ResponseValidationError,
    ),
    (
        "pod is a number",
        data({"data": {"pod": 7}}),
        lambda rp: rp.pods.get("pod1"),
        ResponseValidationError,
    ),
    (
        "myself null",
        data({"data": {"myself": None}}),
        lambda rp: rp.pods.list(),
        ResponseValidationError,
    ),
    (
        "stop answered null",
        data({"data": {"podStop": None}}),
        lambda rp: rp.pods.stop("pod1"),
        ResponseValidationError,
    ),
    (
        "resume answered with a bad pod",
        data({"data": {"podResume": {"id": "pod1", "desiredStatus": 3}}}),
        lambda rp: rp.pods.resume("pod1"),
        ResponseValidationError,
    ),
    (
        "price is text",
        data({"data": {"pod": {**GOOD_POD, "costPerHr": "cheap"}}}),
        lambda rp: rp.pods.get("pod1"),
        ResponseValidationError,
    ),
    (
        "errors not a list",
        data({"errors": "boom"}),
        lambda rp: rp.pods.list(),
        ResponseValidationError,
    ),
    (
        "errors of numbers",
        data({"errors": [42], "data": None}),
        lambda rp: rp.pods.list(),
        OperationError,
    ),
    (
        "empty errors, no data",
        data({"errors": []}),
        lambda rp: rp.pods.list(),
        ResponseValidationError,
    ),
    ("HTML 502", raw(HTML, 502, "text/html"), lambda rp: rp.pods.list(), ServerError),
    (
        "HTML 500 on a mutation",
        raw(HTML, 500, "text/html"),
        lambda rp: rp.pods.resume("pod1"),
        ServerError,
    ),
    ("HTML 404", raw(HTML, 404, "text/html"), lambda rp: rp.pods.list(), InvalidRequestError),
    ("HTML 401", raw(HTML, 401, "text/html"), lambda rp: rp.pods.list(), AuthenticationError),
    (
        "429 with a nonsense Retry-After",
        lambda _: httpx.Response(429, text="slow down", headers={"retry-after": "soon"}),
        lambda rp: rp.pods.list(),
        RateLimitError,
    ),
]


@pytest.mark.parametrize(
    ("answer", "call", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
async def test_malformed_answer_is_a_typed_error(
    answer: Answer, call: Call, expected: type[RunPodError]
) -> None:
    seen: list[httpx.Request] = []
    async with mock_client(answer, seen) as rp:
        with pytest.raises(RunPodError) as caught:
            await call(rp)
    error = caught.value
    assert type(error) is expected, f"{type(error).__name__}: {error}"
    assert error.operation  # type: ignore[attr-defined]  # names the operation it was about
    assert not leaks(f"{error}{error!r}")
    # The key travelled only in the header, never in the URL or the body.
    assert seen and all(r.headers["authorization"] == f"Bearer {API_KEY}" for r in seen)
    assert not any(leaks(str(r.url)) or leaks(r.content.decode()) for r in seen)


def test_unknown_enum_value_is_named() -> None:
    answer = data({"data": {"pod": {**GOOD_POD, "desiredStatus": "HIBERNATING"}}})

    async def go() -> ResponseValidationError:
        async with mock_client(answer) as rp:
            with pytest.raises(ResponseValidationError) as caught:
                await rp.pods.get("pod1")
        return caught.value

    import asyncio

    error = asyncio.run(go())
    assert (
        "HIBERNATING" in str(error) and error.field is not None and "desiredStatus" in error.field
    )


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
# Bodies shaped like GraphQL answers about pods, with anything anywhere.
pod_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "name": json_values,
        "desiredStatus": st.sampled_from(["RUNNING", "EXITED", "WAT", None, 3]),
        "runtime": json_values,
        "costPerHr": json_values,
        "gpuCount": json_values,
        "env": json_values,
        "machine": json_values,
    },
)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            "data": st.one_of(
                json_values,
                st.fixed_dictionaries({"pod": st.one_of(st.none(), pod_like)}),
                st.fixed_dictionaries(
                    {"myself": st.fixed_dictionaries({"pods": st.lists(pod_like, max_size=3)})}
                ),
            ),
            "errors": json_values,
        },
    ),
)
CALLS: list[Call] = [
    lambda rp: rp.pods.get("pod1"),
    lambda rp: rp.pods.list(),
    lambda rp: rp.pods.wait_all_ready(["pod1", "pod2"], timeout=30, ssh=False),
    lambda rp: rp.pods.metrics("pod1"),
    lambda rp: rp.pods.stop("pod1"),
    lambda rp: rp.pods.terminate("pod1"),
]


@given(body=bodies, which=st.integers(0, len(CALLS) - 1))
@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
async def test_any_answer_is_a_value_or_a_typed_error(body: Any, which: int) -> None:
    result: object = None
    failure: RunPodError | None = None
    async with mock_client(data(body)) as rp:
        try:
            result = await CALLS[which](rp)
        except RunPodError as error:  # anything else fails the test
            failure = error
    if failure is not None:
        assert not leaks(f"{failure}{failure!r}")
    else:
        assert result is not None  # a value, never a silent None


async def test_emulator_malformed_fault_on_a_query(emu: Emulator, rp: RunPod) -> None:
    for variant in ("truncated", "html"):
        emu.inject(Fault.MALFORMED, operations={op("ListPods")}, variant=variant)
        with pytest.raises(ResponseValidationError) as caught:
            await rp.pods.list()
        assert caught.value.status_code == 200 and caught.value.operation == op("ListPods")
