"""The data's history from git: which rows changed in which commit, and when.

Feeds the changes page and the Atom feed of data updates (scripts/render/changes.py) and each
page's "last updated" date. Outside a git checkout it returns no history and
the site says so, rather than inventing dates.
"""

from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..core import untrusted

# Which columns name the task, indicator or agency a row is about, per resource.
ENTITY_COLUMNS = {
    "tasks": {"id": "task"},
    "indicators": {"id": "indicator"},
    "agencies": {"id": "agency"},
}
REFERENCE_COLUMNS = {"task_id": "task", "indicator_id": "indicator", "agency_id": "agency"}
# The page a row is about, for the changes page's links: its own page (a task, an indicator, an agency, a section), else the
# first it refers to, in this order (a task's agency, status or milestone row is about the task; an observation or target
# about its indicator).
OWN_PAGES = {"tasks": "task", "indicators": "indicator", "agencies": "agency", "sections": "section"}


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # YYYY-MM-DD (committer date)
    subject: str


@dataclass
class FileChange:
    path: str
    added: list[str] = field(default_factory=list)  # row keys, joined with "/"
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    entities: set[tuple[str, str]] = field(default_factory=set)  # ("task", "12"), ...
    about: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # shown row key -> the (kind, id) whose page the row is about
    revised: dict[str, tuple[tuple[str, str, str], ...]] = field(
        default_factory=dict
    )  # changed row key -> (field, before, after)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


@dataclass
class Change:
    commit: Commit
    files: list[FileChange]


def git(root: Path, *args: str) -> str | None:
    try:  # the history is untrusted too (a pull request's own commits): bytes that are not UTF-8 become U+FFFD
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, errors="replace", timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def data_commits(root: Path, paths: list[str]) -> list[Commit]:
    """Commits touching the given paths, oldest first."""
    out = git(root, "log", "--reverse", "--format=%H%x09%cs%x09%s", "--", *paths)
    if not out:
        return []
    commits = [line.split("\t", 2) for line in out.split("\n") if line.count("\t") >= 2]
    # a subject is the contributor's words: shown on the changes page and in the feed, so one visible line of sane length
    return [Commit(sha, date, untrusted.printable(subject, SUBJECT_LENGTH)) for sha, date, subject in commits]


SUBJECT_LENGTH = 200


def read_rows(text: str | None) -> list[dict]:
    """A past version of a data file; one that no CSV reader can read (it never passed validation) counts as empty."""
    if not text or len(text) > untrusted.MAX_DATA_FILE_BYTES:
        return []
    previous = csv.field_size_limit(untrusted.MAX_DATA_FILE_BYTES)
    try:
        return list(csv.DictReader(io.StringIO(text)))
    except csv.Error:
        return []
    finally:
        csv.field_size_limit(previous)


def keyed(rows: list[dict], key: list[str]) -> dict[str, dict]:
    return {"/".join(row.get(column) or "" for column in key): row for row in rows}


def entities_of(resource: str, row: dict) -> set[tuple[str, str]]:
    found = {(kind, row[column]) for column, kind in REFERENCE_COLUMNS.items() if row.get(column)}
    found |= {(kind, row[column]) for column, kind in ENTITY_COLUMNS.get(resource, {}).items() if row.get(column)}
    return found


def about(resource: str, row: dict) -> tuple[str, str] | None:
    """The (kind, id) of the page a row is about, or None (a glossary entry)."""
    if resource in OWN_PAGES:
        return (OWN_PAGES[resource], row["id"]) if row.get("id") else None
    return next(((kind, row[column]) for column, kind in REFERENCE_COLUMNS.items() if row.get(column)), None)


