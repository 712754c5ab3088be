"""The key travels only in a header, only encrypted (or to this machine), only to the origin."""

from __future__ import annotations

import pytest
from aiohttp import web

from runpod_gql import ConfigurationError, RunPod
from runpod_gql._config import INSECURE_HTTP_ENV, resolve_config
from runpod_gql.errors import APIError

KEY = "rpa_SECRETKEY_0123456789"


@pytest.mark.parametrize(
    "url",
    [
        "http://api.example.com/graphql",
        "http://10.0.0.5:8080/graphql",
        "http://[2001:db8::1]/graphql",
    ],
)
def test_plain_http_to_another_host_is_refused_without_the_key_in_the_message(url: str) -> None:
    with pytest.raises(ConfigurationError, match="unencrypted") as info:
        resolve_config(api_key=KEY, url=url, env={})
    assert KEY not in str(info.value)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765/graphql", "http://localhost:8765/graphql", "http://[::1]:8765/graphql"],
)
def test_plain_http_to_loopback_is_fine(url: str) -> None:
    assert resolve_config(api_key=KEY, url=url, env={}).url == url


def test_the_opt_in_by_argument_or_environment() -> None:
    url = "http://gateway.internal/graphql"
    assert resolve_config(api_key=KEY, url=url, env={}, allow_insecure_http=True).url == url
    assert resolve_config(api_key=KEY, url=url, env={INSECURE_HTTP_ENV: "1"}).url == url
    with pytest.raises(ConfigurationError):
        resolve_config(
            api_key=KEY, url=url, env={INSECURE_HTTP_ENV: "1"}, allow_insecure_http=False
        )
    assert RunPod(api_key=KEY, url=url, env={}, allow_insecure_http=True).config.url == url


def test_credentials_in_the_url_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="never in a URL") as info:
        resolve_config(api_key=KEY, url="https://user:pw@api.runpod.io/graphql", env={})
    assert "pw" not in str(info.value)


async def test_a_redirect_to_another_origin_is_not_followed_with_the_key() -> None:
    """A real loopback server redirects; the other origin must never see the Authorization."""
    seen: list[str | None] = []

    async def elsewhere(request: web.Request) -> web.Response:
        seen.append(request.headers.get("Authorization"))
        return web.json_response({"data": {"myself": None}})

    other = web.Application()
    other.router.add_route("*", "/{tail:.*}", elsewhere)
    other_runner = web.AppRunner(other)
    await other_runner.setup()
    other_site = web.TCPSite(other_runner, "localhost", 0)
    await other_site.start()
    other_port = other_site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPTemporaryRedirect(f"http://localhost:{other_port}/graphql")

    origin = web.Application()
    origin.router.add_route("*", "/{tail:.*}", redirect)
    runner = web.AppRunner(origin)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        for transport in ("aiohttp", "httpx"):
            async with RunPod(
                api_key=KEY,
                url=f"http://127.0.0.1:{port}/graphql",
                env={},
                max_retries=0,
                transport=transport,
            ) as rp:
                with pytest.raises(APIError) as info:
                    await rp.pods.list()
                assert info.value.status_code == 307 and KEY not in str(info.value)
        assert seen == []
    finally:
        await runner.cleanup()
        await other_runner.cleanup()
