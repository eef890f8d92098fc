"""Dates as contributors write them (scripts/core/dates.py); the form's script is held to the same cases in
tests/test_contribute.py."""

import pytest

from scripts.core import dates

# (as typed, precision, the ISO form stored, or None where it is refused): shared with the browser's check.
CASES = [
    ("2026-03-15", "day", "2026-03-15"),
    ("2026年3月15日", "day", "2026-03-15"),
    ("2026年03月05日", "day", "2026-03-05"),
    ("2026 年 3 月 15 日", "day", "2026-03-15"),
    ("２０２６年３月１５日", "day", "2026-03-15"),
    ("2026年3月15号", "day", "2026-03-15"),
    ("2026-3-5", "day", "2026-03-05"),
    (" 2026-03-15 ", "day", "2026-03-15"),
    ("2026年3月", "day", None),
    ("2026", "day", None),
    ("2026年2月29日", "day", None),
    ("2024年2月29日", "day", "2024-02-29"),
    ("2026年13月1日", "day", None),
    ("2026年0月1日", "day", None),
    ("2026-03-32", "day", None),
    ("15/3/2026", "day", None),
    ("2026年3月15", "day", None),
    ("二〇二六年三月", "day", None),
    ("2026.03.15", "day", None),
    ("", "day", None),
    ("2026年3月", "any", "2026-03"),
    ("2026年", "any", "2026"),
    ("2026", "any", "2026"),
    ("2026-03", "any", "2026-03"),
    ("2026年3月15日", "any", "2026-03-15"),
    ("2026年13月", "any", None),
    ("26年", "any", None),
    ("0099-01-01", "day", "0099-01-01"),
]


@pytest.mark.parametrize("text, precision, expected", CASES)
def test_a_date_is_read_as_written_and_stored_in_iso_form(text, precision, expected):
    if expected is None:
        with pytest.raises(ValueError):
            dates.iso_date(text, precision)
    else:
        assert dates.iso_date(text, precision) == expected
