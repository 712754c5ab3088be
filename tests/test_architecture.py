"""The shape of ``src/``: imports point down the layers, no module cycles, no long functions.

Read from the source with ``ast`` (nothing is imported), so every import counts: module level,
inside functions, and under ``if TYPE_CHECKING:``. A type-only import is a dependency like any
other: the importing module cannot be read or type-checked without the imported one, and
guarding an import with TYPE_CHECKING (or moving it into a function) is exactly how cycles
and upward imports hide. So all three kinds count, for direction and for cycles alike.

The layers, lowest first. A module may import its own layer and the layers below it, never
above; within a layer the modules must not form a cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"runpod_gql": ROOT / "src" / "runpod_gql"}
GENERATED = ("runpod_gql_generated", "runpod_gql_rest")  # GraphQL and REST v2, by make generate

# Written down once. A module's layer is the entry with the longest matching prefix.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("generated", GENERATED),
    (
        "core",
        (
            "runpod_gql._version",
            "runpod_gql.errors",
            "runpod_gql._clock",
            "runpod_gql._config",
            "runpod_gql._validate",
            "runpod_gql._ratelimit",
            "runpod_gql._retry",
            "runpod_gql._wire",
            "runpod_gql._transport",
            "runpod_gql._rest",
        ),
    ),
    # SSH and runpodctl: they know endpoints and files, not the API.
    ("remote", ("runpod_gql.remote",)),
    # The public models, whichever API answered; then the backends that speak each API.
    ("models", ("runpod_gql.models",)),
    ("backends", ("runpod_gql.backends",)),
    ("resources", ("runpod_gql.resources",)),
    # The package root re-exports the public names, so it sits with the client ("$": exactly
    # this module, not its submodules).
    ("client", ("runpod_gql.client", "runpod_gql$")),
    ("edges", ("runpod_gql.cli", "runpod_gql.emulator")),
)
EMULATOR = "runpod_gql.emulator"
LONGEST_FUNCTION = 120


def layer_of(module: str) -> int:
    best: tuple[int, int] | None = None
    for level, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if prefix.endswith("$"):
                matches = module == prefix[:-1]
            else:
                matches = module == prefix or module.startswith(prefix + ".")
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), level)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")
    return best[1]


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    how: str  # "module", "function" or "TYPE_CHECKING"

    def __str__(self) -> str:
        return f"{self.source}:{self.line} -> {self.target} ({self.how})"


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for name, base in PACKAGES.items():
        for path in sorted(base.rglob("*.py")):
            parts = [name, *path.relative_to(base).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST, how: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, how
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), "TYPE_CHECKING")
            for stmt in child.orelse:
                yield from _walk(ast.Module(body=[stmt], type_ignores=[]), how)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield from _walk(child, "function")
        else:
            yield from _walk(child, how)


def imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """Every import of a module inside PACKAGES (or the generated package) made by ``module``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node, how in _walk(tree, "module"):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            # `from pkg import name` imports the submodule pkg.name when there is one.
            targets = [
                f"{stem}.{a.name}" if f"{stem}.{a.name}" in known else stem for a in node.names
            ]
        for target in targets:
            if target.split(".")[0] in (*PACKAGES, *GENERATED):
                yield Import(module, target, node.lineno, how)


def graph() -> list[Import]:
    known = modules()
    return [edge for name, path in known.items() for edge in imports(name, path, known)]


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer_of(name)


def test_imports_point_down() -> None:
    upward = [e for e in graph() if layer_of(e.target) > layer_of(e.source)]
    assert not upward, "imports that point up a layer:\n" + "\n".join(map(str, upward))


def test_the_emulator_imports_nothing_from_the_client() -> None:
    """The emulator shares only the schema files with the client. ``Emulator.client()`` (a
    ``RunPod`` wired to it) and the pytest plugin's types name the client's entry point, inside
    a function or for the type checker only, so running the emulator loads none of the client."""
    leaks = [
        e
        for e in graph()
        if e.source.startswith(EMULATOR)
        and not e.target.startswith(EMULATOR)
        and (e.how == "module" or e.target not in ("runpod_gql", "runpod_gql.client"))
    ]
    assert not leaks, "the emulator imports the client:\n" + "\n".join(map(str, leaks))


