"""Canonical CSV: UTF-8 without BOM, LF line ends, minimal quoting, one header.

Every data file is written by `write_rows`, so rewriting a file that is
already canonical changes no byte, and a pull request's diff shows only the
rows that changed. A file is replaced whole or not at all: a full disk or a
crash leaves the old file as it was.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


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
    write_atomically(path, render_rows(fields, rows).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file in the same folder, fsync it, then rename it over `path` (one atomic step)."""
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a crash
    finally:
        os.close(folder)


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows as strings, keyed by header; no type conversion (that is load's job)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
