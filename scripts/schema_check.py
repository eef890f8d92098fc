"""The checks a Table Schema can express, with messages a contributor can act on.

First the structure of each file (present, UTF-8, the header the schema
expects), because a broken file makes every later check shout about symptoms.
Then Frictionless validates types, constraints and keys of the files whose
structure is sound; its errors are translated into file:row:field messages.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from frictionless import FrictionlessException, Package, Resource

from .problems import Problem

TYPE_EXPECTED = {
    "integer": "a whole number",
    "number": "a number such as 12 or 4.5",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD",
    "year": "a year such as 2025",
    "string": "text",
}


def line_starts(text: str) -> list[int]:
    """The line each CSV row starts on (index 0 is the header), for cells holding newlines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, line = [], 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts


def structure_problems(root: Path, resource: dict) -> tuple[list[Problem], list[int]]:
    """File present, UTF-8, header exactly the schema's fields. Returns problems and line starts."""
    path = resource.get("path", "")
    file = root / path
    if not file.is_file():
        return [Problem(path, None, None, f"file is missing (datapackage.json lists it as resource {resource.get('name')!r})")], []
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [Problem(path, line, None, f"byte 0x{raw[error.start]:02x} is not UTF-8", "save the file as UTF-8")], []
    problems = []
    if text.startswith("\ufeff"):
        problems.append(Problem(path, 1, None, "starts with a byte-order mark", "UTF-8 without BOM"))
    if "\r" in text:
        problems.append(Problem(path, text[: text.index("\r")].count("\n") + 1, None, "Windows line ending (CR)", "LF line endings"))
    if text and not text.endswith("\n"):
        problems.append(Problem(path, text.count("\n") + 1, None, "the last line has no line ending", "end the file with a newline"))
    expected = [field["name"] for field in resource.get("schema", {}).get("fields", [])]
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
    if header != expected:
        problems += header_problems(path, header, expected)
    return problems, line_starts(text)


def header_problems(path: str, header: list[str], expected: list[str]) -> list[Problem]:
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    out = [Problem(path, 1, name, "column is missing", f"columns: {', '.join(expected)}") for name in missing]
    out += [Problem(path, 1, name or "(blank)", "column is not in the schema", f"columns: {', '.join(expected)}") for name in extra]
    if not missing and not extra:
        out.append(Problem(path, 1, None, "columns are in the wrong order", f"columns: {', '.join(expected)}"))
    return out


def first_row(note: str, starts: list[int]) -> int | str:
    """'the same as in the row at position 2' -> the line that row starts on."""
    number = note.rsplit(" ", 1)[-1]
    return starts[int(number) - 1] if number.isdigit() and int(number) - 1 < len(starts) else number


def translate(path: str, error, starts: list[int], primary_key: list[str]) -> Problem | None:
    """A Frictionless error -> our Problem; None for errors that only echo another."""
    row = getattr(error, "row_number", None)
    line = starts[row - 1] if row and row - 1 < len(starts) else row
    field = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    kind = error.type
    if kind == "type-error":
        wanted = note.removeprefix('type is "').split("/")[0]
        return Problem(path, line, field, f"{cell!r} has the wrong type", f"expected {TYPE_EXPECTED.get(wanted, wanted)}")
    if kind == "constraint-error":
        return Problem(path, line, field, *constraint_message(cell, note))
    if kind == "unique-error":
        return Problem(path, line, field, f"{cell!r} is used twice", f"unique; already on row {first_row(note, starts)}")
    if kind == "primary-key":
        if "the same as in the row" not in note or len(primary_key) < 2:
            return None  # an empty key is reported as a required cell; a one-field key as unique-error
        return Problem(path, line, ", ".join(primary_key), "the same key is used twice", f"unique; already on row {first_row(note, starts)}")
    if kind == "foreign-key":
        return Problem(path, line, foreign_field(note), foreign_message(note))
    if kind in ("missing-cell", "extra-cell"):
        return Problem(path, line, field, "row has too few cells" if kind == "missing-cell" else "row has too many cells", "one cell per column")
    if kind == "blank-row":
        return Problem(path, line, None, "row is empty", "remove it")
    return Problem(path, line, field, error.message)


def constraint_message(cell: object, note: str) -> tuple[str, str]:
    if '"required"' in note:
        return "is empty", "a value is required"
    if '"enum"' in note:
        return f"{cell!r} is not an allowed value", "one of " + note.split(" is ", 1)[1].strip('"')
    if '"pattern"' in note:
        return f"{cell!r} has the wrong form", "matching " + note.split(" is ", 1)[1].strip('"')
    if '"minimum"' in note:
        return f"{cell!r} is too small", "at least " + note.split(" is ", 1)[1].strip('"')
    if '"maximum"' in note:
        return f"{cell!r} is too large", "at most " + note.split(" is ", 1)[1].strip('"')
    return f"{cell!r} breaks a rule", note


def foreign_field(note: str) -> str | None:
    # note: for "agency_id": values "x" not found in the lookup table "agencies" as "id"
    return note.split('"')[1] if note.startswith("for ") else None


def foreign_message(note: str) -> str:
    parts = note.split('"')
    if len(parts) >= 8:
        value, table, key = parts[3], parts[5], parts[7]
        return f"{value!r} is not an {key} in data/{table}.csv (expected an existing {key})"
    return note


def schema_problems(root: Path, descriptor: dict) -> list[Problem]:
    """Structure first; then Frictionless on every resource whose structure is sound."""
    problems: list[Problem] = []
    sound, starts = [], {}
    for resource in descriptor.get("resources", []):
        found, starts[resource.get("name")] = structure_problems(root, resource)
        problems += found
        if not found:
            sound.append(resource)
    whole = len(sound) == len(descriptor.get("resources", []))
    try:
        reports = frictionless_reports(root, descriptor, sound, with_foreign_keys=whole)
    except FrictionlessException as error:
        return problems + [Problem("datapackage.json", None, None, f"not a valid data package: {error.error.message}")]
    for resource, report in reports:
        for error in report.errors:
            problem = translate(resource["path"], error, starts[resource["name"]], resource["schema"].get("primaryKey", []))
            if problem:
                problems.append(problem)
    return problems


def frictionless_reports(root: Path, descriptor: dict, resources: list[dict], with_foreign_keys: bool):
    if with_foreign_keys:
        package = Package({**descriptor, "resources": resources}, basepath=str(root))
        report = package.validate()
        by_name = {r["name"]: r for r in resources}
        return [(by_name[task.name], task) for task in report.tasks]
    out = []
    for resource in resources:
        schema = {key: value for key, value in resource["schema"].items() if key != "foreignKeys"}
        report = Resource({**resource, "schema": schema}, basepath=str(root)).validate()
        out += [(resource, task) for task in report.tasks]
    return out
