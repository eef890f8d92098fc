"""Progress against the headline targets, by a published rule (modelled on Open SDG's).

Pure functions from observations and targets to labels. Only preferred
figures count, one per indicator and year.

A target whose year is over (before the assessment date's year) has an
outcome: met (its year's figure, or an earlier one, meets it), missed (its
year's figure falls short), or, with no figure for its year found:
no_source when no figure has been found for any year; released_not_found
when the release holding it is known to be out (this site has not found
Gansu's figure in it); overdue once the indicator's usual release date for
that year has passed (past the usual date and not found here: a gap in this
site's search until shown otherwise, never the publisher's lateness);
otherwise awaiting.

A target still ahead gets a verdict, in order:

1. No figure at all: insufficient data.
2. The latest figure already meets the target: achieved.
3. Too little to see a trend: fewer than `min_observations` figures, the
   first and latest fewer than `min_span_years` apart, or the latest more
   than `max_latest_age_years` before the year of the assessment date (the
   age of the evidence, not its distance from the target year):
   insufficient data, with the reason.
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

import calendar
import datetime as dt
import math
from dataclasses import dataclass

TREND_WINDOW_YEARS = 10


@dataclass(frozen=True)
class Point:
    year: int
    value: float


@dataclass(frozen=True)
class Assessment:
    label: str  # year over: one of OUTCOMES; still ahead: achieved | on_track | off_track | insufficient_data
    level: float | None  # the value the target asks for, in the indicator's unit (a rank for rank targets)
    latest: Point | None  # the latest figure (for cumulative targets: the running total)
    gap: float | None  # level - latest: still to go (negative when past it)
    required: float | None  # annual growth (or places per year) needed from the latest figure to the target
    observed: float | None  # annual growth (or places per year) seen so far
    projected: float | None  # the trend extended to the target year
    reason: str  # a key of scripts/core/strings.yml (reason_…); `explain` words it in a language
    facts: tuple = ()  # (name, value) pairs the sentence quotes


@dataclass(frozen=True)
class Rule:
    min_observations: int
    min_span_years: int
    max_latest_age_years: int  # a trend's latest figure at most this many years before the assessment date's year
    baseline_before_year: int
    max_share_age_years: int = 2  # no share of a target from a figure older than this
    version: str = ""

    @classmethod
    def of(cls, descriptor: dict) -> Rule:
        """The rule as `datapackage.json` states it (its description is for readers)."""
        return cls(**{key: value for key, value in descriptor["progress_rule"].items() if key != "description"})


@dataclass(frozen=True)
class Release:
    """When an indicator's figure for a year usually appears: `lag_years` after it, by the end of `month`."""

    lag_years: int
    month: int

    def due(self, year: int) -> dt.date:
        """The last day of the month the figure for `year` is expected by."""
        release_year = year + self.lag_years
        return dt.date(release_year, self.month, calendar.monthrange(release_year, self.month)[1])


OUTCOMES = ("met", "missed", "overdue", "released_not_found", "no_source", "awaiting")  # a target whose year is over
FORECASTS = ("achieved", "on_track", "off_track", "insufficient_data")  # a target still ahead
LABELS = FORECASTS + OUTCOMES


def meets(value: float, level: float, better: str) -> bool:
    return value >= level if better == "higher" else value <= level


def growth(first: Point, last: Point, linear: bool) -> float | None:
    """Compound annual growth rate, or change per year when linear (ranks) or when compounding is undefined;
    None when there is no span of years or the figures are too far apart for a rate to mean anything."""
    years = last.year - first.year
    if years <= 0:
        return None
    try:
        rate = (
            (last.value - first.value) / years
            if linear or first.value <= 0 or last.value <= 0
            else (last.value / first.value) ** (1 / years) - 1
        )
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


