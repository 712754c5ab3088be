"""``python -m runpod_gql.emulator``: run the emulator in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import os
import secrets
import signal
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["load_handler", "main"]


def load_handler(spec: str) -> tuple[str, Callable[[dict[str, Any]], Any]]:
    """``ID=module:function`` -> (endpoint id, the function). The working directory is importable,
    so ``--endpoint my-ep=handler:handler`` finds ``./handler.py``. ValueError says what is wrong."""
    endpoint_id, sep, target = spec.partition("=")
    module_name, colon, attr = target.partition(":")
    if not sep or not endpoint_id or not colon or not module_name or not attr:
        raise ValueError(f"--endpoint {spec!r}: expected ID=module:function")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ValueError(f"--endpoint {spec!r}: cannot import {module_name}: {exc}") from exc
    handler = getattr(module, attr, None)
    if not callable(handler):
        raise ValueError(f"--endpoint {spec!r}: {module_name} has no function {attr}")
    return endpoint_id, handler


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="runpod-gql emulator",
        description="Serve a local emulation of RunPod's GraphQL and REST v2 APIs.",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0 picks a free port (default 8765)")
    p.add_argument("--api-key", default=None, help="key clients must send (default: a random one)")
    p.add_argument(
        "--speed", type=float, default=1.0, help="emulated seconds per real second (default 1)"
    )
    p.add_argument("--ssh-host", default="127.0.0.1", help="host of every pod's port-22 mapping")
    p.add_argument("--ssh-port", type=int, default=None, help="port of every pod's port-22 mapping")
    p.add_argument("--boot-seconds", type=float, default=20.0)
    p.add_argument("--ssh-seconds", type=float, default=10.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--rest-page-size",
        type=int,
        default=None,
        help="page GET /v2/pods, /v2/templates and /v2/serverless as RunPod's newer document"
        " does (cursor, limit), this many a page",
    )
    p.add_argument(
        "--job-port",
        type=int,
        default=None,
        help="port of the job API, 0 picks one (default: --port + 1, or 0 when --port is 0)",
    )
    p.add_argument(
        "--endpoint",
        action="append",
        default=[],
        metavar="ID=MODULE:FUNCTION",
        help="serve endpoint ID's jobs with this handler (runpod-python worker convention); repeatable",
    )
    p.add_argument(
        "--cold-start",
        type=float,
        default=0.0,
        help="emulated seconds a new worker takes to start (default 0)",
    )
    return p


async def _serve(
    args: argparse.Namespace,
    api_key: str,
    handlers: list[tuple[str, Callable[[dict[str, Any]], Any]]],
) -> None:
    from . import Emulator  # heavy imports only once arguments are valid

    emu = Emulator(
        api_key=api_key,
        host=args.host,
        port=args.port,
        speed=args.speed,
        ssh_host=args.ssh_host,
        ssh_port=args.ssh_port,
        boot_seconds=args.boot_seconds,
        ssh_seconds=args.ssh_seconds,
        seed=args.seed,
        rest_page_size=args.rest_page_size,
        job_port=args.job_port if args.job_port is not None else args.port and args.port + 1,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows
            loop.add_signal_handler(sig, stop.set)
    async with emu:
        for endpoint_id, handler in handlers:
            emu.serve_endpoint(endpoint_id, handler, cold_start=args.cold_start)
        # A local test key: printing it is the point (clients need it).
        print(f"RunPod API emulator listening on {emu.url}", flush=True)
        print(f"API key: {api_key}", flush=True)
        print(f"REST v2: {emu.rest_url}  (GET {emu.rest_url}/pods, same account)", flush=True)
        print(f"RUNPOD_API_BASE_URL={emu.base_url}  (runpod-python)", flush=True)
        print(f"RUNPOD_GRAPHQL_URL={emu.url}  (runpodctl)", flush=True)
        print(f"RUNPOD_ENDPOINT_BASE_URL={emu.jobs_url}  (job API)", flush=True)
        for endpoint_id, handler in handlers:
            name = getattr(handler, "__qualname__", repr(handler))
            print(f"endpoint {endpoint_id}: {emu.jobs_url}/{endpoint_id}/run -> {name}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """Run the emulator until SIGINT/SIGTERM. Returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    api_key = args.api_key or f"emu-{secrets.token_hex(16)}"
    try:
        handlers = [load_handler(spec) for spec in args.endpoint]
    except ValueError as exc:
        parser.error(str(exc))
    try:
        import uvloop  # optional: ~1.5x the requests per second
    except ImportError:
        asyncio.run(_serve(args, api_key, handlers))
    else:
        uvloop.run(_serve(args, api_key, handlers))
    return 0


def _run() -> int:
    try:
        return main()
    except OSError as exc:  # e.g. port in use
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(_run())
