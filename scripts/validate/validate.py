"""make validate: the whole data package, every problem at once, then exit 1.

Each problem is printed as `data/FILE.csv:ROW:FIELD: what is wrong (what was
expected)`, where ROW is the line the row starts on (the header is line 1).
No traceback reaches a contributor: an unexpected failure is reported in one
line (set DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import sys
from pathlib import Path

from ..core import load, paths, stage_cache, untrusted
from ..core.problems import Problem, unexpected
from . import contract, cross_check, schema_check


def descriptor_or_problems(path: Path) -> tuple[dict | None, list[Problem]]:
    """(the descriptor, problems in its text) once it has the shape this package uses (scripts/core/untrusted.py); else (None, problems)."""
    name = path.name
    if not path.is_file() or path.is_symlink():
        return None, [
            Problem(
                name,
                None,
                None,
                "file is missing (or a symbolic link)",
                "the data package descriptor at the repository root",
            )
        ]
    if path.stat().st_size > untrusted.MAX_DESCRIPTOR_BYTES:
        return None, [
            Problem(
                name, None, None, f"is {path.stat().st_size:,} bytes", f"at most {untrusted.MAX_DESCRIPTOR_BYTES:,}"
            )
        ]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [Problem(name, None, None, "is not UTF-8", "save the file as UTF-8")]
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                name,
                error.lineno,
                None,
                f"not valid JSON: {error.msg} at column {error.colno}",
                "check the commas, quotes and brackets",
            )
        ]
    except RecursionError:
        return None, [Problem(name, None, None, "is nested too deeply", "the shape of datapackage.json")]
    deep = untrusted.too_deep(descriptor)
    if deep is not None:
        return None, [
            Problem(
                name,
                None,
                untrusted.printable(deep, untrusted.SHOWN_CHARACTERS),
                f"is nested more than {untrusted.MAX_DESCRIPTOR_DEPTH} levels deep",
                "the shape of datapackage.json",
            )
        ]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Problem(name, None, "resources", "no list of resources", "a JSON object with a resources list")]
    for index, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict) or not all(key in resource for key in ("name", "path", "schema")):
            return None, [Problem(name, None, f"resources[{index}]", "needs name, path and schema")]
    problems = [
        Problem(name, None, field, what, expected)
        for field, what, expected in untrusted.descriptor_problems(descriptor, path.parent)
    ]
    problems += [
        Problem(link, None, None, "is a symbolic link", "plain files only under data/")
        for link in untrusted.symlinks_in(path.parent)
    ]
    if not isinstance(descriptor.get("document"), dict):
        problems.append(
            Problem(
                name,
                None,
                "document",
                "the document's metadata is missing",
                "an object with title, number, issuer, dates",
            )
        )
    if not problems:  # the shape is sound enough to compare with the one the code is written for
        problems = [
            Problem(name, None, field, what, expected) for field, what, expected in contract.problems(descriptor)
        ]
    text = [
        Problem(name, None, field, what, expected) for field, what, expected in untrusted.content_problems(descriptor)
    ]
    # A wrong shape stops here (nothing is opened); wrong links, dates or text are reported with whatever else the data holds.
    return (None, problems + text) if problems else (descriptor, text)


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
    in_files = schema_check.schema_problems(root, descriptor)
    if in_files:
        return problems + in_files  # the checks across files need every file readable and typed
    return problems + cross_check.run(located_records(root, descriptor), descriptor, root)


def awaiting_translation(root: Path = paths.ROOT) -> list[Problem]:
    """The contributed rows whose English has not come yet: information for the maintainers, never a failure.
    Call on a valid package."""
    descriptor = load.read_descriptor(root / "datapackage.json")
    return cross_check.awaiting_translation(located_records(root, descriptor), descriptor)


def problems_remembered(root: Path = paths.ROOT, data: str | None = None) -> list[Problem]:
    """problems_in(), skipped where exactly this code, data, date and referenced text passed before (a warm build).
    `data`: the data's fingerprint, where the caller has just read it."""
    name = stage_cache.key(
        "valid", data or stage_cache.data_fingerprint(root), cross_check.today().isoformat(), referenced_files(root)
    )
    if stage_cache.recalled(name) is True:
        return []
    problems = problems_in(root)
    if not problems:
        stage_cache.keep(name, True)  # only a pass: a failure is always checked again, so its messages are current
    return problems


def referenced_files(root: Path) -> str:
    """The files outside data/ that the checks read (the plan's clean text, the raw input), as a digest. Read only
    when each is a plain file inside the project and within the size limit: otherwise the checks report it, and the
    name alone (which then never matches a pass) stands in its place."""
    try:
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        named = [descriptor["document"].get("text") or "data/plan.zh-Hans.md"] + [
            source.get("path") for source in descriptor.get("sources", []) if "sha256" in source
        ]
    except (OSError, ValueError, AttributeError, KeyError, TypeError, RecursionError):
        return "unreadable descriptor"
    digest = hashlib.sha256()
    for name in named:
        path = root / str(name)
        try:  # a name with a NUL byte, or one too long for the file system, is not read either
            readable = (
                path.resolve().is_relative_to(root.resolve())
                and path.is_file()
                and not path.is_symlink()
                and path.stat().st_size <= untrusted.MAX_DATA_FILE_BYTES
            )
            content = path.read_bytes() if readable else None
        except (OSError, ValueError):
            content = None
        if content is None:
            digest.update(
                f"unread {name!r} {secrets.token_hex(8)}\0".encode("utf-8", "surrogatepass")
            )  # never a known pass
        else:
            digest.update(str(name).encode("utf-8", "surrogatepass") + b"\0" + content + b"\0")
    return digest.hexdigest()


def annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command, so the pull request shows the problem on its file and line.
    Every part is escaped as GitHub documents, so no value in the data can end the command or start another."""
    location = f"file={untrusted.workflow_property(problem.file)}" + (f",line={problem.row}" if problem.row else "")
    title = f",title={untrusted.workflow_property(untrusted.printable(problem.field))}" if problem.field else ""
    return f"::error {location}{title}::{untrusted.workflow_data(str(problem).split(': ', 1)[-1])}"


def print_problems(problems: list[Problem]) -> None:
    """Each problem on one line of stderr; on GitHub also as an annotation, with workflow commands switched
    off around the plain lines (a line of data that looks like a command is then only text)."""
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    token = secrets.token_hex(16)
    if on_github:
        for problem in problems:
            print(annotation(problem))
        print(f"::stop-commands::{token}", flush=True)
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.stderr.flush()
    if on_github:
        print(f"::{token}::", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts validate", description="Validate the data package.")
    parser.add_argument(
        "--root", type=Path, default=paths.ROOT, help="folder holding datapackage.json (default: the repository)"
    )
    args = parser.parse_args(argv)
    try:
        problems = problems_in(args.root)
    except Exception as error:  # noqa: BLE001 - the contract is: no traceback for contributors
        print(unexpected("validate", error), file=sys.stderr)
        return 2
    print_problems(problems)
    if problems:
        print(
            f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was published.",
            file=sys.stderr,
        )
        return 1
    print("data package is valid")
    waiting = awaiting_translation(args.root)
    if waiting:  # on stdout: information, not a problem
        print(
            f"\n{len(waiting)} text{'s' if len(waiting) != 1 else ''} await{'s' if len(waiting) == 1 else ''} translation "
            "(the English pages show the Chinese, marked as such, meanwhile):"
        )
        for note in waiting:
            print(f"  {note}")
    return 0
