"""Catalogue, templates, volumes, endpoints, registry auths, secrets and account against the emulator."""

from __future__ import annotations

import pytest

from runpod_gql import InputValidationError, NotFoundError
from runpod_gql.emulator import Emulator
from runpod_gql.errors import UnsupportedOperationError
from runpod_gql.resources.catalog import in_stock
from tests.support import client_for


async def test_gpu_catalogue_prices_stock_and_cheapest(emu: Emulator, api: str) -> None:
    async with client_for(emu, api=api) as rp:
        offers = await rp.gpus.list(gpu_count=2)
        assert len(offers) >= 5
        a40 = next(o for o in offers if o.id == "NVIDIA A40")
        assert a40.secure_price and a40.community_price and a40.availability is not None
        if api == "graphql":
            assert a40.minimum_bid_price and a40.secure_spot_price and a40.data_centers is None
        else:  # v2: no spot prices, but stock per data centre and the serverless pool
            assert a40.minimum_bid_price is None and a40.data_centers and a40.pool
        assert in_stock(a40)
        emu.set_stock("NVIDIA A40", 0)
        assert not in_stock(await rp.gpus.get("NVIDIA A40"))
        choice = await rp.gpus.cheapest(min_memory_gb=40, gpu_count=2)
        assert choice.offer.memory_gb is not None and choice.offer.memory_gb >= 40
        assert choice.offer.id != "NVIDIA A40"  # out of stock is skipped
        if api == "rest":
            with pytest.raises(UnsupportedOperationError, match="no spot prices"):
                await rp.gpus.cheapest(min_memory_gb=40, spot=True)
            return
        spot = await rp.gpus.cheapest(min_memory_gb=40, spot=True)
        assert spot.price_per_hr < choice.price_per_hr
        with pytest.raises(InputValidationError, match="no GPU type offers"):
            await rp.gpus.cheapest(min_memory_gb=1000)
        with pytest.raises(NotFoundError):
            await rp.gpus.get("NVIDIA Imaginary")
        # The cloud is checked (and upper-cased) wherever it is given, not read as "not SECURE".
        secure = await rp.gpus.get("NVIDIA L4", cloud="SECURE")
        assert (await rp.gpus.get("NVIDIA L4", cloud="secure")) == secure  # type: ignore[arg-type]
        assert (await rp.gpus.offers(["NVIDIA L4"], cloud="secure"))["NVIDIA L4"] == secure  # type: ignore[arg-type]
        with pytest.raises(InputValidationError):
            await rp.gpus.get("NVIDIA L4", cloud="MOON")  # type: ignore[arg-type]
        assert await rp.datacenters.list()
        assert await rp.cpus.list()


async def test_one_gpu_type_is_one_small_read_per_cloud_on_v2(emu: Emulator, api: str) -> None:
    async with client_for(emu, api=api) as rp:
        emu.reset_log()
        one = await rp.gpus.get("NVIDIA L4", gpu_count=2)
        assert one == (await rp.gpus.offers(["NVIDIA L4"], gpu_count=2))["NVIDIA L4"]
        if api == "rest":  # getGpuType per cloud (v2 has no ALL), never the whole catalogue
            assert [r.operation for r in emu.requests][:2] == ["getGpuType", "getGpuType"]
        with pytest.raises(NotFoundError, match="NVIDIA Imaginary"):
            await rp.gpus.get("NVIDIA Imaginary")


async def test_templates(emu: Emulator, api: str) -> None:
    async with client_for(emu, api=api) as rp:
        saved = await rp.templates.save(
            name="train", image="img:1", env={"K": "V"}, ports="22/tcp,8888/http"
        )
        assert saved.id and saved.env == {"K": "V"} and saved.ports == ["22/tcp", "8888/http"]
        assert [t.id for t in await rp.templates.list()] == [saved.id]
        updated = await rp.templates.save(template_id=saved.id, name="train", image="img:2")
        assert updated.image == "img:2"
        assert (await rp.templates.get(saved.id)).image_name == "img:2"  # the old name still reads
        assert await rp.templates.delete("train") is True  # by name
        assert await rp.templates.delete("train") is False
        again = await rp.templates.save(name="again", image="img:3")
        assert await rp.templates.delete(again.id) is True  # or by id
        with pytest.raises(NotFoundError):
            await rp.templates.get(saved.id)


