"""Options and arguments that more than one command takes, and the global options: written once.

Typer evaluates these annotations at runtime, on Python 3.10 too, so optional ones are spelled
``Optional[...]`` (hence the ``noqa: UP045``).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print JSON (the models' fields) instead of a table.")
]


class Cloud(str, enum.Enum):
    ALL = "ALL"
    SECURE = "SECURE"
    COMMUNITY = "COMMUNITY"


class Status(str, enum.Enum):
    """A pod's observed status; GraphQL's old names are accepted and read as the one they mean."""

    PROVISIONING = "PROVISIONING"
    STARTING = "STARTING"
    RUNNING = "RUNNING"
    EXITED = "EXITED"
    ERROR = "ERROR"
    TERMINATED = "TERMINATED"
    CREATED = "CREATED"  # = PROVISIONING
    RESTARTING = "RESTARTING"  # = STARTING
    PAUSED = "PAUSED"  # = EXITED
    DEAD = "DEAD"  # = ERROR


PodId = Annotated[str, typer.Argument(help="The pod's id.", show_default=False)]
EndpointId = Annotated[
    str, typer.Argument(help="The serverless endpoint's id.", show_default=False)
]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds to wait at most.")]
NoSSHCheck = Annotated[
    bool,
    typer.Option(
        "--no-ssh-check", help="Ready once ports are mapped; do not wait for an SSH banner."
    ),
]
SSHKey = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--ssh-key",
        envvar="RUNPOD_GQL_SSH_KEY",
        help="Private key for the pod (default: ~/.runpod/ssh/runpodctl-ssh-key, then any key there).",
        show_default=False,
    ),
]
EnvOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--env", help="KEY=VALUE, repeatable.", show_default=False),
]


def parse_env(items: list[str] | None) -> dict[str, str]:
    """``--env KEY=VALUE ...`` as a dict; a malformed item is a usage error (exit 2)."""
    env: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="--env")
        env[key] = value
    return env


# ---------------------------------------------------------------- global options (before the command)

ApiKeyOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--api-key",
        help="RunPod API key (prefer RUNPOD_API_KEY: a command line is visible in `ps`).",
        show_default=False,
    ),
]
BaseUrlOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--base-url",
        help="API server, e.g. http://127.0.0.1:8765 (/graphql is added) or a full GraphQL URL.",
        show_default=False,
    ),
]
ProfileOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--profile", help="Profile in ~/.runpod/config.toml.", show_default=False),
]
MaxRetriesOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--max-retries", help="Retries of a failed request (default: the library's policy).", min=0
    ),
]
RequestTimeoutOpt = Annotated[
    Optional[float],  # noqa: UP045
    typer.Option("--request-timeout", help="Seconds one API request may take.", min=0.1),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks on failure.")]
