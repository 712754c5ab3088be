"""Regenerate generated/runpod_gql_rest from openapi.json, from scratch.

The package is deleted first (a removed operation must not leave its module behind), then
written: the document itself as package data (the emulator validates against it), and the
typed layer compiled from it. Deterministic: the same document gives the same bytes.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "openapi.json"
PACKAGE = ROOT / "generated" / "runpod_gql_rest"

HEADER = "# generated — do not edit: run `make generate` (scripts/generate_rest.py)\n"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def generate(document: Path = DOCUMENT, package: Path = PACKAGE) -> int:
    """Write the package; returns the number of files written."""
    shutil.rmtree(package, ignore_errors=True)
    package.mkdir(parents=True)
    shutil.copyfile(document, package / "openapi.json")
    _write(
        package / "__init__.py",
        f'{HEADER}"""RunPod REST API v2, compiled from the OpenAPI document shipped beside this file."""\n',
    )
    _write(package / "py.typed", "")
    return len([p for p in package.rglob("*") if p.is_file()])


def main() -> int:
    started = time.perf_counter()
    if not DOCUMENT.is_file():
        sys.stderr.write(f"{DOCUMENT} is missing: run `make schema` or restore it from git\n")
        return 1
    files = generate()
    print(
        f"generated {files} files in {time.perf_counter() - started:.2f}s -> {PACKAGE.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
