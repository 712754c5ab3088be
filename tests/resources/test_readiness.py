"""Bounded readiness: statuses, ports, SSH banners, fail-fast states and the cost of waiting on many pods."""

from __future__ import annotations

import itertools

import pytest

from runpod_gql import (
    InputValidationError,
    NotFoundError,
    PodInterruptedError,
    PodStateError,
    PodStatus,
    Progress,
    ServerError,
    WaitTimeoutError,
)
from runpod_gql.emulator import Emulator, Fault
from tests.sshd import LocalSSHD, sshd_available
from tests.support import client_for, op

L4 = "NVIDIA L4"


async def test_wait_until_ready_reports_each_stage(emu: Emulator) -> None:
    seen: list[Progress] = []
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="r", image="img", gpu_types=L4)
        state = await rp.pods.wait_until_ready(
            pod.id, timeout=300, ssh=False, on_progress=seen.append
        )
    assert state.status == PodStatus.RUNNING and state.runtime is not None
    stages = [p.stage.split(" (")[0] for p in seen]
    assert stages[0] == "waiting for a machine and the image"
    assert "waiting for the container to start" in " ".join(
        stages
    ) or "waiting for public port" in " ".join(stages)
    assert seen[-1].ready and seen[-1].waited >= 20  # the emulator boots in 20 s + 10 s for ports


async def test_poll_interval_grows_to_a_cap(emu: Emulator) -> None:
    emu_boot = 120
    async with Emulator(api_key=emu.api_key, clock=emu.clock, boot_seconds=emu_boot) as slow:
        async with client_for(slow) as rp:
            pod = await rp.pods.create(name="r", image="img", gpu_types=L4)
            clock = rp._transport.clock
            await rp.pods.wait_until(pod.id, PodStatus.RUNNING, timeout=600)
    sleeps = clock.sleeps  # type: ignore[attr-defined]
    assert sleeps[0] == 1.0 and sleeps[1] == 1.5
    assert max(sleeps) == 10.0
    assert all(b >= a for a, b in itertools.pairwise(sleeps))


