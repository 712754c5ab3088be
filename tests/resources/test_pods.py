"""Pods against the emulator: create, placement, safe create, spot, lifecycle mutations, guard, reaper."""

from __future__ import annotations

import asyncio

import pytest

from runpod_gql import (
    InputValidationError,
    PlacementError,
    PodStatus,
    RetryPolicy,
)
from runpod_gql.emulator import Emulator, Fault
from runpod_gql.resources.pods import pod_token
from tests.support import capture_logs, client_for, op

L4, A40, A6000, H100 = "NVIDIA L4", "NVIDIA A40", "NVIDIA RTX A6000", "NVIDIA H100 80GB HBM3"


def mutations(emu: Emulator) -> list[str]:
    """The creates, stops and terminates the emulator saw (GraphQL names or v2 operationIds)."""
    return [
        r.operation or ""
        for r in emu.requests
        if (r.operation or "").startswith(("Create", "Stop", "Terminate", "create", "delete"))
        or r.operation == "podAction"
    ]


async def test_create_get_list_stop_resume_terminate(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(
            name="train-1",
            image="runpod/pytorch",
            gpu_types=A40,
            gpu_count=2,
            env={"A": "1"},
            volume_gb=10,
        )
        assert pod.gpu_count == 2 and pod.gpu_type_id == A40
        assert pod.env["A"] == "1" and pod_token(pod) is not None
        assert (await rp.pods.get(pod.id)).name == "train-1"
        assert await rp.pods.find("nope") is None
        other = await rp.pods.create(name="eval-1", image="img", gpu_types=L4)
        assert {p.id for p in await rp.pods.list()} == {pod.id, other.id}
        assert [p.id for p in await rp.pods.list(name_prefix="train")] == [pod.id]
        assert [p.id for p in await rp.pods.list(name="eval-1")] == [other.id]
        assert [p.id for p in await rp.pods.list(gpu_type=L4)] == [other.id]
        stopped = await rp.pods.stop(pod.id)
        assert stopped.status == PodStatus.EXITED and stopped.runtime is None
        assert [p.id for p in await rp.pods.list(status="EXITED")] == [pod.id]
        resumed = await rp.pods.resume(pod.id)
        assert resumed.status in (PodStatus.PROVISIONING, PodStatus.STARTING, PodStatus.RUNNING)
        assert await rp.pods.terminate(pod.id) is True
        assert await rp.pods.terminate(pod.id) is False  # already gone: idempotent
        assert pod.id not in emu.state.pods


async def test_pages_stream_the_account_with_lists_filters(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        made = [
            await rp.pods.create(name=f"fleet-{i}", image="img", gpu_types=A40) for i in range(3)
        ]
        await rp.pods.create(name="other", image="img", gpu_types=L4)
        pages = [page async for page in rp.pods.pages(name_prefix="fleet-")]
        # Neither API pages this account (GraphQL never does; v2.9.0 does not): one page.
        assert len(pages) == 1
        assert sorted(p.id for p in pages[0]) == sorted(p.id for p in made)
        assert [p async for p in rp.pods.pages(status="EXITED")] == [[]]
        with pytest.raises(InputValidationError, match="status"):
            [p async for p in rp.pods.pages(status="FLYING")]


async def test_a_paged_account_is_read_whole_each_page_once(emu: Emulator, api: str) -> None:
    emu.state.rest_page_size = 2  # GET /v2/pods as the newer document pages it
    async with client_for(emu) as rp:
        made = {
            (await rp.pods.create(name=f"p{i}", image="img", gpu_types=A40)).id for i in range(5)
        }
        before = rp.stats.requests
        assert {p.id for p in await rp.pods.list()} == made
        pages = [[p.id for p in page] async for page in rp.pods.pages()]
        # REST v2 follows the cursor (3 pages of at most 2); GraphQL never pages.
        expected = 3 if api == "rest" else 1
        assert len(pages) == expected and rp.stats.requests - before == 2 * expected
        assert sorted(i for page in pages for i in page) == sorted(made)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"container_disk_gb": -5}, "container_disk_gb"),
        ({"gpu_count": 0}, "gpu_count"),
        ({"image": ""}, "image"),
        ({"name": "x" * 61}, "name"),
        ({"env": {"A=B": "x"}}, "env"),
        ({"ports": "22/ssh"}, "ports"),
        ({"cloud_types": "MOON"}, "cloud_types"),
        ({"max_price_per_hr": -1.0}, "max_price_per_hr"),
        ({"min_vcpu": 0}, "min_vcpu"),
        ({"min_memory_gb": 0}, "min_memory_gb"),
    ],
)
async def test_bad_arguments_are_refused_before_any_request(
    emu: Emulator, kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {"name": "ok", "image": "img", "gpu_types": L4, **kwargs}
    async with client_for(emu) as rp:
        with pytest.raises(InputValidationError) as info:
            await rp.pods.create(**args)  # type: ignore[arg-type]
    assert info.value.field == field
    assert emu.request_count() == 0


async def test_unknown_gpu_type_is_refused_before_any_mutation(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(
            InputValidationError, match="unknown GPU type id 'NVIDIA RTX 9999'"
        ) as info:
            await rp.pods.create(name="x", image="img", gpu_types=[L4, "NVIDIA RTX 9999"])
    assert info.value.field == "gpu_types[1]"
    assert mutations(emu) == []


async def test_placement_skips_two_out_of_stock_types_and_reports_attempts(emu: Emulator) -> None:
    emu.set_stock(H100, 0)
    emu.set_stock(A6000, 0)
    async with client_for(emu) as rp:
        plan = await rp.pods.plan(gpu_types=[H100, A6000, A40], cloud_types="SECURE")
        assert [(c.gpu_type_id, c.skip) for c in plan] == [
            (H100, "out of stock"),
            (A6000, "out of stock"),
            (A40, None),
        ]
        assert plan[2].price_per_hr is not None
        assert mutations(emu) == []  # planning creates nothing
        pod = await rp.pods.create(name="placed", image="img", gpu_types=[H100, A6000, A40])
    assert pod.gpu_type_id == A40
    assert mutations(emu) == [op("CreatePod")]  # the skipped types cost no create


async def test_placement_moves_on_after_a_capacity_error(emu: Emulator) -> None:
    # The catalogue can be stale: the first type looks in stock but the create is refused.
    async with client_for(emu) as rp:
        plan = await rp.pods.plan(gpu_types=[A6000, A40], cloud_types="SECURE")
        assert all(c.viable for c in plan)
        emu.set_stock(A6000, 0)
        real_plan = rp.pods.plan

        async def stale_plan(**kwargs: object) -> object:
            return plan

        rp.pods.plan = stale_plan  # type: ignore[assignment,method-assign]
        pod = await rp.pods.create(
            name="p", image="img", gpu_types=[A6000, A40], cloud_types="SECURE"
        )
        rp.pods.plan = real_plan  # type: ignore[method-assign]
    assert pod.gpu_type_id == A40
    assert mutations(emu) == [op("CreatePod"), op("CreatePod")]


async def test_all_candidates_failing_raises_placement_error_with_every_attempt(
    emu: Emulator,
) -> None:
    emu.set_stock(L4, 0)
    async with client_for(emu) as rp:
        with pytest.raises(PlacementError) as info:
            await rp.pods.create(
                name="p",
                image="img",
                gpu_types=[L4, H100],
                cloud_types=["SECURE", "COMMUNITY"],
                max_price_per_hr=1.0,
            )
    outcomes = [(a.gpu_type_id, a.cloud_type, a.outcome) for a in info.value.attempts]
    assert (L4, "SECURE", "skipped: out of stock") in outcomes
    assert any(g == H100 and "over max_price_per_hr" in o for g, _, o in outcomes)
    assert "no candidate could be placed" in str(info.value)
    assert mutations(emu) == []


async def test_create_whose_answer_is_dropped_after_apply_yields_exactly_one_pod(
    emu: Emulator,
) -> None:
    emu.inject(Fault.DROP_AFTER, count=1, operations={op("CreatePod")})
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="once", image="img", gpu_types=L4)
    assert list(emu.state.pods) == [pod.id]
    assert emu.request_count(op("CreatePod")) == 1  # adopted, not resent
    assert emu.request_count(op("ListPods")) == 1


async def test_create_refused_by_5xx_is_resent_after_checking_and_makes_one_pod(
    emu: Emulator,
) -> None:
    emu.inject(Fault.SERVER_ERROR, count=1, operations={op("CreatePod")}, status=502)
    emu.inject(Fault.DROP_BEFORE, count=1, operations={op("CreatePod")})
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="once", image="img", gpu_types=L4)
    assert list(emu.state.pods) == [pod.id]
    assert emu.request_count(op("CreatePod")) == 3
    assert emu.request_count(op("ListPods")) == 2  # looked before each resend


