"""Add one row to a data file in canonical form, but only if the whole package stays valid; never lose a row.

Shared by the commands add_observation and add_status. Under a lock (so
two runs cannot interleave), the package must be valid as it stands (a file
with a byte-order mark or a renamed column is refused, not rewritten); the new
row is made from the file's current rows, written into a temporary copy of the
package and validated there; only then does the real file change, by one
atomic replace of a fully written, fsynced temporary file beside it.
"""

from __future__ import annotations

import argparse
import fcntl
import math
import shutil
import sys
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from ..core import csvio, dates, load, paths, untrusted
from ..core import descriptor as package
from ..core.problems import unexpected
from ..validate import validate

LOCK_FILE = ".data.lock"  # beside datapackage.json, ignored by git; never replaced, so every run locks the same file


class InputError(ValueError):
    """A problem with what the contributor typed, said in words they can act on."""


def composed(args: argparse.Namespace) -> argparse.Namespace:
    """Every answer in composed form (Unicode NFC), as validation asks: "é" typed as e + U+0301 (as some systems paste
    it) is then the same text as "é", and the contributor need not retype it."""
    for name, value in vars(args).items():
        if isinstance(value, str):
            setattr(args, name, unicodedata.normalize("NFC", value))
    return args


def number(text: str | None, option: str, hint: str) -> float:
    if not (text or "").strip():
        raise InputError(f"{option}: is missing ({hint})")
    try:
        value = float((text or "").replace(",", ""))
    except ValueError:
        raise InputError(f"{option}: {untrusted.shown(text)} is not a number ({hint})") from None
    if not math.isfinite(value):
        raise InputError(f"{option}: {untrusted.shown(text)} is not a finite number ({hint})")
    return int(value) if value.is_integer() else value


def date(text: str | None, option: str, precision: str = dates.DAY) -> str:
    """A date as typed (2026年3月15日 or 2026-03-15), in the ISO form the data stores."""
    try:
        return dates.iso_date(text or "", precision)
    except ValueError as why:
        raise InputError(f"{option}: {untrusted.shown(text)} {why}") from None


def require(
    values: dict[str, str | None], options: dict[str, str], why: str = "every figure and every status needs its source"
) -> None:
    missing = [option for field, option in options.items() if not (values.get(field) or "").strip()]
    if missing:
        raise InputError("missing: " + ", ".join(missing) + f" ({why})")


def rows_of(root: Path, resource: str) -> list[dict[str, str]]:
    """A resource's rows as text, from the file datapackage.json names for it."""
    descriptor = load.read_descriptor(root / "datapackage.json")
    return csvio.read_rows(root / package.resource(descriptor, resource)["path"])


@contextmanager
def data_lock(root: Path):
    """One contributor command at a time in this checkout: a second run waits until the first has written."""
    with open(root / LOCK_FILE, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("waiting for another add command to finish …", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def add_row(resource: str, build, sort_key, root: Path = paths.ROOT) -> tuple[dict | None, list[str]]:
    """`build(rows)` makes the new row from the file's current rows (and may change them, e.g. demote a preferred
    figure); the rows are written only if the package is valid before and after. Returns the row and any problems."""
    with data_lock(root):
        before = validate.problems_remembered(root)  # the package as it stands usually passed a moment ago
        if before:  # row None: the package was already invalid, and nothing was read into a new row
            return None, [str(problem) for problem in before]
        descriptor = load.read_descriptor(root / "datapackage.json")
        spec = package.resource(descriptor, resource)
        fields = [f["name"] for f in spec["schema"]["fields"]]
        rows = csvio.read_rows(root / spec["path"])
        row = build(rows)
        rows = sorted(rows + [row], key=sort_key)
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch)
            shutil.copy(root / "datapackage.json", copy / "datapackage.json")
            shutil.copytree(root / "data", copy / "data")
            csvio.write_rows(copy / spec["path"], fields, rows)
            problems = [
                str(problem) for problem in validate.problems_remembered(copy)
            ]  # a pass is kept for the next run
        if not problems:
            csvio.write_rows(root / spec["path"], fields, rows)
    return row, problems


def run(command: str, resource: str, build, sort_key, root: Path, done) -> int:
    """The commands' common ending: add the row, then say what happened, in words, never a traceback."""
    try:
        row, problems = add_row(resource, build, sort_key, root)
    except InputError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"{command}: could not write the data ({untrusted.printable(error.strerror or error, 200)}); "
            f"{resource} is unchanged",
            file=sys.stderr,
        )
        return 1
    except Exception as error:  # noqa: BLE001 - no traceback for contributors
        print(unexpected(command, error), file=sys.stderr)
        return 2
    if problems:
        print(
            "Nothing was written; "
            + (
                "the data package has these problems already (fix them, then run this again):"
                if row is None
                else "the package would have these problems:"
            ),
            file=sys.stderr,
        )
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(done(row))
    return 0


def root_option(parser) -> None:
    parser.add_argument(
        "--root", type=Path, default=paths.ROOT, help="the folder holding datapackage.json (default: this repository)"
    )
