"""``rp.runpodctl()``: the wrapper gets the client's key through the environment only."""

from __future__ import annotations

import pytest

from runpod_gql import RunPod
from tests.remote.conftest import FakeRunpodctl

KEY = "rpa_FACADE_secret_123"


async def test_runpodctl_from_the_client_gets_its_key_through_the_environment(
    fake_runpodctl: FakeRunpodctl, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in fake_runpodctl.env.items():
        monkeypatch.setenv(name, value)
    async with RunPod(api_key=KEY, url="http://127.0.0.1:9/graphql", env={}) as rp:
        ctl = rp.runpodctl()
        assert KEY not in repr(ctl)
        info = await ctl.ssh_info("pod123")
    assert info.port == 40022
    run = fake_runpodctl.runs()[-1]
    assert run["key_in_env"] == KEY
    assert all(KEY not in str(arg) for arg in run["argv"])  # type: ignore[attr-defined]
    # Older runpodctl reads GraphQL, newer reads pods from REST v2: both reach this endpoint.
    assert run["RUNPOD_GRAPHQL_URL"] == "http://127.0.0.1:9/graphql"
    assert run["RUNPOD_API_BASE_URL"] == "http://127.0.0.1:9"
