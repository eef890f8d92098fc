"""Where each page of the data lives, written once: its Markdown source under docs/ and the URL MkDocs and Zensical
give it (directory URLs), from a kind of page and its id."""

from __future__ import annotations

SOURCES = {
    "task": "tasks/{}.md",
    "indicator": "targets/{}.md",
    "agency": "agencies/{}.md",
    "section": "sections/{}.md",
}


def source(kind: str, key: object) -> str:
    """The page's Markdown under docs/ in the default language: source("task", 3) -> tasks/3.md."""
    return SOURCES[kind].format(key)


def page_url(docs_path: str) -> str:
    """The URL a generator gives a page (directory URLs): tasks/1.md -> tasks/1/, tasks/index.md -> tasks/."""
    stem = docs_path[: -len(".md")]
    return "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def url(kind: str, key: object) -> str:
    """The page's URL from its language's root: url("indicator", "rd_expenditure") -> targets/rd_expenditure/."""
    return page_url(source(kind, key))