async def test_ambiguous_create_with_no_retries_left_raises_without_resending(
    emu: Emulator,
) -> None:
    emu.inject(Fault.SERVER_ERROR, count=1, operations={op("CreatePod")}, status=500)
    async with client_for(emu, retry=RetryPolicy(max_retries=0)) as rp:
        with pytest.raises(Exception, match="server error"):
            await rp.pods.create(name="x", image="img", gpu_types=L4)
    assert emu.request_count(op("CreatePod")) == 1
    assert emu.state.pods == {}


@pytest.mark.graphql_only("REST v2 has no spot pods or bids")
async def test_spot_bid_is_checked_against_the_live_minimum(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        minimum = await rp.gpus.minimum_bid(L4)
        with pytest.raises(InputValidationError, match="below the current minimum bid") as info:
            await rp.pods.create_spot(
                name="s", image="img", gpu_type=L4, bid_per_gpu=minimum * 0.5, gpu_count=2
            )
        assert info.value.field == "bid_per_gpu"
        assert mutations(emu) == []
        pod = await rp.pods.create_spot(
            name="s", image="img", gpu_type=L4, bid_per_gpu=minimum, gpu_count=2
        )
        assert pod.is_spot and pod.pod_type == "INTERRUPTABLE"
        record = emu.state.pods[pod.id]
        assert record.bid_per_gpu == minimum  # per GPU, not multiplied by the count
        await rp.pods.stop(pod.id)
        resumed = await rp.pods.bid_resume(pod.id, bid_per_gpu=minimum * 1.5)
        assert resumed.status != PodStatus.EXITED


async def test_cpu_pod(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        flavors = await rp.cpus.list()
        assert flavors
        pod = await rp.pods.create_cpu(name="cpu", image="img", instance_id="cpu3c-2-4")
        assert pod.gpu_count == 0


async def test_edit_keeps_the_create_token(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="e", image="img:1", gpu_types=L4)
        edited = await rp.pods.edit(pod.id, image="img:2", env={"B": "2"})
    assert edited.image_name == "img:2"
    assert edited.env["B"] == "2" and pod_token(edited) == pod_token(pod)


async def test_reap_finds_and_terminates_only_tagged_pods_with_the_prefix(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        mine = [await rp.pods.create(name=f"ci-{i}", image="img", gpu_types=L4) for i in range(3)]
        other = await rp.pods.create(name="prod-1", image="img", gpu_types=L4)
        with pytest.raises(InputValidationError):
            await rp.pods.reap()
        found = await rp.pods.reap(name_prefix="ci-", dry_run=True)
        assert {p.id for p in found} == {p.id for p in mine}
        assert len(emu.state.pods) == 4
        await rp.pods.reap(name_prefix="ci-")
    assert list(emu.state.pods) == [other.id]


async def test_launch_cleans_up_after_an_exception(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(RuntimeError, match="training crashed"):
            async with rp.pods.launch(name="guarded", image="img", gpu_types=L4, ssh=False) as pod:
                assert pod.status == PodStatus.RUNNING
                assert pod.id in emu.state.pods
                raise RuntimeError("training crashed")
    assert emu.state.pods == {}


async def test_launch_cleans_up_after_cancellation_while_waiting(emu: Emulator) -> None:
    started = asyncio.Event()
    async with client_for(emu) as rp:

        async def job() -> None:
            async with rp.pods.launch(name="cancelled", image="img", gpu_types=L4, ssh=False):
                started.set()
                await asyncio.Event().wait()  # work that never ends

        task = asyncio.create_task(job())
        await asyncio.wait_for(started.wait(), 10)
        assert len(emu.state.pods) == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert emu.state.pods == {}


async def test_launch_cancelled_inside_the_create_still_leaves_no_pod(emu: Emulator) -> None:
    # The create is held by the server (applied, answer delayed) when the task is cancelled.
    emu.inject(Fault.TIMEOUT, count=1, operations={op("CreatePod")}, delay=30)
    async with client_for(emu) as rp:

        async def job() -> None:
            async with rp.pods.launch(name="mid-create", image="img", gpu_types=L4, ssh=False):
                pass

        task = asyncio.create_task(job())
        for _ in range(500):
            await asyncio.sleep(0.01)
            if emu.state.pods:
                break
        assert len(emu.state.pods) == 1  # the server made it; the client never saw the id
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert emu.state.pods == {}


async def test_launch_can_stop_instead(emu: Emulator) -> None:
    async with (
        client_for(emu) as rp,
        rp.pods.launch(name="keep", image="img", gpu_types=L4, ssh=False, on_exit="stop") as pod,
    ):
        pass
    assert emu.state.pods[pod.id].desired_status == "EXITED"


async def test_metrics_and_watch(emu: Emulator, api: str) -> None:
    async with client_for(emu) as rp:
        pod = await rp.pods.create(name="m", image="img", gpu_types=L4, gpu_count=2)
        await rp.pods.wait_until_ready(pod.id, timeout=120, ssh=False)
        metrics = await rp.pods.metrics(pod.id)
        assert metrics.status == PodStatus.RUNNING and metrics.uptime_seconds > 0
        assert len(metrics.gpus) == 2 and metrics.gpu_util_percent is not None
        assert metrics.cost_so_far == pytest.approx(
            metrics.cost_per_hr * metrics.uptime_seconds / 3600, rel=1e-3
        )
        samples = [m async for m in rp.pods.watch(pod.id, interval=60, count=3)]
        assert len(samples) == 3
        assert samples[2].uptime_seconds - samples[0].uptime_seconds == pytest.approx(120, abs=2)
        if api == "graphql":  # REST v2 has no live spend
            account = await rp.account.get()
            assert account.current_spend_per_hr == pytest.approx(metrics.cost_per_hr, rel=1e-3)


async def test_status_arguments_are_checked(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(InputValidationError, match="must be one of") as info:
            await rp.pods.list(status="SLEEPING")
        assert info.value.field == "status"
        assert emu.request_count() == 0  # refused before sending
        assert await rp.pods.list(status=["running", PodStatus.EXITED]) == []
        with pytest.raises(InputValidationError, match="terminate"):
            await rp.pods.wait_until("p", "TERMINATED")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"cloud_types": []}, "cloud_types"),
        ({"gpu_types": []}, "gpu_types"),
        ({"cloud_types": "MOON"}, "cloud_types"),
    ],
)
async def test_spot_launch_refuses_bad_choices_before_any_request(
    emu: Emulator, kwargs: dict[str, object], field: str
) -> None:
    args: dict[str, object] = {"name": "s", "image": "img", "gpu_types": L4, **kwargs}
    async with client_for(emu) as rp:
        with pytest.raises(InputValidationError) as info:
            async with rp.pods.launch(spot_bid_per_gpu=1.0, ssh=False, **args):  # type: ignore[arg-type]
                pass
    assert info.value.field == field
    assert emu.request_count() == 0


async def test_one_data_centre_may_be_given_as_a_string(emu: Emulator) -> None:
    # Like gpu_types and cloud_types; not split into one "data centre" per character.
    async with client_for(emu) as rp:
        dc = (await rp.datacenters.list())[0].id
        assert dc is not None
        plan = await rp.pods.plan(gpu_types=L4, cloud_types="SECURE", data_centers=dc)
        assert [c.data_center_id for c in plan] == [dc]
        emu.reset_log()
        with pytest.raises(InputValidationError) as info:
            await rp.pods.plan(gpu_types=L4, data_centers=[dc, ""])
        assert info.value.field == "data_centers[1]" and emu.request_count() == 0


async def test_cancelled_launch_stays_cancelled_when_clean_up_fails(emu: Emulator) -> None:
    started = asyncio.Event()
    async with client_for(emu, max_retries=0) as rp:

        async def job() -> None:
            async with rp.pods.launch(name="c", image="img", gpu_types=L4, ssh=False):
                started.set()
                await asyncio.Event().wait()

        task = asyncio.create_task(job())
        await asyncio.wait_for(started.wait(), 10)
        emu.inject(Fault.SERVER_ERROR, count=10, operations={op("TerminatePod")}, status=500)
        with capture_logs() as lines:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
    assert len(emu.state.pods) == 1  # the clean-up could not terminate it ...
    assert any("may still exist" in line for line in lines)  # ... and said so
