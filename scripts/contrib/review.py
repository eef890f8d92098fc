"""What a data change does, for the reviewer of a pull request: the rows added, changed and removed per data file
(keyed on each table's primary key, not lines; every field of each), every key of datapackage.json that changed, the
progress labels, scorecard statuses and task statuses that change as a result, and the pages affected. Written as
Markdown for the pull request's job summary and the issue's pull request.

    python -m scripts review --base origin/main             # the working tree against the base
    python -m scripts review --base origin/main --out summary.md

Everything shown comes from the pull request, so every value is shown on one line, as code (GitHub turns nothing in
code into a link, a mention or formatting), with its invisible characters written out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core import i18n, load, paths, routes, untrusted
from ..model import history, model
from ..render.pages import code_span

VALUE_LENGTH = 2_000  # characters of a value shown: more than any field of the schema holds but the longest texts
ROWS_SHOWN = 30  # rows of one kind in one file listed in full; beyond, a count
SUMMARY_LENGTH = 60_000  # GitHub refuses a comment over 65,536 characters
EDGE_SPACES = re.compile(r"^ +| +$| {2,}")  # spaces at either end, or several in a row
SPACE_SHOWN = "\u2420"  # ␠: a value that differs only there would otherwise look the same before and after


@dataclass(frozen=True)
class FieldChange:
    key: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class FileReview:
    path: str
    title: str
    added: tuple[tuple[str, dict], ...]  # (key, the row as written)
    changed: tuple[FieldChange, ...]
    removed: tuple[tuple[str, dict], ...]
    pages: tuple[str, ...]
    awaiting: tuple[
        tuple[str, str], ...
    ] = ()  # (key, field) of the rows added or changed whose English may follow and has not


def shown(value: object, cell: bool = True) -> str:
    """A value from the pull request as the summary shows it: one line, every invisible character as \\uXXXX, in a code
    span, where GitHub runs no Markdown, HTML, @mention, #reference, :emoji: or autolink. In a table cell a "|" is
    escaped (GitHub reads "\\|" back as "|" inside code there)."""
    text = untrusted.printable("" if value is None else value, VALUE_LENGTH)
    text = EDGE_SPACES.sub(lambda spaces: SPACE_SHOWN * len(spaces[0]), text)  # rendered code drops or merges these
    return code_span(text.replace("|", "\\|") if cell else text) if text else "*(empty)*"


def field_changes(old: dict[str, dict], new: dict[str, dict]) -> list[FieldChange]:
    """Every field that differs in a row both versions have, keyed by the row's whole key (a cut key could name two)."""
    out = []
    for row in sorted(set(old) & set(new), key=history.natural):
        fields = [*new[row], *(field for field in old[row] if field not in new[row])]  # a renamed column: both names
        out += [
            FieldChange(row, field, old[row].get(field) or "", new[row].get(field) or "")
            for field in fields
            if (old[row].get(field) or "") != (new[row].get(field) or "")
        ]
    return out


def file_reviews(descriptor: dict, base: dict[str, str | None], head: dict[str, str | None]) -> list[FileReview]:
    """One review per data file whose rows differ; `base` and `head` map each data path to its text (None: absent)."""
    reviews = []
    may_wait = i18n.translations_may_wait(descriptor)
    for resource in descriptor["resources"]:
        path, key = resource["path"], resource["schema"]["primaryKey"]
        change = history.diff(resource["name"], path, key, base.get(path), head.get(path))
        if not change.count:
            continue
        pages = sorted({routes.url(kind, entity) for kind, entity in change.about.values() if kind in routes.SOURCES})
        old, new = (history.keyed(history.read_rows(texts.get(path)), key) for texts in (base, head))
        added, removed = (
            tuple((k, rows[k]) for k in sorted(set(rows) - set(other), key=history.natural))
            for rows, other in ((new, old), (old, new))
        )
        changed = tuple(field_changes(old, new))
        touched = [key for key, _ in added] + sorted({change.key for change in changed}, key=history.natural)
        awaiting = tuple(
            (key, field + i18n.SUFFIX)
            for key in touched
            for field in i18n.awaiting_translation(new[key], may_wait.get(resource["name"], []))
        )
        reviews.append(FileReview(path, resource.get("title", path), added, changed, removed, tuple(pages), awaiting))
    return reviews