def assess(
    series: list[Point],
    target: dict,
    better: str,
    rule: Rule,
    as_of: dt.date | None = None,
    release: Release | None = None,
    released: dict[int, str] | None = None,
) -> Assessment:
    """One target against a preferred series (one point per year, any order), as assessed on `as_of`
    (without one, no target's year is over and no figure is too old); `release` says when the indicator's
    figures usually appear, `released` which years' releases are known to be out (year -> date published)."""
    series = sorted(series, key=lambda point: point.year)
    linear = better == "lower"  # ranks
    year = target["year"]
    level, latest = target["value"], series[-1] if series else None

    if target["comparator"] == "improve_by":
        before = [p for p in series if p.year < rule.baseline_before_year]
        if not before:
            return Assessment(
                "insufficient_data",
                None,
                latest,
                None,
                None,
                None,
                None,
                "reason_no_baseline",
                (("baseline", rule.baseline_before_year),),
            )
        level = before[-1].value - target["value"]
    if as_of is not None and target["year"] < as_of.year:
        return outcome(series, target, level, better, rule, as_of, release, released or {})
    if target["cumulative"]:
        counted = [p for p in series if p.year >= rule.baseline_before_year]
        if not counted:
            return Assessment(
                "insufficient_data",
                level,
                None,
                None,
                None,
                None,
                None,
                "reason_no_cumulative",
                (("baseline", rule.baseline_before_year),),
            )
        total = Point(counted[-1].year, sum(p.value for p in counted))
        average = total.value / len(counted)
        projected = total.value + average * max(year - total.year, 0)
        label = (
            "achieved"
            if meets(total.value, level, better)
            else "on_track"
            if meets(projected, level, better)
            else "off_track"
        )
        unsure = None if label == "achieved" else too_little(counted, as_of, rule)
        if unsure:
            return Assessment("insufficient_data", level, total, level - total.value, None, average, None, *unsure)
        return Assessment(
            label,
            level,
            total,
            level - total.value,
            None,
            average,
            projected,
            "reason_cumulative",
            (
                ("baseline", rule.baseline_before_year),
                ("year", total.year),
                ("total", fmt(total.value)),
                ("average", fmt(average, 1)),
            ),
        )

    if latest is None:
        return Assessment("insufficient_data", level, None, None, None, None, None, "reason_no_figures")
    at_year = next((p for p in series if p.year == year), None)
    reference = at_year or latest
    gap = level - reference.value
    if meets(reference.value, level, better):
        return Assessment(
            "achieved",
            level,
            reference,
            gap,
            None,
            None,
            None,
            "reason_achieved",
            (("year", reference.year), ("value", fmt(reference.value)), ("level", fmt(level))),
        )
    if at_year is not None:
        return Assessment(
            "off_track",
            level,
            at_year,
            gap,
            None,
            None,
            None,
            "reason_missed",
            (("year", year), ("value", fmt(at_year.value)), ("level", fmt(level))),
        )
    window = [p for p in series if p.year >= latest.year - TREND_WINDOW_YEARS]
    unsure = too_little(window, as_of, rule)
    if unsure:
        return Assessment("insufficient_data", level, latest, gap, None, None, None, *unsure)
    observed = growth(window[0], latest, linear)
    required = growth(latest, Point(year, level), linear) if year > latest.year else None
    projected = extend(latest, observed, year, linear) if observed is not None else None
    if projected is None:
        return Assessment("insufficient_data", level, latest, gap, required, None, None, "reason_no_trend")
    label = "on_track" if meets(projected, level, better) else "off_track"
    whole = all(float(v).is_integer() for v in (level, *(p.value for p in series)))  # counts stay counts: 约3,005家
    return Assessment(
        label,
        level,
        latest,
        gap,
        required,
        observed,
        projected,
        "reason_trend",
        (
            ("start", window[0].year),
            ("end", latest.year),
            ("year", year),
            ("projected", fmt(projected, 0 if whole else 1)),
            ("level", fmt(level)),
            ("linear", linear),
        ),
    )


def too_little(series: list[Point], as_of: dt.date | None, rule: Rule) -> tuple | None:
    """(reason, facts) when a series (oldest first) is too thin to extend by the rule's confidence test on `as_of`; else None."""
    if len(series) < rule.min_observations:
        return "reason_too_few", (("minimum", rule.min_observations), ("count", len(series)))
    if series[-1].year - series[0].year < rule.min_span_years:
        return "reason_short_span", (("span", rule.min_span_years), ("start", series[0].year), ("end", series[-1].year))
    if as_of is not None and as_of.year - series[-1].year > rule.max_latest_age_years:
        return "reason_stale", (
            ("latest", series[-1].year),
            ("years", as_of.year - series[-1].year),
            ("age", rule.max_latest_age_years),
        )
    return None


