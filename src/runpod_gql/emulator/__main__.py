"""``python -m runpod_gql.emulator``: run the emulator in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import secrets
import signal
import sys

__all__ = ["main"]


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
    return p


async def _serve(args: argparse.Namespace, api_key: str) -> None:
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
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows
            loop.add_signal_handler(sig, stop.set)
    async with emu:
        # A local test key: printing it is the point (clients need it).
        print(f"RunPod API emulator listening on {emu.url}", flush=True)
        print(f"API key: {api_key}", flush=True)
        print(f"REST v2: {emu.rest_url}  (GET {emu.rest_url}/pods, same account)", flush=True)
        print(f"RUNPOD_API_BASE_URL={emu.base_url}  (runpod-python)", flush=True)
        print(f"RUNPOD_GRAPHQL_URL={emu.url}  (runpodctl)", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """Run the emulator until SIGINT/SIGTERM. Returns the process exit code."""
    args = _parser().parse_args(argv)
    api_key = args.api_key or f"emu-{secrets.token_hex(16)}"
    try:
        import uvloop  # optional: ~1.5x the requests per second
    except ImportError:
        asyncio.run(_serve(args, api_key))
    else:
        uvloop.run(_serve(args, api_key))
    return 0


def _run() -> int:
    try:
        return main()
    except OSError as exc:  # e.g. port in use
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(_run())
