"""Regeneration is deterministic on a clean tree: tracked inputs alone reproduce generated/ exactly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .support import GENERATED_PACKAGE, REST_PACKAGE, ROOT

INPUTS = ("pyproject.toml", "schema.graphql", "openapi.json", "queries", "scripts")


def _git_ls_files(*paths: str) -> list[str]:
    result = subprocess.run(
        ["git", "ls-files", "-z", "--", *paths],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=30,
    )
    return [name for name in result.stdout.decode().split("\0") if name]


def _package_files(package: Path) -> dict[str, bytes]:
    return {
        path.relative_to(package).as_posix(): path.read_bytes()
        for path in sorted(package.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tracked inputs alone, after `scripts/generate.py` ran in it."""
    tmp_path = tmp_path_factory.mktemp("clean-tree")
    for name in _git_ls_files(*INPUTS):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target)
    # A clone always has generated/ (the package is committed); ariadne-codegen insists on it.
    (tmp_path / "generated").mkdir()

    result = subprocess.run(
        [sys.executable, "scripts/generate.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "generated"


@pytest.mark.parametrize("package", [GENERATED_PACKAGE, REST_PACKAGE], ids=lambda p: p.name)
def test_clean_tree_regenerates_the_committed_package_byte_for_byte(
    regenerated: Path, package: Path
) -> None:
    produced = _package_files(regenerated / package.name)
    prefix = f"generated/{package.name}/"
    tracked = {name.removeprefix(prefix) for name in _git_ls_files(prefix)}
    assert sorted(produced) == sorted(tracked), "generated files differ from the tracked ones"
    committed = _package_files(package)
    changed = sorted(name for name in produced if produced[name] != committed.get(name))
    assert changed == [], "stale generated/: run `make generate` and commit"