def flattened(value: object, where: str = "") -> dict[str, object]:
    """Every leaf of the descriptor by its path; a list of named items (resources, fields) by their names, so a moved
    or inserted item does not make every later one look changed."""
    if isinstance(value, dict):
        return {
            path: leaf
            for key, item in value.items()
            for path, leaf in flattened(item, f"{where}.{key}".lstrip(".")).items()
        }
    if isinstance(value, list):
        named = all(isinstance(item, dict) and isinstance(item.get("name"), str) for item in value) and len(
            {item["name"] for item in value}
        ) == len(value)
        return {
            path: leaf
            for index, item in enumerate(value)
            for path, leaf in flattened(item, f"{where}[{item['name'] if named else index}]").items()
        } or {where: []}
    return {where: value}


def descriptor_changes(before: dict | None, after: dict) -> list[tuple[str, object, object]]:
    """(key, before, after) for every leaf of datapackage.json that differs (None where a key is absent)."""
    old, new = flattened(before or {}), flattened(after)
    return [(key, old.get(key), new.get(key)) for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]


def outcomes(site: model.Site) -> dict[str, str]:
    """Every label a reader sees as a verdict: each target's progress, each scorecard tile and milestone, each task's status."""
    found = {}
    for indicator in site.indicators:
        for target in indicator.targets:
            found[f"target {indicator.id} {target.year}"] = target.progress_label
    if site.scorecard:
        found.update({f"scorecard {tile.id}": tile.status_label for tile in site.scorecard.tiles})
        found.update({f"milestone of task {m.task_id}": m.status_label for m in site.scorecard.milestones})
    found.update({f"task {task.id}": task.status.label for task in site.tasks})
    return found


def outcome_changes(base_root: Path, head_root: Path) -> list[tuple[str, str, str]]:
    """(what, before, after) for every verdict that differs, both judged on the same day (the head's data date)."""
    sites = []
    head_records = load.records(head_root / "datapackage.json")
    known = model.as_of(head_records)
    for root, records in ((base_root, None), (head_root, head_records)):
        records = records or load.records(root / "datapackage.json")
        sites.append(model.build(records, load.read_descriptor(root / "datapackage.json"), lang="en", known=known))
    before, after = (outcomes(site) for site in sites)
    return [
        (what, before.get(what, "—"), after.get(what, "—"))
        for what in sorted(set(before) | set(after))
        if before.get(what) != after.get(what)
    ]


def row_table(row: dict) -> list[str]:
    """Every field of a row, empty ones too: what a reviewer would otherwise have to find in the raw diff."""
    return [
        "| field | value |",
        "| --- | --- |",
        *(f"| {code_span(field)} | {shown(value)} |" for field, value in row.items()),
    ]


def markdown(
    reviews: list[FileReview],
    package: list[tuple[str, object, object]],
    verdicts: list[tuple[str, str, str]] | str,
    base: str,
) -> str:
    """The summary: what changed in brief, the keys of datapackage.json and the verdicts first, then every row in full
    (only these are cut, should the summary grow too long for a comment). `verdicts` is the list of verdicts that move,
    or why they could not be compared."""
    if not reviews and not package:
        return f"## Data change\n\nNo row of any data file and no key of `datapackage.json` differs from {code_span(base)}.\n"
    out = [
        "## Data change",
        "",
        f"Compared with {code_span(base)}, row by row (each table's primary key), and "
        "`datapackage.json` key by key. Every value is shown as written, as code: nothing in it is a link or a mention; "
        f"an invisible character is written \\\\uXXXX, and {SPACE_SHOWN} is a space at either end or one of several in a row.",
    ]
    if reviews:
        out += ["", "| file | rows added | rows changed | rows removed |", "| --- | ---: | ---: | ---: |"]
        out += [
            f"| `{r.path}` | {len(r.added)} | {len({c.key for c in r.changed})} | {len(r.removed)} |" for r in reviews
        ]
    if package:
        out += ["", "### `datapackage.json`", "", "| key | before | after |", "| --- | --- | --- |"]
        out += [
            f"| {shown(key)} | {shown(old) if old is not None else '*(absent)*'} | {shown(new) if new is not None else '*(absent)*'} |"
            for key, old, new in package
        ]
    out += ["", "## What readers will see change", ""]
    if isinstance(verdicts, str):
        out.append(f"The verdicts could not be compared: {shown(verdicts, cell=False)}")
    elif verdicts:
        out += ["| verdict | before | after |", "| --- | --- | --- |"]
        out += [f"| {shown(what)} | {shown(before)} | {shown(after)} |" for what, before, after in verdicts]
    else:
        out.append("No progress label, scorecard status, milestone outcome or task status changes.")
    awaiting = [(review.path, key, field) for review in reviews for key, field in review.awaiting]
    if awaiting:
        out += [
            "",
            "## Awaiting translation",
            "",
            "Information, not a problem: these texts came in Chinese alone. The English "
            "pages show the Chinese, marked as awaiting translation, until a maintainer or a later contribution adds it.",
            "",
            "| file | row | field |",
            "| --- | --- | --- |",
            *(f"| `{path}` | {shown(key)} | {code_span(field)} |" for path, key, field in awaiting),
        ]
    head = "\n".join(out) + "\n"
    details = []
    for review in reviews:
        details += ["", f"## `{review.path}` ({shown(review.title, cell=False)})"]
        if review.pages:
            details += ["", "Pages affected: " + ", ".join(f"`{page}`" for page in review.pages)]
        for label, rows in (("Added", review.added), ("Removed", review.removed)):
            for key, row in rows[:ROWS_SHOWN]:
                details += ["", f"{label} row {shown(key, cell=False)}:", "", *row_table(row)]
            if len(rows) > ROWS_SHOWN:
                details += ["", f"…and {len(rows) - ROWS_SHOWN} more rows {label.lower()} (see the diff)."]
        if review.changed:
            details += ["", "| row | field | before | after |", "| --- | --- | --- | --- |"]
            details += [
                f"| {shown(c.key)} | {code_span(c.field)} | {shown(c.before)} | {shown(c.after)} |"
                for c in review.changed[: ROWS_SHOWN * 3]
            ]
            if len(review.changed) > ROWS_SHOWN * 3:
                details.append(f"\n…and {len(review.changed) - ROWS_SHOWN * 3} more changed values (see the diff).")
    rest = "\n".join(details) + "\n"
    room = SUMMARY_LENGTH - len(head)
    if len(rest) > room:
        rest = rest[: max(room, 0)].rsplit("\n", 1)[0] + (
            f"\n\n**The rows are cut here, at {SUMMARY_LENGTH:,} characters; the "
            "rest of them is in the pull request's diff.**\n"
        )
    return head + rest


