"""Where the API key and endpoint come from, resolved once, reported without the key.

Key order: explicit argument, ``RUNPOD_API_KEY``, ``~/.runpod/config.toml`` (runpod-python's
``[profile] api_key`` shape, then runpodctl's top-level ``apikey``), the RunPod MCP server entry in
``~/.cursor/mcp.json``. Endpoint order: argument, ``RUNPOD_GRAPHQL_URL``,
``RUNPOD_API_BASE_URL`` + ``/graphql``, runpodctl's ``apiurl``, the RunPod default.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .errors import ConfigurationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

DEFAULT_URL = "https://api.runpod.io/graphql"
DEFAULT_PROFILE = "default"
NO_KEY = "no RunPod API key found"


class APIKey:
    """The API key. Its repr and str never show it; ``reveal()`` is the one way out."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "APIKey('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, APIKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> Any:
        raise TypeError("APIKey cannot be pickled")


@dataclass(frozen=True)
class Config:
    """Resolved settings. ``api_key_source`` and ``url_source`` say where each came from."""

    api_key: APIKey = field(repr=False)
    api_key_source: str
    url: str
    url_source: str
    profile: str | None = None
    missing_key: str | None = None  # why there is no key, when the client may run without one

    @property
    def has_key(self) -> bool:
        return self.missing_key is None

    @property
    def rest_url(self) -> str:
        """The REST v2 base (``/v2/...`` paths go under it): the GraphQL endpoint's URL without
        its ``/graphql`` (RUNPOD_API_BASE_URL's value), or the endpoint's origin."""
        parts = urlsplit(self.url)
        path = parts.path.rstrip("/")
        base = path[: -len("/graphql")] if path.endswith("/graphql") else ""
        return f"{parts.scheme}://{parts.netloc}{base}"

    def describe(self) -> str:
        key = f"API key from {self.api_key_source}"
        return f"{key}; endpoint {self.url} (from {self.url_source})"

    def __repr__(self) -> str:
        return f"Config(api_key=<from {self.api_key_source}>, url={self.url!r}, url_source={self.url_source!r})"


def _read_toml(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # TOMLDecodeError, or bytes that are not UTF-8
        raise ConfigurationError(f"cannot read {path}: {exc}") from exc


def _key_from_runpod_toml(doc: Mapping[str, Any], profile: str) -> tuple[str | None, str | None]:
    """Returns (key, shape): runpod-python profiles first, then runpodctl's top-level key."""
    section = doc.get(profile)
    if isinstance(section, Mapping):
        value = section.get("api_key") or section.get("apikey")
        if isinstance(value, str) and value.strip():
            return value.strip(), f"profile [{profile}]"
    for name in ("apikey", "api_key"):
        value = doc.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip(), f"top-level {name} (runpodctl)"
    return None, None


def _key_from_mcp(path: Path) -> tuple[str | None, str | None]:
    try:
        doc = json.loads(path.read_text())
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read {path}: {exc}") from exc
    servers = doc.get("mcpServers") if isinstance(doc, Mapping) else None
    if not isinstance(servers, Mapping):
        return None, None
    # The RunPod server's entry first, then any server that carries a RunPod key.
    ordered = sorted(servers.items(), key=lambda kv: "runpod" not in str(kv[0]).lower())
    for name, server in ordered:
        env = server.get("env") if isinstance(server, Mapping) else None
        value = env.get("RUNPOD_API_KEY") if isinstance(env, Mapping) else None
        if isinstance(value, str) and value.strip():
            return value.strip(), f"mcpServers.{name}.env.RUNPOD_API_KEY"
    return None, None


INSECURE_HTTP_ENV = "RUNPOD_GQL_ALLOW_INSECURE_HTTP"
"""Set to 1 to allow plain http to a host that is not loopback (the key then travels in clear)."""


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        address = ipaddress.ip_address(host)
        return address.is_loopback or address.is_unspecified  # 0.0.0.0 reaches this machine
    except ValueError:
        return False


def _check_url(url: str, source: str, *, allow_insecure_http: bool = False) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"endpoint from {source} is not an http(s) URL")
    if parts.username is not None or parts.password is not None:
        raise ConfigurationError(
            f"endpoint from {source} carries credentials (user:password@); remove them and set"
            " RUNPOD_API_KEY (the key is sent as a Bearer header, never in a URL)"
        )
    if (
        parts.scheme == "http"
        and not allow_insecure_http
        and not _is_loopback(parts.hostname or "")
    ):
        raise ConfigurationError(
            f"endpoint from {source} is plain http to {parts.hostname}, so the API key would"
            " cross the network unencrypted; use https, or opt in with"
            f" RunPod(allow_insecure_http=True) or {INSECURE_HTTP_ENV}=1"
        )
    if any(k.lower() == "api_key" for k, _ in parse_qsl(parts.query)):
        # Keys in URLs end up in logs and exception texts; we only ever send a header.
        raise ConfigurationError(
            f"endpoint from {source} carries an api_key query parameter; "
            "remove it and set RUNPOD_API_KEY (the key is sent as a Bearer header)"
        )
    return url


class _Files:
    """RunPod's config files under one home directory; config.toml is read once, when needed."""

    def __init__(self, home: Path) -> None:
        self.config_toml = home / ".runpod" / "config.toml"
        self.mcp_json = home / ".cursor" / "mcp.json"
        self._toml: dict[str, Any] | None = None
        self._toml_read = False

    def toml(self) -> dict[str, Any] | None:
        if not self._toml_read:
            self._toml, self._toml_read = _read_toml(self.config_toml), True
        return self._toml


def _find_key(
    api_key: str | None,
    env: Mapping[str, str],
    profile: str | None,
    profile_name: str,
    files: _Files,
) -> tuple[str, str]:
    """The key and where it came from: argument, environment, config.toml, then mcp.json."""
    if api_key is not None:
        if not api_key.strip():
            raise ConfigurationError("api_key argument is empty")
        return api_key.strip(), "the api_key argument"
    if env.get("RUNPOD_API_KEY", "").strip():
        return env["RUNPOD_API_KEY"].strip(), "environment variable RUNPOD_API_KEY"
    doc = files.toml()
    if doc is not None:
        found, shape = _key_from_runpod_toml(doc, profile_name)
        if found:
            return found, f"{files.config_toml} ({shape})"
        if profile is not None:
            raise ConfigurationError(f"profile [{profile}] in {files.config_toml} has no api_key")
    found, where = _key_from_mcp(files.mcp_json)
    if found:
        return found, f"{files.mcp_json} ({where})"
    raise ConfigurationError(
        f"{NO_KEY}. Looked in: the api_key argument; environment variable "
        f'RUNPOD_API_KEY; {files.config_toml} ([{profile_name}] api_key = "..." or top-level '
        f"apikey = '...'); {files.mcp_json} (mcpServers.<name>.env.RUNPOD_API_KEY). "
        "Set one with: export RUNPOD_API_KEY=<key from https://www.console.runpod.io/user/settings>"
    )


def _check_key(key: str, source: str) -> None:
    if not all("!" <= ch <= "~" for ch in key):
        # It goes into a header: a space, newline or non-ASCII character would inject a header or
        # make the HTTP library raise an error that quotes the header, key and all.
        raise ConfigurationError(
            f"the API key from {source} contains spaces, control or non-ASCII characters;"
            " copy it again from https://www.console.runpod.io/user/settings"
        )


def _find_url(url: str | None, env: Mapping[str, str], files: _Files) -> tuple[str, str]:
    """The GraphQL endpoint and where it came from: argument, environment, config.toml, default."""
    if url is not None:
        return url, "the url argument"
    if env.get("RUNPOD_GRAPHQL_URL", "").strip():
        return env["RUNPOD_GRAPHQL_URL"].strip(), "RUNPOD_GRAPHQL_URL"
    if env.get("RUNPOD_API_BASE_URL", "").strip():
        return env["RUNPOD_API_BASE_URL"].strip().rstrip("/") + "/graphql", "RUNPOD_API_BASE_URL"
    apiurl = (files.toml() or {}).get("apiurl")
    if isinstance(apiurl, str) and apiurl.strip():
        return apiurl.strip(), f"{files.config_toml} (apiurl)"
    return DEFAULT_URL, "the default"


RUNPOD_JOB_API = "https://api.runpod.ai/v2"


def job_api_url(
    graphql_url: str,
    env: Mapping[str, str],
    base_url: str | None = None,
    *,
    allow_insecure_http: bool | None = None,
) -> str:
    """The serverless job API's base: ``base_url``, else ``RUNPOD_ENDPOINT_BASE_URL``
    (runpod-python's name), else RunPod's own when ``graphql_url`` is RunPod's, else the emulator's
    ``/runtime/v2`` beside it. Checked like the API endpoint (https, or http to loopback)."""
    if allow_insecure_http is None:
        allow_insecure_http = env.get(INSECURE_HTTP_ENV, "").strip().lower() in ("1", "true", "yes")
    if base_url:
        chosen, source = base_url, "the base_url argument"
    elif env.get("RUNPOD_ENDPOINT_BASE_URL", "").strip():
        chosen, source = env["RUNPOD_ENDPOINT_BASE_URL"].strip(), "RUNPOD_ENDPOINT_BASE_URL"
    else:
        parts = urlsplit(graphql_url)
        host = parts.hostname or ""
        if host == "runpod.io" or host.endswith(".runpod.io"):
            return RUNPOD_JOB_API
        chosen, source = f"{parts.scheme}://{parts.netloc}/runtime/v2", "the API endpoint"
    return _check_url(chosen, source, allow_insecure_http=allow_insecure_http).rstrip("/")


def resolve_config(
    *,
    api_key: str | None = None,
    url: str | None = None,
    profile: str | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    allow_insecure_http: bool | None = None,
    require_key: bool = True,
) -> Config:
    """Resolve key and endpoint from arguments, environment and config files.

    With ``require_key=False`` a missing key is not an error: the config has no key and says
    why (``missing_key``), for clients that read only RunPod's public catalogue.

    Plain http is accepted only to a loopback host (the emulator), unless ``allow_insecure_http``
    (or ``RUNPOD_GQL_ALLOW_INSECURE_HTTP=1``) says otherwise.
    """
    env = os.environ if env is None else env
    if allow_insecure_http is None:
        allow_insecure_http = env.get(INSECURE_HTTP_ENV, "").strip().lower() in ("1", "true", "yes")
    files = _Files(Path.home() if home is None else home)
    profile_name = profile or env.get("RUNPOD_PROFILE") or DEFAULT_PROFILE
    missing = None
    try:
        key, key_source = _find_key(api_key, env, profile, profile_name, files)
    except ConfigurationError as exc:
        if require_key or not str(exc).startswith(NO_KEY):
            raise
        key, key_source, missing = "", "nowhere (no key: the public GPU catalogue only)", str(exc)
    if missing is None:
        _check_key(key, key_source)
    endpoint, url_source = _find_url(url, env, files)
    return Config(
        api_key=APIKey(key),
        api_key_source=key_source,
        url=_check_url(endpoint, url_source, allow_insecure_http=allow_insecure_http),
        url_source=url_source,
        profile=profile_name if "profile [" in key_source else None,
        missing_key=missing,
    )
