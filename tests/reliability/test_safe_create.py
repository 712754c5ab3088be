"""A create whose answer is lost, late, garbled or refused makes exactly one pod, and returns it."""

from __future__ import annotations

from typing import Any

import pytest

from runpod_gql import RunPod
from runpod_gql.emulator import Emulator, Fault
from tests.support import op

from .support import HELD_SECONDS, leaks

GPU = "NVIDIA L4"

# (fault, injection keyword arguments): each applied or not, answered badly or not at all.
CREATE_FAULTS: list[tuple[Fault, dict[str, Any]]] = [
    (Fault.DROP_BEFORE, {}),
    (Fault.DROP_AFTER, {}),
    (Fault.TIMEOUT, {"delay": HELD_SECONDS}),
    (Fault.SERVER_ERROR, {"status": 500, "count": 3}),
    (Fault.SERVER_ERROR, {"status": 502}),
    (Fault.OPAQUE_ERROR, {"count": 2}),
    (Fault.RATE_LIMIT, {"retry_after": 3}),
    (Fault.RATE_LIMIT, {"count": 2}),
    (Fault.MALFORMED, {"variant": "truncated"}),
    (Fault.MALFORMED, {"variant": "html"}),
]
IDS = [f"{f.value}-{'-'.join(f'{k}{v}' for k, v in kw.items())}" for f, kw in CREATE_FAULTS]


def _tokens(emu: Emulator) -> list[str]:
    return [
        e.split("=", 1)[1]
        for p in emu.state.pods.values()
        for e in p.env
        if e.startswith("RUNPOD_GQL_TOKEN=")
    ]


@pytest.mark.parametrize(("fault", "kwargs"), CREATE_FAULTS, ids=IDS)
async def test_on_demand_create_makes_one_pod(
    emu: Emulator, rp: RunPod, fault: Fault, kwargs: dict[str, Any]
) -> None:
    emu.inject(fault, operations={op("CreatePod")}, **kwargs)
    pod = await rp.pods.create(name="one", image="img", gpu_types=[GPU], token="tok-on-demand")
    assert list(emu.state.pods) == [pod.id]
    assert _tokens(emu) == ["tok-on-demand"]
    assert any(r.fault is fault for r in emu.requests) or fault is Fault.TIMEOUT


@pytest.mark.graphql_only("spot pods")
@pytest.mark.parametrize(("fault", "kwargs"), CREATE_FAULTS, ids=IDS)
async def test_spot_create_makes_one_pod(
    emu: Emulator, rp: RunPod, fault: Fault, kwargs: dict[str, Any]
) -> None:
    emu.inject(fault, operations={"CreateSpotPod"}, **kwargs)
    pod = await rp.pods.create_spot(
        name="one-spot", image="img", gpu_type=GPU, bid_per_gpu=0.5, token="tok-spot"
    )
    assert list(emu.state.pods) == [pod.id]
    assert emu.state.pods[pod.id].pod_type == "INTERRUPTABLE"
    assert _tokens(emu) == ["tok-spot"]
    # The fault really hit the create (a renamed operation would make this test vacuous).
    assert any(r.fault is fault for r in emu.requests) or fault is Fault.TIMEOUT


async def test_create_that_cannot_be_confirmed_fails_typed_and_is_found_by_token(
    emu: Emulator, rp: RunPod
) -> None:
    """The create applied, and every look-up after it fails too: a typed error, and the pod the
    caller cannot see yet carries the token, so a retry with it (or reap) finds it."""
    emu.inject(Fault.DROP_AFTER, operations={op("CreatePod")})
    emu.inject(Fault.SERVER_ERROR, count=50, operations={op("ListPods")})
    from runpod_gql.errors import RunPodError

    with pytest.raises(RunPodError) as caught:
        await rp.pods.create(name="lost", image="img", gpu_types=[GPU], token="tok-lost")
    assert not leaks(f"{caught.value}{caught.value!r}")
    emu.clear_faults()
    found = await rp.pods.find_by_token("tok-lost")
    assert found is not None and list(emu.state.pods) == [found.id]
    mutations = [r for r in emu.requests if r.operation == op("CreatePod")]
    assert len(mutations) == 1  # it was never sent again blind
