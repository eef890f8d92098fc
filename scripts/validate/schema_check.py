"""The checks a Table Schema can express, with messages a contributor can act on.

First the structure of each file (present, UTF-8, the header the schema
expects), because a broken file makes every later check shout about symptoms.
Then Frictionless validates the types, constraints and primary keys of each
file whose structure is sound, and key_errors the foreign keys across files
once every file is; the errors are translated into file:row:field messages.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from frictionless import FrictionlessException, Resource
from frictionless import errors as frictionless_errors

from ..core import load, untrusted
from ..core.problems import Problem

TYPE_EXPECTED = {
    "integer": "a whole number",
    "number": "a number such as 12 or 4.5",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD",
    "year": "a year such as 2025",
    "string": "text",
}


def structure_problems(root: Path, resource: dict) -> tuple[list[Problem], list[int], bool]:
    """File present, within its size, UTF-8, header exactly the schema's fields, every text cell harmless.
    Returns problems, line starts, and whether Frictionless can read the file at all."""
    path = resource.get("path", "")
    file = root / path  # untrusted.path_problem has kept it inside data/
    if not file.is_file():
        return (
            [
                Problem(
                    path,
                    None,
                    None,
                    f"file is missing (datapackage.json lists it as resource {resource.get('name')!r})",
                )
            ],
            [],
            False,
        )
    size = file.stat().st_size
    if size > untrusted.MAX_DATA_FILE_BYTES:
        return (
            [
                Problem(
                    path, None, None, f"is {size:,} bytes", f"at most {untrusted.MAX_DATA_FILE_BYTES:,} per data file"
                )
            ],
            [],
            False,
        )
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return (
            [Problem(path, line, None, f"byte 0x{raw[error.start]:02x} is not UTF-8", "save the file as UTF-8")],
            [],
            False,
        )
    problems = []
    if text.startswith("\ufeff"):
        problems.append(Problem(path, 1, None, "starts with a byte-order mark", "UTF-8 without BOM"))
    if "\r" in text:
        problems.append(
            Problem(path, text[: text.index("\r")].count("\n") + 1, None, "Windows line ending (CR)", "LF line endings")
        )
    if text and not text.endswith("\n"):
        problems.append(
            Problem(path, text.count("\n") + 1, None, "the last line has no line ending", "end the file with a newline")
        )
    fields = resource.get("schema", {}).get("fields", [])
    expected = [field["name"] for field in fields]
    rows, starts = parsed(text.lstrip("\ufeff"))
    header = rows[0] if rows else []
    if header != expected:
        problems += header_problems(path, header, expected)
    readable = not problems and max((len(cell) for row in rows for cell in row), default=0) < untrusted.CSV_FIELD_LIMIT
    if header == expected:
        problems += cell_problems(path, fields, rows[1:], starts[1:])
    return problems, starts, readable


def parsed(text: str) -> tuple[list[list[str]], list[int]]:
    """Every row's cells, and the line each row starts on (index 0 is the header), for cells holding newlines.
    Read without the csv module's cell limit, so an overlong cell is reported, not a crash."""
    previous = csv.field_size_limit()
    csv.field_size_limit(untrusted.MAX_DATA_FILE_BYTES)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        rows, starts, line = [], [], 1
        for row in reader:
            rows.append(row)
            starts.append(line)
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(previous)
    return rows, starts


def line_starts(text: str) -> list[int]:
    return parsed(text)[1]


def cell_problems(path: str, fields: list[dict], rows: list[list[str]], starts: list[int]) -> list[Problem]:
    """The text rules of scripts/core/untrusted.py on every text cell (names and URLs included); numbers written plainly;
    and no other cell that starts like a spreadsheet formula."""
    problems = []
    for row, line in zip(rows, starts):
        for index, field in enumerate(fields):
            value = row[index] if index < len(row) else ""
            kind = field.get("type")
            found = (
                untrusted.field_text_problems(value, field)
                if kind == "string"
                else untrusted.number_problems(value, field)
                if kind in ("number", "integer")
                else untrusted.formula_problems(value)
            )
            problems += [Problem(path, line, field["name"], what, expected) for what, expected in found]
            if value and field["name"].endswith("url") and untrusted.url_problem(value):
                problems.append(
                    Problem(
                        path,
                        line,
                        field["name"],
                        f"{untrusted.shown(value)} {untrusted.url_problem(value)}",
                        "a web address starting with http:// or https://",
                    )
                )
    return problems


def header_problems(path: str, header: list[str], expected: list[str]) -> list[Problem]:
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    out = [Problem(path, 1, name, "column is missing", f"columns: {', '.join(expected)}") for name in missing]
    out += [
        Problem(path, 1, name or "(blank)", "column is not in the schema", f"columns: {', '.join(expected)}")
        for name in extra
    ]
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
        return Problem(
            path,
            line,
            field,
            f"{untrusted.shown(cell)} has the wrong type",
            f"expected {TYPE_EXPECTED.get(wanted, wanted)}",
        )
    if kind == "constraint-error":
        return Problem(path, line, field, *constraint_message(cell, note))
    if kind == "unique-error":
        return Problem(
            path,
            line,
            field,
            f"{untrusted.shown(cell)} is used twice",
            f"unique; already on row {first_row(note, starts)}",
        )
    if kind == "primary-key":
        if "the same as in the row" not in note or len(primary_key) < 2:
            return None  # an empty key is reported as a required cell; a one-field key as unique-error
        return Problem(
            path,
            line,
            ", ".join(primary_key),
            "the same key is used twice",
            f"unique; already on row {first_row(note, starts)}",
        )
    if kind == "foreign-key":
        return Problem(path, line, foreign_field(note), foreign_message(note, path))
    if kind in ("missing-cell", "extra-cell"):
        return Problem(
            path,
            line,
            field,
            "row has too few cells" if kind == "missing-cell" else "row has too many cells",
            "one cell per column",
        )
    if kind == "blank-row":
        return Problem(path, line, None, "row is empty", "remove it")
    return Problem(path, line, field, error.message)


