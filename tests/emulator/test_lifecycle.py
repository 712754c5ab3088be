"""Pod lifecycle, billing, templates/volumes/endpoints/secrets — through the generated client."""

from __future__ import annotations

import pytest
from runpod_gql_generated.base_client import GraphQLResponseError
from runpod_gql_generated.client import GeneratedClient
from runpod_gql_generated.enums import PodStatus, PodType
from runpod_gql_generated.input_types import (
    CreateNetworkVolumeInput,
    DeleteNetworkVolumeInput,
    EnvironmentVariableInput,
    GpuLowestPriceInput,
    PodBidResumeInput,
    PodEditJobInput,
    PodFindAndDeployOnDemandInput,
    PodRentInterruptableInput,
    PodResumeInput,
    PodStopInput,
    PodTerminateInput,
    SaveRegistryAuthInput,
    SaveTemplateInput,
    SecretCreateInput,
    UpdateUserSettingsInput,
)

from runpod_gql.emulator import (
    CAPACITY_ERROR,
    HOST_FULL_ERROR,
    SPOT_RESUME_ERROR,
    TERMINATE_NOT_FOUND_ERROR,
    VOLUME_NOT_FOUND_ERROR,
    Emulator,
)

A40 = "NVIDIA A40"


def on_demand(**kw: object) -> PodFindAndDeployOnDemandInput:
    fields: dict[str, object] = {
        "name": "trainer",
        "image_name": "runpod/pytorch:2.4.0",
        "gpu_type_id": A40,
        "gpu_count": 1,
        "ports": "22/tcp,8888/http",
        "container_disk_in_gb": 20,
        "volume_in_gb": 50,
        "env": [EnvironmentVariableInput(key="MODE", value="train")],
    }
    fields.update(kw)
    return PodFindAndDeployOnDemandInput.model_validate(fields)


def messages(exc: GraphQLResponseError) -> list[str]:
    return [e.message for e in exc.errors]


async def test_full_pod_lifecycle(runpod_emulator: Emulator, gql: GeneratedClient) -> None:
    emu = runpod_emulator
    created = (await gql.create_pod(on_demand())).pod_find_and_deploy_on_demand
    assert created is not None
    assert created.desired_status == PodStatus.CREATED
    assert created.runtime is None
    assert created.env == ["MODE=train"]
    assert created.pod_type == PodType.RESERVED
    assert created.machine is not None
    assert created.machine.data_center_id == "US-TX-3"

    emu.clock.advance(20)  # boot done: RUNNING, but the container is not up yet
    pod = (await gql.get_pod(created.id)).pod
    assert pod is not None
    assert pod.desired_status == PodStatus.RUNNING
    assert pod.runtime is None

    emu.clock.advance(10)
    pod = (await gql.get_pod(created.id)).pod
    assert pod is not None
    assert pod.runtime is not None
    assert pod.runtime.uptime_in_seconds == 10
    ports = pod.runtime.ports or []
    ssh = [p for p in ports if p and p.is_ip_public and p.private_port == 22]
    assert len(ssh) == 1
    assert ssh[0].ip == "127.0.0.1"
    assert any(p and not p.is_ip_public and p.private_port == 22 for p in ports)
    assert [p.private_port for p in ports if p and p.type_ == "http"] == [8888]
    assert len(pod.runtime.gpus or []) == 1

    running_cost = pod.cost_per_hr
    stopped = (await gql.stop_pod(PodStopInput(pod_id=created.id))).pod_stop
    assert stopped is not None
    assert stopped.desired_status == PodStatus.EXITED
    assert stopped.runtime is None
    assert 0 < stopped.cost_per_hr < running_cost  # storage only

    resumed = (await gql.resume_pod(PodResumeInput(pod_id=created.id, gpu_count=1))).pod_resume
    assert resumed is not None
    assert resumed.desired_status == PodStatus.RUNNING
    assert resumed.cost_per_hr == running_cost
    assert resumed.runtime is None  # boots again
    emu.clock.advance(30)
    pod = (await gql.get_pod(created.id)).pod
    assert pod is not None
    assert pod.runtime is not None

    edited = (
        await gql.edit_pod_job(
            PodEditJobInput(
                pod_id=created.id,
                image_name="runpod/pytorch:2.5.0",
                container_disk_in_gb=40,
                env=[EnvironmentVariableInput(key="MODE", value="eval")],
            )
        )
    ).pod_edit_job
    assert edited is not None
    assert edited.image_name == "runpod/pytorch:2.5.0"
    assert edited.env == ["MODE=eval"]
    assert edited.runtime is None  # the container restarts

    await gql.terminate_pod(PodTerminateInput(pod_id=created.id))
    assert (await gql.get_pod(created.id)).pod is None
    assert created.id not in emu.state.pods
    with pytest.raises(GraphQLResponseError) as info:
        await gql.terminate_pod(PodTerminateInput(pod_id=created.id))
    assert messages(info.value) == [TERMINATE_NOT_FOUND_ERROR]


