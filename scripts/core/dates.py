"""A date as a contributor writes it, in the form the data stores: 2026年3月15日 or 2026-03-15 -> 2026-03-15.

One reader for every way in (the add commands, the issue form, and the contribute page's script, which mirrors it in
docs/assets/javascripts/contribute.js; tests/test_dates.py holds both to the same cases). A field known to the day
takes a day; a source's publication date may be known only to the month or the year (2026年3月 -> 2026-03).
"""

from __future__ import annotations

import datetime as dt
import re

DAY, ANY = "day", "any"  # precisions: a full date only, or a year, a month or a day
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")  # what a Chinese input method often types
ISO = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
CHINESE = re.compile(r"([0-9]{4}) *年(?: *([0-9]{1,2}) *月(?: *([0-9]{1,2}) *[日号])?)?")


def iso_date(text: str, precision: str = DAY) -> str:
    """The ISO form of a date written 2026-03-15, 2026-3-15 or 2026年3月15日 (and, where `precision` is ANY, 2026-03,
    2026年3月, 2026 or 2026年); ValueError, in words a contributor can act on, for anything else or no real day."""
    written = (text or "").strip().translate(FULL_WIDTH_DIGITS)
    match = ISO.fullmatch(written) or CHINESE.fullmatch(written)
    if match is None:
        raise ValueError(
            "is not a date written 2026-03-15 or 2026年3月15日"
            + (" (or 2026-03, 2026年3月, 2026)" if precision == ANY else "")
        )
    year, month, day = match.groups()
    if day is None and precision == DAY:
        raise ValueError("needs the day: write 2026-03-15 or 2026年3月15日")
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError("is not a real day of the calendar") from None
    return "-".join(part for part in (year, month and f"{int(month):02d}", day and f"{int(day):02d}") if part)
