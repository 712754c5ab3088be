"""The replay server (bench/server.py) seen from the harness: started in its own process."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent


class ReplayServer:
    """``python -m bench.server`` in its own process, so it does not share the client's core."""

    def __init__(
        self,
        upstream: str,
        cert: Path | None = None,
        key: Path | None = None,
        delay_ms: float = 0.0,
    ) -> None:
        self._args = [sys.executable, "-m", "bench.server", "--upstream", upstream]
        if cert is not None and key is not None:
            self._args += ["--cert", str(cert), "--key", str(key), "--delay-ms", str(delay_ms)]
        self._proc: subprocess.Popen[str] | None = None
        self.ports: dict[str, int] = {}

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._proc = await loop.run_in_executor(
            None,
            lambda: subprocess.Popen(
                self._args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            ),
        )
        stdout: IO[str] | None = self._proc.stdout
        assert stdout is not None
        line = await loop.run_in_executor(None, stdout.readline)
        if not line:
            raise RuntimeError("the replay server did not start")
        self.ports = json.loads(line)

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def stop(self) -> None:
        if self._proc is None:
            return
        assert self._proc.stdin is not None
        self._proc.stdin.close()  # the server exits when its stdin closes
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
