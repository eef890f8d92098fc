"""Data package -> typed records (plain dicts), once the files are known valid."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

from . import paths

Records = dict[str, list[dict]]


def read_descriptor(path: Path = paths.PACKAGE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def records(descriptor_path: Path = paths.PACKAGE) -> Records:
    """Every resource's rows with values typed by its schema (int, float, bool, None)."""
    root = descriptor_path.resolve().parent
    return {
        resource["name"]: [{key: plain(value) for key, value in row.items()} for _, row in file_rows(root, resource)]
        for resource in read_descriptor(descriptor_path)["resources"]
    }


# What Frictionless read in one file, by the file's bytes and its resource: validation and the build read the same
# files one after the other, and a contributor command validates the package before and after adding one row.
READINGS: dict[tuple[str, str, str], list] = {}
READ_BYTES = [0]  # the size of the files behind READINGS
READINGS_BYTES = 64 * 1024 * 1024  # past this much data read, forget everything: a long `make serve` stays small


def reading_key(kind: str, root: Path, resource: dict) -> tuple[tuple[str, str, str], int]:
    """The key a reading of this file's bytes, for this resource, is kept under; and the file's size."""
    data = (root / resource["path"]).read_bytes()
    return (kind, json.dumps(resource, sort_keys=True, ensure_ascii=False), hashlib.sha256(data).hexdigest()), len(data)


def keep(key: tuple[str, str, str], size: int, reading: list) -> list:
    if READ_BYTES[0] + size > READINGS_BYTES:
        READINGS.clear()
        READ_BYTES[0] = 0
    READINGS[key] = reading
    READ_BYTES[0] += size
    return reading


def remembered(kind: str, root: Path, resource: dict, read) -> list:
    """`read()`, or what it gave for this file's bytes and this resource before. The list is shared: read it only."""
    key, size = reading_key(kind, root, resource)
    return READINGS[key] if key in READINGS else keep(key, size, read())


def remember_rows(root: Path, resource: dict, rows: list[tuple[int, dict]]) -> None:
    """Rows read elsewhere (validation reads every row of a valid file) kept as `file_rows` would have read them."""
    keep(*reading_key("rows", root, resource), rows)


def without_keys(resource: dict) -> dict:
    return {**resource, "schema": {key: value for key, value in resource["schema"].items() if key != "foreignKeys"}}


def file_rows(root: Path, resource: dict) -> list[tuple[int, dict]]:
    """(row number, the row's values as Frictionless types them) for each row of one file; a cell of the wrong type
    reads as empty. Read without the file's foreign keys: they add a look-up of every reference (two thirds of the
    reading time) and change no value, and validation checks them (schema_check.key_errors)."""
    from frictionless import Resource  # imported here: a page renderer that only groups rows needs none of it

    def read() -> list:
        with Resource(without_keys(resource), basepath=str(root)) as opened:
            return [(row.row_number, row.to_dict()) for row in opened.row_stream]

    return remembered("rows", root, resource, read)


def group(rows: list[dict], field: str) -> dict[object, list[dict]]:
    """Rows by the value of one field, in their order: one pass, so pages for N tasks cost O(N), not O(N²)."""
    groups: dict[object, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[field], []).append(row)
    return groups


def plain(value: object) -> object:
    """Decimals from "number" fields as int or float, so the rest of the pipeline sees plain Python."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return float(value)  # NaN and infinities: validation reports them
        return int(value) if value == value.to_integral_value() else float(value)
    return value
