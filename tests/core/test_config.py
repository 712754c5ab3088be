"""Every configuration source, their precedence, and the missing-key message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runpod_gql import ConfigurationError, RunPod, resolve_config
from runpod_gql._config import DEFAULT_URL

KEY_ARG, KEY_ENV, KEY_PROFILE, KEY_CTL, KEY_MCP = (f"rpa_{n}_secretvalue" for n in "ABCDE")


def write_runpod_python_toml(home: Path, profiles: dict[str, str]) -> None:
    (home / ".runpod").mkdir(exist_ok=True)
    text = "".join(f'[{name}]\napi_key = "{key}"\n\n' for name, key in profiles.items())
    (home / ".runpod" / "config.toml").write_text(text)


def write_runpodctl_toml(home: Path, key: str, url: str | None = None) -> None:
    (home / ".runpod").mkdir(exist_ok=True)
    text = f"apikey = '{key}'\n" + (f"apiurl = '{url}'\n" if url else "")
    (home / ".runpod" / "config.toml").write_text(text)


def write_mcp(home: Path, key: str) -> None:
    (home / ".cursor").mkdir()
    doc = {
        "mcpServers": {
            "other": {"command": "x"},
            "runpod": {"command": "npx", "env": {"RUNPOD_API_KEY": key}},
        }
    }
    (home / ".cursor" / "mcp.json").write_text(json.dumps(doc))


def test_argument_wins_over_everything(tmp_path: Path) -> None:
    write_runpod_python_toml(tmp_path, {"default": KEY_PROFILE})
    write_mcp(tmp_path, KEY_MCP)
    cfg = resolve_config(api_key=KEY_ARG, env={"RUNPOD_API_KEY": KEY_ENV}, home=tmp_path)
    assert cfg.api_key.reveal() == KEY_ARG
    assert cfg.api_key_source == "the api_key argument"


def test_environment_wins_over_files(tmp_path: Path) -> None:
    write_runpod_python_toml(tmp_path, {"default": KEY_PROFILE})
    write_mcp(tmp_path, KEY_MCP)
    cfg = resolve_config(env={"RUNPOD_API_KEY": KEY_ENV}, home=tmp_path)
    assert cfg.api_key.reveal() == KEY_ENV
    assert cfg.api_key_source == "environment variable RUNPOD_API_KEY"


def test_runpod_python_profiles_and_profile_choice(tmp_path: Path) -> None:
    write_runpod_python_toml(tmp_path, {"default": KEY_PROFILE, "work": KEY_CTL})
    write_mcp(tmp_path, KEY_MCP)
    assert resolve_config(env={}, home=tmp_path).api_key.reveal() == KEY_PROFILE
    chosen = resolve_config(env={}, home=tmp_path, profile="work")
    assert chosen.api_key.reveal() == KEY_CTL
    assert "profile [work]" in chosen.api_key_source
    assert chosen.profile == "work"
    by_env = resolve_config(env={"RUNPOD_PROFILE": "work"}, home=tmp_path)
    assert by_env.api_key.reveal() == KEY_CTL


def test_a_missing_profile_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    write_runpod_python_toml(tmp_path, {"default": KEY_PROFILE})
    with pytest.raises(ConfigurationError, match=r"profile \[nope\]"):
        resolve_config(env={}, home=tmp_path, profile="nope")


def test_runpodctl_shape_with_its_api_url(tmp_path: Path) -> None:
    write_runpodctl_toml(tmp_path, KEY_CTL, url="https://example.test/graphql")
    cfg = resolve_config(env={}, home=tmp_path)
    assert cfg.api_key.reveal() == KEY_CTL
    assert "runpodctl" in cfg.api_key_source
    assert cfg.url == "https://example.test/graphql"
    assert "apiurl" in cfg.url_source


def test_cursor_mcp_entry_is_the_last_resort(tmp_path: Path) -> None:
    write_mcp(tmp_path, KEY_MCP)
    cfg = resolve_config(env={}, home=tmp_path)
    assert cfg.api_key.reveal() == KEY_MCP
    assert "mcpServers.runpod.env.RUNPOD_API_KEY" in cfg.api_key_source


def test_missing_key_lists_every_place_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as info:
        resolve_config(env={}, home=tmp_path)
    text = str(info.value)
    for place in (
        "api_key argument",
        "RUNPOD_API_KEY",
        "config.toml",
        "mcp.json",
        "export RUNPOD_API_KEY=",
    ):
        assert place in text


def test_unreadable_config_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / ".runpod").mkdir()
    (tmp_path / ".runpod" / "config.toml").write_text("this is [not toml")
    with pytest.raises(ConfigurationError, match=r"config\.toml"):
        resolve_config(env={}, home=tmp_path)


def test_config_file_that_is_not_utf8_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / ".runpod").mkdir()
    (tmp_path / ".runpod" / "config.toml").write_bytes(b"apikey = '\xff\xfe'\n")
    with pytest.raises(ConfigurationError, match=r"config\.toml"):
        resolve_config(env={}, home=tmp_path)


@pytest.mark.parametrize(
    "bad", ["rpa_AB\nX-Injected: 1", "rpa_AB CD", "rpa_AB\u200bCD", "rpa_\x00"]
)
def test_a_key_that_cannot_be_a_header_is_refused_without_showing_it(
    tmp_path: Path, bad: str
) -> None:
    # Sent as it is, such a key is a header injection, and httpx's error would quote it whole.
    for kwargs in ({"api_key": bad, "env": {}}, {"env": {"RUNPOD_API_KEY": bad}}):
        with pytest.raises(ConfigurationError) as info:
            resolve_config(home=tmp_path, **kwargs)
        assert "rpa_AB" not in str(info.value) and "rpa_\x00" not in str(info.value)
        assert "environment variable" in str(info.value) or "argument" in str(info.value)


@pytest.mark.parametrize(
    ("env", "expected", "source"),
    [
        ({}, DEFAULT_URL, "the default"),
        (
            {"RUNPOD_API_BASE_URL": "http://127.0.0.1:9/"},
            "http://127.0.0.1:9/graphql",
            "RUNPOD_API_BASE_URL",
        ),
        (
            {
                "RUNPOD_API_BASE_URL": "http://127.0.0.1:9",
                "RUNPOD_GRAPHQL_URL": "http://127.0.0.1:8/graphql",
            },
            "http://127.0.0.1:8/graphql",
            "RUNPOD_GRAPHQL_URL",
        ),
    ],
)
def test_endpoint_precedence(
    tmp_path: Path, env: dict[str, str], expected: str, source: str
) -> None:
    cfg = resolve_config(api_key=KEY_ARG, env=env, home=tmp_path)
    assert (cfg.url, cfg.url_source) == (expected, source)
    arg = resolve_config(api_key=KEY_ARG, url="http://127.0.0.1:7/graphql", env=env, home=tmp_path)
    assert (arg.url, arg.url_source) == ("http://127.0.0.1:7/graphql", "the url argument")


def test_a_key_in_the_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="api_key query parameter") as info:
        resolve_config(
            api_key=KEY_ARG,
            url=f"https://api.runpod.io/graphql?api_key={KEY_ENV}",
            env={},
            home=tmp_path,
        )
    assert KEY_ENV not in str(info.value)


def test_describe_and_reprs_never_show_the_key(tmp_path: Path) -> None:
    write_runpod_python_toml(tmp_path, {"default": KEY_PROFILE})
    cfg = resolve_config(env={}, home=tmp_path)
    rp = RunPod(env={}, home=tmp_path)
    shown = [
        cfg.describe(),
        repr(cfg),
        str(cfg),
        repr(cfg.api_key),
        rp.describe(),
        repr(rp),
        repr(rp._transport),
    ]
    for text in shown:
        assert KEY_PROFILE not in text
    assert "config.toml" in rp.describe()


def test_api_key_refuses_to_be_pickled() -> None:
    import pickle

    cfg = resolve_config(api_key=KEY_ARG, env={}, home=Path("/nonexistent"))
    with pytest.raises(TypeError):
        pickle.dumps(cfg.api_key)
