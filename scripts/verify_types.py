"""How much of runpod_gql's public API a user's type checker sees: pyright --verifytypes on a wheel.

Run on an installed copy, not on the editable one (which points at src/ and generated/): the
wheel is built and unpacked into a scratch virtualenv whose only other entry is a .pth file
naming this environment's site-packages, for the dependencies (pydantic, aiohttp, ...). pyright
takes the interpreter from PATH, so the scratch one goes first. Prints every exported symbol
pyright could not type and exits 1 below 100%.

    python scripts/verify_types.py [--json]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "runpod_gql"


def _wheel(into: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", str(into), str(ROOT)],
        check=True,
    )  # fmt: skip
    (wheel,) = into.glob("runpod_gql-*.whl")
    return wheel


def verify() -> dict[str, object]:
    """pyright's --outputjson report for the package as a wheel installs it."""
    with tempfile.TemporaryDirectory(prefix="verifytypes-") as scratch:
        root = Path(scratch)
        venv = root / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = venv / "bin" / "python"
        site = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        with zipfile.ZipFile(_wheel(root / "dist")) as wheel:
            wheel.extractall(site)
        (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        pyright = Path(sys.executable).with_name("pyright")
        result = subprocess.run(
            [str(pyright), "--outputjson", "--verifytypes", PACKAGE, "--ignoreexternal"],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"},
        )
    try:
        report: dict[str, object] = json.loads(result.stdout)
    except ValueError:
        raise SystemExit(f"pyright failed:\n{result.stdout}{result.stderr}") from None
    return report


def main() -> int:
    report = verify()
    if "--json" in sys.argv:
        print(json.dumps(report, indent=2))
        return 0
    completeness = report["typeCompleteness"]
    assert isinstance(completeness, dict)
    symbols = completeness["symbols"]
    assert isinstance(symbols, list)
    for symbol in symbols:
        if symbol["isExported"] and not symbol["isTypeKnown"]:
            for diagnostic in symbol["diagnostics"]:
                where = diagnostic.get("file", "").partition("site-packages/")[2]
                line = diagnostic.get("range", {}).get("start", {}).get("line", -1) + 1
                said = " / ".join(diagnostic["message"].splitlines())
                print(
                    f"{where}:{line}: {symbol['name']}: {said}"
                    if where
                    else f"{symbol['name']}: {said}"
                )
    exported = completeness["exportedSymbolCounts"]
    score = completeness["completenessScore"]
    print(
        f"{PACKAGE}: {score:.1%} of {sum(exported.values())} exported symbols typed "
        f"(known {exported['withKnownType']}, ambiguous {exported['withAmbiguousType']}, "
        f"unknown {exported['withUnknownType']})"
    )
    return 0 if score == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
