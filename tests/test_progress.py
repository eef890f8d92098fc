"""The progress rule on hand-made series."""

import datetime as dt

import pytest

from scripts.core import i18n
from scripts.model.progress import Point, Release, Rule, assess, explain, growth

RULE = Rule(
    min_observations=2, min_span_years=0, max_latest_age_years=10, baseline_before_year=2025
)  # the old, looser rule
STRICT = Rule(
    min_observations=3, min_span_years=3, max_latest_age_years=3, baseline_before_year=2025
)  # the data package's


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


def test_a_figure_too_old_at_the_assessment_date_is_insufficient_data():
    result = assess(
        [Point(2016, 150.81), Point(2017, 163), Point(2019, 196.42)],
        target(2030, 800),
        "higher",
        STRICT,
        dt.date(2026, 12, 4),
    )
    assert result.label == "insufficient_data" and result.reason == "reason_stale" and result.projected is None
    assert dict(result.facts) == {"latest": 2019, "years": 7, "age": 3}
    assert "2019" in explain(result, "亿元", i18n.text("zh")) and "7 years before this assessment" in explain(
        result, "亿元", i18n.text("en")
    )


def test_staleness_is_the_age_of_the_evidence_not_its_distance_from_the_target_year():
    # the contribution rate: five rising figures 2017-2023; judged in 2026 its latest is 3 years old, so the trend stands
    rising = [Point(2017, 52.2), Point(2019, 52.8), Point(2020, 55.1), Point(2022, 58.2), Point(2023, 60)]
    in_2026 = assess(rising, target(2030, 65), "higher", STRICT, dt.date(2026, 12, 4))
    assert in_2026.label in ("on_track", "off_track") and in_2026.reason == "reason_trend"
    # the same figures judged in 2027 are 4 years old: no trend
    assert assess(rising, target(2030, 65), "higher", STRICT, dt.date(2027, 1, 1)).reason == "reason_stale"


def test_a_trend_needs_enough_figures_over_enough_years_and_a_recent_one():
    goal, when = target(2030, 200), dt.date(2029, 6, 1)
    two = assess([Point(2026, 150), Point(2029, 170)], goal, "higher", STRICT, when)
    assert two.label == "insufficient_data" and two.reason == "reason_too_few"
    close = assess([Point(2027, 150), Point(2028, 160), Point(2029, 170)], goal, "higher", STRICT, when)
    assert close.label == "insufficient_data" and close.reason == "reason_short_span"
    old = assess([Point(2020, 150), Point(2022, 160), Point(2025, 170)], goal, "higher", STRICT, when)
    assert old.label == "insufficient_data" and old.reason == "reason_stale"
    enough = assess([Point(2022, 150), Point(2024, 160), Point(2026, 170)], goal, "higher", STRICT, when)
    assert (
        enough.label in ("on_track", "off_track") and enough.reason == "reason_trend" and enough.projected is not None
    )
    # R&D spending as it stood: one growth step, latest 2022, was "on track" for 2030 under the old rule
    rd = [Point(2021, 129.5), Point(2022, 144.15)]
    assert assess(rd, target(2030, 280), "higher", RULE).label == "on_track"
    assert assess(rd, target(2030, 280), "higher", STRICT).label == "insufficient_data"


def test_why_a_years_figure_is_missing_says_whose_gap_it_is():
    over, when = target(2025, 180), dt.date(2026, 12, 4)
    october = Release(lag_years=1, month=10)
    assert assess([], over, "higher", STRICT, when, october).label == "no_source"  # nothing found for any year
    found = [Point(2021, 129.5), Point(2022, 144.15)]
    released = assess(found, over, "higher", STRICT, when, october, {2025: "2025-09-21"})
    assert released.label == "released_not_found" and released.reason == "reason_released_not_found"
    assert "2025年9月21日" in explain(released, "亿元", i18n.text("zh"))
    assert assess(found, over, "higher", STRICT, when, october).label == "overdue"  # due by 31 October 2026
    assert (
        assess(found, over, "higher", STRICT, dt.date(2026, 10, 31), october).label == "awaiting"
    )  # the month is not over
    assert assess(found, over, "higher", STRICT, when, None).reason == "reason_awaiting_unknown"
    assert "底前" in explain(
        assess(found, over, "higher", STRICT, dt.date(2026, 10, 1), october), "亿元", i18n.text("zh")
    )


def test_the_milestone_rule():
    from scripts.model.progress import milestone_verdict

    before_the_year_ended = {"status": "partly", "as_of": dt.date(2024, 12, 31), "year": 2024, "value": 1762}
    waiting = milestone_verdict(before_the_year_ended, 2025, 1800)
    assert waiting.status == "awaiting" and waiting.figure_year == 2024 and round(waiting.share) == 98
    at_year_end = {"status": "partly", "as_of": dt.date(2025, 12, 31), "year": 2025, "value": 1700}
    assert milestone_verdict(at_year_end, 2025, 1800).status == "not_met"
    assert (
        milestone_verdict({"status": "met", "as_of": dt.date(2025, 11, 19), "year": 2025, "value": 2}, 2025, 1).status
        == "met"
    )
    assert milestone_verdict(None, 2025, 1).status == "no_evidence"
    assert "partly" not in {milestone_verdict(row, 2025, 1800).status for row in (before_the_year_ended, at_year_end)}


AS_OF = dt.date(2026, 11, 30)
DUE_JUNE = Release(lag_years=1, month=6)


