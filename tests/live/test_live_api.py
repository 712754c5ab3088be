"""Against the real RunPod API: opt-in (``pytest --run-live`` with RUNPOD_API_KEY set).

The read-only checks cost nothing. The pod round trip rents the cheapest community GPU in stock
for about a minute (a few cents) and is guarded by ``launch()``, so the pod is terminated even if
the test fails; it runs only when RUNPOD_GQL_LIVE_SPEND=1 as well.
"""

from __future__ import annotations

import os

import pytest

from runpod_gql import RunPod

pytestmark = pytest.mark.live


async def test_schema_fits_the_real_answers() -> None:
    async with RunPod() as rp:
        account = await rp.account.get()
        assert account.id
        offers = await rp.gpus.list()
        assert offers and all(o.id for o in offers)
        await rp.pods.list()
        await rp.templates.list()
        await rp.volumes.list()
        await rp.endpoints.list()
        await rp.datacenters.list()


@pytest.mark.skipif(
    os.environ.get("RUNPOD_GQL_LIVE_SPEND") != "1",
    reason="set RUNPOD_GQL_LIVE_SPEND=1 to rent a pod",
)
async def test_pod_round_trip_on_the_cheapest_gpu() -> None:
    async with RunPod() as rp:
        choice = await rp.gpus.cheapest(cloud="COMMUNITY")
        async with rp.pods.launch(
            name="runpod-gql-live-test",
            image="runpod/base:0.6.2-cuda12.2.0",
            gpu_types=[choice.offer.id or ""],
            cloud_types="COMMUNITY",
            max_price_per_hr=choice.price_per_hr * 1.5,
            ssh=False,
            ready_timeout=900,
        ) as pod:
            metrics = await rp.pods.metrics(pod.id)
            assert metrics.cost_per_hr > 0
        assert await rp.pods.find(pod.id) is None