def constraint_message(cell: object, note: str) -> tuple[str, str]:
    if '"required"' in note:
        return "is empty", "a value is required"
    if '"enum"' in note:
        return f"{untrusted.shown(cell)} is not an allowed value", "one of " + note.split(" is ", 1)[1].strip('"')
    if '"pattern"' in note:
        return f"{untrusted.shown(cell)} has the wrong form", "matching " + note.split(" is ", 1)[1].strip('"')
    if '"minimum"' in note:
        return f"{untrusted.shown(cell)} is too small", "at least " + note.split(" is ", 1)[1].strip('"')
    if '"maximum"' in note:
        return f"{untrusted.shown(cell)} is too large", "at most " + note.split(" is ", 1)[1].strip('"')
    return f"{untrusted.shown(cell)} breaks a rule", note


def foreign_field(note: str) -> str | None:
    # note: for "agency_id": values "x" not found in the lookup table "agencies" as "id"
    return note.split('"')[1] if note.startswith("for ") else None


def foreign_message(note: str, path: str) -> str:
    """The note of a key that names no row, in words; `path` is the file the key is in (a key that refers to its own
    file names no other)."""
    parts = note.split('"')
    if len(parts) >= 8:
        value, table, key = parts[3], parts[5], parts[7]
        where = f"data/{table}.csv" if table else path
        return f"{value!r} is not {'an' if key[:1] in 'aeiou' else 'a'} {key} in {where} (expected an existing {key})"
    return note


def schema_problems(root: Path, descriptor: dict) -> list[Problem]:
    """Structure first; then Frictionless on every resource whose structure is sound, and the foreign keys once
    every resource is."""
    problems: list[Problem] = []
    sound, starts = [], {}
    for resource in descriptor.get("resources", []):
        found, starts[resource.get("name")], readable = structure_problems(root, resource)
        problems += found
        if readable:
            sound.append(resource)  # problems in text cells do not stop Frictionless from checking the rest
    whole = len(sound) == len(descriptor.get("resources", []))
    try:
        reports = [(resource, file_errors(root, resource)) for resource in sound]
        keys = key_errors(root, sound) if whole else {}
    except FrictionlessException as error:
        return problems + [Problem("datapackage.json", None, None, f"not a valid data package: {error.error.message}")]
    reported = {(problem.file, problem.row, problem.field) for problem in problems}
    for resource, errors in reports:
        # Frictionless's order: row by row, a row's key errors after its other errors
        ordered = sorted(
            [*errors, *keys.get(resource["name"], [])], key=lambda error: getattr(error, "row_number", None) or 0
        )
        for error in ordered:
            problem = translate(
                resource["path"], error, starts[resource["name"]], resource["schema"].get("primaryKey", [])
            )
            if (
                problem and (problem.file, problem.row, problem.field) not in reported
            ):  # a cell's text rules speak first
                problems.append(problem)
    return problems


def file_errors(root: Path, resource: dict) -> list:
    """Frictionless's errors in one file, its foreign keys aside (key_errors checks those for every file at once:
    Frictionless would open each referenced file again for each file that refers to it)."""

    def read() -> list:
        rows: list[tuple[int, dict]] = []
        report = Resource(load.without_keys(resource), basepath=str(root)).validate(
            on_row=lambda row: rows.append((row.row_number, row.to_dict()))
        )
        if report.valid:  # every row was read, as file_rows reads them: the build and the key check need not read again
            load.remember_rows(root, resource, rows)
        return [error for task in report.tasks for error in task.errors]

    return load.remembered("errors", root, resource, read)


def key_errors(root: Path, resources: list[dict]) -> dict[str, list]:
    """{resource: [ForeignKeyError]}: each row whose key names no row of the file it refers to, as Frictionless finds
    them (typed values; a key of empty cells is no reference; "" refers to the file itself), with Frictionless's note."""
    typed = {resource["name"]: load.file_rows(root, resource) for resource in resources}
    found: dict[str, list] = {}
    for resource in resources:
        keys = resource["schema"].get("foreignKeys", [])
        lookups = []
        for key in keys:
            target = key["reference"]["resource"]
            names, fields = tuple(key["fields"]), tuple(key["reference"]["fields"])
            rows = typed.get(target or resource["name"], [])
            known = {tuple(row.get(name) for name in fields) for _, row in rows}
            lookups.append((names, target, fields, known - {(None,) * len(fields)}))
        for row_number, row in typed[resource["name"]] if keys else []:
            for names, target, fields, known in lookups:
                cells = tuple(row.get(name) for name in names)
                if set(cells) == {None} or cells in known:
                    continue
                values = ", ".join(str(cell) for cell in cells)
                note = (
                    f'for "{", ".join(names)}": values "{values}" not found in the lookup table "{target}" as '
                    f'"{", ".join(fields)}"'
                )
                found.setdefault(resource["name"], []).append(
                    frictionless_errors.ForeignKeyError(
                        note=note,
                        cells=[],
                        row_number=row_number,
                        field_names=list(names),
                        field_cells=[str(cell) for cell in cells],
                        reference_name=target,
                        reference_field_names=list(fields),
                    )
                )
    return found