async def test_status_visible_in_state_and_list(
    runpod_emulator: Emulator, gql: GeneratedClient
) -> None:
    ids = []
    for i in range(3):
        pod = (await gql.create_pod(on_demand(name=f"p{i}"))).pod_find_and_deploy_on_demand
        assert pod is not None
        ids.append(pod.id)
    assert {p.desired_status for p in runpod_emulator.state.pods.values()} == {"CREATED"}
    runpod_emulator.clock.advance(20)
    assert {p.desired_status for p in runpod_emulator.state.pods.values()} == {"RUNNING"}
    listed = (await gql.list_pod_states()).myself
    assert listed is not None
    assert listed.pods is not None
    assert sorted(p.id for p in listed.pods if p) == sorted(ids)


async def test_billing_moves_with_emulated_time(
    runpod_emulator: Emulator, gql: GeneratedClient
) -> None:
    before = (await gql.get_account()).myself
    assert before is not None
    assert before.client_balance is not None
    pod = (await gql.create_pod(on_demand(gpu_count=2))).pod_find_and_deploy_on_demand
    assert pod is not None
    runpod_emulator.clock.advance(3600)
    after = (await gql.get_account()).myself
    assert after is not None
    assert after.client_balance is not None
    assert after.current_spend_per_hr == pytest.approx(pod.cost_per_hr)
    assert before.client_balance - after.client_balance == pytest.approx(pod.cost_per_hr, rel=1e-4)
    assert after.client_lifetime_spend == pytest.approx(pod.cost_per_hr, rel=1e-4)
    gpu = runpod_emulator.state.gpu_types[A40]
    assert gpu.secure_price is not None
    assert pod.cost_per_hr > 2 * gpu.secure_price  # two GPUs plus disk


async def test_capacity_error_and_stock(runpod_emulator: Emulator, gql: GeneratedClient) -> None:
    runpod_emulator.set_stock(A40, 0)
    with pytest.raises(GraphQLResponseError) as info:
        await gql.create_pod(on_demand())
    assert messages(info.value) == [CAPACITY_ERROR]
    # One data centre gets one GPU back: a 1-GPU pod lands there, a second one does not fit.
    runpod_emulator.set_stock(A40, 1, data_center_id="EU-RO-1")
    pod = (await gql.create_pod(on_demand())).pod_find_and_deploy_on_demand
    assert pod is not None
    assert pod.machine is not None
    assert pod.machine.data_center_id == "EU-RO-1"
    with pytest.raises(GraphQLResponseError):
        await gql.create_pod(on_demand())
    # A list of acceptable types falls through to one with stock.
    pod = (
        await gql.create_pod(on_demand(gpu_type_id=None, gpu_type_id_list=[A40, "NVIDIA L4"]))
    ).pod_find_and_deploy_on_demand
    assert pod is not None
    assert pod.machine is not None
    assert pod.machine.gpu_type_id == "NVIDIA L4"
    prices = await gql.get_gpu_type(A40, GpuLowestPriceInput(gpu_count=1))
    assert prices.gpu_types
    assert prices.gpu_types[0]
    assert prices.gpu_types[0].lowest_price
    assert prices.gpu_types[0].lowest_price.stock_status is None


async def test_a_fleet_in_one_call_leaves_the_stock_as_it_was(runpod_emulator: Emulator) -> None:
    emu = runpod_emulator
    emu.set_stock(A40, 0)  # the fleet's machines are added for it: none free before or after
    free = dict(emu.state.stock)
    pods = emu.add_fleet(3, A40, name="sweep")
    assert [p.name for p in pods] == ["sweep-0", "sweep-1", "sweep-2"]
    assert emu.state.stock == free
    async with emu.client(api="rest") as rp:
        listed = {p.id: p for p in await rp.pods.list()}
    assert set(listed) == {p.id for p in pods}
    assert all(p.status.value == "RUNNING" and p.ssh is not None for p in listed.values())
    booting = emu.add_fleet(1, A40, booted=False)
    assert emu.state.pods[booting[0].id].desired_status == "CREATED"
    with pytest.raises(KeyError, match="unknown GPU type"):
        emu.add_fleet(1, "NVIDIA H999")
    with pytest.raises(ValueError, match="count must be >= 0"):
        emu.add_fleet(-1)


async def test_host_full_on_resume(runpod_emulator: Emulator, gql: GeneratedClient) -> None:
    pod = (await gql.create_pod(on_demand())).pod_find_and_deploy_on_demand
    assert pod is not None
    await gql.stop_pod(PodStopInput(pod_id=pod.id))
    runpod_emulator.fill_host(pod.id)
    with pytest.raises(GraphQLResponseError) as info:
        await gql.resume_pod(PodResumeInput(pod_id=pod.id, gpu_count=1))
    assert messages(info.value) == [HOST_FULL_ERROR]
    runpod_emulator.fill_host(pod.id, full=False)
    resumed = (await gql.resume_pod(PodResumeInput(pod_id=pod.id, gpu_count=1))).pod_resume
    assert resumed is not None
    assert resumed.desired_status == PodStatus.RUNNING


