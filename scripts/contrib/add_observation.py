"""Add a sourced figure for a headline indicator to data/observations.csv.

    .venv/bin/python -m scripts add_observation --indicator rd_expenditure --year 2023 --value 156.2 \\
        --source-title "2023年全国科技经费投入统计公报" --source-publisher "国家统计局、科学技术部、财政部" \\
        --source-publisher-en "National Bureau of Statistics, Ministry of Science and Technology, Ministry of Finance" \\
        --source-url https://www.stats.gov.cn/... --published 2024-10-02 \\
        --quote "甘肃…156.2亿元" --source-kind official_statistics

The value is in the indicator's unit; a date may be written 2024-10-02 or 2024年10月2日 (2024年10月 or
2024年 where only that is known). The English (--source-publisher-en, --note-en) may be left for a maintainer:
the English pages show the Chinese, marked as awaiting translation, until it is added. The row is added only
if the whole data package stays valid; otherwise nothing is written and the problems are listed.
"""

from __future__ import annotations

import argparse

from ..core import dates, paths, untrusted
from ..core.forms import REQUIRED_SOURCE, SOURCE_OPTIONS
from .add import InputError, composed, date, number, require, root_option, rows_of, run


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m scripts add_observation", description="Add a sourced figure for an indicator."
    )
    p.add_argument("--indicator", help="indicator id, e.g. rd_expenditure (see data/indicators.csv)")
    p.add_argument("--year", help="the year the figure measures, e.g. 2023")
    p.add_argument("--value", help="the figure in the indicator's unit, e.g. 156.2")
    for option in SOURCE_OPTIONS.values():
        p.add_argument(option)
    p.add_argument(
        "--note",
        default="",
        help="caveats, in Chinese; required with --preferred when another figure for that year exists",
    )
    p.add_argument(
        "--note-en",
        dest="note_en",
        default="",
        help="the note in English, where you can give it (else it awaits translation)",
    )
    p.add_argument(
        "--source-title-en", dest="source_title_en", default="", help="the source's title in English, where useful"
    )
    p.add_argument(
        "--preferred", action="store_true", help="use this figure for the year instead of the one already preferred"
    )
    root_option(p)
    return p


def build_row(args: argparse.Namespace, rows: list[dict], root=paths.ROOT) -> dict:
    """The new row, given the file's current rows; a figure it replaces as preferred is demoted in `rows`."""
    indicators = {row["id"]: row for row in rows_of(root, "indicators")}
    if not args.indicator or args.indicator not in indicators:
        given = f"{untrusted.shown(args.indicator)} is not an indicator" if args.indicator else "is missing"
        raise InputError(f"--indicator: {given}; choose one of: {', '.join(sorted(indicators))}")
    indicator = indicators[args.indicator]
    year = number(args.year, "--year", "the year the figure measures, such as 2023")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InputError(f"--year: {untrusted.shown(args.year)} is not a year between 2000 and 2100")
    value = number(args.value, "--value", f"in {indicator['unit']}, the indicator's unit, such as 156.2")
    require(vars(args), REQUIRED_SOURCE)
    args.published = date(args.published, "--published", dates.ANY)
    competing = [
        row
        for row in rows
        if row["indicator_id"] == args.indicator and int(row["year"]) == year and row["preferred"] == "true"
    ]
    if competing and args.preferred and not args.note:
        raise InputError(
            "--note: say why this figure replaces the preferred one (row "
            f"{competing[0]['id']}, {competing[0]['value']}) for {args.indicator} {year}"
        )
    if args.preferred:
        for row in competing:
            row["preferred"] = "false"
    return {
        "id": max((int(r["id"]) for r in rows), default=0) + 1,
        "indicator_id": args.indicator,
        "year": year,
        "value": value,
        "unit": indicator["unit"],
        **{field: getattr(args, field) for field in SOURCE_OPTIONS},
        "preferred": args.preferred or not competing,
        "note": args.note or None,
        "note_en": args.note_en or None,
        "source_title_en": args.source_title_en or None,
    }


def done(row: dict) -> str:
    note = (
        ""
        if row["preferred"]
        else " (not preferred: another figure for that year is; pass --preferred and --note to switch)"
    )
    return f"added row {row['id']} to data/observations.csv{note}; run make test, then open a pull request"


def main(argv: list[str] | None = None) -> int:
    args = composed(parser().parse_args(argv))
    return run(
        "add_observation",
        "observations",
        lambda rows: build_row(args, rows, args.root),
        lambda r: int(r["id"]),
        args.root,
        done,
    )
