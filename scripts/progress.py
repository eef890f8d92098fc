"""Progress against the headline targets, by a published rule (modelled on Open SDG's).

Pure functions from observations and targets to labels. Only preferred
figures count, one per indicator and year. The rule, in order:

1. No figure at all: insufficient data.
2. The latest figure already meets the target: achieved.
3. Fewer than `min_observations` figures, or the latest older than
   `oldest_latest_year`: insufficient data.
4. Otherwise extend the trend seen so far to the target year: the compound
   annual growth rate from the earliest figure (within ten years of the
   latest) to the latest; for a rank (lower is better) the change in places
   per year, since ranks do not compound. If the extended trend meets the
   target: on track; if not: off track.

Target kinds: a level to reach (达到, 以上, 左右, or a bare number); a rank to
stay within (进入前N位, rank ≤ N); a rank to improve by N places (提升N位),
read against the latest figure before `baseline_before_year`; and a
cumulative count (累计), the sum of yearly figures from `baseline_before_year`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

TREND_WINDOW_YEARS = 10


@dataclass(frozen=True)
class Point:
    year: int
    value: float


@dataclass(frozen=True)
class Assessment:
    label: str  # achieved | on_track | off_track | insufficient_data
    level: float | None  # the value the target asks for, in the indicator's unit (a rank for rank targets)
    latest: Point | None  # the latest figure (for cumulative targets: the running total)
    gap: float | None  # level - latest: still to go (negative when past it)
    required: float | None  # annual growth (or places per year) needed from the latest figure to the target
    observed: float | None  # annual growth (or places per year) seen so far
    projected: float | None  # the trend extended to the target year
    reason: str  # a key of scripts/strings.yml (reason_…); `explain` words it in a language
    facts: tuple = ()  # (name, value) pairs the sentence quotes


@dataclass(frozen=True)
class Rule:
    min_observations: int
    oldest_latest_year: int
    baseline_before_year: int


def meets(value: float, level: float, better: str) -> bool:
    return value >= level if better == "higher" else value <= level


def growth(first: Point, last: Point, linear: bool) -> float | None:
    """Compound annual growth rate, or change per year when linear (ranks) or when compounding is undefined;
    None when there is no span of years or the figures are too far apart for a rate to mean anything."""
    years = last.year - first.year
    if years <= 0:
        return None
    try:
        rate = (last.value - first.value) / years if linear or first.value <= 0 or last.value <= 0 else \
            (last.value / first.value) ** (1 / years) - 1
    except (OverflowError, ZeroDivisionError):
        return None
    return rate if math.isfinite(rate) else None


def extend(point: Point, rate: float, year: int, linear: bool) -> float | None:
    """The trend extended to `year`; None where it runs past what a float can hold."""
    years = year - point.year
    try:
        value = point.value + rate * years if linear else point.value * (1 + rate) ** years
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


def assess(series: list[Point], target: dict, better: str, rule: Rule) -> Assessment:
    """One target against a preferred series (one point per year, any order)."""
    series = sorted(series, key=lambda point: point.year)
    linear = better == "lower"  # ranks
    year = target["year"]
    level, latest = target["value"], series[-1] if series else None

    if target["comparator"] == "improve_by":
        before = [p for p in series if p.year < rule.baseline_before_year]
        if not before:
            return Assessment("insufficient_data", None, latest, None, None, None, None,
                              "reason_no_baseline", (("baseline", rule.baseline_before_year),))
        level = before[-1].value - target["value"]
    if target["cumulative"]:
        counted = [p for p in series if p.year >= rule.baseline_before_year]
        if not counted:
            return Assessment("insufficient_data", level, None, None, None, None, None,
                              "reason_no_cumulative", (("baseline", rule.baseline_before_year),))
        total = Point(counted[-1].year, sum(p.value for p in counted))
        average = total.value / len(counted)
        projected = total.value + average * max(year - total.year, 0)
        label = "achieved" if meets(total.value, level, better) else "on_track" if meets(projected, level, better) else "off_track"
        if label != "achieved" and len(counted) < rule.min_observations:
            label = "insufficient_data"
        return Assessment(label, level, total, level - total.value, None, average, projected,
                          "reason_cumulative", (("baseline", rule.baseline_before_year), ("year", total.year),
                                                ("total", fmt(total.value)), ("average", fmt(average, 1))))

    if latest is None:
        return Assessment("insufficient_data", level, None, None, None, None, None, "reason_no_figures")
    at_year = next((p for p in series if p.year == year), None)
    reference = at_year or latest
    gap = level - reference.value
    if meets(reference.value, level, better):
        return Assessment("achieved", level, reference, gap, None, None, None,
                          "reason_achieved", (("year", reference.year), ("value", fmt(reference.value)), ("level", fmt(level))))
    if at_year is not None:
        return Assessment("off_track", level, at_year, gap, None, None, None,
                          "reason_missed", (("year", year), ("value", fmt(at_year.value)), ("level", fmt(level))))
    if len(series) < rule.min_observations or latest.year < rule.oldest_latest_year:
        return Assessment("insufficient_data", level, latest, gap, None, None, None,
                          "reason_too_few", (("minimum", rule.min_observations), ("oldest", rule.oldest_latest_year),
                                             ("count", len(series)), ("latest", latest.year)))
    window = [p for p in series if p.year >= latest.year - TREND_WINDOW_YEARS]
    observed = growth(window[0], latest, linear)
    required = growth(latest, Point(year, level), linear) if year > latest.year else None
    projected = extend(latest, observed, year, linear) if observed is not None else None
    if projected is None:
        return Assessment("insufficient_data", level, latest, gap, required, None, None, "reason_no_trend")
    label = "on_track" if meets(projected, level, better) else "off_track"
    return Assessment(label, level, latest, gap, required, observed, projected,
                      "reason_trend", (("start", window[0].year), ("end", latest.year), ("year", year), ("projected", fmt(projected, 1)),
                                       ("level", fmt(level)), ("linear", linear)))


def fmt(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"


AMOUNTS = ("value", "level", "total", "average", "projected")  # facts that are figures in the indicator's unit


def explain(assessment: Assessment, unit: str, text, rank: bool = False) -> str:
    """The assessment's reason as one sentence in `text`'s language (an i18n.Text)."""
    facts = {key: text.amount(value, unit, rank) if key in AMOUNTS else value for key, value in assessment.facts}
    if assessment.reason != "reason_trend":
        return text(assessment.reason, **facts)

    def pace(rate: float) -> str:
        if not facts["linear"]:
            return text("pace_growth", rate=f"{rate:.1%}")
        if rate == 0:  # a rank's change in words: a smaller rank is better
            return text.pace_rank_same
        return text("pace_rank_up" if rate < 0 else "pace_rank_down", places=fmt(abs(rate)))

    need = "" if assessment.required is None else text("need", pace=pace(assessment.required))
    verdict = text.verdict_on_track if assessment.label == "on_track" else text.verdict_off_track
    return text("reason_trend", pace=pace(assessment.observed), need=need, verdict=verdict,
                **{k: v for k, v in facts.items() if k != "linear"})