def test_a_target_whose_year_is_over_is_met_or_missed_by_its_years_figure():
    met = assess([Point(2024, 170), Point(2025, 181)], target(2025, 180), "higher", STRICT, AS_OF, DUE_JUNE)
    assert met.label == "met" and met.latest == Point(2025, 181)
    missed = assess(
        [Point(2024, 170), Point(2025, 175), Point(2026, 185)], target(2025, 180), "higher", STRICT, AS_OF, DUE_JUNE
    )
    assert missed.label == "missed" and missed.latest == Point(2025, 175)
    early = assess([Point(2024, 190)], target(2025, 180), "higher", STRICT, AS_OF, DUE_JUNE)
    assert early.label == "met" and early.latest == Point(2024, 190)
    rank = assess(
        [Point(2022, 23), Point(2024, 23), Point(2025, 22)],
        target(2025, 1, "improve_by"),
        "lower",
        STRICT,
        AS_OF,
        DUE_JUNE,
    )
    assert rank.label == "met" and rank.level == 22


def test_a_missing_figure_is_awaited_until_its_usual_release_then_overdue():
    series = [Point(2023, 150), Point(2024, 170)]
    before = assess(series, target(2025, 180), "higher", STRICT, dt.date(2026, 6, 30), DUE_JUNE)
    assert before.label == "awaiting" and before.reason == "reason_awaiting"
    after = assess(series, target(2025, 180), "higher", STRICT, dt.date(2026, 7, 1), DUE_JUNE)
    assert after.label == "overdue" and after.reason == "reason_overdue"
    assert "2026年6月" in explain(after, "亿元", i18n.text("zh")) and "June 2026" in explain(
        after, "x", i18n.text("en")
    )
    unknown = assess(series, target(2025, 180), "higher", STRICT, AS_OF, None)
    assert unknown.label == "awaiting" and unknown.reason == "reason_awaiting_unknown"
    nothing = assess([], target(2025, 180), "higher", STRICT, AS_OF, DUE_JUNE)
    assert nothing.label == "no_source" and nothing.latest is None  # never "overdue": nothing was ever found


def test_a_target_still_ahead_gets_a_verdict_not_an_outcome():
    series = [Point(2023, 150), Point(2024, 170)]
    assert assess(series, target(2030, 180), "higher", STRICT, AS_OF, DUE_JUNE).label == "insufficient_data"
    assert (
        assess(series, target(2025, 180), "higher", STRICT, dt.date(2025, 12, 31), DUE_JUNE).label
        == "insufficient_data"
    )


def test_a_projection_of_whole_things_is_a_whole_number():
    result = assess([Point(2020, 1229), Point(2022, 1683), Point(2024, 2463)], target(2026, 3800), "higher", STRICT)
    sentence = explain(result, "家", i18n.text("zh"))
    assert result.reason == "reason_trend" and "." not in sentence.split("约")[1].split("家")[0], sentence


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
    cases = [
        assess([], target(2025, 180), "higher", RULE),
        assess([Point(2024, 190)], target(2025, 180), "higher", RULE),
        assess([Point(2016, 150.81), Point(2019, 196.42)], target(2025, 525), "higher", RULE),
        assess([Point(2021, 100), Point(2023, 102)], target(2030, 200), "higher", RULE),
        assess([Point(2020, 26), Point(2024, 23)], target(2030, 20, "within_top"), "lower", RULE),
        assess([Point(2024, 1)], target(2030, 3000, cumulative=True), "higher", RULE),
        assess([Point(2021, 100), Point(2023, 102)], target(2030, 200), "higher", STRICT),
        assess([Point(2019, 100), Point(2020, 101), Point(2021, 102)], target(2030, 200), "higher", STRICT),
        assess([Point(2024, 170)], target(2025, 180), "higher", STRICT, AS_OF, DUE_JUNE),
        assess([Point(2024, 170)], target(2025, 180), "higher", STRICT, dt.date(2026, 1, 1), DUE_JUNE),
        assess([Point(2024, 170)], target(2025, 180), "higher", STRICT, AS_OF, None),
        assess([Point(2025, 170)], target(2025, 180), "higher", STRICT, AS_OF, None),
    ]
    for result in cases:
        chinese, english = (
            explain(result, "亿元", i18n.text("zh")),
            explain(result, "100 million yuan", i18n.text("en")),
        )
        assert chinese and english and "{" not in chinese + english
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in english), english
    assert explain(cases[1], "亿元", i18n.text("zh")) == "2024年为190亿元，已达到目标（180亿元）。"
    assert (
        explain(cases[1], "100 million yuan", i18n.text("en"))
        == "19 billion yuan in 2024: the target (18 billion yuan) is reached."
    )  # prose in billions


@pytest.mark.parametrize("first", [1e-300, 5e-324])
def test_a_trend_too_steep_for_a_float_has_no_projection(first):
    """From 1e-300 to 144 in a year, compounded to 2030, once overflowed and stopped the build."""
    result = assess([Point(2021, first), Point(2022, 144.15)], target(2030, 525), "higher", RULE)
    assert result.label == "insufficient_data" and result.projected is None and result.reason == "reason_no_trend"


def test_a_rank_trend_reads_in_whole_places_never_half_a_place_a_year():
    result = assess([Point(2022, 24), Point(2024, 23), Point(2025, 23)], target(2030, 20, "within_top"), "lower", RULE)
    chinese = explain(result, "位", i18n.text("zh"), rank=True)
    assert "2022—2025年提升1位" in chinese and "需提升3位" in chinese and "0." not in chinese, chinese
    english = explain(result, "place", i18n.text("en"), rank=True)
    assert "Over 2022–2025: moving up one place;" in english and "that would take moving up 3 places" in english, (
        english
    )
    assert "0." not in english