def natural(key: str) -> tuple:
    """Row keys ("17/2026-11-30") in reading order: task 2 before task 10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in key.split("/"))


def diff(resource: str, path: str, key: list[str], before: str | None, after: str | None) -> FileChange:
    old, new = keyed(read_rows(before), key), keyed(read_rows(after), key)
    added, removed = sorted(set(new) - set(old), key=natural), sorted(set(old) - set(new), key=natural)
    changed = sorted((k for k in set(old) & set(new) if old[k] != new[k]), key=natural)
    change = FileChange(path, *([shown_key(k) for k in keys] for keys in (added, changed, removed)))
    for k in changed:  # what a revision changed, field by field, in the file's column order
        fields = [name for name in new[k] if name is not None and (old[k].get(name) or "") != (new[k].get(name) or "")]
        change.revised[shown_key(k)] = tuple(
            (shown_key(name), *shown_values(old[k].get(name), new[k].get(name))) for name in fields[:FIELDS_LISTED]
        )
    for rows, keys in ((new, added + changed), (old, removed)):
        for k in keys:
            change.entities |= entities_of(resource, rows[k])
            page = about(resource, rows[k])
            if page:
                change.about[shown_key(k)] = page
    return change


KEY_LENGTH = 60
VALUE_LENGTH = 80  # a revised value on the changes page: one line, cut short
FIELDS_LISTED = 6  # the fields of one revised row shown before → after; a rewrite of more is still counted as a change


CONTEXT = 20  # characters kept before and after what a long revision changed


def shown_values(before: object, after: object) -> tuple[str, str]:
    """A revised cell, before and after, as the changes page shows them: one visible line each, cut short (a past commit
    never passed validation); where either is long, only the part that changed, with a little context on each side,
    so that "…was found. → …was found. Places to look: …" shows what a long note gained. An empty cell is ""."""
    old, new = (" ".join(str(value or "").split()) for value in (before, after))
    if max(len(old), len(new)) > VALUE_LENGTH:
        same_start = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        same_end = next(
            (i for i, (a, b) in enumerate(zip(reversed(old), reversed(new))) if a != b), min(len(old), len(new))
        )
        same_end = min(same_end, min(len(old), len(new)) - same_start)  # the two common parts never overlap
        start = max(0, same_start - CONTEXT)
        space = old.rfind(" ", max(0, start - 15), start)  # English: from the start of a word
        start = space + 1 if space >= 0 else start

        def excerpt(text: str) -> str:
            end = min(len(text), len(text) - same_end + CONTEXT)
            return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")

        old, new = (excerpt(text) if text else "" for text in (old, new))
    return untrusted.printable(old, VALUE_LENGTH), untrusted.printable(new, VALUE_LENGTH)


def shown_key(key: str) -> str:
    """A row's key as the changes page shows it: a past commit never passed validation, so one visible line, cut short
    with "…" alone (a page in either language; the row's own page has the whole of it)."""
    return untrusted.printable(key[:KEY_LENGTH]) + ("…" if len(key) > KEY_LENGTH else "")


def head(root: Path) -> str:
    """The commit the history is read from ("" outside git): part of every key that the history feeds."""
    return (git(root, "rev-parse", "HEAD") or "").strip()


def last_commit_date(root: Path, *paths: str) -> str | None:
    """The date (YYYY-MM-DD) of the last commit touching these paths (one file: across its renames); None outside a
    git checkout or before any."""
    follow = ["--follow"] if len(paths) == 1 and (root / paths[0]).is_file() else []
    return (git(root, "log", "-1", *follow, "--format=%cs", "--", *paths) or "").strip() or None


def history(root: Path, descriptor: dict) -> list[Change]:
    """Every commit that touched a data file, with its row changes, oldest first."""
    resources = {r["path"]: r for r in descriptor["resources"]}
    changes = []
    for commit in data_commits(root, list(resources)):
        touched = (git(root, "show", "--format=", "--name-only", commit.sha) or "").split()
        files = []
        for path in (p for p in touched if p in resources):
            resource = resources[path]
            before = git(root, "show", f"{commit.sha}^:{path}")
            after = git(root, "show", f"{commit.sha}:{path}")
            change = diff(resource["name"], path, resource["schema"]["primaryKey"], before, after)
            if change.count:
                files.append(change)
        if files:
            changes.append(Change(commit, files))
    return changes


def last_changed(changes: list[Change]) -> dict[tuple[str, str], str]:
    """(kind, id) -> the date of the last commit that changed a row about it."""
    dates: dict[tuple[str, str], str] = {}
    for change in changes:
        for file in change.files:
            for entity in file.entities:
                dates[entity] = max(dates.get(entity, ""), change.commit.date)
    return dates
