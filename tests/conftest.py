"""Suite-wide options and fixtures: live tests against the real RunPod API are opt-in; one real
sshd per test module for the tests that need one."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.sshd import LocalSSHD, sshd_available


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-live",
        action="store_true",
        default=False,
        help="run tests marked 'live' against the real RunPod API (needs RUNPOD_API_KEY; may cost money)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    enabled = config.getoption("--run-live") and bool(os.environ.get("RUNPOD_API_KEY"))
    if enabled:
        return
    why = "live test: pass --run-live and set RUNPOD_API_KEY to run it against the real API"
    for item in items:
        if "live" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=why))


@pytest.fixture(scope="module")
def sshd_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSSHD]:
    """One sshd per test module (starting one takes tens of milliseconds, but keys cost more)."""
    if not sshd_available():
        pytest.skip("OpenSSH sshd is not installed (apt-get install openssh-server)")
    with LocalSSHD(tmp_path_factory.mktemp("sshd")) as server:
        yield server
