"""Suite-wide options: live tests against the real RunPod API are opt-in."""

from __future__ import annotations

import os

import pytest


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
