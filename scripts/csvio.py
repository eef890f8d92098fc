"""Canonical CSV: UTF-8 without BOM, LF line ends, minimal quoting, one header.

Every data file is written by `write_rows`, so rewriting a file that is
already canonical changes no byte, and a pull request's diff shows only the
rows that changed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, Mapping, Sequence


def format_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_rows(fields: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([format_cell(row.get(field)) for field in fields])
    return buffer.getvalue()


def write_rows(path: Path, fields: Sequence[str], rows: Iterable[Mapping[str, object]]) -> None:
    path.write_text(render_rows(fields, rows), encoding="utf-8", newline="")


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows as strings, keyed by header; no type conversion (that is load's job)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
