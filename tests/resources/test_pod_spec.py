"""One pod spec for every create path: the signatures agree, options reach the API, bad ones do not."""

from __future__ import annotations

import typing
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from typing_extensions import Unpack

from runpod_gql import InputValidationError, PodSpec, Progress
from runpod_gql.emulator import Emulator
from runpod_gql.resources.pods import Pods
from runpod_gql.resources.spec import GpuPlacement
from tests.support import client_for, op

L4 = "NVIDIA L4"


def spec_of(method: Any) -> Any:
    """The TypedDict a method takes as ``**spec: Unpack[...]``."""
    hints = typing.get_type_hints(method)
    (unpacked,) = [h for name, h in hints.items() if typing.get_origin(h) is Unpack]
    return typing.get_args(unpacked)[0]


def test_launch_accepts_every_option_create_accepts() -> None:
    create, launch = spec_of(Pods.create), spec_of(Pods.launch)
    create_hints, launch_hints = typing.get_type_hints(create), typing.get_type_hints(launch)
    missing = set(create_hints) - set(launch_hints)
    assert not missing, f"launch() cannot take {sorted(missing)}"
    for key, hint in create_hints.items():
        assert launch_hints[key] == hint, f"launch({key}=...) is typed differently from create"
    # launch requires nothing that create does not.
    assert launch.__required_keys__ == create.__required_keys__


def test_every_create_takes_the_whole_pod_spec() -> None:
    options = typing.get_type_hints(PodSpec)
    for method in (Pods.create, Pods.create_spot, Pods.create_cpu, Pods.launch):
        hints = typing.get_type_hints(spec_of(method))
        assert {k: hints[k] for k in options} == options, method.__name__
    assert spec_of(Pods.plan) is GpuPlacement
    assert set(typing.get_type_hints(GpuPlacement)) <= set(
        typing.get_type_hints(spec_of(Pods.create))
    )


async def test_unknown_or_missing_keywords_are_type_errors_as_in_python(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        pods: Any = rp.pods
        with pytest.raises(
            TypeError, match="create\\(\\) got an unexpected keyword argument 'nmae'"
        ):
            await pods.create(nmae="x", image="img", gpu_types=L4)
        with pytest.raises(TypeError, match="missing required keyword argument: 'image'"):
            await pods.create_cpu(name="x", instance_id="cpu3c-2-4")
        with pytest.raises(TypeError, match="launch\\(\\) got an unexpected keyword argument"):
            pods.launch(name="x", image="img", gpu_types=L4, spot_bid=1.0)
        with pytest.raises(TypeError, match="plan\\(\\) got an unexpected keyword argument 'name'"):
            await pods.plan(name="x", gpu_types=L4)
    assert emu.request_count() == 0


@pytest.mark.graphql_only("min_vcpu, min_memory_gb, stop_after, terminate_after have no v2 field")
async def test_launch_passes_the_options_it_used_to_drop(emu: Emulator) -> None:
    stop_at = datetime(2030, 1, 1, tzinfo=timezone.utc)
    async with client_for(emu) as rp:
        dc = (await rp.datacenters.list())[0].id
        assert dc is not None
        emu.reset_log()
        async with rp.pods.launch(
            name="all-options",
            image="img",
            gpu_types=L4,
            data_centers=dc,
            volume_gb=5,
            volume_mount_path="/data",
            min_vcpu=2,
            min_memory_gb=8,
            allowed_cuda_versions=["12.4"],
            stop_after=stop_at,
            terminate_after=stop_at + timedelta(days=1),
            ssh=False,
        ) as pod:
            assert pod.volume_mount_path == "/data"
            assert pod.data_center_id == dc
    (create,) = [r for r in emu.requests if r.operation == op("CreatePod")]
    sent = create.variables["input"]
    assert sent["dataCenterId"] == dc and sent["volumeMountPath"] == "/data"
    assert sent["minVcpuCount"] == 2 and sent["minMemoryInGb"] == 8
    assert sent["allowedCudaVersions"] == ["12.4"]
    assert sent["stopAfter"].startswith("2030-01-01") and sent["terminateAfter"].startswith(
        "2030-01-02"
    )


async def test_a_spec_is_a_dict_that_can_be_kept_and_reused(emu: Emulator) -> None:
    base: PodSpec = {"name": "worker", "image": "img", "env": {"A": "1"}, "ports": ["22/tcp"]}
    async with client_for(emu) as rp:
        gpu = await rp.pods.create(**base, gpu_types=L4)
        cpu = await rp.pods.create_cpu(**base, instance_id="cpu3c-2-4")
    assert gpu.ports == cpu.ports == ["22/tcp"]
    assert gpu.container_disk_in_gb == 20 and cpu.container_disk_in_gb == 10  # per-kind defaults


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"allowed_cuda_versions": ["12.4"]}, "allowed_cuda_versions"),
        ({"stop_after": datetime(2030, 1, 1, tzinfo=timezone.utc)}, "stop_after"),
        ({"min_vcpu": 0}, "min_vcpu"),
        ({"start_ssh": "yes"}, "start_ssh"),
        ({"volume_mount_path": ""}, "volume_mount_path"),
    ],
)
async def test_cpu_pods_refuse_what_they_cannot_take_before_any_request(
    emu: Emulator, kwargs: dict[str, Any], field: str
) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(InputValidationError) as info:
            await rp.pods.create_cpu(name="c", image="img", instance_id="cpu3c-2-4", **kwargs)
    assert info.value.field == field
    assert emu.request_count() == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"data_centers": ["EU-RO-1", "US-TX-3"]}, "data_centers"),
        ({"max_price_per_hr": 2.0}, "max_price_per_hr"),
    ],
)
async def test_a_spot_launch_refuses_what_a_spot_create_cannot_do(
    emu: Emulator, kwargs: dict[str, Any], field: str
) -> None:
    async with client_for(emu) as rp:
        with pytest.raises(InputValidationError) as info:
            async with rp.pods.launch(
                name="s", image="img", gpu_types=L4, spot_bid_per_gpu=1.0, ssh=False, **kwargs
            ):
                pass
    assert info.value.field == field
    assert emu.request_count() == 0


@pytest.mark.graphql_only("REST v2 has no spot pods or bids")
async def test_a_spot_launch_takes_the_spot_create_options(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        bid = await rp.gpus.minimum_bid(L4)
        async with rp.pods.launch(
            name="spot",
            image="img",
            gpu_types=L4,
            spot_bid_per_gpu=bid,
            ssh=False,
            stop_after=datetime(2030, 1, 1, tzinfo=timezone.utc),
        ) as pod:
            assert pod.is_spot and pod.pod_type in ("INTERRUPTABLE", "BID")
    (create,) = [r for r in emu.requests if r.operation == "CreateSpotPod"]
    assert create.variables["input"]["stopAfter"].startswith("2030-01-01")
    assert emu.state.pods == {}


async def test_launch_hands_over_the_pod_its_wait_saw(emu: Emulator) -> None:
    ticks: list[Progress] = []
    async with client_for(emu) as rp:
        emu.reset_log()
        async with rp.pods.launch(
            name="counted", image="img", gpu_types=L4, ssh=False, on_progress=ticks.append
        ) as pod:
            assert pod.runtime is not None and pod.status.value == "RUNNING"
            gets = emu.request_count(op("GetPod"))
    # One get per wait tick and none after it: the wait's last poll is the pod handed over.
    assert gets == len(ticks)
