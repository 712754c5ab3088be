"""Retries against the emulator's injected faults: what is retried, how long it waits, and what is not."""

from __future__ import annotations

import httpx
import pydantic
import pytest

from runpod_gql import (
    APIConnectionError,
    APITimeoutError,
    InputValidationError,
    InvalidRequestError,
    RateLimitError,
    RetryPolicy,
    RunPod,
    ServerError,
)
from runpod_gql.emulator import Emulator, Fault
from tests.support import client_for, fake_clock

POD = {"name": "retry", "image": "runpod/pytorch", "gpu_types": "NVIDIA RTX A6000"}


async def make_pod(emu: Emulator) -> str:
    async with client_for(emu) as rp:
        return (await rp.pods.create(**POD)).id  # type: ignore[arg-type]


async def test_429_with_retry_after_waits_what_the_server_said(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    emu.inject(Fault.RATE_LIMIT, count=2, operations={"GetPod"}, retry_after=3)
    clock = fake_clock()
    async with client_for(emu, clock=clock) as rp:
        pod = await rp.pods.get(pod_id)
    assert pod.id == pod_id
    assert rp.stats.retries == 2 and rp.stats.rate_limited == 2
    # Everyone pauses for Retry-After; the retry goes right after (no second wait on top).
    assert clock.sleeps == [3.0, 3.0]
    assert emu.request_count("GetPod") == 3


async def test_429_without_retry_after_backs_off_exponentially(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    emu.inject(Fault.RATE_LIMIT, count=3, operations={"GetPod"})
    clock = fake_clock()
    policy = RetryPolicy(max_retries=3, initial_backoff=0.5, max_backoff=8.0, jitter=0.0)
    async with client_for(emu, clock=clock, retry=policy) as rp:
        await rp.pods.get(pod_id)
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert rp.stats.retries == 3


async def test_5xx_burst_is_retried_then_succeeds(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    emu.inject(Fault.SERVER_ERROR, count=3, operations={"GetPod"}, status=503)
    async with client_for(emu) as rp:
        assert (await rp.pods.get(pod_id)).id == pod_id
    assert rp.stats.retries == 3
    assert [r.status for r in emu.requests if r.operation == "GetPod"] == [503, 503, 503, 200]


async def test_retries_are_bounded_and_the_last_error_is_raised(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    emu.inject(Fault.SERVER_ERROR, count=10, operations={"GetPod"}, status=502)
    async with client_for(emu, retry=RetryPolicy(max_retries=2, jitter=0.0)) as rp:
        with pytest.raises(ServerError) as info:
            await rp.pods.get(pod_id)
    assert info.value.status_code == 502 and info.value.operation == "GetPod"
    assert emu.request_count("GetPod") == 3


async def test_overall_deadline_stops_retrying_early(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    emu.inject(Fault.RATE_LIMIT, count=10, operations={"GetPod"}, retry_after=30)
    policy = RetryPolicy(max_retries=8, deadline=45.0)
    async with client_for(emu, retry=policy) as rp:
        with pytest.raises(RateLimitError) as info:
            await rp.pods.get(pod_id)
    assert info.value.retry_after == 30
    assert emu.request_count("GetPod") == 2  # 30 s + another 30 s would pass the 45 s deadline


async def test_opaque_error_is_retried_for_queries(emu: Emulator) -> None:
    emu.inject(Fault.OPAQUE_ERROR, count=1, operations={"GetAccount"})
    async with client_for(emu) as rp:
        account = await rp.account.get()
    assert account.id is not None
    assert rp.stats.retries == 1


async def test_query_time_out_is_retried(emu: Emulator) -> None:
    emu.inject(Fault.TIMEOUT, count=1, operations={"GetAccount"}, delay=5.0)
    async with client_for(emu, timeout=0.3) as rp:
        account = await rp.account.get()
    assert account.id is not None and rp.stats.retries == 1


async def test_time_out_error_when_retries_run_out(emu: Emulator) -> None:
    emu.inject(Fault.TIMEOUT, count=2, operations={"GetAccount"}, delay=5.0)
    async with client_for(emu, timeout=0.3, max_retries=1) as rp:
        with pytest.raises(APITimeoutError) as info:
            await rp.account.get()
    assert info.value.request_sent is True
    assert isinstance(info.value, TimeoutError)


async def test_connection_refused_is_retried_even_for_mutations(emu: Emulator) -> None:
    clock = fake_clock()
    async with RunPod(
        api_key=emu.api_key, url="http://127.0.0.1:1/graphql", clock=clock, max_retries=2
    ) as rp:
        with pytest.raises(APIConnectionError) as info:
            await rp.pods.stop("abc")
    assert info.value.request_sent is False
    assert rp.stats.retries == 2


async def test_idempotent_mutation_dropped_after_apply_is_retried(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    emu.inject(Fault.DROP_AFTER, count=1, operations={"StopPod"})
    async with client_for(emu) as rp:
        pod = await rp.pods.stop(pod_id)
    assert pod.status.value == "EXITED"
    assert emu.request_count("StopPod") == 2


async def test_terminate_whose_answer_was_lost_counts_as_done(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    emu.inject(Fault.DROP_AFTER, count=1, operations={"TerminatePod"})
    async with client_for(emu) as rp:
        assert await rp.pods.terminate(pod_id) is True
    assert pod_id not in emu.state.pods
    assert emu.request_count("TerminatePod") == 2


async def test_non_idempotent_mutation_dropped_after_apply_is_not_resent(emu: Emulator) -> None:
    emu.inject(Fault.DROP_AFTER, count=1, operations={"SaveTemplate"})
    async with client_for(emu) as rp:
        with pytest.raises(APIConnectionError) as info:
            await rp.templates.save(name="t", image="img")
    assert info.value.request_sent is True
    assert emu.request_count("SaveTemplate") == 1  # applied once, never blindly again
    assert len(emu.state.templates) == 1


async def test_non_idempotent_mutation_with_5xx_is_not_resent(emu: Emulator) -> None:
    emu.inject(Fault.SERVER_ERROR, count=1, operations={"CreateSecret"}, status=500)
    async with client_for(emu) as rp:
        with pytest.raises(ServerError):
            await rp.secrets.create(name="s", value="v")
    assert emu.request_count("CreateSecret") == 1


async def test_mutation_refused_with_429_is_retried(emu: Emulator) -> None:
    emu.inject(Fault.RATE_LIMIT, count=1, operations={"CreateSecret"}, retry_after=1)
    async with client_for(emu) as rp:
        secret = await rp.secrets.create(name="s", value="v")
    assert secret.name == "s"
    assert emu.request_count("CreateSecret") == 2


async def test_validation_errors_are_never_retried(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(InvalidRequestError) as info:
            await rp._transport.execute(
                pydantic.BaseModel,
                query="query Broken { pod { nope } }",
                operation_name="Broken",
                variables={},
            )
    assert info.value.errors and info.value.errors[0].code == "GRAPHQL_VALIDATION_FAILED"
    assert rp.stats.retries == 0 and emu.request_count() == 1


async def test_with_options_changes_retries_for_one_view_only(emu: Emulator) -> None:
    pod_id = await make_pod(emu)
    async with client_for(emu) as rp:
        emu.inject(Fault.SERVER_ERROR, count=1, operations={"GetPod"}, status=503)
        with pytest.raises(ServerError):
            await rp.with_options(max_retries=0).pods.get(pod_id)
        emu.inject(Fault.SERVER_ERROR, count=1, operations={"GetPod"}, status=503)
        assert (await rp.pods.get(pod_id)).id == pod_id
        assert rp.with_options(timeout=3)._transport.wire is rp._transport.wire


async def test_a_huge_retry_after_is_capped_for_every_caller(emu: Emulator) -> None:
    # The server asks for an hour; the policy caps it at max_retry_after, and the limiter's pause
    # (which every later request waits for) must be capped the same, not an hour more.
    pod_id = await make_pod(emu)
    emu.inject(Fault.RATE_LIMIT, count=1, operations={"GetPod"}, retry_after=3600)
    clock = fake_clock()
    policy = RetryPolicy(max_retries=3, max_retry_after=20.0)
    async with client_for(emu, clock=clock, retry=policy) as rp:
        assert (await rp.pods.get(pod_id)).id == pod_id
        assert (await rp.pods.get(pod_id)).id == pod_id
    # 20 s once, then only the limiter's pacing while its rate climbs back (not 3,580 s more).
    assert clock.sleeps[0] == 20.0 and sum(clock.sleeps) < 21


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_retries": -1},
        {"rate_limit": 0},
        {"rate_limit": float("nan")},
        {"max_in_flight": 0},
        {"timeout": 0},
        {"timeout": -1.0},
        {"timeout": float("inf")},
        {"connect_timeout": 0},
        {"timeout": httpx.Timeout(0)},
        {"transport": "requests"},
    ],
)
async def test_bad_client_settings_are_refused_when_the_client_is_made(
    emu: Emulator, kwargs: dict[str, object]
) -> None:
    # Not on the first request (rate_limit), not silently unbounded (aiohttp reads 0 as "no
    # time-out"), and always as our InputValidationError (still a ValueError).
    with pytest.raises(InputValidationError):
        RunPod(api_key=emu.api_key, url=emu.url, env={}, **kwargs)  # type: ignore[arg-type]
    async with client_for(emu) as rp:
        with pytest.raises(InputValidationError):
            rp.with_options(timeout=0)
        with pytest.raises(InputValidationError):
            rp.with_options(max_retries=-2)
    assert emu.request_count() == 0


async def test_terminate_refused_by_429_then_not_found_was_already_gone(emu: Emulator) -> None:
    # The 429 proves the first attempt was not applied: "not found" then means it never existed.
    emu.inject(Fault.RATE_LIMIT, count=1, operations={"TerminatePod"}, retry_after=1)
    async with client_for(emu) as rp:
        assert await rp.pods.terminate("no-such-pod") is False
    assert emu.request_count("TerminatePod") == 2
