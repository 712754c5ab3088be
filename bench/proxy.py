"""A simulated WAN: a self-signed TLS certificate and a delaying TCP proxy.

``tc netem`` is not available on these machines, so latency is added in user space: every chunk
is forwarded one one-way latency after it arrived, in order, and a new connection is held one
round trip (the TCP handshake) before its first byte moves. TLS is terminated behind the proxy,
so clients pay their TLS handshakes at the simulated round-trip time too.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import subprocess
from pathlib import Path


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (``openssl``); returns (cert, key) paths."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class _DelayedPipe:
    """Copies one direction of a connection, each chunk delayed by ``delay`` seconds."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        delay: float,
        hold_until: float,
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._delay = delay
        self._hold_until = hold_until
        self._queue: collections.deque[tuple[float, bytes]] = collections.deque()
        self._ready = asyncio.Event()

    async def run(self) -> None:
        pump = asyncio.create_task(self._pump())
        loop = asyncio.get_running_loop()
        try:
            while True:
                data = await self._reader.read(65536)
                now = loop.time()
                self._queue.append((max(now, self._hold_until) + self._delay, data))
                self._ready.set()
                if not data:
                    break
            await pump
        finally:
            pump.cancel()
            # Reap it, so a shutdown never leaves a pending pump behind to be destroyed.
            await asyncio.gather(pump, return_exceptions=True)

    async def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._ready.wait()
            self._ready.clear()
            while self._queue:
                due, data = self._queue.popleft()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    with contextlib.suppress(OSError, RuntimeError):
                        if self._writer.can_write_eof():
                            self._writer.write_eof()
                    return
                self._writer.write(data)
                with contextlib.suppress(ConnectionError):
                    await self._writer.drain()


async def start_delay_proxy(
    target_host: str, target_port: int, one_way_delay: float, host: str = "127.0.0.1"
) -> asyncio.Server:
    """Listen on a free port and forward to ``target`` with ``one_way_delay`` seconds each way."""

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        accepted = asyncio.get_running_loop().time()
        try:
            up_r, up_w = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_w.close()
            return
        # The client's first bytes (its ClientHello) leave after the TCP handshake's round trip.
        hold = accepted + 2 * one_way_delay
        pipes = (
            _DelayedPipe(client_r, up_w, one_way_delay, hold),
            _DelayedPipe(up_r, client_w, one_way_delay, 0.0),
        )
        try:
            await asyncio.gather(*(p.run() for p in pipes))
        except (ConnectionError, OSError, asyncio.CancelledError):
            pass  # a peer went away, or the server is shutting down
        finally:
            for w in (up_w, client_w):
                w.close()

    return await asyncio.start_server(handle, host, 0)
