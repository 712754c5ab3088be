"""Output: ``--json`` (stable, the models' fields) to stdout, tables on a terminal, notes to stderr.

JSON is the library's models dumped as they are (``model_dump(mode="json")``: snake_case field
names, enums as their values, datetimes in ISO 8601) and dataclasses field by field, so a script
reads the same names the Python API has. Human output is a rich table; progress and notes go to
stderr so that stdout stays parseable.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

Column = tuple[str, Callable[[Any], object]]


@cache
def out() -> Console:
    from rich.console import Console

    # Piped output is not squeezed into 80 columns (COLUMNS still wins when set).
    wide = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 200
    return Console(highlight=False, soft_wrap=False, width=wide)


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def jsonable(value: Any) -> Any:
    """Plain JSON data from models, dataclasses, enums and containers."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    """One JSON document on stdout (indented, keys in the models' order)."""
    sys.stdout.write(json.dumps(jsonable(value), indent=2) + "\n")
    sys.stdout.flush()


def note(message: str) -> None:
    """A human note on stderr (never mixed into stdout)."""
    err().print(message, markup=False)


def cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


def money(value: float | None) -> str:
    return "-" if value is None else f"${value:.3f}"


def table(rows: Sequence[Any], columns: Sequence[Column], *, title: str | None = None) -> None:
    """Rows as a table on stdout; an empty list says so on stderr."""
    if not rows:
        note(f"no {title or 'results'}")
        return
    from rich.table import Table

    t = Table(title=title, title_justify="left", header_style="bold")
    for i, (name, _) in enumerate(columns):
        t.add_column(name, overflow="fold", no_wrap=i == 0)
    for row in rows:
        t.add_row(*(cell(get(row)) for _, get in columns))
    out().print(t)


def fields(value: Any, *, title: str | None = None) -> None:
    """One object as a two-column table of its (non-empty, top-level) fields."""
    data = jsonable(value)
    from rich.table import Table

    t = Table(title=title, title_justify="left", show_header=False, box=None, pad_edge=False)
    t.add_column(style="bold")
    t.add_column(overflow="fold")
    for key, item in data.items():
        if item is None or item == [] or item == {}:
            continue
        shown = json.dumps(item) if isinstance(item, (dict, list)) else cell(item)
        t.add_row(key, shown)
    out().print(t)


def emit(value: Any, as_json: bool, human: Callable[[], None]) -> None:
    """``--json``: the value as JSON; otherwise the human rendering."""
    if as_json:
        print_json(value)
    else:
        human()
