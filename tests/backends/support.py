"""The REST v2 document's own examples, for mapping tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((ROOT / "openapi.json").read_text(encoding="utf-8"))
    return loaded


def response_examples(operation_id: str, status: str = "200") -> list[Any]:
    """Every example the document gives for one operation's JSON answer."""
    for item in document()["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                media = op["responses"][status]["content"]["application/json"]
                return [e["value"] for e in media.get("examples", {}).values()]
    raise KeyError(operation_id)