async def test_spot_bids_and_outbid(runpod_emulator: Emulator, gql: GeneratedClient) -> None:
    emu = runpod_emulator
    price = (
        await gql.get_gpu_type(A40, GpuLowestPriceInput(gpu_count=1, secure_cloud=True))
    ).gpu_types
    assert price
    assert price[0]
    assert price[0].lowest_price
    minimum = price[0].lowest_price.minimum_bid_price
    assert minimum is not None

    spot = PodRentInterruptableInput(
        name="spot", image_name="img", gpu_type_id=A40, gpu_count=2, cloud_type="SECURE"
    )
    with pytest.raises(GraphQLResponseError) as info:
        await gql.create_spot_pod(spot.model_copy(update={"bid_per_gpu": minimum / 2}))
    assert "below the minimum bid price" in messages(info.value)[0]

    pod = (
        await gql.create_spot_pod(spot.model_copy(update={"bid_per_gpu": minimum}))
    ).pod_rent_interruptable
    assert pod is not None
    assert pod.pod_type == PodType.INTERRUPTABLE
    assert pod.cost_per_hr == pytest.approx(2 * minimum, abs=0.01)
    emu.clock.advance(30)
    assert emu.state.pods[pod.id].desired_status == "RUNNING"

    emu.outbid(pod.id)
    outbid = (await gql.get_pod(pod.id)).pod
    assert outbid is not None
    assert outbid.desired_status == PodStatus.EXITED
    assert outbid.runtime is None

    with pytest.raises(GraphQLResponseError) as info:
        await gql.resume_pod(PodResumeInput(pod_id=pod.id, gpu_count=2))
    assert messages(info.value) == [SPOT_RESUME_ERROR]
    with pytest.raises(GraphQLResponseError):
        await gql.bid_resume_pod(PodBidResumeInput(pod_id=pod.id, bid_per_gpu=0.01, gpu_count=2))
    resumed = (
        await gql.bid_resume_pod(
            PodBidResumeInput(pod_id=pod.id, bid_per_gpu=minimum + 0.1, gpu_count=2)
        )
    ).pod_bid_resume
    assert resumed is not None
    assert resumed.desired_status == PodStatus.RUNNING
    with pytest.raises(ValueError, match="not a spot"):
        emu.outbid((await gql.create_pod(on_demand())).pod_find_and_deploy_on_demand.id)  # type: ignore[union-attr]


async def test_account_resources(runpod_emulator: Emulator, gql: GeneratedClient) -> None:
    template = (
        await gql.save_template(SaveTemplateInput(name="mine", image_name="img:1", ports="22/tcp"))
    ).save_template
    assert template is not None
    assert template.id
    got = (await gql.get_template(template.id)).pod_template
    assert got is not None
    assert got.image_name == "img:1"
    templates = (await gql.list_templates()).myself
    assert templates
    assert templates.pod_templates
    assert templates.pod_templates[0]
    pod = (
        await gql.create_pod(on_demand(image_name=None, template_id=template.id))
    ).pod_find_and_deploy_on_demand
    assert pod is not None
    assert pod.image_name == "img:1"
    assert pod.template_id == template.id
    await gql.delete_template("mine")

    volume = (
        await gql.create_network_volume(
            CreateNetworkVolumeInput(name="data", size=100, data_center_id="EU-RO-1")
        )
    ).create_network_volume
    assert volume is not None
    assert volume.id
    on_volume = (
        await gql.create_pod(on_demand(network_volume_id=volume.id))
    ).pod_find_and_deploy_on_demand
    assert on_volume is not None
    assert on_volume.machine is not None
    assert on_volume.machine.data_center_id == "EU-RO-1"  # pods follow their volume
    await gql.delete_network_volume(DeleteNetworkVolumeInput(id=volume.id))
    with pytest.raises(GraphQLResponseError) as info:
        await gql.delete_network_volume(DeleteNetworkVolumeInput(id=volume.id))
    assert messages(info.value) == [VOLUME_NOT_FOUND_ERROR]

    auth = (
        await gql.save_registry_auth(
            SaveRegistryAuthInput(name="ghcr", username="me", password="pw")
        )
    ).save_registry_auth
    assert auth is not None
    assert auth.username == "me"
    secret = (
        await gql.create_secret(SecretCreateInput(name="HF_TOKEN", value="hf_x", description="d"))
    ).secret_create
    assert secret is not None
    assert secret.name == "HF_TOKEN"
    listed = (await gql.list_secrets()).myself
    assert listed is not None
    assert [s.name for s in listed.secrets] == ["HF_TOKEN"]

    account = (
        await gql.update_ssh_keys(UpdateUserSettingsInput(pub_key="ssh-ed25519 AAAA x"))
    ).update_user_settings
    assert account is not None
    assert account.pub_key == "ssh-ed25519 AAAA x"

    gpus = (await gql.list_gpu_types(GpuLowestPriceInput(gpu_count=1))).gpu_types
    assert gpus
    assert all(g and g.lowest_price and g.lowest_price.gpu_type_id == g.id for g in gpus)
    centres = (await gql.list_data_centers()).data_centers
    assert centres
    assert all(c and c.gpu_availability for c in centres)
    flavors = (await gql.list_cpu_flavors()).cpu_flavors
    assert flavors
    assert flavors[0] is not None
