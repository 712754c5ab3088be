"""The API key never shows: not in logs (DEBUG), error text, reprs, tracebacks with their causes,
nor in the emulator's request log — also when the key itself is sent as a pod's env value."""

from __future__ import annotations

import socket
import traceback
from typing import Any

import pytest

from runpod_gql import RunPod
from runpod_gql.emulator import Emulator, Fault
from runpod_gql.errors import (
    APIConnectionError,
    AuthenticationError,
    PlacementError,
    RunPodError,
)
from tests import support
from tests.support import op

from .support import API_KEY, HELD_SECONDS, LogCapture, client, leaks

GPU = "NVIDIA L4"


def full_text(error: BaseException) -> str:
    """Message, repr and the whole traceback including every chained cause."""
    chain = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return f"{error}\n{error!r}\n{chain}\n{vars(error)!r}"


@pytest.mark.parametrize(
    ("fault", "kwargs"),
    [
        (Fault.DROP_BEFORE, {}),
        (Fault.DROP_AFTER, {}),
        (Fault.TIMEOUT, {"delay": HELD_SECONDS}),
        (Fault.SERVER_ERROR, {"status": 502, "count": 10}),
        (Fault.RATE_LIMIT, {"count": 10, "retry_after": 1}),
        (Fault.OPAQUE_ERROR, {"count": 10}),
        (Fault.MALFORMED, {"variant": "html"}),
    ],
)
async def test_errors_and_their_causes_hide_the_key(
    emu: Emulator, fault: Fault, kwargs: dict[str, Any], key_never_logged: LogCapture
) -> None:
    async with client(emu, max_retries=1) as rp:
        emu.inject(fault, operations={op("StopPod")}, **kwargs)
        pod = await rp.pods.create(name="p", image="img", gpu_types=[GPU])
        emu.inject(fault, operations={op("ListPods")}, **kwargs)
        errors: list[RunPodError] = []
        for call in (rp.pods.stop(pod.id), rp.pods.list()):
            try:
                await call
            except RunPodError as error:
                errors.append(error)
    assert not any(leaks(full_text(e)) for e in errors)
    assert key_never_logged.lines  # DEBUG lines were captured (and hold no key)


async def test_wrong_key_and_unreachable_server(emu: Emulator) -> None:
    wrong = "rpa_WRONG_KEY_0123456789abcdef"
    async with RunPod(wrong, url=emu.url, env={}, max_retries=0, api=support.TEST_API) as rp:
        with pytest.raises(AuthenticationError) as caught:
            await rp.pods.list()
    assert not leaks(full_text(caught.value), wrong)
    assert not leaks(full_text(caught.value))

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    async with RunPod(
        API_KEY, url=f"http://127.0.0.1:{port}/graphql", env={}, max_retries=1, api=support.TEST_API
    ) as rp:
        with pytest.raises(APIConnectionError) as refused:
            await rp.pods.list()
    assert refused.value.request_sent is False
    assert not leaks(full_text(refused.value))


async def test_reprs_and_descriptions(emu: Emulator, rp: RunPod) -> None:
    texts = [
        repr(rp),
        str(rp),
        rp.describe(),
        repr(rp.config),
        repr(rp.pods),
        repr(rp.config.api_key),
    ]
    texts.append(repr(rp.with_options(max_retries=0)))
    assert not any(leaks(t) for t in texts), texts


async def test_key_as_a_pod_env_value_is_not_logged_or_recorded(
    emu: Emulator, rp: RunPod, key_never_logged: LogCapture
) -> None:
    """Users pass the key to their pods (RUNPOD_API_KEY in env): it must reach the pod, and
    nothing else — not the request log, not the client's logs, not a capacity error."""
    env = {"RUNPOD_API_KEY": API_KEY}
    pod = await rp.pods.create(name="with-key", image="img", gpu_types=[GPU], env=env)
    assert f"RUNPOD_API_KEY={API_KEY}" in emu.state.pods[pod.id].env  # delivered
    emu.set_stock(GPU, 0)
    emu.inject(Fault.DROP_AFTER, operations={op("CreatePod")})
    with pytest.raises(PlacementError) as caught:
        await rp.pods.create(name="no-room", image="img", gpu_types=[GPU], env=env)
    assert not leaks(full_text(caught.value))
    assert not leaks("\n".join(repr(r.to_json()) for r in emu.requests))
    assert not leaks(key_never_logged.text)