async def test_network_volumes(emu: Emulator, api: str) -> None:
    async with client_for(emu, api=api) as rp:
        dc = (await rp.datacenters.list())[0].id
        assert dc is not None
        volume = await rp.volumes.create(name="data", size_gb=50, data_center_id=dc)
        assert (await rp.volumes.get(volume.id)).size_gb == 50
        grown = await rp.volumes.update(volume.id, size_gb=100, name="data2")
        assert (grown.size_gb, grown.name) == (100, "data2")
        with pytest.raises(InputValidationError):
            await rp.volumes.create(name="bad", size_gb=0, data_center_id=dc)
        assert await rp.volumes.delete(volume.id) is True
        assert await rp.volumes.delete(volume.id) is False  # "Tried to delete nonexistent..."


async def test_endpoints(emu: Emulator, api: str) -> None:
    async with client_for(emu, api=api) as rp:
        template = await rp.templates.save(name="worker", image="img", is_serverless=True)
        endpoint = await rp.endpoints.save(
            name="infer", template_id=template.id, gpu_ids="AMPERE_48"
        )
        assert (
            endpoint.id
            and endpoint.workers_max == 3
            and endpoint.gpu_pools == ["AMPERE_48"]
            and endpoint.type == "QUEUE"
        )
        assert [e.id for e in await rp.endpoints.list()] == [endpoint.id]
        scaled = await rp.endpoints.set_workers(endpoint.id, workers_min=1, workers_max=5)
        assert (scaled.workers_min, scaled.workers_max) == (1, 5)
        other = await rp.templates.save(name="worker2", image="img2", is_serverless=True)
        moved = await rp.endpoints.update_template(endpoint.id, other.id)
        assert moved.template_id == (other.id if api == "graphql" else None)  # v2 does not say
        with pytest.raises(InputValidationError):
            await rp.endpoints.save(
                name="x", template_id="t", gpu_ids="A", workers_min=5, workers_max=1
            )
        with pytest.raises(InputValidationError):  # not a TypeError from comparing with None
            await rp.endpoints.save(name="x", template_id="t", gpu_ids="A", workers_min=None)  # type: ignore[arg-type]
        with pytest.raises(InputValidationError):
            await rp.endpoints.set_workers(endpoint.id, workers_min="1", workers_max=5)  # type: ignore[arg-type]
        assert await rp.endpoints.delete(endpoint.id) is True
        with pytest.raises(NotFoundError):
            await rp.endpoints.get(endpoint.id)


async def test_load_balancer_endpoints_are_made_on_v2_in_every_mode(
    emu: Emulator, api: str
) -> None:
    async with client_for(emu, api=api) as rp:
        template = await rp.templates.save(name="web", image="img", is_serverless=True)
        emu.reset_log()
        lb = await rp.endpoints.save(
            name="web",
            template_id=template.id,
            gpu_ids="ADA_24",
            endpoint_type="LOAD_BALANCER",
            idle_timeout=30,
        )
        assert [r.operation for r in emu.requests] == ["createEndpoint"]
        assert (lb.type, lb.scaler_type, lb.idle_timeout) == ("LOAD_BALANCER", "REQUEST_COUNT", 30)
        assert lb.url == f"https://{lb.id}.api.runpod.ai"
        assert (await rp.endpoints.get(lb.id)).type == "LOAD_BALANCER"  # read back on either API
        changed = await rp.endpoints.save(
            name="web",
            template_id=template.id,
            gpu_ids="ADA_24",
            endpoint_id=lb.id,
            endpoint_type="LOAD_BALANCER",
            workers_max=5,
        )
        assert (changed.id, changed.type, changed.workers_max) == (lb.id, "LOAD_BALANCER", 5)
        queue = await rp.endpoints.save(name="jobs", template_id=template.id, gpu_ids="ADA_24")
        assert (queue.type, queue.scaler_type, queue.url) == ("QUEUE", "QUEUE_DELAY", None)
        emu.reset_log()
        with pytest.raises(InputValidationError, match="REQUEST_COUNT only"):
            await rp.endpoints.save(
                name="x",
                template_id=template.id,
                gpu_ids="ADA_24",
                endpoint_type="LOAD_BALANCER",
                scaler_type="QUEUE_DELAY",
            )
        with pytest.raises(InputValidationError, match="endpoint_type"):
            await rp.endpoints.save(
                name="x",
                template_id=template.id,
                gpu_ids="ADA_24",
                endpoint_type="LB",  # type: ignore[arg-type]
            )
        assert emu.request_count() == 0  # refused before sending


