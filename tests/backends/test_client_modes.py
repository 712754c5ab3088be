"""``RunPod(api=...)``: the mode, where it came from, and which API served what."""

from __future__ import annotations

import pytest

from runpod_gql import InputValidationError, RunPod
from runpod_gql.backends.routes import API_ENV
from runpod_gql.emulator import Emulator
from tests.support import client_for


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