def test_running_the_emulator_loads_none_of_the_client() -> None:
    code = (
        "import sys, runpod_gql.emulator, runpod_gql.emulator.__main__\n"
        "print(sorted(m for m in sys.modules if m.startswith(('runpod_gql.', 'runpod_gql_'))"
        " and not m.startswith('runpod_gql.emulator')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    # The package root runs first on any import of runpod_gql.*; it loads only the errors.
    assert ast.literal_eval(out) == ["runpod_gql._version", "runpod_gql.errors"]


def _cycles(edges: list[Import]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    succ: dict[str, set[str]] = {}
    for e in edges:
        if e.source != e.target:
            succ.setdefault(e.source, set()).add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(succ.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(succ):
        if node not in index:
            visit(node)
    return found


def _shortest_cycles(edges: list[Import], members: list[str]) -> set[tuple[str, ...]]:
    """For each module of a cycle, the shortest way back to itself: what to cut."""
    succ: dict[str, set[str]] = {}
    for e in edges:
        if e.source in members and e.target in members and e.source != e.target:
            succ.setdefault(e.source, set()).add(e.target)
    found: set[tuple[str, ...]] = set()
    for start in members:
        paths: dict[str, tuple[str, ...]] = {start: (start,)}
        frontier = [start]
        while frontier and start not in {n for f in frontier for n in succ.get(f, ())}:
            nxt = []
            for node in frontier:
                for t in sorted(succ.get(node, ())):
                    if t not in paths:
                        paths[t] = (*paths[node], t)
                        nxt.append(t)
            frontier = nxt
        last = next((f for f in frontier if start in succ.get(f, ())), None)
        if last is not None:
            cycle = paths[last]
            i = cycle.index(min(cycle))
            found.add(cycle[i:] + cycle[:i])
    return found


def test_no_import_cycles() -> None:
    edges = graph()
    report = []
    for members in _cycles(edges):
        for cycle in sorted(_shortest_cycles(edges, members), key=len):
            hops = zip(cycle, (*cycle[1:], cycle[0]), strict=True)
            report.append(
                "  "
                + " -> ".join((*cycle, cycle[0]))
                + "\n      "
                + "; ".join(
                    dict.fromkeys(
                        str(e) for a, b in hops for e in edges if (e.source, e.target) == (a, b)
                    )
                )
            )
    assert not report, "import cycles:\n" + "\n".join(report)


def test_the_checker_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The checks above are only as good as the import finder: it must not miss a hidden import."""
    pkg = tmp_path / "runpod_gql"
    (pkg / "resources").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "resources" / "__init__.py").write_text("")
    (pkg / "client.py").write_text("")
    (pkg / "resources" / "pods.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import lifecycle\n"
        "if TYPE_CHECKING:\n"
        "    from ..client import RunPod\n"
        "def f() -> None:\n"
        "    from .. import _transport\n"
        "    import runpod_gql_generated.enums\n"
    )
    (pkg / "resources" / "lifecycle.py").write_text(
        "async def g() -> None:\n    from .pods import Pods\n"
    )
    (pkg / "_transport.py").write_text("")
    known = {
        "runpod_gql": pkg / "__init__.py",
        "runpod_gql.client": pkg / "client.py",
        "runpod_gql._transport": pkg / "_transport.py",
        "runpod_gql.resources": pkg / "resources" / "__init__.py",
        "runpod_gql.resources.pods": pkg / "resources" / "pods.py",
        "runpod_gql.resources.lifecycle": pkg / "resources" / "lifecycle.py",
    }
    edges = [e for name, path in known.items() for e in imports(name, path, known)]
    seen = {(e.source, e.target, e.how) for e in edges}
    assert seen == {
        ("runpod_gql.resources.pods", "runpod_gql.resources.lifecycle", "module"),
        ("runpod_gql.resources.pods", "runpod_gql.client", "TYPE_CHECKING"),
        ("runpod_gql.resources.pods", "runpod_gql._transport", "function"),
        ("runpod_gql.resources.pods", "runpod_gql_generated.enums", "function"),
        ("runpod_gql.resources.lifecycle", "runpod_gql.resources.pods", "function"),
    }
    assert _cycles(edges) == [["runpod_gql.resources.lifecycle", "runpod_gql.resources.pods"]]
    assert [str(e) for e in edges if layer_of(e.target) > layer_of(e.source)] == [
        "runpod_gql.resources.pods:4 -> runpod_gql.client (TYPE_CHECKING)"
    ]


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_no_function_is_longer_than_it_can_be_read() -> None:
    too_long = []
    for name, path in modules().items():
        for fn in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            # From the def line (decorators excluded) to the last line of the body.
            length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
            if length > LONGEST_FUNCTION:
                too_long.append(f"{name}.{fn.name} (line {fn.lineno}): {length} lines")
    assert not too_long, f"functions over {LONGEST_FUNCTION} lines:\n" + "\n".join(too_long)
