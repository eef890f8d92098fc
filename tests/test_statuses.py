"""How every status looks, from one table (scripts/core/statuses.py): each has a look, the stylesheet is written from it,
and its chips read in both schemes."""

from scripts.core import i18n, statuses
from scripts.model import progress


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_status_the_site_can_show_has_its_own_look():
    shown = set(progress.LABELS) | set(progress.MILESTONE_STATUSES) | set(i18n.text("zh").task_status)
    assert shown - set(statuses.LOOKS) == set()
    assert {look.tone for look in statuses.LOOKS.values()} == set(statuses.TONES)
    assert {look.icon for look in statuses.LOOKS.values()} <= set(statuses.ICONS)


def test_the_stylesheet_holds_the_tables_rules():
    stylesheet = statuses.STYLESHEET.read_text(encoding="utf-8")
    assert statuses.with_css(stylesheet) == stylesheet, "run: python -m scripts statuses"
    for key in statuses.LOOKS:
        assert f".outcome--{key}," in stylesheet or f".outcome--{key} " in stylesheet, key


def test_a_chip_reads_in_both_schemes_and_a_chart_tells_statuses_apart():
    for tone in statuses.TONES.values():
        assert contrast(*tone.light) >= 4.5 and contrast(*tone.dark) >= 4.5
    colours = {key: statuses.chart_colour(key) for key in progress.LABELS}
    assert colours["awaiting"] != colours["insufficient_data"] and colours["met"] != colours["missed"]
