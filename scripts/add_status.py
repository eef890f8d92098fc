"""Add a dated status assessment for a task to data/task_status.csv.

    .venv/bin/python -m scripts.add_status --task 15 --as-of 2025-04-02 --status on_track \\
        --summary "甘肃省科技招商联盟成立。" --summary-en "The Gansu science and technology investment promotion alliance was founded." \\
        --source-title "…" --source-publisher "…" \\
        --source-url https://… --published 2025-04-02 --quote "…" --source-kind media_report

Every status but not_assessed needs its evidence. The row is added only if the
whole data package stays valid; otherwise nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from . import csvio, i18n, paths
from .add import InputError, add_row, report, require
from .add_observation import SOURCE_OPTIONS


STATUSES = tuple(i18n.text(i18n.DEFAULT).task_status)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scripts.add_status", description="Add a dated status for a task.")
    p.add_argument("--task", help="task number, 1 to 26")
    p.add_argument("--as-of", dest="as_of", help="the date the assessment reflects, YYYY-MM-DD")
    p.add_argument("--status", help="one of: " + ", ".join(STATUSES))
    p.add_argument("--summary", default="", help="what the evidence shows, in a sentence or two, in Chinese")
    p.add_argument("--summary-en", dest="summary_en", default="", help="the same in English (the site's English edition shows it)")
    for option in SOURCE_OPTIONS.values():
        p.add_argument(option, default="")
    return p


def build_row(args: argparse.Namespace, root=paths.ROOT) -> dict:
    tasks = {row["id"] for row in csvio.read_rows(root / "data/tasks.csv")}
    if args.task not in tasks:
        raise InputError(f"--task: {args.task!r} is not a task number; use 1 to {len(tasks)}")
    try:
        as_of = dt.date.fromisoformat(args.as_of or "")
    except ValueError:
        raise InputError(f"--as-of: {args.as_of!r} is not a date written YYYY-MM-DD") from None
    if args.status not in STATUSES:
        raise InputError(f"--status: {args.status!r} is not a status; choose one of: {', '.join(STATUSES)}")
    if args.status != "not_assessed":
        require(vars(args), {"summary": "--summary", "summary_en": "--summary-en", **SOURCE_OPTIONS})
    return {"task_id": int(args.task), "as_of": as_of.isoformat(), "status": args.status, "summary": args.summary or None,
            "summary_en": args.summary_en or None,
            **{field: getattr(args, field) or None for field in SOURCE_OPTIONS}}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        row = build_row(args)
    except InputError as error:
        print(f"add_status: {error}", file=sys.stderr)
        return 2
    problems = add_row("task_status", row, sort_key=lambda r: (int(r["task_id"]), str(r["as_of"])))
    return report(problems, f"added task {row['task_id']}'s status of {row['as_of']} to data/task_status.csv; run make test, then open a pull request")


if __name__ == "__main__":
    sys.exit(main())
