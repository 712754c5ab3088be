"""The ``runpod-gql`` command tree, assembled in one place: the global options and every
command and group, in the order ``--help`` lists them."""

from __future__ import annotations

from typing import Annotated

import typer

from . import account, billing, config, emulator, endpoints, gpus, jobs, pods, templates, volumes
from ._context import Globals
from .options import ApiKeyOpt, BaseUrlOpt, DebugOpt, MaxRetriesOpt, ProfileOpt, RequestTimeoutOpt

HELP = """A typed client for RunPod's GPU cloud, on the command line.

The API key comes from --api-key, RUNPOD_API_KEY, ~/.runpod/config.toml or ~/.cursor/mcp.json; `runpod-gql config show` says which. Every command takes --json.

Exit codes: 0 ok, 2 usage, 3 auth/config, 4 not found, 5 no capacity, 6 time-out, 7 remote command failed, 1 other.
"""


def _print_version(asked: bool) -> None:
    if asked:
        from .._version import __version__

        print(f"runpod-gql {__version__}")
        raise typer.Exit(0)


VersionOpt = Annotated[
    bool,
    typer.Option(
        "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
    ),
]


def set_globals(
    ctx: typer.Context,
    api_key: ApiKeyOpt = None,
    base_url: BaseUrlOpt = None,
    profile: ProfileOpt = None,
    max_retries: MaxRetriesOpt = None,
    request_timeout: RequestTimeoutOpt = None,
    debug: DebugOpt = False,
    version: VersionOpt = False,
) -> None:
    """The options before the command name, kept for the command (see ``_context.run``)."""
    ctx.obj = Globals(
        api_key=api_key,
        base_url=base_url,
        profile=profile,
        debug=debug,
        max_retries=max_retries,
        request_timeout=request_timeout,
    )


def build_app() -> typer.Typer:
    """The whole command tree (built on each call; cheap)."""
    app = typer.Typer(
        name="runpod-gql",
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,  # errors are reported by .errors, never with locals
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(set_globals)
    app.command("templates")(templates.list_templates)
    app.command("volumes")(volumes.list_volumes)
    app.command("account")(account.show_account)
    app.command("billing")(billing.show_billing)
    app.command(
        "emulator",
        add_help_option=False,  # `--help` is the emulator's own
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(emulator.serve)
    app.add_typer(pods.app, name="pods")
    app.add_typer(gpus.app, name="gpus")
    app.add_typer(endpoints.app, name="endpoints")
    app.add_typer(jobs.app, name="jobs")
    app.add_typer(config.app, name="config")
    return app
