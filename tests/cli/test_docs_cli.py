"""docs/cli.md lists every command the CLI has (read from the typer app, in process)."""

from __future__ import annotations

from pathlib import Path

import typer

from runpod_gql.cli.app import build_app

CLI_DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def command_paths() -> list[str]:
    """Every command as typed after ``runpod-gql``: ``pods create-cpu``, ``config show``, ..."""
    found: list[str] = []

    def walk(command: object, path: str) -> None:
        if isinstance(command, typer.core.TyperGroup):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}".strip())
        else:
            found.append(path)

    walk(typer.main.get_command(build_app()), "")
    return found


def test_every_command_is_in_the_cli_reference() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    paths = command_paths()
    assert "pods create-cpu" in paths
    missing = [p for p in paths if f"`{p}" not in text]
    assert not missing, f"commands missing from {CLI_DOC.name}: {missing}"
