"""Tables a phone can read: each data cell carries its column's heading, so that below 37.5em a row can be shown as a
card (heading beside value, extra.css) instead of a table wider than the screen.

A pass over the built HTML, for both generators (the MkDocs hook and scripts/site/finish.py), because a Markdown table
cannot give its cells attributes. The headings are the site's own words, escaped again as attribute values.
"""

from __future__ import annotations

import html
import itertools
import re

TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S)
HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
CELL = re.compile(r"<td\b")
TAG = re.compile(r"<[^>]+>")
MIN_COLUMNS = 3  # a table of two columns fits a phone as it is


def with_cell_labels(page: str) -> str:
    """Every table of at least MIN_COLUMNS columns marked `data-cards`, each of its cells `data-label`led."""
    return TABLE.sub(lambda match: labelled(match.group(0)), page)


def labelled(table: str) -> str:
    head = HEAD.search(table)
    if not head or "data-cards" in table[: head.start()]:
        return table
    labels = [
        html.escape(" ".join(html.unescape(TAG.sub("", cell)).split()), quote=True)
        for cell in HEADING.findall(head.group(1))
    ]
    if len(labels) < MIN_COLUMNS:
        return table

    def row(match: re.Match) -> str:
        column = itertools.count()
        return CELL.sub(
            lambda cell: f'<td data-label="{labels[i]}"' if (i := next(column)) < len(labels) else cell.group(0),
            match.group(0),
        )

    opening = table[: head.end()].replace("<table", "<table data-cards", 1)
    return opening + ROW.sub(row, table[head.end() :])
