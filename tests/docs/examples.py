"""The Python examples of README.md and docs/*.md, each with what it needs to run.

Every fenced block whose language is ``python`` (or ``py``) is an example. An HTML comment on the
line just above it says what it needs (clauses separated by ``;``, see docs/development.md)::

    <!-- example: sshd; given rp, pod_id -->
    <!-- example: pytest -->
    <!-- example: not run: talks to your real account -->

A directive that is misspelt, or that is not followed by a Python block, is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What ``given`` may provide (made by tests/docs/test_examples.py).
GIVEN = {
    "emu": "the Emulator every example runs against",
    "rp": "a RunPod client of it (emu.client())",
    "pod_id": "a pod created and waited for (with sshd: reachable over SSH)",
    "endpoint": "that pod's SSHEndpoint (needs sshd)",
}

_FENCE = re.compile(r"^(?P<fence>```+|~~~+)\s*(?P<lang>[\w+-]*)")
_DIRECTIVE = re.compile(r"^\s*<!--\s*example:(?P<body>.*?)-->\s*$")
_PYTHON = {"python", "py", "python3"}


class DirectiveError(ValueError):
    """A directive the harness does not understand, or one with no Python block under it."""


@dataclass(frozen=True)
class Example:
    path: str  # relative to the repository root
    line: int  # line of the block's first code line
    code: str
    sshd: bool = False
    runpodctl: bool = False
    pytest: bool = False
    given: tuple[str, ...] = ()
    not_run: str | None = None
    directive: str = field(default="", compare=False)

    @property
    def id(self) -> str:
        return f"{self.path}:{self.line}"

    def source(self) -> str:
        """The code, shifted so that tracebacks give the Markdown file's line numbers."""
        return "\n" * (self.line - 1) + self.code


def _parse_directive(body: str, where: str) -> dict[str, object]:
    found: dict[str, object] = {"directive": body.strip()}
    if "not run:" in body:  # the reason is free text, semicolons included
        before, reason = body.split("not run:", 1)
        if before.strip(" ;"):
            raise DirectiveError(f"{where}: 'not run' takes no other clause")
        if not reason.strip():
            raise DirectiveError(f"{where}: 'not run:' needs a reason")
        found["not_run"] = reason.strip()
        return found
    for raw in body.split(";"):
        clause = raw.strip()
        if clause in ("sshd", "runpodctl", "pytest"):
            found[clause] = True
        elif clause.startswith("given "):
            names = tuple(n.strip() for n in clause[len("given ") :].split(",") if n.strip())
            unknown = [n for n in names if n not in GIVEN]
            if unknown or not names:
                raise DirectiveError(f"{where}: given {unknown or names}: known names {set(GIVEN)}")
            found["given"] = names
        else:
            raise DirectiveError(
                f"{where}: unknown example directive clause {clause!r} "
                "(sshd; runpodctl; pytest; given NAMES; not run: REASON)"
            )
    return found


def parse(text: str, path: str) -> list[Example]:
    """The examples of one Markdown document."""
    lines = text.splitlines()
    examples: list[Example] = []
    pending: tuple[int, dict[str, object]] | None = None
    i = 0
    while i < len(lines):
        directive = _DIRECTIVE.match(lines[i])
        if directive:
            if pending is not None:
                raise DirectiveError(
                    f"{path}:{pending[0]}: directive with no Python block under it"
                )
            pending = (i + 1, _parse_directive(directive["body"], f"{path}:{i + 1}"))
            i += 1
            continue
        fence = _FENCE.match(lines[i])
        if not fence:
            if pending is not None and lines[i].strip():
                raise DirectiveError(
                    f"{path}:{pending[0]}: directive with no Python block under it"
                )
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip() != fence["fence"]:
            end += 1
        if fence["lang"].lower() in _PYTHON:
            options = pending[1] if pending is not None else {}
            code = "\n".join(lines[i + 1 : end]) + "\n"
            examples.append(Example(path=path, line=i + 2, code=code, **options))  # type: ignore[arg-type]
        elif pending is not None:
            raise DirectiveError(f"{path}:{pending[0]}: directive over a {fence['lang']!r} block")
        pending = None
        i = end + 1
    if pending is not None:
        raise DirectiveError(f"{path}:{pending[0]}: directive with no Python block under it")
    return examples


def documents(root: Path = ROOT) -> list[Path]:
    """README.md and every Markdown page under docs/."""
    return [root / "README.md", *sorted((root / "docs").rglob("*.md"))]


def collect(root: Path = ROOT) -> list[Example]:
    found: list[Example] = []
    for doc in documents(root):
        found += parse(doc.read_text(encoding="utf-8"), doc.relative_to(root).as_posix())
    return found
