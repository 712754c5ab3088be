"""The global options and the one way commands talk to RunPod: ``run(ctx, body)``."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from ..errors import InputValidationError

if TYPE_CHECKING:
    import typer

    from .._config import Config
    from ..client import RunPod

T = TypeVar("T")


def graphql_url(base_url: str | None) -> str | None:
    """``--base-url``: a server root (``http://host:port``, ``/graphql`` is added) or a full URL."""
    if base_url is None:
        return None
    parts = urlsplit(base_url.strip())
    if parts.path in ("", "/"):
        return base_url.strip().rstrip("/") + "/graphql"
    return base_url.strip()


@dataclass(frozen=True)
class Globals:
    """What the options before the command name set; resolved like the library's arguments.

    A new global option (say ``--api``) is a field here, passed on in :meth:`config` and
    :meth:`client`, an annotated type in :mod:`.options` and a parameter of
    :func:`.app.set_globals`; ``config show`` prints whatever :meth:`config` resolves.
    """

    api_key: str | None = None
    base_url: str | None = None
    profile: str | None = None
    debug: bool = False
    max_retries: int | None = None
    request_timeout: float | None = None

    def config(self) -> Config:
        from .._config import resolve_config

        return resolve_config(
            api_key=self.api_key, url=graphql_url(self.base_url), profile=self.profile
        )

    def client(self) -> RunPod:
        from ..client import RunPod

        # httpx's own transport: a CLI sends a few requests in a row, and aiohttp costs ~0.2 s to import.
        return RunPod(
            api_key=self.api_key,
            url=graphql_url(self.base_url),
            profile=self.profile,
            max_retries=self.max_retries,
            timeout=self.request_timeout,
            transport="httpx",
        )


def globals_of(ctx: typer.Context) -> Globals:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Globals) else Globals()


def run(ctx: typer.Context, body: Callable[[RunPod], Awaitable[T]]) -> T:
    """Open a client from the global options, run ``body`` with it, close it; return the result.

    An argument the library refuses is reported under the option the user typed (see
    :func:`option_named`).
    """
    g = globals_of(ctx)

    async def go() -> T:
        async with g.client() as rp:
            return await body(rp)

    try:
        return run_async(go)
    except InputValidationError as exc:
        renamed = option_named(exc, ctx)
        if renamed is exc:
            raise
        raise renamed from exc


def option_named(exc: InputValidationError, ctx: typer.Context) -> InputValidationError:
    """``exc`` naming the command's option instead of the library's keyword (``container_disk_gb``
    -> ``--disk``; ``gpu_types[1]`` -> ``--gpu-type #2``), or ``exc`` itself when no option feeds it.

    A command names each parameter after the library keyword it feeds, so the command's own
    parameters are the map.
    """
    keyword, _, index = exc.field.partition("[")
    for param in ctx.command.params:
        flags = [o for o in param.opts if o.startswith("--")]
        if param.name == keyword and flags:
            which = f" #{int(index.rstrip(']')) + 1}" if index.rstrip("]").isdigit() else ""
            return InputValidationError(flags[0] + which, exc.message)
    return exc


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _terminate_interrupts() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) interrupt like Ctrl-C while a command runs.

    Without this they kill the process outright, skipping the clean-up that kills a runpodctl
    child (it runs in its own session, so no terminal signal reaches it) or a remote command.
    Signals set to be ignored (``nohup``) stay ignored.
    """
    import signal
    import threading

    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
                previous[sig] = signal.signal(sig, _interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_async(make: Callable[[], Awaitable[T]]) -> T:
    """``asyncio.run`` for a command: Ctrl-C, SIGTERM and SIGHUP cancel it and exit 130."""
    import asyncio  # here, not at the top: `--help` does not need it

    async def main() -> T:
        return await make()

    try:
        with _terminate_interrupts():
            return asyncio.run(main())
    except KeyboardInterrupt:
        # asyncio.run cancelled the command's task, so its clean-up ran (clients closed,
        # children killed) before we get here.
        import sys

        import typer

        print("error: interrupted", file=sys.stderr)
        raise typer.Exit(130) from None
