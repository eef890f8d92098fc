"""The changes page (更新记录) and the Atom feed of data updates: what each data change did, in the reader's
language, from the history git holds (scripts/model/history.py); the commit's subject only as a detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core import descriptor as package
from ..core import i18n, routes
from ..model.history import Change, FileChange

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
