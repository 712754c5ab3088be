"""The REST v2 document's own examples, for mapping tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
_SHARED = Path("/work/shared/runpod/rest-v2-openapi.json")


@cache
def document() -> dict[str, Any]:
    for path in (ROOT / "openapi.json", _SHARED):
        if path.is_file():
            loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return loaded
    pytest.skip("the REST v2 document (openapi.json) is not in this checkout")


def response_examples(operation_id: str, status: str = "200") -> list[Any]:
    """Every example the document gives for one operation's JSON answer."""
    for item in document()["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                media = op["responses"][status]["content"]["application/json"]
                return [e["value"] for e in media.get("examples", {}).values()]
    raise KeyError(operation_id)
