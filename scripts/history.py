"""The data's history from git: which rows changed in which commit, and when.

Feeds the changes page (更新记录), the Atom feed of data updates and each
page's "last updated" date. Outside a git checkout it returns no history and
the site says so, rather than inventing dates.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import descriptor as package
from . import i18n, routes, untrusted

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


# The changes page: what each data change did, in the reader's language; the commit's subject only as a detail.

SUMMARY_FILES = 3  # a change to more files than this is summed up in its heading (each file is still listed below it)
ROWS_LISTED = 12  # more rows of one kind in one file than this are counted, not listed
KINDS = ("added", "changed", "removed")
CJK = i18n.HAN_CHARACTER
CJK_RUN = re.compile(f"({i18n.CHINESE_RUN.pattern})")  # captured, so that split keeps the runs
LATIN = re.compile(r"[A-Za-z]")


def resource_titles(descriptor: dict, lang: str) -> dict[str, tuple[str, str]]:
    """{path: (resource name, human title in `lang`)}, as the data page names each file."""
    return {r["path"]: (r["name"], package.in_language(r, "title", lang)) for r in descriptor["resources"]}


def rows_phrase(text, kind: str, count: int) -> str:
    """新增2行 / 2 rows added; 1 row removed."""
    forms = text[f"change_rows_{kind}"]
    return forms["one" if count == 1 else "other"].format(count=count)


def counts_phrase(text, added: int, changed: int, removed: int) -> str:
    """The non-zero counts: 新增2行、修改1行 / 2 rows added, 1 row changed."""
    parts = [rows_phrase(text, kind, count) for kind, count in zip(KINDS, (added, changed, removed)) if count]
    return text.change_count_separator.join(parts) or text.change_rows_none


def summary(files: list[FileChange], text, titles: dict[str, tuple[str, str]]) -> str:
    """One line in the reader's language: 指标实际数值新增2行，任务进展评估新增1行 / Observed values … (2 rows added); …
    Beyond SUMMARY_FILES files, the totals: 11个数据文件共新增27行、修改149行 / 11 data files (27 rows added, 149 rows
    changed)."""
    if len(files) > SUMMARY_FILES:
        totals = (sum(len(getattr(f, kind)) for f in files) for kind in KINDS)
        return text("change_files_summary", files=len(files), counts=counts_phrase(text, *totals))
    return text.change_file_separator.join(
        text(
            "change_file_summary",
            title=titles.get(f.path, ("", f.path))[1],
            counts=counts_phrase(text, len(f.added), len(f.changed), len(f.removed)),
        )
        for f in files
    )


def code_lang(value: str, lang: str) -> str | None:
    """The lang a code element needs on a page in `lang`: "en" for Latin letters on a Chinese page, "zh-Hans" for Chinese
    on an English one."""
    if lang == "zh":
        return "en" if LATIN.search(value) and not CJK.search(value) else None
    return "zh-Hans" if CJK.search(value) else None


Parts = tuple[tuple[str, "str | None"], ...]  # a text in runs, each with the lang its span needs (None: the page's own)


@dataclass(frozen=True)
class Revision:
    field: str  # the column's title in the page's language (its name where the descriptor has none)
    before: Parts  # untrusted, escaped by the template; () for an empty cell
    after: Parts


def value_parts(value: str, lang: str) -> Parts:
    """A cell in runs: on an English page each run of Chinese is marked zh-Hans; on a Chinese page each run with Latin
    letters between the Chinese is marked en (a URL, a site's name, an English word)."""
    pieces = [piece for piece in CJK_RUN.split(value) if piece]
    if lang != "zh":
        return tuple((piece, "zh-Hans" if CJK_RUN.fullmatch(piece) else None) for piece in pieces)
    return tuple((piece, "en" if LATIN.search(piece) and not CJK_RUN.fullmatch(piece) else None) for piece in pieces)


@dataclass(frozen=True)
class Row:
    key: str  # as history shows it: one visible line, cut short; untrusted, escaped by the template
    page: str | None  # the docs path of the page the row is about (tasks/17.md), where that page exists
    lang: str | None  # the lang its code element needs
    revisions: tuple[Revision, ...] = ()  # a changed row: each field it changed, before → after
    revised: bool = False  # its revisions are known (in either language): the page lists the row with them


@dataclass(frozen=True)
class RowGroup:
    kind: str  # added, changed, removed
    label: str  # 新增2行 / 2 rows added
    rows: tuple[Row, ...]  # empty beyond ROWS_LISTED


@dataclass(frozen=True)
class FileEntry:
    name: str  # the resource: downloads/<name>.csv
    title: str  # its human title in the page's language
    file: str  # observations.csv
    file_lang: str | None
    groups: tuple[RowGroup, ...]


@dataclass(frozen=True)
class Entry:
    anchor: str  # the commit's first 12 hex digits: a stable fragment
    sha: str
    heading: str  # 2026年11月30日：指标实际数值新增2行，… (plain text, escaped by the template)
    toc_label: str  # 2026年11月30日（3行）: dates and digits only
    files: tuple[FileEntry, ...]
    subject: str  # the contributor's words, in whatever language: only a detail
    subject_lang: (
        str | None
    )  # "en" on a Chinese page when the subject is English (more Latin letters than Chinese characters)
    subject_parts: tuple[
        tuple[str, str | None], ...
    ]  # the subject in runs, each with the lang its span needs (Chinese inside English)
    sha_lang: str | None


def subject_parts(subject: str, english: bool) -> tuple[tuple[str, str | None], ...]:
    """A subject in runs of Chinese and the rest; in English text (an English page, an English subject) each Chinese run is
    marked zh-Hans, as pages.mark_chinese marks it; in Chinese text nothing is."""
    if not english:
        return ((subject, None),)
    return tuple(
        (piece, "zh-Hans" if index % 2 else None) for index, piece in enumerate(CJK_RUN.split(subject)) if piece
    )


def existing_pages(site) -> set[str]:
    """The docs paths of the pages a row can link to: the site's tasks, indicators, agencies and sections."""
    return (
        {routes.source("task", x.id) for x in site.tasks}
        | {routes.source("indicator", x.id) for x in site.indicators}
        | {routes.source("agency", x.id) for x in site.agencies}
        | {routes.source("section", x.id) for x in site.sections}
    )


def field_titles(descriptor: dict, lang: str) -> dict[str, dict[str, str]]:
    """{path: {column: its title in `lang`}}, as the data dictionary names each column."""
    return {
        r["path"]: {
            f["name"]: package.in_language(f, "title", lang) if f.get("title") else f["name"]
            for f in r["schema"]["fields"]
        }
        for r in descriptor["resources"]
    }


def row(file: FileChange, key: str, lang: str, pages: set[str], columns: dict[str, str]) -> Row:
    """A row key with the page it is about, if that page exists (a removed task has none; an id from a past commit that
    never passed validation matches no page, so it is never made into a URL), and what a revision changed in it."""
    page = routes.source(*file.about[key]) if key in file.about else None
    revisions = tuple(
        Revision(columns.get(name, name), value_parts(before, lang), value_parts(after, lang))
        for name, before, after in file.revised.get(key, ())
        if lang != "zh" or not name.endswith("_en")
    )  # a Chinese page leaves out the English twins
    return Row(key, page if page in pages else None, code_lang(key, lang), revisions, key in file.revised)


def entry(
    change: Change,
    text,
    titles: dict[str, tuple[str, str]],
    pages: set[str],
    columns: dict[str, dict[str, str]] | None = None,
) -> Entry:
    """One data change as the changes page shows it, in text's language."""
    lang = text.lang
    files = []
    for f in change.files:
        groups = []
        for kind in KINDS:
            keys = getattr(f, kind)
            if not keys:
                continue
            rows = (
                ()
                if len(keys) > ROWS_LISTED
                else tuple(row(f, key, lang, pages, (columns or {}).get(f.path, {})) for key in keys)
            )
            groups.append(RowGroup(kind, rows_phrase(text, kind, len(keys)), rows))
        name, title = titles.get(f.path, (f.path.rsplit("/", 1)[-1].removesuffix(".csv"), f.path))
        file = f.path.rsplit("/", 1)[-1]
        files.append(FileEntry(name, title, file, code_lang(file, lang), tuple(groups)))
    commit = change.commit
    date = text.date(commit.date)
    total = sum(f.count for f in change.files)
    english = lang == "zh" and len(LATIN.findall(commit.subject)) > len(CJK.findall(commit.subject))
    return Entry(
        commit.sha[:12],
        commit.sha,
        date + text.colon + summary(change.files, text, titles),
        text["change_toc_label"]["one" if total == 1 else "other"].format(date=date, count=total, sha=commit.sha[:7]),
        tuple(files),
        commit.subject,
        "en" if english else None,
        subject_parts(commit.subject, english or lang != "zh"),
        code_lang(commit.sha[:7], lang),
    )


def entries(
    site, text, titles: dict[str, tuple[str, str]], limit: int, columns: dict[str, dict[str, str]] | None = None
) -> list[Entry]:
    """The newest `limit` changes of a site model (site.changes is newest first), as the changes page shows them;
    `columns` as field_titles gives them, for the revisions."""
    pages = existing_pages(site)
    return [entry(change, text, titles, pages, columns) for change in site.changes[:limit]]


def atom(changes: list[Change], site_url: str, title: str, text, titles: dict[str, tuple[str, str]]) -> str:
    """An Atom feed of data updates, newest first (at most 50): each entry titled as the changes page heads it, in text's
    language, its summary a line per file and the commit's subject last. `titles` as resource_titles gives them."""
    from xml.sax.saxutils import escape

    base = site_url.rstrip("/") + "/"
    newest = list(reversed(changes))[:50]
    updated = f"{newest[0].commit.date}T00:00:00Z" if newest else "1970-01-01T00:00:00Z"
    entries = []
    for change in newest:
        heading = summary(change.files, text, titles)
        summary_text = text.separator.join(
            [summary([f], text, titles) for f in change.files]
            + [text.change_subject + text.colon + change.commit.subject]
        )
        entries.append(
            "  <entry>\n"
            f"    <title>{escape(heading)}</title>\n"
            f"    <id>{escape(base)}changes/#{change.commit.sha[:12]}</id>\n"
            f'    <link href="{escape(base)}changes/#{change.commit.sha[:12]}"/>\n'
            f"    <updated>{change.commit.date}T00:00:00Z</updated>\n"
            f"    <summary>{escape(summary_text)}</summary>\n"
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(text('feed_title', title=title))}</title>\n  <id>{escape(base)}feed.xml</id>\n"
        f'  <link rel="self" href="{escape(base)}feed.xml"/>\n  <link href="{escape(base)}changes/"/>\n'
        f"  <updated>{updated}</updated>\n  <author><name>{escape(title)}</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )
