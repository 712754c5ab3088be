"""Large accounts (issue 17): waiting on 1,000 pods is one request per tick, and linear work."""

from __future__ import annotations

from runpod_gql import Progress
from runpod_gql.emulator import Emulator
from tests.support import client_for, op

A40 = "NVIDIA A40"
PODS = 1000


async def test_waiting_for_1000_pods_is_one_request_per_tick(emu: Emulator) -> None:
    ids = [pod.id for pod in emu.add_fleet(PODS, A40, booted=False)]
    seen: list[Progress] = []
    async with client_for(emu) as rp:
        emu.reset_log()
        ready = await rp.pods.wait_all_ready(ids, timeout=600, ssh=False, on_progress=seen.append)
    ticks = sorted({p.waited for p in seen})
    assert list(ready) == ids  # every pod, in the order asked
    assert len(ticks) >= 3  # it did wait: the pods boot in 20 s, ports in 10 s more
    assert emu.request_count(op("ListPodStates")) == len(ticks)
    assert emu.request_count() == len(ticks)  # nothing per pod
    # Each tick reports each pod once: the tick's work grows with the pods, not their square.
    assert len(seen) == PODS * len(ticks)
    assert all(p.ready for p in seen[-PODS:])
