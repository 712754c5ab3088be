"""The global options (``--version``), ``config show`` and the configuration hints: a hint never
sends the user in a circle."""

from __future__ import annotations

from pathlib import Path

from runpod_gql._version import __version__

from .conftest import World
from .test_cli import one_error


def test_config_show_without_a_key_does_not_point_back_to_itself(
    world: World, tmp_path: Path
) -> None:
    env = world.env(HOME=str(tmp_path))
    del env["RUNPOD_API_KEY"]
    for args in (["config", "show"], ["pods", "list"]):
        r = world.cli(*args, env=env)
        assert r.code == 3
        one_error(r.stderr)
        hint = r.stderr.splitlines()[-1]
        assert "RUNPOD_API_KEY" in hint
        assert "config show" not in hint  # it fails the same way


def test_a_wrong_key_is_traced_with_config_show(world: World) -> None:
    r = world.cli("account", env=world.env(RUNPOD_API_KEY="not-the-key"))
    assert r.code == 3
    assert "config show" in r.stderr.splitlines()[-1]
    shown = world.cli("config", "show", "--json", env=world.env(RUNPOD_API_KEY="not-the-key"))
    assert shown.code == 0
    assert "RUNPOD_API_KEY" in shown.stdout
    assert "not-the-key" not in shown.stdout


def test_version(world: World) -> None:
    r = world.cli("--version")
    assert (r.code, r.stdout) == (0, f"runpod-gql {__version__}\n")
    assert "--version" in world.cli("--help").stdout


def test_config_show_gives_both_endpoints(world: World) -> None:
    cfg = world.cli("config", "show", "--json").json()
    assert isinstance(cfg, dict)
    assert cfg["url"] == world.url
    assert cfg["rest_url"] == world.url.removesuffix("/graphql")  # REST v2 paths go under it
