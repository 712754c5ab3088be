"""openapi.json: RunPod's document, printed stably, shipped inside the generated REST package."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

from tests.generated.support import OPENAPI_PATH, REST_PACKAGE, SCHEMA_TOOL


def test_the_document_is_in_its_stable_printed_form() -> None:
    result = subprocess.run(
        [sys.executable, str(SCHEMA_TOOL), "print", str(OPENAPI_PATH)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert result.stdout == OPENAPI_PATH.read_bytes()


def test_the_document_is_the_production_v2_document() -> None:
    document = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    assert document["openapi"] == "3.1.0"
    assert document["servers"][0]["url"] == "https://api.runpod.io"
    operations = [
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert len(operations) == len(set(operations)) == 53


def test_the_installed_package_carries_the_same_bytes() -> None:
    shipped = resources.files("runpod_gql_rest").joinpath("openapi.json").read_bytes()
    assert shipped == OPENAPI_PATH.read_bytes()
    assert (REST_PACKAGE / "py.typed").is_file()
