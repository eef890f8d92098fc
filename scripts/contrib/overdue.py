"""The body of the issue that lists the official figures past their usual release which this site has not found.

    python -m scripts overdue [--date YYYY-MM-DD] [--site-url URL] [--out FILE]

Whether a figure is overdue depends on the day it is judged on, not only on the data: a label turns with no commit.
The deploy workflow therefore also runs weekly, and its last job turns this body into one open issue
(.github/scripts/update-overdue-issue.sh), so that someone hears when a figure should be out and goes to look.

Every target whose year is over and whose assessment is one of PAST_RELEASE is listed, in Chinese and then in
English: the indicator, the year whose figure is missing, the label and its reason, the statistic and its publisher,
what the release schedule rests on, and the indicator's page. The day judged on is today (UTC) unless --date names
one. Every value from the data is shown as code (review.shown), so nothing in it becomes a mention, a link or
formatting on GitHub. The first line is a marker the shell script reads: NONE_MARK when nothing is past its release
(the open issue is then closed), LIST_MARK otherwise; no value from the data can reach that line.

Exit 0 whenever the data loads, whatever it lists; otherwise 1, with one line naming the file at fault (never a
traceback), and nothing written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from urllib.parse import quote

from ..core import i18n, load, routes
from ..core.problems import unexpected
from ..model import model
from ..site import site_config
from ..validate import validate
from .add import root_option
from .review import SUMMARY_LENGTH, shown

PAST_RELEASE = ("overdue", "released_not_found")  # the labels of a figure that should be out by now and is not here
NONE_MARK = "<!-- overdue-figures: none -->"  # the body's first line when nothing is past its release
LIST_MARK = "<!-- overdue-figures: listed -->"  # the body's first line when something is


def past_release(site: model.Site, known: dt.date) -> list[tuple[model.IndicatorPage, model.Target]]:
    """(indicator, target) for every target whose year is over and whose official figure should be out, in the site's
    order (indicators by position, targets by year)."""
    return [
        (indicator, target)
        for indicator in site.indicators
        for target in indicator.targets
        if target.year < known.year and target.status in PAST_RELEASE
    ]


def page_url(site_url: str, lang: str, indicator_id: str) -> str:
    """The indicator's page in `lang`; the id percent-encoded, so the address holds nothing Markdown reads."""
    root = site_url.rstrip("/") + "/" + ("" if lang == i18n.DEFAULT else f"{lang}/")
    return root + routes.url("indicator", quote(str(indicator_id), safe=""))


def item(indicator: model.IndicatorPage, target: model.Target, text: i18n.Text, site_url: str) -> list[str]:
    """One target past its release as a list item with its details beneath; a detail the data leaves empty is left out."""
    value = lambda v: shown(v, cell=False)  # noqa: E731 - every value from the data, as code
    details = [
        text("overdue_reason", reason=value(target.reason)),
        text("overdue_statistic", statistic=value(indicator.statistic)) if indicator.statistic else None,
        text("overdue_publisher", publisher=value(indicator.publisher)) if indicator.publisher else None,
        text("overdue_release_note", note=value(indicator.release_note)) if indicator.release_note else None,
        text("overdue_page", url=f"<{page_url(site_url, text.lang, indicator.id)}>") if site_url else None,
    ]
    head = text("overdue_item", name=value(indicator.name), year=int(target.year), label=target.progress_label)
    return [f"- {head}", *(f"  - {detail}" for detail in details if detail)]


def section(site: model.Site, known: dt.date, site_url: str, shown_items: int | None = None) -> list[str]:
    """One language's part of the body: heading, the day judged on, and the list (its first `shown_items` items)."""
    text, found = i18n.text(site.lang), past_release(site, known)
    lines = [
        f"## {text.overdue_heading}",
        "",
        text("overdue_judged", date=text.date(known.isoformat()))
        + text.sentence_gap
        + (text.overdue_intro if found else text.overdue_none),
    ]
    if found:
        lines.append("")
        for indicator, target in found[:shown_items]:
            lines += item(indicator, target, text, site_url)
        if shown_items is not None and shown_items < len(found):
            lines += ["", text("overdue_cut", count=len(found))]
    return lines


def body(records: load.Records, descriptor: dict, known: dt.date, site_url: str = "") -> str:
    """The issue's body: the marker line, then the Chinese part, then the English. Should the list outgrow what GitHub
    takes in an issue, each language shows as many items as fit and says how many there are."""
    sites = [model.build(records, descriptor, lang=lang, known=known) for lang in i18n.LANGUAGES]
    found = len(past_release(sites[0], known))
    for shown_items in (None, *range(found - 1, -1, -1)):
        parts = [LIST_MARK if found else NONE_MARK, ""]
        for site in sites:
            parts += [*section(site, known, site_url, shown_items), ""]
        written = "\n".join(parts)
        if len(written) <= SUMMARY_LENGTH:
            return written
    return written  # only the headings and the cut notes: fits whatever the data holds


def failure(root: Path, error: BaseException) -> str:
    """One line saying why the data could not be read: the first problem validation finds (file:row:field), or,
    where it finds none, the failure itself."""
    try:
        problems = validate.problems_in(root)
    except Exception:  # noqa: BLE001 - the failure below is reported instead
        problems = []
    if not problems:
        return unexpected("overdue", error)
    more = f" (and {len(problems) - 1} more: run `make validate`)" if len(problems) > 1 else ""
    return f"overdue: the data package cannot be read, so no issue body was written: {problems[0]}{more}"


def day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts overdue",
        description="Write the issue body listing the official figures past their usual release.",
    )
    parser.add_argument(
        "--date",
        type=day,
        default=None,
        help="the day outcomes are judged on, YYYY-MM-DD (default: $ASSESSMENT_DATE, as the build reads it, else today, UTC)",
    )
    parser.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", ""),
        help="the published site's address, to link each indicator's page (default: $SITE_URL; none: no links)",
    )
    parser.add_argument("--out", type=Path, help="write the Markdown here (default: standard output)")
    root_option(parser)
    args = parser.parse_args(argv)
    try:
        known = args.date or site_config.assessment_date()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    package = args.root / "datapackage.json"
    try:
        text = body(load.records(package), load.read_descriptor(package), known, args.site_url)
    except Exception as error:  # noqa: BLE001 - no traceback: one line naming the file at fault
        print(failure(args.root, error), file=sys.stderr)
        return 1
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))  # UTF-8 whatever the locale: the body is Chinese first
    return 0
