"""What a data change does, for the reviewer of a pull request: the rows added, changed and removed per data file
(keyed on each table's primary key, not lines), the progress labels, scorecard statuses and task statuses that change
as a result, and the pages affected. Written as Markdown for the pull request's job summary.

    python -m scripts.review --base origin/main             # the working tree against the base
    python -m scripts.review --base origin/main --out summary.md

Everything shown comes from the pull request, so every value is escaped and cut to one short line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import history, load, model, paths, untrusted
from .pages import escape_md

VALUE_LENGTH = 80  # characters of a changed value shown
ROWS_SHOWN = 30  # rows of one kind in one file listed; beyond, a count
PAGE_OF = {"task": "tasks/{}/", "indicator": "targets/{}/", "agency": "agencies/{}/", "section": "sections/{}/"}


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
    added: tuple[tuple[str, str], ...]  # (key, the row's values in a few words)
    changed: tuple[FieldChange, ...]
    removed: tuple[tuple[str, str], ...]
    pages: tuple[str, ...]


def shown(value: object, limit: int = VALUE_LENGTH) -> str:
    """A value from the pull request as the summary shows it: one line, short, Markdown and HTML inert."""
    return escape_md(untrusted.printable("" if value is None else value, limit))


ROW_FIELDS_SHOWN = 6  # the first non-empty values of an added or removed row


def rows_in_brief(rows: dict[str, dict], keys: list[str]) -> tuple[tuple[str, str], ...]:
    """(key, its first non-empty values) for the rows listed by their shown keys."""
    shown_rows = {history.shown_key(k): row for k, row in rows.items()}
    return tuple((k, "; ".join(f"{field}: {value}" for field, value in list((f, v) for f, v in shown_rows.get(k, {}).items() if v)
                                [:ROW_FIELDS_SHOWN])) for k in keys)


def field_changes(old: dict[str, dict], new: dict[str, dict]) -> list[FieldChange]:
    return [FieldChange(history.shown_key(row), field, old[row].get(field) or "", new[row].get(field) or "")
            for row in sorted(set(old) & set(new), key=history.natural) for field in new[row]
            if (old[row].get(field) or "") != (new[row].get(field) or "")]


def file_reviews(descriptor: dict, base: dict[str, str | None], head: dict[str, str | None]) -> list[FileReview]:
    """One review per data file whose rows differ; `base` and `head` map each data path to its text (None: absent)."""
    reviews = []
    for resource in descriptor["resources"]:
        path, key = resource["path"], resource["schema"]["primaryKey"]
        change = history.diff(resource["name"], path, key, base.get(path), head.get(path))
        if not change.count:
            continue
        pages = sorted({PAGE_OF[kind].format(entity) for kind, entity in change.about.values() if kind in PAGE_OF})
        old, new = (history.keyed(history.read_rows(texts.get(path)), key) for texts in (base, head))
        reviews.append(FileReview(path, resource.get("title", path), rows_in_brief(new, change.added),
                                  tuple(field_changes(old, new)), rows_in_brief(old, change.removed), tuple(pages)))
    return reviews


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
    return [(what, before.get(what, "—"), after.get(what, "—")) for what in sorted(set(before) | set(after))
            if before.get(what) != after.get(what)]


def markdown(reviews: list[FileReview], verdicts: list[tuple[str, str, str]], base: str) -> str:
    if not reviews:
        return f"## Data change\n\nNo row of any data file differs from `{escape_md(base)}`.\n"
    out = ["## Data change", "", f"Compared with `{escape_md(base)}`, row by row (each table's primary key).", "",
           "| file | rows added | rows changed | rows removed |", "| --- | ---: | ---: | ---: |"]
    out += [f"| `{r.path}` | {len(r.added)} | {len({c.key for c in r.changed})} | {len(r.removed)} |" for r in reviews]
    for review in reviews:
        out += ["", f"### `{review.path}` ({escape_md(review.title)})", ""]
        for label, rows in (("Added", review.added), ("Removed", review.removed)):
            out += [f"- {label} row {shown(key)}: {shown(brief, 3 * VALUE_LENGTH)}" for key, brief in rows[:ROWS_SHOWN]]
            if len(rows) > ROWS_SHOWN:
                out.append(f"- …and {len(rows) - ROWS_SHOWN} more rows {label.lower()}")
        if review.changed:
            out += ["", "| row | field | before | after |", "| --- | --- | --- | --- |"]
            out += [f"| {shown(c.key)} | `{c.field}` | {shown(c.before)} | {shown(c.after)} |" for c in review.changed[:ROWS_SHOWN * 3]]
            if len(review.changed) > ROWS_SHOWN * 3:
                out.append(f"\n…and {len(review.changed) - ROWS_SHOWN * 3} more changed values.")
        if review.pages:
            out += ["", "Pages affected: " + ", ".join(f"`{page}`" for page in review.pages)]
    out += ["", "## What readers will see change", ""]
    if verdicts:
        out += ["| verdict | before | after |", "| --- | --- | --- |"]
        out += [f"| {escape_md(what)} | {shown(before)} | {shown(after)} |" for what, before, after in verdicts]
    else:
        out.append("No progress label, scorecard status, milestone outcome or task status changes.")
    return "\n".join(out) + "\n"


def texts_at(ref: str, root: Path, data_paths: set[str]) -> dict[str, str | None]:
    return {path: history.git(root, "show", f"{ref}:{path}") for path in data_paths}


def texts_here(root: Path, descriptor: dict) -> dict[str, str | None]:
    return {r["path"]: (root / r["path"]).read_text(encoding="utf-8") if (root / r["path"]).is_file() else None
            for r in descriptor["resources"]}


def review(base: str, root: Path = paths.ROOT) -> str:
    descriptor = load.read_descriptor(root / "datapackage.json")
    base_descriptor = history.git(root, "show", f"{base}:datapackage.json")
    base_paths = {r["path"] for r in json.loads(base_descriptor)["resources"]  # only paths inside data/ are written out
                  if untrusted.path_problem(root, r.get("path")) is None} if base_descriptor else set()
    base_texts = texts_at(base, root, {r["path"] for r in descriptor["resources"]} | base_paths)  # each file read once
    reviews = file_reviews(descriptor, base_texts, texts_here(root, descriptor))
    if not reviews or base_descriptor is None:
        return markdown(reviews, [], base)
    with tempfile.TemporaryDirectory() as folder:  # the base's data package, to judge its verdicts
        base_root = Path(folder)
        (base_root / "datapackage.json").write_text(base_descriptor, encoding="utf-8")
        for path, text in ((path, base_texts[path]) for path in base_paths):
            if text is not None:
                (base_root / path).parent.mkdir(parents=True, exist_ok=True)
                (base_root / path).write_text(text, encoding="utf-8")
        verdicts = outcome_changes(base_root, root)
    return markdown(reviews, verdicts, base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.review", description="Summarise what a data change does.")
    parser.add_argument("--base", required=True, help="the git ref to compare with, e.g. origin/main")
    parser.add_argument("--out", help="write the Markdown here (default: standard output)")
    args = parser.parse_args(argv)
    try:
        text = review(args.base)
    except Exception as error:  # noqa: BLE001 - a summary that cannot be made must not hide the validation's result
        text = f"## Data change\n\nThe summary could not be made: {escape_md(untrusted.printable(error, 200))}\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
