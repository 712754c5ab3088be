"""Every Python example of README.md and docs/ runs here, against a fresh emulator.

How an example runs (the convention is documented in docs/development.md):

- in a copy of tests/docs/workdir/ (``project/``, ``data/``, ``weights.bin``), with HOME an empty
  temporary directory and ``RUNPOD_API_KEY`` / ``RUNPOD_GRAPHQL_URL`` / ``RUNPOD_API_BASE_URL`` at a fresh
  emulator (speed 1000: a 30 s boot takes 30 ms), so ``RunPod()`` finds it as it would your
  account;
- a block with top-level ``await`` runs in the test's event loop, a plain script (``asyncio.run``)
  in a worker thread, a ``pytest`` block as a test module in a pytest subprocess;
- ``sshd``: every pod's port 22 leads to a real sshd on loopback whose key is ``RUNPOD_GQL_SSH_KEY``
  (skipped, like every SSH test, only when OpenSSH's sshd is not installed);
- ``runpodctl``: our stand-in runpodctl (tests/remote/fake_runpodctl) is first on PATH.

Blocks marked ``not run`` are listed in ``NOT_RUN`` below, so none is dropped by accident.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
import re
import shutil
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from runpod_gql.emulator import Emulator
from tests.docs.examples import GIVEN, ROOT, DirectiveError, Example, collect, documents, parse
from tests.remote.conftest import FAKE_RUNPODCTL
from tests.sshd import LocalSSHD

WORKDIR = Path(__file__).parent / "workdir"
SPEED = 1000.0
IMAGE = "runpod/pytorch:2.1.0-py3.10-cuda11.8.0-devel-ubuntu22.04"

EXAMPLES = collect()
RUNNABLE = [e for e in EXAMPLES if e.not_run is None]

# Blocks deliberately not run, per document. Adding one means adding it here, on purpose.
NOT_RUN: dict[str, int] = {}


def _param(example: Example) -> Any:
    marks = [pytest.mark.ssh] if example.sshd else []
    return pytest.param(example, id=example.id, marks=marks)


@pytest.fixture
def pod_filesystem() -> Iterator[None]:
    """Our sshd "pod" is this machine, logged in to as root (as RunPod's are): examples write to
    /workspace as on a pod, and what they add there is removed afterwards."""
    if os.geteuid() != 0:
        pytest.skip("the emulated pods' sshd logs in as root: run as root")
    workspace = Path("/workspace")
    before = set(workspace.iterdir()) if workspace.exists() else None
    workspace.mkdir(exist_ok=True)
    try:
        yield
    finally:
        if before is None:
            shutil.rmtree(workspace, ignore_errors=True)
        else:
            for added in set(workspace.iterdir()) - before:
                shutil.rmtree(added, ignore_errors=True) if added.is_dir() else added.unlink()


@pytest.fixture
async def doc_emulator(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Emulator, LocalSSHD | None]]:
    """A fresh emulator and the environment an example sees (see the module docstring)."""
    example: Example = request.node.callspec.params["example"]
    sshd: LocalSSHD | None = None
    if example.sshd:
        sshd = request.getfixturevalue("sshd_server")
        request.getfixturevalue("pod_filesystem")
    work = tmp_path / "work"
    shutil.copytree(WORKDIR, work)
    (tmp_path / "home").mkdir()
    for name in list(os.environ):
        if name.startswith(("RUNPOD", "FAKE_RUNPODCTL")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(work)
    if sshd is not None:
        monkeypatch.setenv("RUNPOD_GQL_SSH_KEY", str(sshd.client_key_path))
        # Where runpodctl leaves its key, and where SSHSession.connect looks without key_path=.
        (tmp_path / "home" / ".runpod" / "ssh").mkdir(parents=True)
        shutil.copy(
            sshd.client_key_path, tmp_path / "home" / ".runpod" / "ssh" / "runpodctl-ssh-key"
        )
    if example.runpodctl:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        launcher = bin_dir / "runpodctl"
        launcher.write_text(f'#!/bin/sh\nexec {sys.executable} {FAKE_RUNPODCTL} "$@"\n')
        launcher.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
        monkeypatch.setenv("FAKE_RUNPODCTL_STATE", str(tmp_path / "runpodctl-state"))
    async with Emulator(
        api_key="rpa_DOCS_EXAMPLE_KEY", speed=SPEED, ssh_port=sshd.port if sshd else None
    ) as emu:
        monkeypatch.setenv("RUNPOD_API_KEY", emu.api_key)
        monkeypatch.setenv("RUNPOD_GRAPHQL_URL", emu.url)
        monkeypatch.setenv("RUNPOD_API_BASE_URL", emu.base_url)  # as the emulator prints them
        yield emu, sshd


async def _given(
    example: Example, emu: Emulator, sshd: LocalSSHD | None, stack: AsyncExitStack
) -> dict[str, Any]:
    names: dict[str, Any] = {"emu": emu}
    key = sshd.client_key_path if sshd else None
    rp = await stack.enter_async_context(emu.client(ssh_key_path=key))
    names["rp"] = rp
    if {"pod_id", "endpoint"} & set(example.given):
        pod = await rp.pods.create(name="docs-example", image=IMAGE, gpu_types=["NVIDIA L4"])
        await rp.pods.wait_until_ready(pod.id, timeout=600, ssh=sshd is not None)
        names["pod_id"] = pod.id
        if "endpoint" in example.given:
            assert sshd is not None, f"{example.id}: 'given endpoint' needs the sshd clause"
            names["endpoint"] = await rp.pods.ssh_endpoint(pod.id)
    return {name: names[name] for name in example.given}


def _test_count(code: str) -> int:
    return sum(
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test")
        for node in ast.parse(code).body
    )


def _write_test_module(example: Example) -> None:
    Path("test_example.py").write_text(example.code)
    Path("pytest.ini").write_text(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    )


async def _run_as_pytest_module(example: Example) -> None:
    """A ``pytest`` block is a user's test module: run it as they would, plugin included."""
    _write_test_module(example)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_example.py",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out = (await proc.communicate())[0].decode()
    wanted = _test_count(example.code)
    assert wanted, f"{example.id}: a pytest example with no test function"
    assert proc.returncode == 0 and f"{wanted} passed" in out, f"{example.id}:\n{out}"


@pytest.mark.parametrize("example", [_param(e) for e in RUNNABLE])
async def test_example_runs(
    example: Example, doc_emulator: tuple[Emulator, LocalSSHD | None]
) -> None:
    emu, sshd = doc_emulator
    if example.pytest:
        await _run_as_pytest_module(example)
        return
    path = str(ROOT / example.path)
    code = compile(example.source(), path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": path}
    if code.co_flags & inspect.CO_COROUTINE:
        async with AsyncExitStack() as stack:
            namespace.update(await _given(example, emu, sshd, stack))
            await eval(code, namespace)  # the documentation's own code
    else:
        assert not example.given, f"{example.id}: 'given' needs a block with top-level await"
        # A script runs its own event loop (asyncio.run): in a thread, so the emulator's keeps serving.
        await asyncio.to_thread(exec, code, namespace)


def test_every_example_is_run_or_deliberately_not() -> None:
    assert documents()[0].name == "README.md"
    by_doc = Counter(e.path for e in EXAMPLES)
    assert by_doc["README.md"] >= 1, "the README's quick start is an example"
    not_run = Counter(e.path for e in EXAMPLES if e.not_run is not None)
    assert dict(not_run) == NOT_RUN, "a block marked 'not run' must be listed in NOT_RUN"
    assert len(RUNNABLE) + sum(not_run.values()) == len(EXAMPLES)


def test_directives_are_checked() -> None:
    fence = "```"
    ok = parse(
        f"<!-- example: sshd; given rp, pod_id -->\n{fence}python\nx = 1\n{fence}\n"
        f"\n{fence}py\ny = 2\n{fence}\n",
        "t.md",
    )
    assert [(e.line, e.sshd, e.given) for e in ok] == [(3, True, ("rp", "pod_id")), (7, False, ())]
    assert ok[0].source().splitlines()[2] == "x = 1"  # tracebacks name the Markdown line
    for bad in (
        f"<!-- example: ssh -->\n{fence}python\nx\n{fence}\n",  # misspelt clause
        f"<!-- example: given client -->\n{fence}python\nx\n{fence}\n",  # unknown name
        f"<!-- example: not run: -->\n{fence}python\nx\n{fence}\n",  # no reason
        f"<!-- example: sshd; not run: why -->\n{fence}python\nx\n{fence}\n",  # run or not?
        f"<!-- example: sshd -->\n\nsome text\n{fence}python\nx\n{fence}\n",  # not above a block
        f"<!-- example: sshd -->\n{fence}bash\nx\n{fence}\n",  # over a shell block
        "<!-- example: sshd -->\n",  # nothing under it
    ):
        with pytest.raises(DirectiveError):
            parse(bad, "t.md")
    assert set(GIVEN) == {"emu", "rp", "pod_id", "endpoint"}
    skipped = parse(f"<!-- example: not run: a; b -->\n{fence}python\nx\n{fence}\n", "t.md")
    assert skipped[0].not_run == "a; b"


def test_readme_is_a_front_page_and_links_resolve() -> None:
    readme = ROOT / "README.md"
    assert readme.stat().st_size <= 15_000, "README.md is the PyPI page: reference goes to docs/"
    assert "make test" in readme.read_text()  # the README's test command (.ci/run runs it)
    for doc in documents():
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text()):
            if "://" in target:
                continue
            assert (doc.parent / target).exists(), f"{doc.relative_to(ROOT)}: broken link {target}"
