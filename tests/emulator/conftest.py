"""Fixtures for the emulator's own tests: the plugin's ``runpod_emulator`` plus clients for it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from types import ModuleType
from typing import Any

import httpx
import pytest
from runpod_gql_generated.client import GeneratedClient

from runpod_gql.emulator import Emulator


@pytest.fixture
async def gql(runpod_emulator: Emulator) -> AsyncIterator[GeneratedClient]:
    """The generated client, talking HTTP to the emulator."""
    headers = {"Authorization": f"Bearer {runpod_emulator.api_key}"}
    async with GeneratedClient(url=runpod_emulator.url, headers=headers) as client:
        yield client


@pytest.fixture
async def http(runpod_emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    """A plain httpx client with the emulator's key, for raw GraphQL and control requests."""
    headers = {"Authorization": f"Bearer {runpod_emulator.api_key}"}
    async with httpx.AsyncClient(base_url=runpod_emulator.base_url, headers=headers) as client:
        yield client


async def post(
    http: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, **kw: Any
) -> httpx.Response:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return await http.post("/graphql", json=body, **kw)


@pytest.fixture(scope="module")
def runpod_module() -> ModuleType:
    """runpod-python, imported without the root logging handler its import installs."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import runpod

    root.handlers[:] = handlers
    root.setLevel(level)
    module: ModuleType = runpod
    return module
