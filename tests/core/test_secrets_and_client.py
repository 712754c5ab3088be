"""The key stays secret; the client owns (or borrows) its connection pool as documented."""

from __future__ import annotations

import traceback

import httpx
import pydantic
import pytest

from runpod_gql import RunPod, RunPodError, __version__
from runpod_gql.emulator import Emulator, Fault
from tests.support import API_KEY, capture_logs, client_for


async def test_the_key_never_appears_in_logs_errors_or_reprs(emu: Emulator) -> None:
    texts: list[str] = []
    with capture_logs() as lines, capture_logs("httpx") as httpx_lines:
        async with client_for(emu, max_retries=1) as rp:
            texts += [
                repr(rp),
                rp.describe(),
                repr(rp._transport),
                repr(rp.config),
                str(rp.config.api_key),
            ]
            pod = await rp.pods.create(name="secret-test", image="img", gpu_types="NVIDIA L4")
            for kind in (
                Fault.RATE_LIMIT,
                Fault.SERVER_ERROR,
                Fault.OPAQUE_ERROR,
                Fault.DROP_AFTER,
                Fault.MALFORMED,
            ):
                emu.inject(kind, count=5, operations={"GetPod", "SaveTemplate"})
                for call in (rp.pods.get(pod.id), rp.templates.save(name="t", image="i")):
                    try:
                        await call
                    except RunPodError as exc:
                        texts += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
                emu.clear_faults()
        async with RunPod(api_key=API_KEY + "x", url=emu.url, env={}) as wrong:
            try:
                await wrong.account.get()
            except RunPodError as exc:
                texts += [str(exc), "".join(traceback.format_exception(exc))]
    texts += lines + httpx_lines
    texts += [repr(r) for r in emu.requests]
    assert len(lines) > 10  # DEBUG lines per request and WARNING lines per retry were written
    for text in texts:
        assert API_KEY not in text


async def test_debug_line_per_request_and_warning_per_retry(emu: Emulator) -> None:
    emu.inject(Fault.SERVER_ERROR, count=1, operations={"GetAccount"}, status=503)
    with capture_logs() as lines:
        async with client_for(emu) as rp:
            await rp.account.get()
    assert sum("GetAccount attempt=" in line for line in lines) == 2
    assert sum("retry 1/3" in line for line in lines) == 1


async def test_user_agent_names_package_and_version(emu: Emulator) -> None:
    seen: list[httpx.Headers] = []

    async def record(request: httpx.Request) -> None:
        seen.append(request.headers)

    http = httpx.AsyncClient(event_hooks={"request": [record]})
    async with client_for(emu, http_client=http) as rp:
        await rp.account.get()
    assert seen[0]["user-agent"].startswith(f"runpod-gql/{__version__} ")
    assert seen[0]["authorization"] == f"Bearer {API_KEY}"
    # A client the user passed in is theirs: we do not close it.
    assert not http.is_closed
    await http.aclose()


async def test_own_pool_is_closed_once_and_views_share_it(emu: Emulator) -> None:
    rp = client_for(emu)
    view = rp.with_options(timeout=5)
    assert view._transport.wire is rp._transport.wire
    assert (await view.account.get()).id
    await view.aclose()
    assert not rp.is_closed  # a view never closes the shared pool
    assert (await rp.account.get()).id
    await rp.aclose()
    await rp.aclose()
    assert rp.is_closed


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_both_transports_work(emu: Emulator, transport: str) -> None:
    async with client_for(emu, transport=transport) as rp:
        assert (await rp.account.get()).id
    assert rp.stats.requests == 1


async def test_explicit_timeouts(emu: Emulator) -> None:
    async with client_for(emu, timeout=12, connect_timeout=3) as rp:
        timeout = rp._transport.options.timeout
    assert (timeout.connect, timeout.read, timeout.write) == (3, 12, 12)


class Me(pydantic.BaseModel):
    myself: dict[str, object]


async def test_a_query_with_a_comment_is_not_folded_into_one_line(emu: Emulator) -> None:
    # Folding whitespace would put everything after a '#' inside the comment.
    query = "query Me {\n  myself { # the account\n    id\n  }\n}"
    async with client_for(emu) as rp:
        answer = await rp._transport.execute(Me, query=query, operation_name="Me", variables={})
        assert answer.myself["id"]
