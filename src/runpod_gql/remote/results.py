"""What remote operations hand back: a command's result, transfer progress, and the callbacks.

Standard library only, so these names import (and type-check) without the ``ssh`` extra.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

__all__ = ["ExecResult", "OutputCallback", "TransferCallback", "TransferProgress"]

OutputCallback = Callable[[str], "Awaitable[object] | object"]
"""Called with each line of output as it arrives (newline included); may be a coroutine function."""


@dataclass(frozen=True)
class ExecResult:
    """What a finished remote command left behind."""

    command: str
    exit_status: int | None
    stdout: str
    stderr: str
    exit_signal: str | None = None

    @property
    def ok(self) -> bool:
        return self.exit_status == 0


@dataclass(frozen=True)
class TransferProgress:
    """One progress report of one file: ``transferred`` of ``total`` bytes so far."""

    source: str
    destination: str
    transferred: int
    total: int


TransferCallback = Callable[[TransferProgress], object]
"""Called with each :class:`TransferProgress` of an upload or download."""
