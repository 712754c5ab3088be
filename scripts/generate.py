"""Regenerate both generated packages from scratch: GraphQL and REST.

generated/runpod_gql_generated comes from schema.graphql and queries/ (ariadne-codegen);
generated/runpod_gql_rest from openapi.json (scripts/generate_rest.py). ariadne-codegen never
deletes files, so a renamed operation would leave its old module behind: each package is removed
first. Run from anywhere; paths resolve against the repo root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import generate_rest  # scripts/ is on sys.path when this file runs as a script

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generated" / "runpod_gql_generated"


def main() -> int:
    started = time.perf_counter()
    shutil.rmtree(PACKAGE, ignore_errors=True)
    PACKAGE.parent.mkdir(exist_ok=True)
    codegen = Path(sys.executable).with_name("ariadne-codegen")
    # Our plugin is imported as codegen.plugin (pyproject: [tool.ariadne-codegen] plugins).
    path = os.pathsep.join(filter(None, [str(ROOT / "scripts"), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [str(codegen), "client"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        return result.returncode
    modules = len(list(PACKAGE.glob("*.py")))
    print(
        f"generated {modules} modules in {time.perf_counter() - started:.2f}s -> {PACKAGE.relative_to(ROOT)}"
    )
    return generate_rest.main()


if __name__ == "__main__":
    raise SystemExit(main())