def texts_at(ref: str, root: Path, data_paths: set[str]) -> dict[str, str | None]:
    return {path: history.git(root, "show", f"{ref}:{path}") for path in data_paths}


def texts_here(root: Path, descriptor: dict) -> dict[str, str | None]:
    return {
        r["path"]: (root / r["path"]).read_text(encoding="utf-8") if (root / r["path"]).is_file() else None
        for r in descriptor["resources"]
    }


def parsed(text: str | None) -> dict | None:
    """The base's descriptor, or None where it has none that reads as a JSON object."""
    try:
        value = json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def review(base: str, root: Path = paths.ROOT) -> str:
    descriptor = load.read_descriptor(root / "datapackage.json")
    base_descriptor = parsed(history.git(root, "show", f"{base}:datapackage.json"))
    base_paths = (
        {
            r["path"]
            for r in base_descriptor.get("resources", [])
            if isinstance(r, dict)  # only paths inside data/ are written out
            and untrusted.path_problem(root, r.get("path")) is None
        }
        if base_descriptor
        else set()
    )
    base_texts = texts_at(base, root, {r["path"] for r in descriptor["resources"]} | base_paths)  # each file read once
    reviews = file_reviews(descriptor, base_texts, texts_here(root, descriptor))
    package = descriptor_changes(base_descriptor, descriptor)
    if not reviews and not package:
        return markdown(reviews, package, [], base)
    if base_descriptor is None:
        return markdown(reviews, package, "the base has no data package to compare with", base)
    with tempfile.TemporaryDirectory() as folder:  # the base's data package, to judge its verdicts
        base_root = Path(folder)
        (base_root / "datapackage.json").write_text(json.dumps(base_descriptor, ensure_ascii=False), encoding="utf-8")
        for path, text in ((path, base_texts[path]) for path in base_paths):
            if text is not None:
                (base_root / path).parent.mkdir(parents=True, exist_ok=True)
                (base_root / path).write_text(text, encoding="utf-8")
        try:
            verdicts = outcome_changes(base_root, root)
        except Exception as error:  # noqa: BLE001 - the rows and keys above are shown all the same
            verdicts = f"{type(error).__name__}: {error}"
    return markdown(reviews, package, verdicts, base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts review", description="Summarise what a data change does.")
    parser.add_argument("--base", required=True, help="the git ref to compare with, e.g. origin/main")
    parser.add_argument("--out", help="write the Markdown here (default: standard output)")
    args = parser.parse_args(argv)
    try:
        text = review(args.base)
    except Exception as error:  # noqa: BLE001 - a summary that cannot be made must not hide the validation's result
        text = (
            f"## Data change\n\nThe summary could not be made: {shown(untrusted.printable(error, 200), cell=False)}\n"
        )
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
