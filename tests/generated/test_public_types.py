"""What users' type checkers see: every symbol runpod_gql exports has a known type.

pyright --verifytypes on the package as a wheel installs it (scripts/verify_types.py, also
`make verifytypes`); the generated models count, through their BaseModel.
"""

from __future__ import annotations

import subprocess
import sys

from .support import ROOT


def test_every_exported_symbol_has_a_known_type() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/verify_types.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "100.0% of" in result.stdout
