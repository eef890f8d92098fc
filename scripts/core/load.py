"""Data package -> typed records (plain dicts), once the files are known valid."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from . import paths

Records = dict[str, list[dict]]


def read_descriptor(path: Path = paths.PACKAGE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def records(descriptor_path: Path = paths.PACKAGE) -> Records:
    """Every resource's rows with values typed by its schema (int, float, bool, None).

    Each file is read on its own, without its foreign keys: the keys add a look-up of every reference (two thirds of the
    reading time) and change no value, and validation has checked them before any caller reads records."""
    from frictionless import Resource  # imported here: a page renderer that only groups rows needs none of it

    # Resolved: Frictionless reads a relative path against the base path a second time.
    descriptor_path = descriptor_path.resolve()
    out: Records = {}
    for resource in read_descriptor(descriptor_path)["resources"]:
        schema = {key: value for key, value in resource["schema"].items() if key != "foreignKeys"}
        with Resource({**resource, "schema": schema}, basepath=str(descriptor_path.parent)) as opened:
            out[resource["name"]] = [{key: plain(value) for key, value in row.items()} for row in opened.row_stream]
    return out


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
