"""make validate: the whole data package, every problem at once, then exit 1.

Each problem is printed as `data/FILE.csv:ROW:FIELD: what is wrong (what was
expected)`, where ROW is the line the row starts on (the header is line 1).
No traceback reaches a contributor: an unexpected failure is reported in one
line (set DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from . import cross_check, load, paths, schema_check
from .problems import Problem

REQUIRED_RESOURCES = ("sections", "tasks", "agencies", "task_agencies", "indicators", "targets", "milestones", "task_indicators",
                      "observations", "task_status")


def descriptor_or_problems(path: Path) -> tuple[dict | None, list[Problem]]:
    name = path.name
    if not path.is_file():
        return None, [Problem(name, None, None, "file is missing", "the data package descriptor at the repository root")]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [Problem(name, None, None, "is not UTF-8", "save the file as UTF-8")]
    except json.JSONDecodeError as error:
        return None, [Problem(name, error.lineno, None, f"not valid JSON: {error.msg} at column {error.colno}",
                              "check the commas, quotes and brackets")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Problem(name, None, "resources", "no list of resources", "a JSON object with a resources list")]
    for index, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict) or not all(key in resource for key in ("name", "path", "schema")):
            return None, [Problem(name, None, f"resources[{index}]", "needs name, path and schema")]
    present = {resource["name"] for resource in descriptor["resources"]}
    missing = [Problem(name, None, "resources", f"resource {wanted!r} is missing", "every resource the pipeline reads")
               for wanted in REQUIRED_RESOURCES if wanted not in present]
    if not isinstance(descriptor.get("document"), dict):
        missing.append(Problem(name, None, "document", "the document's metadata is missing", "an object with title, number, issuer, dates"))
    return (None, missing) if missing else (descriptor, [])


def located_records(root: Path, descriptor: dict) -> cross_check.Located:
    records = load.records(root / "datapackage.json")
    located = {}
    for resource in descriptor["resources"]:
        text = (root / resource["path"]).read_text(encoding="utf-8")
        starts = schema_check.line_starts(text)[1:]
        located[resource["name"]] = list(zip(starts, records[resource["name"]]))
    return located


def problems_in(root: Path = paths.ROOT) -> list[Problem]:
    descriptor, problems = descriptor_or_problems(root / "datapackage.json")
    if descriptor is None:
        return problems
    problems = schema_check.schema_problems(root, descriptor)
    if problems:
        return problems  # the checks across files need every file readable and typed
    return cross_check.run(located_records(root, descriptor), descriptor, root)


def annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command, so the pull request shows the problem on its file and line."""
    location = f"file={problem.file}" + (f",line={problem.row}" if problem.row else "")
    title = f",title={problem.field}" if problem.field else ""
    message = str(problem).split(": ", 1)[-1].replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error {location}{title}::{message}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the data package.")
    parser.add_argument("--root", type=Path, default=paths.ROOT, help="folder holding datapackage.json (default: the repository)")
    args = parser.parse_args(argv)
    try:
        problems = problems_in(args.root)
    except Exception as error:  # noqa: BLE001 - the contract is: no traceback for contributors
        if os.environ.get("DEBUG"):
            traceback.print_exc()
        print(f"validate: unexpected failure ({type(error).__name__}: {error}); "
              "please report it, with DEBUG=1 make validate for details", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(annotation(problem))
    if problems:
        print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was published.", file=sys.stderr)
        return 1
    print("data package is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
