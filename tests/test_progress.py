"""The progress rule on hand-made series."""

import pytest

from scripts import i18n
from scripts.progress import Point, Rule, assess, explain, growth

RULE = Rule(min_observations=2, oldest_latest_year=2020, baseline_before_year=2025)


def target(year, value, comparator="reach", cumulative=False):
    return {"year": year, "value": value, "comparator": comparator, "cumulative": cumulative}


def test_no_figure_is_insufficient_data():
    result = assess([], target(2025, 180), "higher", RULE)
    assert result.label == "insufficient_data" and result.latest is None


def test_latest_meeting_the_target_is_achieved_even_alone():
    result = assess([Point(2024, 190)], target(2025, 180), "higher", RULE)
    assert result.label == "achieved" and result.gap == -10


def test_one_figure_is_insufficient_data():
    assert assess([Point(2023, 150)], target(2025, 180), "higher", RULE).label == "insufficient_data"


def test_stale_latest_figure_is_insufficient_data():
    result = assess([Point(2016, 150.81), Point(2019, 196.42)], target(2025, 525), "higher", RULE)
    assert result.label == "insufficient_data" and "2019" in explain(result, "亿元", i18n.text("zh"))


def test_compound_growth_with_missing_years():
    series = [Point(2017, 52.2), Point(2019, 52.8), Point(2023, 60)]  # 2018, 2020-2022 missing
    result = assess(series, target(2030, 65), "higher", RULE)
    rate = (60 / 52.2) ** (1 / 6) - 1
    assert result.observed == pytest.approx(rate)
    assert result.projected == pytest.approx(60 * (1 + rate) ** 7)
    assert result.required == pytest.approx((65 / 60) ** (1 / 7) - 1)
    assert result.label == "on_track"


def test_off_track_when_the_trend_falls_short():
    result = assess([Point(2021, 100), Point(2023, 102)], target(2030, 200), "higher", RULE)
    assert result.label == "off_track" and result.projected < 200


def test_rank_within_top_uses_places_per_year_and_lower_is_better():
    series = [Point(2020, 26), Point(2024, 22)]  # one place a year
    result = assess(series, target(2030, 20, "within_top"), "lower", RULE)
    assert result.observed == -1 and result.projected == 16 and result.label == "on_track"
    flat = assess([Point(2022, 23), Point(2024, 23)], target(2030, 20, "within_top"), "lower", RULE)
    assert flat.label == "off_track" and flat.projected == 23


def test_rank_already_within_top_is_achieved():
    assert assess([Point(2023, 19), Point(2024, 18)], target(2030, 20, "within_top"), "lower", RULE).label == "achieved"


def test_relative_rank_target_reads_against_the_baseline_before_the_plan():
    series = [Point(2022, 23), Point(2024, 23)]
    result = assess(series, target(2025, 1, "improve_by"), "lower", RULE)
    assert result.level == 22 and result.label == "off_track"
    improved = assess(series + [Point(2025, 22)], target(2025, 1, "improve_by"), "lower", RULE)
    assert improved.label == "achieved" and improved.latest == Point(2025, 22)
    assert assess([Point(2026, 20)], target(2025, 1, "improve_by"), "lower", RULE).label == "insufficient_data"


def test_a_missed_past_target_is_off_track():
    series = [Point(2024, 170), Point(2025, 175), Point(2026, 185)]
    result = assess(series, target(2025, 180), "higher", RULE)
    assert result.label == "off_track" and result.latest == Point(2025, 175)


def test_cumulative_target_sums_the_plan_period():
    series = [Point(2024, 400), Point(2025, 500), Point(2026, 600)]
    result = assess(series, target(2030, 3000, cumulative=True), "higher", RULE)
    assert result.latest == Point(2026, 1100)  # 2024 is before the plan and not counted
    assert result.projected == pytest.approx(1100 + 550 * 4) and result.label == "on_track"
    short = assess([Point(2025, 300), Point(2026, 300)], target(2030, 3000, cumulative=True), "higher", RULE)
    assert short.label == "off_track"
    assert assess([Point(2024, 400)], target(2030, 3000, cumulative=True), "higher", RULE).label == "insufficient_data"
    assert assess([Point(2025, 500)], target(2030, 3000, cumulative=True), "higher", RULE).label == "insufficient_data"


def test_growth_falls_back_to_linear_for_non_positive_values():
    assert growth(Point(2020, 0), Point(2022, 4), linear=False) == 2
    assert growth(Point(2020, 5), Point(2020, 6), linear=False) is None


def test_every_reason_reads_in_both_languages_with_its_figures():
    cases = [assess([], target(2025, 180), "higher", RULE),
             assess([Point(2024, 190)], target(2025, 180), "higher", RULE),
             assess([Point(2016, 150.81), Point(2019, 196.42)], target(2025, 525), "higher", RULE),
             assess([Point(2021, 100), Point(2023, 102)], target(2030, 200), "higher", RULE),
             assess([Point(2020, 26), Point(2024, 23)], target(2030, 20, "within_top"), "lower", RULE),
             assess([Point(2024, 1)], target(2030, 3000, cumulative=True), "higher", RULE)]
    for result in cases:
        chinese, english = explain(result, "亿元", i18n.text("zh")), explain(result, "hundred million yuan", i18n.text("en"))
        assert chinese and english and "{" not in chinese + english
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in english), english
    assert explain(cases[1], "亿元", i18n.text("zh")) == "2024年为190亿元，已达到目标（180亿元）。"
    assert explain(cases[1], "hundred million yuan", i18n.text("en")) == "190 hundred million yuan in 2024: the target (180 hundred million yuan) is reached."


@pytest.mark.parametrize("first", [1e-300, 5e-324])
def test_a_trend_too_steep_for_a_float_has_no_projection(first):
    """From 1e-300 to 144 in a year, compounded to 2030, once overflowed and stopped the build."""
    result = assess([Point(2021, first), Point(2022, 144.15)], target(2030, 525), "higher", RULE)
    assert result.label == "insufficient_data" and result.projected is None and result.reason == "reason_no_trend"
