"""The data's history from git: which rows changed in which commit, and when.

Feeds the changes page (更新记录), the Atom feed of data updates and each
page's "last updated" date. Outside a git checkout it returns no history and
the site says so, rather than inventing dates.
"""

from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import untrusted

# Which columns name the task, indicator or agency a row is about, per resource.
ENTITY_COLUMNS = {
    "tasks": {"id": "task"},
    "indicators": {"id": "indicator"},
    "agencies": {"id": "agency"},
}
REFERENCE_COLUMNS = {"task_id": "task", "indicator_id": "indicator", "agency_id": "agency"}


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


def diff(resource: str, path: str, key: list[str], before: str | None, after: str | None) -> FileChange:
    old, new = keyed(read_rows(before), key), keyed(read_rows(after), key)
    added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
    changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
    change = FileChange(path, *([shown_key(k) for k in keys] for keys in (added, changed, removed)))
    for k in added + changed:
        change.entities |= entities_of(resource, new[k])
    for k in removed:
        change.entities |= entities_of(resource, old[k])
    return change


KEY_LENGTH = 60


def shown_key(key: str) -> str:
    """A row's key as the changes page shows it: a past commit never passed validation, so one visible line, cut short."""
    return untrusted.printable(key, KEY_LENGTH)


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


def atom(changes: list[Change], site_url: str, title: str, text) -> str:
    """An Atom feed of data updates, newest first (at most 50)."""
    from xml.sax.saxutils import escape

    base = site_url.rstrip("/") + "/"
    newest = list(reversed(changes))[:50]
    updated = f"{newest[0].commit.date}T00:00:00Z" if newest else "1970-01-01T00:00:00Z"
    entries = []
    for change in newest:
        summary = text.separator.join(f.path + text.colon + text("change_counts", added=len(f.added), changed=len(f.changed), removed=len(f.removed))
                                      for f in change.files)
        entries.append(
            "  <entry>\n"
            f"    <title>{escape(change.commit.subject)}</title>\n"
            f"    <id>{escape(base)}changes/#{change.commit.sha[:12]}</id>\n"
            f'    <link href="{escape(base)}changes/#{change.commit.sha[:12]}"/>\n'
            f"    <updated>{change.commit.date}T00:00:00Z</updated>\n"
            f"    <summary>{escape(summary)}</summary>\n"
            "  </entry>\n")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"  <title>{escape(text('feed_title', title=title))}</title>\n  <id>{escape(base)}feed.xml</id>\n"
            f'  <link rel="self" href="{escape(base)}feed.xml"/>\n  <link href="{escape(base)}changes/"/>\n'
            f"  <updated>{updated}</updated>\n  <author><name>{escape(title)}</name></author>\n" + "".join(entries) + "</feed>\n")
