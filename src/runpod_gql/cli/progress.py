"""Progress on stderr: a spinner with the pod's current stage on a terminal, one line per change
otherwise (logs, CI), and byte counts for transfers."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from . import render

if TYPE_CHECKING:
    from ..remote.ssh import TransferProgress
    from ..resources.readiness import Progress


class WaitDisplay:
    """``on_progress`` callback for waits; use as a context manager around the wait."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._status: Any = None
        self._last = ""

    def __enter__(self) -> WaitDisplay:
        console = render.err()
        if console.is_terminal:
            self._status = console.status(self._label, spinner="dots")
            self._status.__enter__()
        else:
            render.note(self._label)
        return self

    def __call__(self, p: Progress) -> None:
        line = f"pod {p.pod_id}: {p.stage}"
        if self._status is not None:
            self._status.update(f"{line} [{p.waited:.0f}s]")
        elif line != self._last:
            render.note(f"{line} [{p.waited:.1f}s]")
        self._last = line

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._status is not None:
            self._status.__exit__(exc_type, exc, tb)


class TransferDisplay:
    """``progress`` callback for uploads and downloads; totals what moved."""

    def __init__(self, verb: str) -> None:
        self._verb = verb
        self._files: dict[str, int] = {}
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> TransferDisplay:
        console = render.err()
        if console.is_terminal:
            from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

            self._progress = Progress(
                *Progress.get_default_columns(),
                DownloadColumn(),
                TransferSpeedColumn(),
                console=console,
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task(self._verb, total=None)
        return self

    def __call__(self, p: TransferProgress) -> None:
        self._files[p.source] = p.transferred
        if self._progress is not None:
            self._progress.update(
                self._task, completed=self.bytes, description=f"{self._verb} {p.source}"
            )

    @property
    def bytes(self) -> int:
        return sum(self._files.values())

    @property
    def files(self) -> int:
        return len(self._files)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)
