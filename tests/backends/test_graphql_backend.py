"""The GraphQL backend against the emulator: answers arrive as the public models."""

from __future__ import annotations

import pytest
from aiohttp import web

from runpod_gql import RunPod
from runpod_gql.backends.base import Backend, GpuQuery, PodChanges, PodCreate, TemplateSave
from runpod_gql.backends.graphql import GraphQLBackend
from runpod_gql.emulator import Emulator, ManualClock
from runpod_gql.errors import APIRetiredError, UnsupportedOperationError
from runpod_gql.models import Availability, DesiredStatus, PodStatus
from tests.support import client_for

A40 = "NVIDIA A40"


def backend_for(rp: object) -> GraphQLBackend:
    return GraphQLBackend(rp._transport)  # type: ignore[attr-defined]


async def test_pod_lifecycle_in_public_models(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        api: Backend = backend_for(rp)
        pod = await api.create_pod(
            PodCreate(
                name="train",
                image="runpod/pytorch",
                env={"RUNPOD_GQL_TOKEN": "tok", "A": "1"},
                gpu_type_id=A40,
                gpu_count=2,
                cloud="ALL",
                ports=("22/tcp", "8888/http"),
                volume_gb=10,
            )
        )
        assert pod.env == {"RUNPOD_GQL_TOKEN": "tok", "A": "1"}
        assert pod.ports == ["22/tcp", "8888/http"] and pod.gpu_count == 2
        assert pod.gpu_type_id == A40 and pod.volume_gb == 10
        assert pod.desired_status == DesiredStatus.CREATED
        assert pod.status == PodStatus.PROVISIONING
        assert pod.ssh is None and pod.cloud is None  # no runtime yet; cloud is v2 only
        assert isinstance(emu.clock, ManualClock)
        emu.clock.advance(600)
        running = await api.get_pod(pod.id)
        assert running is not None and running.status == PodStatus.RUNNING
        assert running.runtime is not None and running.ssh is not None
        assert running.ssh.port == next(
            p.public_port for p in running.runtime.ports if p.private_port == 22 and p.is_ip_public
        )
        (state,) = await api.list_pod_states()
        assert state.id == pod.id and state.status == PodStatus.RUNNING and state.ssh == running.ssh
        assert [p.id for p in await api.list_pods()] == [pod.id]
        stopped = await api.stop_pod(pod.id)
        assert stopped.status == PodStatus.EXITED and stopped.desired_status == DesiredStatus.EXITED
        resumed = await api.resume_pod(pod.id, None)
        assert resumed.desired_status == DesiredStatus.RUNNING
        edited = await api.edit_pod(pod.id, PodChanges(env={"B": "2"}))
        assert edited.env == {"B": "2"} and edited.image == "runpod/pytorch"
        assert await api.terminate_pod(pod.id) is True
        assert await api.terminate_pod(pod.id) is False
        assert await api.get_pod(pod.id) is None


async def test_catalogue_in_public_models(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        api = backend_for(rp)
        gpus = await api.list_gpu_types(GpuQuery(gpu_count=1, cloud="SECURE"))
        a40 = next(g for g in gpus if g.id == A40)
        assert a40.memory_gb and a40.secure_price and a40.availability is not None
        assert a40.serverless_price is None and a40.data_centers is None  # v2 only
        emu.set_stock(A40, 0)
        gone = await api.get_gpu_type(A40, GpuQuery())
        assert gone is not None and gone.availability == Availability.NONE and not gone.in_stock
        assert await api.get_gpu_type("no such GPU", GpuQuery()) is None
        some = await api.list_gpu_types(GpuQuery(ids=[A40]))
        assert [g.id for g in some] == [A40]
        assert all(c.id for c in await api.list_cpu_types())
        centres = await api.list_data_centers()
        assert centres and all(c.region is None for c in centres)


async def test_templates_volumes_registry_account(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        api = backend_for(rp)
        tpl = await api.save_template(
            TemplateSave(name="t1", image="img", env={"K": "v"}, ports=("22/tcp",), readme="hi")
        )
        assert tpl.env == {"K": "v"} and tpl.ports == ["22/tcp"] and tpl.readme == "hi"
        assert [t.id for t in await api.list_templates()] == [tpl.id]
        assert await api.delete_template(tpl.id, "t1") is True
        dc = next(c.id for c in await api.list_data_centers() if c.supports_network_volumes)
        vol = await api.create_volume("data", 50, dc)
        assert vol.size_gb == 50 and vol.data_center_id == dc and vol.type is None
        assert (await api.update_volume(vol.id, None, 60)).size_gb == 60
        assert await api.get_volume(vol.id) is not None
        assert await api.delete_volume(vol.id) is True
        auth = await api.create_registry_auth("r", "me", "secret")
        assert (await api.list_registry_auths())[0].id == auth.id
        keys = await api.set_ssh_keys(["ssh-ed25519 AAAA me"])
        assert keys == ["ssh-ed25519 AAAA me"] == await api.get_ssh_keys()
        account = await api.get_account()
        assert account.balance is not None and account.ssh_keys == keys


async def test_v2_only_operations_are_refused_with_the_alternative(emu: Emulator) -> None:
    async with client_for(emu) as rp:
        api = backend_for(rp)
        with pytest.raises(UnsupportedOperationError, match=r"rp\.pods\.restart.*api='auto'"):
            await api.restart_pod("p")


async def test_410_gone_says_graphql_is_retired() -> None:
    # The emulator has no "GraphQL retired" switch yet: a loopback server that answers like one.
    async def gone(request: web.Request) -> web.Response:
        return web.json_response({"errors": [{"message": "This API has been retired"}]}, status=410)

    app = web.Application()
    app.router.add_post("/graphql", gone)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with RunPod(api_key="k", url=f"http://127.0.0.1:{port}/graphql", env={}) as rp:
            with pytest.raises(
                APIRetiredError, match=r"retired its GraphQL API.*api='rest'"
            ) as info:
                await backend_for(rp).list_pods()
        assert info.value.status_code == 410
    finally:
        await runner.cleanup()
