"""The emulator with one echo endpoint, in its own process for the serverless jobs benchmark:
``python -m bench.jobs_server`` prints the job API's URL, then serves until stdin closes."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

ENDPOINT = "bench-echo"
API_KEY = "bench-key"


def echo(job: dict[str, Any]) -> Any:
    """A short job: the worker convention's smallest handler."""
    return {"echo": job["input"]}


async def serve() -> None:
    from runpod_gql.emulator import Emulator

    async with Emulator(api_key=API_KEY) as emu:
        emu.serve_endpoint(ENDPOINT, echo, workers_min=128, workers_max=128)
        print(emu.jobs_url, emu.base_url, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    try:
        import uvloop
    except ImportError:
        asyncio.run(serve())
    else:
        uvloop.run(serve())
