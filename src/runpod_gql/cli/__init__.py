"""``runpod-gql``: the command line over the library (needs the ``cli`` extra: typer and rich).

``main()`` is the console-script entry point. It imports typer and rich only when called, so a
missing extra costs one clear line instead of a traceback, and maps every :class:`RunPodError`
to an exit code and an ``error:`` / ``hint:`` pair on stderr (see :mod:`.errors`).
"""

from __future__ import annotations

import sys

__all__ = ["main"]

_CLI_DEPENDENCIES = frozenset({"typer", "rich", "click"})


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``) and return its exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        from .app import build_app
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _CLI_DEPENDENCIES:
            raise
        print(
            f"error: the runpod-gql command needs {exc.name}: pip install 'runpod-gql[cli]'",
            file=sys.stderr,
        )
        return 1
    from .errors import run_guarded

    return run_guarded(build_app(), args)
