"""Regenerate generated/runpod_gql_rest from openapi.json, from scratch.

The package is deleted first (a removed operation must not leave its module behind), then
written:

- ``openapi.json``: the document itself, as package data (the emulator validates against it);
- ``models/``: a pydantic v2 model per schema, one module each, by datamodel-code-generator (pinned
  in the dev extra; docs/generated.md says why this generator), and an ``__init__`` that
  imports each name on first use;
- ``client.py``: ``RestClient``, one typed async method per operation (scripts/rest_codegen);
- ``_runtime.py``: what those methods need from a transport (scripts/rest_codegen/runtime.py).

Every file is formatted by the pinned ruff, so the same document always gives the same bytes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rest_codegen.operations import Document, render_client, render_models_init

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "openapi.json"
PACKAGE = ROOT / "generated" / "runpod_gql_rest"
RUNTIME = Path(__file__).resolve().parent / "rest_codegen" / "runtime.py"

HEADER = "# generated — do not edit: run `make generate` (scripts/generate_rest.py)\n"

# Every option chosen on purpose: snake_case fields with the wire names as aliases (either is
# accepted), str enums with UPPER members, `unevaluatedProperties: false` read as extra="forbid"
# (request bodies refuse unknown fields, as the server does with 422), docstrings from the
# document's descriptions, and one base class that defers building validators to first use.
DATAMODEL_OPTIONS = (
    "--input-file-type=openapi",
    "--output-model-type=pydantic_v2.BaseModel",
    "--target-python-version=3.10",
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--use-union-operator",
    "--snake-case-field",
    "--allow-population-by-field-name",
    "--disable-timestamp",
    "--read-unevaluated-properties",
    "--use-schema-description",
    "--use-field-description",
    "--naming-strategy=parent-prefixed",
    "--use-subclass-enum",
    "--capitalise-enum-members",
    "--set-default-enum-member",
    "--base-class=runpod_gql_rest._base.RestModel",
    "--no-formatters",
    # One module per model: a call imports only the models it needs (getPod: 21 of 147 modules,
    # 24-50 ms here, where one module of every model took 120-184 ms: docs/generated.md).
    "--module-split-mode=single",
    "--collapse-root-models",
)

BASE = '''"""The base of every generated model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RestModel(BaseModel):
    """Validators are built on first use, not at import: 130-odd models would cost ~0.1 s."""

    model_config = ConfigDict(defer_build=True, populate_by_name=True)
'''

INIT = '''"""RunPod REST API v2, compiled from the OpenAPI document shipped beside this file.

``client.RestClient`` has one typed async method per operation; ``models`` the request and
response models. Nothing heavy is imported until used.
"""
'''


def _defined_in(models: Path) -> dict[str, str]:
    """Each generated class name -> the module (under models/) that defines it.

    The same inline schema used in several places (an array's item pattern) comes out as one
    identical module per use (``allowed_cuda_version1.py``...): the name maps to the first.
    """
    where: dict[str, str] = {}
    for module in sorted(models.glob("*.py"), key=lambda p: (len(p.stem), p.stem)):
        text = module.read_text(encoding="utf-8")
        for name in re.findall(r"^class (\w+)\b", text, re.M):
            if name in where and (models / f"{where[name]}.py").read_text(encoding="utf-8") != text:
                raise ValueError(f"{name} is defined in both {where[name]} and {module.stem}")
            where.setdefault(name, module.stem)
    return where


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def generate(document: Path = DOCUMENT, package: Path = PACKAGE) -> int:
    """Write the package; returns the number of files written."""
    raw = json.loads(document.read_text(encoding="utf-8"))
    shutil.rmtree(package, ignore_errors=True)
    package.mkdir(parents=True)
    shutil.copyfile(document, package / "openapi.json")
    _write(package / "py.typed", "")
    _write(package / "__init__.py", HEADER + INIT)
    _write(package / "_base.py", HEADER + BASE)
    _write(package / "_runtime.py", HEADER + RUNTIME.read_text(encoding="utf-8"))
    models = package / "models"
    subprocess.run(
        [
            _bin("datamodel-codegen"),
            f"--input={document}",
            f"--output={models}",
            f"--custom-file-header={HEADER.rstrip()}",
            *DATAMODEL_OPTIONS,
        ],
        check=True,
        capture_output=True,
    )
    where = _defined_in(models)
    _write(models / "__init__.py", render_models_init(where, HEADER))
    _write(package / "client.py", render_client(Document(raw), HEADER, where))
    ruff = [_bin("ruff"), "--quiet"]
    style = ["--isolated", "--line-length=100", "--target-version=py310"]
    # Imports sorted and unused ones dropped, then formatted: stable output whatever the document.
    subprocess.run([*ruff, "check", *style, "--select=I,F401", "--fix", str(package)], check=True)
    subprocess.run([*ruff, "format", *style, str(package)], check=True)
    return len([p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts])


def main() -> int:
    started = time.perf_counter()
    if not DOCUMENT.is_file():
        sys.stderr.write(f"{DOCUMENT} is missing: run `make schema` or restore it from git\n")
        return 1
    try:
        files = generate()
    except subprocess.CalledProcessError as exc:
        sys.stderr.write(f"{exc}\n{(exc.stderr or b'').decode(errors='replace')}")
        return 1
    print(
        f"generated {files} files in {time.perf_counter() - started:.2f}s -> {PACKAGE.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