async def test_timeout_error_says_which_pod_what_state_and_how_long(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(
            name="slow", image="img", gpu_types=L4, docker_args="python serve.py"
        )
        # Custom docker args replace the start script: RUNNING, but ports never get mapped.
        with pytest.raises(WaitTimeoutError) as info:
            await rp.pods.wait_until_ready(pod.id, timeout=90, ssh=False)
    err = info.value
    assert err.pod_id == pod.id and err.last_status == "RUNNING"
    assert err.waited is not None and 60 <= err.waited <= 90
    assert "public port mapping of 22" in str(err)
    assert isinstance(err, TimeoutError)


@pytest.mark.parametrize("timeout", [0, -1.0, float("inf"), float("nan")])
async def test_waits_are_always_bounded(emu: Emulator, timeout: float) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(InputValidationError):
            await rp.pods.wait_until_ready("x", timeout=timeout)
        with pytest.raises(InputValidationError):
            await rp.pods.wait_until("x", "RUNNING", timeout=timeout)
        with pytest.raises(InputValidationError):
            await rp.pods.wait_all_ready(["x"], timeout=timeout)
    assert emu.request_count() == 0


async def test_stopped_pod_fails_fast(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="r", image="img", gpu_types=L4)
        await rp.pods.stop(pod.id)
        with pytest.raises(PodStateError, match="reached EXITED") as info:
            await rp.pods.wait_until_ready(pod.id, timeout=600, ssh=False)
    assert info.value.waited == 0


@pytest.mark.graphql_only("REST v2 has no spot pods")
async def test_outbid_spot_pod_fails_fast_while_waiting(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        bid = await rp.gpus.minimum_bid(L4)
        pod = await rp.pods.create_spot(name="spot", image="img", gpu_type=L4, bid_per_gpu=bid)

        def outbid_on_first_tick(progress: Progress) -> None:
            if progress.waited == 0:
                emu.outbid(pod.id)  # interrupted while the wait is under way

        with pytest.raises(PodInterruptedError) as info:
            await rp.pods.wait_until_ready(
                pod.id, timeout=3600, ssh=False, on_progress=outbid_on_first_tick
            )
    assert info.value.pod_id == pod.id and info.value.last_status is not None
    assert info.value.waited is not None and info.value.waited < 3600


async def test_vanished_pod_fails_fast(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="r", image="img", gpu_types=L4)

        def terminate_behind_our_back(progress: Progress) -> None:
            if progress.waited == 0:
                emu.state.pods.pop(pod.id)  # gone, as if terminated from the console

        with pytest.raises(PodStateError, match="vanished"):
            await rp.pods.wait_until_ready(
                pod.id, timeout=600, ssh=False, on_progress=terminate_behind_our_back
            )


async def test_wait_until_exited(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="r", image="img", gpu_types=L4)
        await rp.pods.stop(pod.id)
        state = await rp.pods.wait_until(pod.id, "EXITED", timeout=60)
    assert state.status == PodStatus.EXITED


async def test_waiting_for_50_pods_costs_one_request_per_tick(emu: Emulator) -> None:
    ticks: set[float] = set()
    async with client_for(emu) as rp:
        ids = [
            (
                await rp.pods.create(
                    name=f"fleet-{i}",
                    image="img",
                    gpu_types=["NVIDIA GeForce RTX 4090", L4, "NVIDIA A40"],
                )
            ).id
            for i in range(50)
        ]
        emu.reset_log()
        ready = await rp.pods.wait_all_ready(
            ids, timeout=600, ssh=False, on_progress=lambda p: ticks.add(p.waited)
        )
    assert set(ready) == set(ids)
    polls = emu.request_count(op("ListPodStates"))
    print(
        f"\nwaiting for 50 pods: {polls} requests over {len(ticks)} ticks, {emu.request_count()} requests in all"
    )
    assert polls == len(ticks)
    assert emu.request_count() == polls  # no per-pod request at all
    assert polls < 15


@pytest.mark.skipif(not sshd_available(), reason="OpenSSH sshd is not installed")
async def test_ssh_readiness_reads_a_real_banner() -> None:
    async with LocalSSHD() as sshd:
        async with Emulator(api_key="k", ssh_port=sshd.port) as live, client_for(live) as rp:
            pod = await rp.pods.create(name="ssh", image="img", gpu_types=L4)
            live.clock.advance(60)
            state = await rp.pods.wait_until_ready(pod.id, timeout=30, ssh=True)
            assert state.status == PodStatus.RUNNING
    # Without an sshd behind the mapping, the banner never comes and the wait times out.
    async with Emulator(api_key="k", ssh_port=1) as dead, client_for(dead) as rp:
        pod = await rp.pods.create(name="no-sshd", image="img", gpu_types=L4)
        dead.clock.advance(60)
        with pytest.raises(WaitTimeoutError, match="sshd to answer"):
            await rp.pods.wait_until_ready(pod.id, timeout=20, ssh=True)


async def test_unknown_pod_is_not_found_rather_than_vanished(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(NotFoundError, match="pod nope not found"):
            await rp.pods.wait_until_ready("nope", timeout=60, ssh=False)
        with pytest.raises(NotFoundError):
            await rp.pods.wait_all_ready(["nope"], timeout=60, ssh=False)


async def test_a_wait_does_not_outlive_its_timeout_through_request_retries(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="r", image="img", gpu_types=L4)
        # Every poll now fails with 503: each would retry for up to the 120 s request deadline.
        emu.inject(Fault.SERVER_ERROR, count=1000, operations={op("GetPod")}, status=503)
        clock = rp._transport.clock
        with pytest.raises(ServerError):
            await rp.pods.wait_until_ready(pod.id, timeout=20, ssh=False)
    assert clock.monotonic() <= 21
