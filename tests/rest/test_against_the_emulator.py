"""The generated operations against the emulator's REST v2 (which validates every request against
openapi.json): our request bodies are accepted, its answers fit our models, its problems are our
errors — end to end through the client's one transport."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from runpod_gql_rest.models import (
    CreateGpuConfig,
    CreateNetworkVolumeRequest,
    CreatePodRequest,
    CreateRegistryRequest,
    CreateTemplateRequest,
    PodActionRequest,
    UpdatePodRequest,
    UpdateSshKeysRequest,
    UpdateTemplateRequest,
)
from runpod_gql_rest.models.availability_level import AvailabilityLevel
from runpod_gql_rest.models.pod_action import PodAction
from runpod_gql_rest.models.pod_status import PodStatus

from runpod_gql import ConflictError, InvalidRequestError, NotFoundError, RunPod
from runpod_gql.emulator import Emulator, ManualClock
from tests.support import API_KEY, client_for

A40 = "NVIDIA A40"
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample me@laptop"


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(api_key=API_KEY, clock=ManualClock()) as emulator:
        yield emulator


@pytest_asyncio.fixture
async def rp(emu: Emulator) -> AsyncIterator[RunPod]:
    async with client_for(emu) as client:
        yield client


def new_pod(name: str = "train") -> CreatePodRequest:
    return CreatePodRequest(
        name=name,
        image="runpod/pytorch",
        gpu=CreateGpuConfig(id=A40, count=1),
        ports=["22/tcp"],
        env={"RUNPOD_GQL_TOKEN": "t-1"},
    )


async def test_a_pod_through_its_whole_life(emu: Emulator, rp: RunPod) -> None:
    gpus = await rp.rest.list_gpu_types(include=["AVAILABILITY"], product=["POD"])
    assert any(g.id == A40 and g.availability != AvailabilityLevel.NONE for g in gpus)
    pod = await rp.rest.create_pod(new_pod())
    assert pod.status == PodStatus.PROVISIONING and pod.env == {"RUNPOD_GQL_TOKEN": "t-1"}
    assert [p.id for p in await rp.rest.list_pods()] == [pod.id]
    emu.clock.advance(40)
    running = await rp.rest.get_pod(pod.id)
    assert running.status == PodStatus.RUNNING and running.runtime is not None
    with pytest.raises(ConflictError):
        await rp.rest.pod_action(pod.id, PodActionRequest(action=PodAction.START))
    stopped = await rp.rest.pod_action(pod.id, PodActionRequest(action=PodAction.STOP))
    assert stopped is not None and stopped.status == PodStatus.EXITED and stopped.cost == 0.0
    renamed = await rp.rest.update_pod(pod.id, UpdatePodRequest(name="renamed"))
    assert renamed.name == "renamed"
    await rp.rest.delete_pod(pod.id)
    with pytest.raises(NotFoundError):
        await rp.rest.get_pod(pod.id)


async def test_logs_arrive_as_events(emu: Emulator, rp: RunPod) -> None:
    pod = await rp.rest.create_pod(new_pod())
    emu.clock.advance(40)
    emu.write_log(pod.id, "epoch 1")
    emu.write_log(pod.id, "epoch 2")

    async def first_two() -> list[str]:
        lines = []
        async for event in rp.rest.get_pod_logs(pod.id, source="container", tail=2):
            lines.append(event.json()["line"])
            if len(lines) == 2:
                break  # the stream follows a running pod: stop reading to close it
        return lines

    assert await asyncio.wait_for(first_two(), 30) == ["epoch 1", "epoch 2"]


async def test_the_other_resources(rp: RunPod) -> None:
    made = await rp.rest.create_template(
        CreateTemplateRequest(name="tpl", image="runpod/pytorch", ports=["8888/http"])
    )
    assert (await rp.rest.get_template(made.id)).name == "tpl"
    changed = await rp.rest.update_template(made.id, UpdateTemplateRequest(disk=30))
    assert changed.disk == 30
    assert made.id in [t.id for t in await rp.rest.list_templates()]
    await rp.rest.delete_template(made.id)

    data_centers = await rp.rest.list_data_centers()
    volume = await rp.rest.create_network_volume(
        CreateNetworkVolumeRequest(name="data", size=10, data_center=data_centers[0].id)
    )
    assert [v.id for v in await rp.rest.list_network_volumes()] == [volume.id]
    await rp.rest.delete_network_volume(volume.id)

    registry = await rp.rest.create_registry(
        CreateRegistryRequest(name="hub", username="me", password="secret")
    )
    assert (await rp.rest.get_registry(registry.id)).name == "hub"
    await rp.rest.delete_registry(registry.id)

    keys = await rp.rest.update_ssh_keys(UpdateSshKeysRequest(keys=[KEY]))
    assert keys.keys == [KEY] and (await rp.rest.get_ssh_keys()).keys == [KEY]
    assert await rp.rest.list_cpu_types()
    billing = await rp.rest.list_billing(bucket_size="day", last_n=3)
    assert billing.metadata is not None


async def test_a_body_the_server_refuses_names_the_field(rp: RunPod) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        # image is required unless templateId: a rule the models cannot express (if/then)
        await rp.rest.create_pod(CreatePodRequest(name="x", gpu=CreateGpuConfig(id=A40)))
    assert refused.value.status_code in (400, 422)
    assert refused.value.problem is not None