async def test_endpoint_workers_on_v2_in_every_mode(emu: Emulator, api: str) -> None:
    async with client_for(emu, api=api) as rp:
        template = await rp.templates.save(name="w", image="worker:2", is_serverless=True)
        endpoint = await rp.endpoints.save(name="ep", template_id=template.id, gpu_ids="AMPERE_48")
        assert await rp.endpoints.workers(endpoint.id) == []  # none until it has work
        emu.serve_endpoint(endpoint.id, lambda job: job["input"], workers_min=2)
        emu.reset_log()
        workers = await rp.endpoints.workers(endpoint.id)
        assert [r.operation for r in emu.requests] == ["listEndpointWorkers"]
        assert [(w.status, w.gpu_type_id, w.image, w.stale) for w in workers] == [
            ("IDLE", "NVIDIA RTX A6000", "worker:2", False)
        ] * 2
        assert all(w.uptime_seconds == 0 and w.started_at is not None for w in workers)
        with pytest.raises(NotFoundError, match="endpoint nope"):
            await rp.endpoints.workers("nope")


async def test_paged_templates_and_endpoints_are_listed_whole(emu: Emulator, api: str) -> None:
    # The newer document pages listTemplates and listEndpoints as it pages listPods.
    async with client_for(emu, api=api) as rp:
        templates = {
            (await rp.templates.save(name=f"t{i}", image="img", is_serverless=True)).id
            for i in range(5)
        }
        first = next(iter(templates))
        endpoints = {
            (await rp.endpoints.save(name=f"e{i}", template_id=first, gpu_ids="ADA_24")).id
            for i in range(5)
        }
        emu.state.rest_page_size = 2
        emu.reset_log()
        assert {t.id for t in await rp.templates.list()} >= templates
        assert {e.id for e in await rp.endpoints.list()} == endpoints
        sent = [r.operation for r in emu.requests]
        if api == "rest":  # 3 pages of at most 2 each
            assert sent == ["listTemplates"] * 3 + ["listEndpoints"] * 3
        else:  # GraphQL never pages
            assert len(sent) == 2


async def test_registry_auths_and_secrets_never_return_the_secret(emu: Emulator, api: str) -> None:
    async with client_for(emu, api=api) as rp:
        auth = await rp.registry_auths.save(name="ghcr", username="me", password="hunter2-secret")
        assert auth.id and "hunter2-secret" not in auth.model_dump_json()
        if api == "rest":  # v2 cannot change a credential, and (2.9.0) has no secrets
            with pytest.raises(UnsupportedOperationError, match="delete it and save a new one"):
                await rp.registry_auths.update(auth.id, username="me2", password="new-secret")
            assert [a.id for a in await rp.registry_auths.list()] == [auth.id]
            assert await rp.registry_auths.delete(auth.id) is True
            with pytest.raises(UnsupportedOperationError, match="secrets"):
                await rp.secrets.list()
            return
        await rp.registry_auths.update(auth.id, username="me2", password="new-secret")
        assert [a.username for a in await rp.registry_auths.list()] == ["me2"]
        assert await rp.registry_auths.delete(auth.id) is True
        secret = await rp.secrets.create(name="HF_TOKEN", value="hf_very_secret", description="hub")
        assert "hf_very_secret" not in secret.model_dump_json()
        assert [s.name for s in await rp.secrets.list()] == ["HF_TOKEN"]
        assert await rp.secrets.delete(secret.id) is True
        assert await rp.secrets.delete(secret.id) is False
    for record in emu.requests:
        assert "hunter2-secret" not in repr(record.variables)
        assert "hf_very_secret" not in repr(record.variables)


async def test_account_and_ssh_keys(emu: Emulator, api: str) -> None:
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbCdEf test@ci"
    async with client_for(emu, api=api) as rp:
        if api == "rest":
            with pytest.raises(UnsupportedOperationError, match="no balance"):
                await rp.account.get()
        else:
            account = await rp.account.get()
            assert account.balance is not None and account.email
        await rp.account.add_ssh_key(key)
        await rp.account.add_ssh_key(key)  # no duplicate
        assert await rp.account.ssh_keys() == [key]
        with pytest.raises(InputValidationError, match="not an OpenSSH public key"):
            await rp.account.set_ssh_keys(["not a key"])
