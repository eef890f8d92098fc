"""Add a dated status assessment for a task to data/task_status.csv.

    .venv/bin/python -m scripts add_status --task 15 --as-of 2025-04-02 --status on_track \\
        --summary "一两句话说明来源显示了什么。" --summary-en "What the source shows, in one or two sentences." \\
        --source-title "报道标题" --source-publisher "发布机构" --source-publisher-en "The publisher" \\
        --source-url https://example.org/report.html --published 2025-04-02 --quote "报道中的原话" --source-kind media_report

Every status but not_assessed needs its evidence; its English (--summary-en, --source-publisher-en) may be left
for a maintainer, and dates may be written 2025年4月2日. The row is added only if the
whole data package stays valid; otherwise nothing is written.
"""

from __future__ import annotations

import argparse

from ..core import dates, i18n, paths, untrusted
from ..core.forms import REQUIRED_SOURCE, SOURCE_OPTIONS
from .add import InputError, composed, date, require, root_option, rows_of, run

STATUSES = tuple(i18n.text(i18n.DEFAULT).task_status)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scripts add_status", description="Add a dated status for a task.")
    p.add_argument("--task", help="task number, 1 to 26")
    p.add_argument("--as-of", dest="as_of", help="the date the assessment reflects: 2025-04-02 or 2025年4月2日")
    p.add_argument("--status", help="one of: " + ", ".join(STATUSES))
    p.add_argument("--summary", default="", help="what the evidence shows, in a sentence or two, in Chinese")
    p.add_argument(
        "--summary-en",
        dest="summary_en",
        default="",
        help="the same in English, where you can give it (else it awaits translation)",
    )
    for option in SOURCE_OPTIONS.values():
        p.add_argument(option, default="")
    root_option(p)
    return p


def build_row(args: argparse.Namespace, rows: list[dict] = (), root=paths.ROOT) -> dict:
    """The new row (a status adds to the task's history; the file's current rows are not changed)."""
    tasks = {row["id"] for row in rows_of(root, "tasks")}
    if args.task not in tasks:
        raise InputError(f"--task: {untrusted.shown(args.task)} is not a task number; use 1 to {len(tasks)}")
    as_of = date(args.as_of, "--as-of")
    if args.status not in STATUSES:
        raise InputError(
            f"--status: {untrusted.shown(args.status)} is not a status; choose one of: {', '.join(STATUSES)}"
        )
    if args.status != "not_assessed":
        require(vars(args), {"summary": "--summary", **REQUIRED_SOURCE}, "a status needs a summary and its source")
    if args.published:
        args.published = date(args.published, "--published", dates.ANY)
    return {
        "task_id": int(args.task),
        "as_of": as_of,
        "status": args.status,
        "summary": args.summary or None,
        "summary_en": args.summary_en or None,
        **{field: getattr(args, field) or None for field in SOURCE_OPTIONS},
    }


def main(argv: list[str] | None = None) -> int:
    args = composed(parser().parse_args(argv))
    return run(
        "add_status",
        "task_status",
        lambda rows: build_row(args, rows, args.root),
        lambda r: (int(r["task_id"]), str(r["as_of"])),
        args.root,
        lambda row: (
            f"added task {row['task_id']}'s status of {row['as_of']} to data/task_status.csv; "
            "run make test, then open a pull request"
        ),
    )
