"""Add one row to a data file in canonical form, but only if the whole package stays valid.

Shared by `scripts.add_observation` and `scripts.add_status`: the row is
written into a temporary copy of the package and validated there; the real
file changes only when there is no problem.
"""

from __future__ import annotations

import math
import shutil
import sys
import tempfile
from pathlib import Path

from . import csvio, load, paths, validate


class InputError(ValueError):
    """A problem with what the contributor typed, said in words they can act on."""


def number(text: str | None, option: str, hint: str) -> float:
    try:
        value = float((text or "").replace(",", ""))
    except ValueError:
        raise InputError(f"{option}: {text!r} is not a number ({hint})") from None
    if not math.isfinite(value):
        raise InputError(f"{option}: {text!r} is not a finite number ({hint})")
    return int(value) if value.is_integer() else value


def require(values: dict[str, str | None], options: dict[str, str]) -> None:
    missing = [option for field, option in options.items() if not (values.get(field) or "").strip()]
    if missing:
        raise InputError("missing: " + ", ".join(missing) + " (every figure and every status needs its source)")


def add_row(resource: str, row: dict, sort_key, root: Path = paths.ROOT, edit=None) -> list[str]:
    """Write `row` (after `edit(rows)` for changes to existing rows) if the package stays valid; return problems."""
    descriptor = load.read_descriptor(root / "datapackage.json")
    path = next(r["path"] for r in descriptor["resources"] if r["name"] == resource)
    rows = csvio.read_rows(root / path)
    if edit:
        edit(rows)
    rows = sorted(rows + [row], key=sort_key)
    fields = [f["name"] for f in next(r for r in descriptor["resources"] if r["name"] == resource)["schema"]["fields"]]
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        shutil.copy(root / "datapackage.json", copy / "datapackage.json")
        shutil.copytree(root / "data", copy / "data")
        csvio.write_rows(copy / path, fields, rows)
        problems = [str(problem) for problem in validate.problems_in(copy)]
    if not problems:
        csvio.write_rows(root / path, fields, rows)
    return problems


def report(problems: list[str], done: str) -> int:
    if problems:
        print("Nothing was written; the package would have these problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(done)
    return 0