def outcome(
    series: list[Point],
    target: dict,
    level: float,
    better: str,
    rule: Rule,
    as_of: dt.date,
    release: Release | None,
    released: dict[int, str],
) -> Assessment:
    """A target whose year is over: met, missed, or why its year's figure is missing (see the module's docstring)."""
    year = target["year"]
    found_any = bool(series)
    if target["cumulative"]:
        counted = [p for p in series if rule.baseline_before_year <= p.year <= year]
        series = [Point(p.year, sum(q.value for q in counted if q.year <= p.year)) for p in counted]
    at_year = next((p for p in series if p.year == year), None)
    if at_year is not None:
        label, reason = (
            ("met", "reason_achieved") if meets(at_year.value, level, better) else ("missed", "reason_missed")
        )
        return Assessment(
            label,
            level,
            at_year,
            level - at_year.value,
            None,
            None,
            None,
            reason,
            (("year", year), ("value", fmt(at_year.value)), ("level", fmt(level))),
        )
    earlier = [p for p in series if p.year < year]
    reached = next((p for p in reversed(earlier) if meets(p.value, level, better)), None)
    if reached is not None:
        return Assessment(
            "met",
            level,
            reached,
            level - reached.value,
            None,
            None,
            None,
            "reason_achieved",
            (("year", reached.year), ("value", fmt(reached.value)), ("level", fmt(level))),
        )
    latest = earlier[-1] if earlier else None
    gap = level - latest.value if latest else None
    if not found_any:
        return Assessment("no_source", level, None, None, None, None, None, "reason_no_source", (("year", year),))
    if year in released:
        return Assessment(
            "released_not_found",
            level,
            latest,
            gap,
            None,
            None,
            None,
            "reason_released_not_found",
            (("year", year), ("published", released[year])),
        )
    if release is None:
        return Assessment(
            "awaiting", level, latest, gap, None, None, None, "reason_awaiting_unknown", (("year", year),)
        )
    due = release.due(year)
    label = "overdue" if as_of > due else "awaiting"
    return Assessment(
        label,
        level,
        latest,
        gap,
        None,
        None,
        None,
        f"reason_{label}",
        (("year", year), ("due_year", due.year), ("due_month", due.month)),
    )


def fmt(value: float, decimals: int = 2) -> str:
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"


AMOUNTS = ("value", "level", "total", "average", "projected")  # facts that are figures in the indicator's unit


def explain(assessment: Assessment, unit: str, text, rank: bool = False) -> str:
    """The assessment's reason as one sentence in `text`'s language (an i18n.Text)."""
    facts = {key: text.amount(value, unit, rank) if key in AMOUNTS else value for key, value in assessment.facts}
    if "due_year" in facts:
        facts["due"] = text.month(facts.pop("due_year"), facts.pop("due_month"))
    if "published" in facts:
        facts["published"] = text.when(facts["published"])
    if assessment.reason != "reason_trend":
        return text(assessment.reason, **facts)

    def pace(rate: float, years: int) -> str:
        if not facts["linear"]:
            return text("pace_growth", rate=f"{rate:.1%}")
        if rate == 0:  # a rank's change in words: a smaller rank is better
            return text.pace_rank_same
        # whole places over the span the sentence names ("2022—2024年提升1位"), never a fraction of a place a year
        places = fmt(abs(rate) * years, 0)
        places = text.places_one if places == "1" else text("places_many", count=places)
        return text("pace_rank_up" if rate < 0 else "pace_rank_down", places=places)

    start, end, year = (dict(assessment.facts)[key] for key in ("start", "end", "year"))
    need = "" if assessment.required is None else text("need", pace=pace(assessment.required, year - end))
    verdict = text.verdict_on_track if assessment.label == "on_track" else text.verdict_off_track
    return text(
        "reason_trend",
        pace=pace(assessment.observed, end - start),
        need=need,
        verdict=verdict,
        **{k: v for k, v in facts.items() if k != "linear"},
    )


@dataclass(frozen=True)
class MilestoneVerdict:
    status: str  # met | not_met | awaiting | no_evidence (never "partly": see milestone_verdict)
    year: int  # the milestone's year
    figure_year: int | None = None  # the year of the evidence's figure, when it gives one short of the milestone
    value: float | None = None
    share: float | None = None  # value as a % of the milestone's number, unrounded


MILESTONE_STATUSES = ("met", "not_met", "awaiting", "no_evidence")


def milestone_verdict(evidence: dict | None, year: int, number: float) -> MilestoneVerdict:
    """The published milestone rule. A source saying the milestone is reached: met. Evidence that speaks for a date
    before the milestone's year ended and falls short of it says nothing yet about that year: awaiting that year's
    figure (with the share reached then), never "partly". Evidence from the year's end or later that falls short:
    not met. No source: no evidence."""
    if evidence is None:
        return MilestoneVerdict("no_evidence", year)
    if evidence["status"] == "met":
        return MilestoneVerdict("met", year)
    value = evidence.get("value")
    share = value / number * 100 if value is not None and number else None
    figure_year = evidence.get("year") or evidence["as_of"].year
    status = "awaiting" if evidence["as_of"] < dt.date(year, 12, 31) else "not_met"
    return MilestoneVerdict(status, year, figure_year, value, share)
