"""``runpod-gql``: the command line over the library (needs the ``cli`` extra: typer and rich).

``main()`` is the console-script entry point. It imports typer and rich only when called, so a
missing extra costs one clear line instead of a traceback, and maps every :class:`RunPodError`
to an exit code and an ``error:`` / ``hint:`` pair on stderr (see :mod:`.errors`).

Layout (imports point down this list, never up; the library is imported inside commands, so
``--help`` stays cheap):

- :mod:`.app` assembles the tree: the global options and one line per command or group.
- one module per command group: :mod:`.pods` (a package: create, manage, remote, spec, view),
  :mod:`.gpus`, :mod:`.templates`, :mod:`.volumes`, :mod:`.endpoints`, :mod:`.account`,
  :mod:`.config` (the one place that prints the resolved configuration), :mod:`.emulator`.
- :mod:`.options` (options several commands take: ``--json``, ``--timeout``, the globals, ...),
  :mod:`.option_groups` (a set of options gathered into one parameter, e.g. a pod's spec),
  :mod:`._context` (``run(ctx, body)``: a client from the global options), :mod:`.render`
  (``--json`` and tables), :mod:`.progress`, :mod:`.errors` (exit codes, ``error:``/``hint:``).

To add a command group ``foo``: write ``cli/foo.py`` with ``app = typer.Typer(no_args_is_help=True,
help=...)`` and its commands as module-level functions decorated ``@app.command("name")``, each
taking ``ctx: typer.Context`` and ``as_json: JsonOpt = False`` and calling the library through
``run(ctx, body)`` with ``body`` an ``async def body(rp: RunPod)``; print with
``render.emit(value, as_json, human)``. Name each parameter after the library keyword it feeds
(the flag may differ: ``max_price_per_hr`` for ``--max-price``), so a value the library refuses
is reported under the flag. Then add ``app.add_typer(foo.app, name="foo")`` to
:func:`.app.build_app`, a row to ``docs/cli.md`` (a test checks every command is there), and
tests to ``tests/cli/`` (subprocesses against the emulator). A group that outgrows one module
becomes a package, like :mod:`.pods`, whose ``__init__`` registers the commands of its modules.
Options that a second command needs move to :mod:`.options`.
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
