"""``RunPod(api=...)``: the mode, where it came from, and which API served what."""

from __future__ import annotations

from pathlib import Path

import pytest

from runpod_gql import AuthenticationError, ConfigurationError, InputValidationError, RunPod
from runpod_gql._transport import request_headers
from runpod_gql.backends.routes import API_ENV
from runpod_gql.emulator import Emulator
from tests.support import client_for, fake_clock


def test_the_mode_and_where_it_came_from() -> None:
    rp = RunPod(api_key="k", url="http://127.0.0.1:1/graphql", env={})
    assert (rp.api, rp.api_source) == ("auto", "default")
    assert "api auto (from default: REST v2 where it can" in rp.describe()
    assert "REST v2 base http://127.0.0.1:1" in rp.describe()
    from_env = RunPod(api_key="k", url="http://127.0.0.1:1/graphql", env={API_ENV: "graphql"})
    assert from_env.api == "graphql" and from_env.api_source == f"env {API_ENV}"
    assert "api=graphql" in repr(from_env)
    with pytest.raises(InputValidationError, match="v3"):
        RunPod(api_key="k", url="http://127.0.0.1:1/graphql", env={}, api="v3")  # type: ignore[arg-type]


async def test_served_counts_which_api_answered(emu: Emulator) -> None:
    async with client_for(emu, api="graphql") as rp:
        view = rp.with_options(max_retries=1)
        await rp._backend.list_pods()
        await view._backend.list_pods()
        assert rp.served == {("rp.pods.list", "graphql"): 1}
        assert view.api == "graphql"


async def test_the_catalogue_needs_no_key_but_everything_else_does(
    emu: Emulator, tmp_path: Path
) -> None:
    async with RunPod(url=emu.url, env={}, home=tmp_path, clock=fake_clock()) as rp:
        assert "no key" in rp.describe() and not rp.config.has_key
        try:
            gpus = await rp.gpus.list()
        except AuthenticationError:
            pytest.skip("this emulator answers the public catalogue only with a key")
        assert gpus and rp.served == {("rp.gpus.list", "graphql"): 1}
        assert (await rp.gpus.cheapest(min_memory_gb=24)).price_per_hr > 0
        with pytest.raises(ConfigurationError, match=r"rp\.pods\.list needs an API key"):
            await rp.pods.list()
        with pytest.raises(ConfigurationError, match="needs an API key"):
            rp.runpodctl()
    assert "Authorization" not in request_headers(rp.config.api_key)  # not even an empty one


def test_rest_mode_needs_a_key_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no RunPod API key found"):
        RunPod(env={}, home=tmp_path, api="rest")
