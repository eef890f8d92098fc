"""Add a sourced figure for a headline indicator to data/observations.csv.

    .venv/bin/python -m scripts.add_observation --indicator rd_expenditure --year 2023 --value 156.2 \\
        --source-title "2023年全国科技经费投入统计公报" --source-publisher "国家统计局、科学技术部、财政部" \\
        --source-url https://www.stats.gov.cn/... --published 2024-10-02 \\
        --quote "甘肃…156.2亿元" --source-kind official_statistics

The value is in the indicator's unit. The row is added only if the whole data
package stays valid; otherwise nothing is written and the problems are listed.
"""

from __future__ import annotations

import argparse
import sys

from . import csvio, paths
from .add import InputError, add_row, number, report, require

SOURCE_OPTIONS = {"source_title": "--source-title", "source_publisher": "--source-publisher", "source_url": "--source-url",
                  "published": "--published", "quote": "--quote", "source_kind": "--source-kind"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scripts.add_observation", description="Add a sourced figure for an indicator.")
    p.add_argument("--indicator", help="indicator id, e.g. rd_expenditure (see data/indicators.csv)")
    p.add_argument("--year", help="the year the figure measures, e.g. 2023")
    p.add_argument("--value", help="the figure in the indicator's unit, e.g. 156.2")
    for option in SOURCE_OPTIONS.values():
        p.add_argument(option)
    p.add_argument("--note", default="", help="caveats, in Chinese; required with --preferred when another figure for that year exists")
    p.add_argument("--note-en", dest="note_en", default="", help="the note in English; required with --note")
    p.add_argument("--source-title-en", dest="source_title_en", default="", help="the source's title in English, where useful")
    p.add_argument("--preferred", action="store_true", help="use this figure for the year instead of the one already preferred")
    return p


def build_row(args: argparse.Namespace, root=paths.ROOT) -> tuple[dict, set[str]]:
    """The new row, and the ids of rows that stop being preferred."""
    indicators = {row["id"]: row for row in csvio.read_rows(root / "data/indicators.csv")}
    if not args.indicator or args.indicator not in indicators:
        raise InputError(f"--indicator: {args.indicator!r} is not an indicator; choose one of: {', '.join(sorted(indicators))}")
    indicator = indicators[args.indicator]
    year = number(args.year, "--year", "the year the figure measures, such as 2023")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InputError(f"--year: {args.year!r} is not a year between 2000 and 2100")
    value = number(args.value, "--value", f"in {indicator['unit']}, the indicator's unit, such as 156.2")
    require(vars(args), SOURCE_OPTIONS)
    existing = csvio.read_rows(root / "data/observations.csv")
    competing = [row for row in existing if row["indicator_id"] == args.indicator and int(row["year"]) == year and row["preferred"] == "true"]
    if args.note and not args.note_en:
        raise InputError("--note-en: give the note in English too (the site's English edition shows it)")
    if competing and args.preferred and not args.note:
        raise InputError("--note: say why this figure replaces the preferred one (row "
                         f"{competing[0]['id']}, {competing[0]['value']}) for {args.indicator} {year}")
    preferred = args.preferred or not competing
    row = {"id": max((int(r["id"]) for r in existing), default=0) + 1, "indicator_id": args.indicator, "year": year, "value": value,
           "unit": indicator["unit"], **{field: getattr(args, field) for field in SOURCE_OPTIONS}, "preferred": preferred,
           "note": args.note or None, "note_en": args.note_en or None, "source_title_en": args.source_title_en or None}
    return row, {r["id"] for r in competing} if args.preferred else set()


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        row, demoted = build_row(args)
    except InputError as error:
        print(f"add_observation: {error}", file=sys.stderr)
        return 2

    def demote(rows):
        for existing in rows:
            if existing["id"] in demoted:
                existing["preferred"] = "false"

    problems = add_row("observations", row, sort_key=lambda r: int(r["id"]), edit=demote)
    note = "" if row["preferred"] else " (not preferred: another figure for that year is; pass --preferred and --note to switch)"
    return report(problems, f"added row {row['id']} to data/observations.csv{note}; run make test, then open a pull request")


if __name__ == "__main__":
    sys.exit(main())
