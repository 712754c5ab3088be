"""Exit codes, and the one-line ``error:`` / ``hint:`` report of every failure.

==== ===========================================================================
code meaning
==== ===========================================================================
0    success
1    any other failure (connection, server, rate limit, SSH, runpodctl, pod state)
2    usage or input refused before anything was sent
3    authentication or configuration (no key, wrong key, bad URL)
4    not found (pod, GPU type, ...)
5    no capacity (nothing placeable with the requested specification)
6    time-out (a wait, a request, a remote command)
7    a remote command failed (``pods exec`` exits with the command's own status instead)
130  interrupted (Ctrl-C)
==== ===========================================================================

Tracebacks appear only with ``--debug`` (or ``RUNPOD_GQL_DEBUG=1``), and never with local
variables, so the API key cannot leak through one.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import TYPE_CHECKING

from ..errors import (
    APIConnectionError,
    AuthenticationError,
    CapacityError,
    ConfigurationError,
    HostFullError,
    HostKeyError,
    InputValidationError,
    JobError,
    JobFailedError,
    NotFoundError,
    PodInterruptedError,
    PodStateError,
    RateLimitError,
    RemoteCommandError,
    RunpodctlNotFoundError,
    RunPodError,
    ServerError,
    SSHError,
)

if TYPE_CHECKING:
    import typer

# The job API's operations (resources/jobs.py names each request by its route).
JOB_OPERATIONS = frozenset(
    {"run", "runsync", "status", "stream", "cancel", "retry", "purge-queue", "health"}
)

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_NOT_FOUND = 4
EXIT_CAPACITY = 5
EXIT_TIMEOUT = 6
EXIT_REMOTE_COMMAND = 7
EXIT_INTERRUPTED = 130


def classify(exc: BaseException) -> tuple[int, str]:
    """The exit code of a failure and a hint saying what to do about it."""
    if isinstance(exc, ConfigurationError):
        # Not `config show`: it resolves the same settings, so it fails the same way.
        return EXIT_AUTH, (
            "set the key with RUNPOD_API_KEY or --api-key, the endpoint with RUNPOD_GRAPHQL_URL "
            "or --base-url"
        )
    if isinstance(exc, AuthenticationError):
        return EXIT_AUTH, (
            "set RUNPOD_API_KEY or pass --api-key; `runpod-gql config show` says where the key "
            "and endpoint come from"
        )
    if isinstance(exc, InputValidationError):
        return EXIT_USAGE, "fix the argument named above; `--help` lists the options"
    if isinstance(exc, NotFoundError) and exc.operation in JOB_OPERATIONS:
        return EXIT_NOT_FOUND, (
            "`runpod-gql endpoints` lists your endpoints; a job's result is kept 30 minutes "
            "after a run (1 minute after a runsync)"
        )
    if isinstance(exc, NotFoundError):
        return (
            EXIT_NOT_FOUND,
            "`runpod-gql pods list` shows your pods, `gpus list` the GPU type ids",
        )
    if isinstance(exc, HostFullError):
        return (
            EXIT_CAPACITY,
            "the pod's host is full: try again later, or create a new pod elsewhere",
        )
    if isinstance(exc, CapacityError):
        return EXIT_CAPACITY, (
            "add --gpu-type alternatives, use --cloud-type ALL, raise --max-price, or retry later; "
            "`runpod-gql gpus list` shows stock"
        )
    if isinstance(exc, JobFailedError):
        return EXIT_OTHER, "the endpoint's handler failed: its error is above"
    if isinstance(exc, JobError) and isinstance(exc, TimeoutError):
        return EXIT_TIMEOUT, (
            "raise --timeout (or the job's execution time-out); "
            "`runpod-gql jobs status <endpoint> <job>` shows the job"
        )
    if isinstance(exc, JobError):
        return EXIT_OTHER, "`runpod-gql jobs status <endpoint> <job>` shows the job"
    if isinstance(exc, TimeoutError):  # WaitTimeoutError, APITimeoutError, RemoteTimeoutError
        return EXIT_TIMEOUT, "raise --timeout; `runpod-gql pods get <id>` shows where the pod is"
    if isinstance(exc, RemoteCommandError):
        return EXIT_REMOTE_COMMAND, "the command ran on the pod and failed: see its stderr above"
    if isinstance(exc, PodInterruptedError):
        return EXIT_OTHER, "the spot pod was outbid: `pods start <id> --bid <higher bid>`"
    if isinstance(exc, PodStateError):
        return (
            EXIT_OTHER,
            "`runpod-gql pods get <id>` shows its state; `pods start <id>` resumes it",
        )
    if isinstance(exc, RateLimitError):
        return EXIT_OTHER, "RunPod is rate limiting this key: wait a little and retry"
    if isinstance(exc, ServerError):
        return EXIT_OTHER, "RunPod answered with a server error, often transient: retry later"
    if isinstance(exc, APIConnectionError):
        return EXIT_OTHER, "check the network and the endpoint (`runpod-gql config show`)"
    if isinstance(exc, HostKeyError):
        return EXIT_OTHER, (
            "the pod's SSH host key is not the one remembered in ~/.runpod/runpod-gql/known_hosts; "
            "if the address was reused by a new pod, remove that entry"
        )
    if isinstance(exc, SSHError):
        return EXIT_OTHER, (
            "wait with `runpod-gql pods wait <id>`, and give the key with --ssh-key or "
            "RUNPOD_GQL_SSH_KEY"
        )
    if isinstance(exc, RunpodctlNotFoundError):
        return EXIT_OTHER, "install runpodctl, or use `pods upload/download` (native SSH)"
    if isinstance(exc, RunPodError):
        return EXIT_OTHER, "rerun with --debug for details"
    if isinstance(exc, OSError):
        return EXIT_OTHER, "check the local path and permissions"
    return EXIT_OTHER, "this is a bug in runpod-gql: rerun with --debug and report it"


def one_line(text: str) -> str:
    return " ".join(text.split())


def report(exc: BaseException, *, debug: bool) -> int:
    """Print ``error:`` and ``hint:`` lines (and, with ``debug``, the traceback); return the code."""
    code, hint = classify(exc)
    if debug:
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    cause = one_line(str(exc)) or type(exc).__name__
    if not isinstance(exc, (RunPodError, OSError)):
        cause = f"internal error: {type(exc).__name__}: {cause}"
    print(f"error: {cause}", file=sys.stderr)
    print(f"hint: {hint}", file=sys.stderr)
    return code


def _debug_requested(args: list[str]) -> bool:
    if os.environ.get("RUNPOD_GQL_DEBUG", "").strip() not in ("", "0"):
        return True
    return "--debug" in args[: args.index("--")] if "--" in args else "--debug" in args


def run_guarded(app: typer.Typer, args: list[str]) -> int:
    """Run the typer app; turn every exception into an exit code and a report."""
    debug = _debug_requested(args)
    try:
        app(args=args, prog_name="runpod-gql")
    except SystemExit as exit_:
        code = exit_.code
        if code is None:
            return EXIT_OK
        return code if isinstance(code, int) else EXIT_OTHER
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        return report(exc, debug=debug)
    return EXIT_OK
