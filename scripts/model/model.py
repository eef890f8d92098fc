"""Records -> page models: plain frozen dataclasses, built by pure functions.

Templates only render these; every choice about what a page shows is made
here, where it can be unit-tested without building a site.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..core import i18n
from ..core.load import group
from ..source import document
from . import disclosure, progress


@dataclass(frozen=True)
class SectionRef:
    id: str
    heading: str  # as printed: "二、建设科技创新…" or "（一）奋力建设…。"
    title: str

    @property
    def label(self) -> str:
        """The heading as a label before other words (a list item, a breadcrumb): without its closing full stop."""
        return label_of(self.heading)


def label_of(heading: str) -> str:
    return heading.rstrip("。.")


@dataclass(frozen=True)
class UnitRole:
    id: str
    short_name: str
    full_name: str
    role: str  # lead | participant | noted
    role_label: str
    position: int | None
    name: str = ""  # as a list names it: the short name in Chinese, the full name in English (no "X (Gansu X)")
    expansion: str | None = None  # the full name beside the short one, where it says more


@dataclass(frozen=True)
class Milestone:
    sentence: str
    phrase: str
    comparator: str
    comparator_label: str
    value: float | int
    unit: str
    aspiration: bool
    wording: str = ""  # the plan's own words for it, in Chinese on every page (the phrase as the plan writes it)


@dataclass(frozen=True)
class TaskRef:
    id: int
    title: str
    section_id: str
    lead: str  # short name of the lead unit
    milestone_phrase: str | None


@dataclass(frozen=True)
class IndicatorLink:
    id: str
    name: str
    basis: str


@dataclass(frozen=True)
class Status:
    as_of: str
    status: str
    label: str
    summary: str | None
    source_title: str | None
    source_publisher: str | None
    source_url: str | None
    published: str | None
    quote: str | None
    source_kind_label: str | None
    untranslated: tuple[
        str, ...
    ] = ()  # on English pages, the fields shown in Chinese while their translation is pending


@dataclass(frozen=True)
class TaskPage:
    id: int
    title: str
    text: str
    part: SectionRef
    section: SectionRef
    milestone: Milestone | None
    units: tuple[UnitRole, ...]
    general_note: str | None  # the note that adds the "noted" units, quoted on the page
    general_note_task: int | None  # the task whose unit list holds that note
    indicators: tuple[IndicatorLink, ...]
    status: Status  # the latest assessment
    history: tuple[Status, ...]  # every assessment, newest first
    previous_id: int | None
    next_id: int | None
    updated: str | None = None  # the last commit that changed a row about this task
    evidence: tuple[Status, ...] = ()  # what sources say about the milestone, preferred and newest first
    milestone_label: str = (
        ""  # the milestone's verdict by the published rule (progress.milestone_verdict), with its detail
    )
    milestone_status: str = ""  # its key, for the badge


@dataclass(frozen=True)
class Observation:
    id: int
    year: int
    value: float | int
    preferred: bool
    source_title: str
    source_publisher: str
    source_url: str
    published: str
    quote: str
    source_kind: str
    source_kind_label: str
    note: str | None
    source_title_translated: str | None = None  # on English pages, next to the original title
    caveat: str | None = None  # what to know before citing it, shown beside the figure wherever it appears
    untranslated: tuple[
        str, ...
    ] = ()  # on English pages, the fields shown in Chinese while their translation is pending


@dataclass(frozen=True)
class Target:
    year: int
    phrase: str
    short: str  # the phrase from its comparator on: "达到62%", "进入全国前20位"
    comparator: str
    comparator_label: str
    value: float | int
    cumulative: bool
    note: str | None
    progress: progress.Assessment | None = None
    progress_label: str = ""
    reason: str = ""  # the progress assessment in words
    baseline: str = ""  # the baseline this site chose where the plan names none (rank targets), in words
    request: disclosure.Request | None = None  # a request for the figure, offered once it is past its usual release

    @property
    def status(self) -> str:
        """The assessment's key (met, overdue, on_track, …): the badge's colour and icon."""
        return self.progress.label if self.progress else "insufficient_data"


@dataclass(frozen=True)
class IndicatorPage:
    id: str
    position: int
    name: str
    name_en: str  # the name in English whatever the page's language (the search index wants both)
    unit: str
    unit_en: str
    better: str
    better_label: str
    definition: str
    targets: tuple[Target, ...]
    tasks: tuple[TaskRef, ...]
    latest: str  # the latest known figure with its year, or the words for missing data
    observations: tuple[Observation, ...] = ()  # every figure, conflicting ones included
    updated: str | None = None
    short_name: str = ""  # a few words for tiles and phone charts
    statistic: str = ""  # the official statistic behind the indicator
    publisher: str = ""  # who publishes it
    frequency_label: str | None = None  # "每年" / "Annual"; None when not known
    release_note: str | None = None  # what the release schedule rests on
    next_release: str | None = None  # "下一个数值（2025年）通常于2026年12月前发布" and whether that has passed
    latest_age: int | None = None  # years between the latest figure and the as-of year, when 2 or more
    searched: str = ""  # when sources for it were last searched, as readers write it
    latest_note: str = ""  # the latest figure's age, source kind and caveat: "7年前 · 媒体报道"

    @property
    def series(self) -> tuple[Observation, ...]:
        """The preferred figures, one per year, oldest first."""
        return tuple(sorted((o for o in self.observations if o.preferred), key=lambda o: o.year))


@dataclass(frozen=True)
class Tile:
    """One headline indicator on the scorecard: where it stands against the scorecard year's target."""

    id: str
    name: str
    latest: str  # the latest figure with its year, or the words for missing data
    targets: tuple[tuple[int, str], ...]  # (year, the target in a few words), every target year
    status: str  # met | missed | awaiting | overdue (or a verdict label when the year is not over)
    status_label: str
    reason: str
    points: tuple[tuple[int, float], ...]  # the preferred figures, oldest first, for the trend line
    level: float | None  # the scorecard year's target level, for the trend line's reference
    better: str = "higher"
    latest_age: int | None = None  # years since the latest figure, when 2 or more
    full_name: str = ""  # the plan's name, for the link's title
    latest_note: str = ""  # the latest figure's age, source kind and caveat
    searched: str | None = None  # when its sources were last searched, where that differs from the scorecard's date


@dataclass(frozen=True)
class MilestoneOutcome:
    task_id: int
    task_title: str
    sentence: str  # the plan's sentence: 2025年，省级科技创新型企业达到1800家。
    status: str  # one of progress.MILESTONE_STATUSES, by progress.milestone_verdict
    status_label: str
    summary: str | None
    source_title: str | None
    source_publisher: str | None
    source_url: str | None
    published: str | None
    source_kind_label: str | None
    others: int = 0  # further sources that say the same
    detail: str = ""  # what the evidence showed when it speaks for a date before the milestone's year ended
    untranslated: tuple[
        str, ...
    ] = ()  # on English pages, the fields shown in Chinese while their translation is pending


@dataclass(frozen=True)
class Scorecard:
    year: int
    as_of: str  # the assessment date (the build's), as readers write it
    tiles: tuple[Tile, ...]
    totals: tuple[tuple[str, str, int], ...]  # (status, label, count) in a fixed order, zeros included
    milestones: tuple[MilestoneOutcome, ...]
    milestone_totals: tuple[tuple[str, str, int], ...]
    searched: str = ""  # when sources were last searched (the package's date), as readers write it


@dataclass(frozen=True)
class AgencyPage:
    id: str
    short_name: str
    full_name: str
    other_name: str  # the full name in the other language: English on Chinese pages, Chinese on English ones
    kind: str
    kind_label: str
    leads: tuple[TaskRef, ...]
    joins: tuple[TaskRef, ...]
    noted: tuple[TaskRef, ...]
    updated: str | None = None


@dataclass(frozen=True)
class SectionPage:
    id: str
    part: SectionRef
    heading: str
    title: str
    tasks: tuple[TaskRef, ...]

    @property
    def label(self) -> str:
        return label_of(self.heading)


@dataclass(frozen=True)
class Part:
    id: str
    heading: str
    theme: str | None  # the quoted name in the heading: 五大高地, 四大通道
    text: str | None
    sections: tuple[SectionPage, ...]
    tasks: tuple[TaskRef, ...]  # tasks that sit directly under the part (none in this plan)


@dataclass(frozen=True)
class PlanLine:
    text: str
    anchor: str | None  # "task-1" for task lines
    level: int  # 0 paragraph, 1 title, 2 part heading, 3 subsection heading


@dataclass(frozen=True)
class Site:
    document: dict
    parts: tuple[Part, ...]
    tasks: tuple[TaskPage, ...]
    indicators: tuple[IndicatorPage, ...]
    agencies: tuple[AgencyPage, ...]
    sections: tuple[SectionPage, ...]
    plan: tuple[PlanLine, ...]
    counts: dict = field(default_factory=dict)
    rule: progress.Rule | None = None
    changes: tuple = ()  # history.Change, newest first
    lang: str = i18n.DEFAULT
    version: str = ""  # the data package's version
    scorecard: Scorecard | None = None
    as_of: dt.date | None = None  # the assessment date outcomes, ages and shares are judged on

    @property
    def agencies_by_involvement(self) -> tuple[AgencyPage, ...]:
        """Most tasks first (leads break ties); local governments, on every task by the note, last."""
        return tuple(
            sorted(
                self.agencies,
                key=lambda a: (a.kind == "local_government", -(len(a.leads) + len(a.joins)), -len(a.leads), a.id),
            )
        )


def section_ref(section: dict, text: i18n.Text) -> SectionRef:
    return SectionRef(section["id"], document.section_heading(section, text) or "", section["title"] or "")


def role_of(link: dict) -> str:
    """lead (listed first) | participant (listed after) | noted (added by a general note)."""
    return "noted" if link["basis"] == "general_note" else "lead" if link["position"] == 1 else "participant"


def unit_roles(
    mine: list[dict], agencies: dict[str, dict], note: str, note_names: dict[str, dict], text: i18n.Text
) -> tuple[UnitRole, ...]:
    """A task's listed units in their order (the first leads), then the units a note adds, in the note's order.

    The note is read in the language it names the units in (`note_names`, the Chinese rows); the roles
    carry the names of `agencies`, in the page's language.
    """
    listed = sorted((link for link in mine if link["basis"] == "listed"), key=lambda link: link["position"])
    noted = sorted(
        (link for link in mine if link["basis"] == "general_note"),
        key=lambda link: (note.find(note_names[link["agency_id"]]["short_name"]), link["agency_id"]),
    )
    roles = []
    for link in listed + noted:
        agency, role = agencies[link["agency_id"]], role_of(link)
        chinese = text.lang == i18n.DEFAULT
        roles.append(
            UnitRole(
                agency["id"],
                agency["short_name"],
                agency["full_name"],
                role,
                text.role[role],
                link["position"],
                name=agency["short_name"] if chinese else agency["full_name"],
                expansion=agency["full_name"]
                if chinese and says_more(agency["full_name"], agency["short_name"])
                else None,
            )
        )
    return tuple(roles)


def says_more(full_name: str, short_name: str) -> bool:
    """Whether a full name tells a reader more than the short one: 甘肃省科学技术厅 beside 省科技厅 does; 甘肃省财政厅 beside
    省财政厅 only adds the province every unit here belongs to."""
    return full_name not in (short_name, "甘肃" + short_name)


def current_status(rows: list[dict]) -> dict:
    """A task's status now: its latest sourced assessment. not_assessed cites nothing, so it stands only where no source
    has been found: a row saying "not yet assessed", whatever its date, never hides what a source showed."""
    sourced = [row for row in rows if row["status"] != "not_assessed"]
    return max(sourced or rows, key=lambda row: row["as_of"])


def sourced_status(row: dict, status: str, label: str, text: i18n.Text) -> Status:
    """A dated, sourced judgement (a task's status, or a source on a milestone) with its key and label."""
    kind = row.get("source_kind")
    return Status(
        str(row["as_of"]),
        status,
        label,
        row.get("summary"),
        row.get("source_title"),
        row.get("source_publisher"),
        row.get("source_url"),
        row.get("published"),
        row.get("quote"),
        text.source_kind.get(kind) if kind else None,
        row.get(i18n.UNTRANSLATED, ()),
    )


def status_model(row: dict, text: i18n.Text) -> Status:
    return sourced_status(row, row["status"], text.task_status[row["status"]], text)


def as_of(records: dict[str, list[dict]], changes: tuple = ()) -> dt.date:
    """The date the site's data speaks for: the newest of the last data commit and every date in the data.

    Taken from the data, never from the clock, so that a build of the same commit is the same on any day.
    """
    found = [dt.date.fromisoformat(change.commit.date) for change in changes]
    for name in ("task_status", "milestone_evidence"):
        found += [row["as_of"] for row in records.get(name, [])]
    found += [dt.date.fromisoformat((str(row["published"]) + "-01-01")[:10]) for row in records.get("observations", [])]
    return max(found, default=dt.date(1970, 1, 1))


def milestone_words(verdict: progress.MilestoneVerdict, unit: str, text: i18n.Text) -> tuple[str, str]:
    """(label, detail) of a milestone verdict: "等待2025年数字", "（2024年：1762家，为目标的98%）"."""
    label = text.milestone_status[verdict.status].format(year=verdict.year)
    if verdict.value is None or verdict.share is None or verdict.status == "met":
        return label, ""
    return label, text(
        "milestone_share",
        year=verdict.figure_year,
        amount=text.amount(progress.fmt(verdict.value), unit),
        share=progress.fmt(verdict.share, 0),
    )


def evidence_in_order(rows: list[dict]) -> list[dict]:
    """A milestone's evidence in the one order every listing uses (pages, API): preferred first, then newest first."""
    return sorted(rows, key=lambda e: (e["preferred"], e["as_of"]), reverse=True)


def best_evidence(rows: list[dict]) -> dict | None:
    """The source a milestone's verdict rests on: the first in evidence order."""
    return next(iter(evidence_in_order(rows)), None)


def milestone_fields(milestone: dict | None, rows: list[dict], text: i18n.Text) -> dict:
    """A task page's milestone verdict (label with its detail, and key): the same on the home page, the task page and /progress/."""
    if milestone is None:
        return {}
    verdict = progress.milestone_verdict(best_evidence(rows), milestone["year"], milestone["value"])
    label, detail = milestone_words(verdict, milestone["unit"], text)
    return {"milestone_label": label + detail, "milestone_status": verdict.status}


def evidence_model(row: dict, milestone: dict, text: i18n.Text) -> Status:
    """A source on a milestone, in the shape of a status: labelled by the milestone rule (progress.milestone_verdict)."""
    verdict = progress.milestone_verdict(row, milestone["year"], milestone["value"])
    label, detail = milestone_words(verdict, milestone["unit"], text)
    return sourced_status(row, verdict.status, label + detail, text)


def build(
    records: dict[str, list[dict]],
    descriptor: dict,
    changes: tuple = (),
    dates: dict | None = None,
    lang: str = i18n.DEFAULT,
    known: dt.date | None = None,
) -> Site:
    """The whole site's page models in one language. `changes` and `dates` come from the git history (empty outside git);
    `known` is the date outcomes are judged on (by default `as_of` of the records and changes)."""
    dates = dates or {}
    known = known or as_of(records, changes)
    text = i18n.text(lang)
    originals = {row["id"]: row for row in records["agencies"]}
    note_order = next((task["responsibility_note"] for task in records["tasks"] if task["responsibility_note"]), "")
    wordings = {row["task_id"]: row["phrase"] for row in records["milestones"]}  # the plan's words, before translation
    source, records = records, i18n.localize(records, descriptor, lang)
    requests = disclosure_requests(source, records, descriptor)
    rule = progress.Rule.of(descriptor)
    sections = {row["id"]: row for row in records["sections"]}
    agencies = {row["id"]: row for row in records["agencies"]}
    indicators = {row["id"]: row for row in records["indicators"]}
    milestones = {row["task_id"]: row for row in records["milestones"]}
    links = records["task_agencies"]
    tasks = sorted(records["tasks"], key=lambda task: task["id"])

    noting = next((task for task in tasks if task["responsibility_note"]), None)
    note = noting["responsibility_note"] if noting else ""
    links_by_task, statuses = group(links, "task_id"), group(records["task_status"], "task_id")
    links_by_agency = group(links, "agency_id")
    evidence_by_task = group(records.get("milestone_evidence", []), "task_id")
    indicator_links, tasks_by_section = group(records["task_indicators"], "task_id"), group(tasks, "section_id")
    roles = {
        task["id"]: unit_roles(links_by_task.get(task["id"], []), agencies, note_order, originals, text)
        for task in tasks
    }
    task_refs = {
        task["id"]: TaskRef(
            task["id"],
            task["title"],
            task["section_id"],
            next(r.short_name for r in roles[task["id"]] if r.role == "lead"),
            milestones[task["id"]]["phrase"] if task["id"] in milestones else None,
        )
        for task in tasks
    }

    task_pages = tuple(
        TaskPage(
            id=task["id"],
            title=task["title"],
            text=task["text"],
            part=section_ref(sections[sections[task["section_id"]]["parent_id"] or task["section_id"]], text),
            section=section_ref(sections[task["section_id"]], text),
            milestone=milestone_model(task, milestones.get(task["id"]), text, wordings.get(task["id"], "")),
            units=roles[task["id"]],
            general_note=note if any(role.role == "noted" for role in roles[task["id"]]) else None,
            general_note_task=noting["id"] if noting else None,
            indicators=tuple(
                IndicatorLink(link["indicator_id"], indicators[link["indicator_id"]]["name"], link["basis"])
                for link in indicator_links.get(task["id"], [])
            ),
            status=status_model(current_status(statuses[task["id"]]), text),
            history=tuple(
                status_model(s, text) for s in sorted(statuses[task["id"]], key=lambda s: s["as_of"], reverse=True)
            ),
            previous_id=tasks[i - 1]["id"] if i > 0 else None,
            next_id=tasks[i + 1]["id"] if i + 1 < len(tasks) else None,
            updated=dates.get(("task", str(task["id"]))),
            evidence=tuple(
                evidence_model(row, milestones[task["id"]], text)
                for row in evidence_in_order(evidence_by_task.get(task["id"], []))
            ),
            **milestone_fields(milestones.get(task["id"]), evidence_by_task.get(task["id"], []), text),
        )
        for i, task in enumerate(tasks)
    )

    section_pages = tuple(
        SectionPage(
            row["id"],
            section_ref(sections[row["parent_id"]], text),
            document.section_heading(row, text),
            row["title"],
            tuple(task_refs[t["id"]] for t in tasks_by_section.get(row["id"], [])),
        )
        for row in sorted(sections.values(), key=lambda s: s["id"])
        if row["level"] == 2
    )
    parts = tuple(
        Part(
            row["id"],
            document.section_heading(row, text),
            theme(row["title"]),
            row["text"],
            tuple(page for page in section_pages if page.part.id == row["id"]),
            tuple(task_refs[t["id"]] for t in tasks_by_section.get(row["id"], [])),
        )
        for row in sorted(sections.values(), key=lambda s: s["id"])
        if row["level"] == 1
    )

    document_metadata = document_model(descriptor["document"], text)
    searched = descriptor.get("sources_searched")
    indicator_pages = tuple(
        indicator_page(
            row, records, task_refs, rule, dates.get(("indicator", row["id"])), text, known, searched, requests
        )
        for row in sorted(indicators.values(), key=lambda r: r["position"])
    )
    return Site(
        document=document_metadata,
        parts=parts,
        tasks=task_pages,
        indicators=indicator_pages,
        agencies=tuple(
            agency_page(
                row,
                originals[row["id"]],
                links_by_agency.get(row["id"], []),
                task_refs,
                dates.get(("agency", row["id"])),
                text,
            )
            for row in sorted(agencies.values(), key=agency_order)
        ),
        sections=section_pages,
        plan=plan_lines(document_metadata["title"], records, text),
        counts={name: len(rows) for name, rows in records.items()},
        rule=rule,
        changes=tuple(reversed(changes)),
        lang=lang,
        version=str(descriptor.get("version", "")),
        scorecard=scorecard(indicator_pages, records, task_refs, known, text, text.when(searched) if searched else ""),
        as_of=known,
    )


TARGET_TAIL = re.compile(r"(累计)?(达到|提升|进入全国前)?[0-9][0-9.]*[^0-9]*$")


def short_phrase(phrase: str) -> str:
    """The plan's own words for the number: the end of the phrase, from its comparator on."""
    tail = TARGET_TAIL.search(phrase)
    return tail[0] if tail else phrase


def short_target(target: dict, unit: str, text: i18n.Text) -> str:
    """A target in a few words for narrow tables: the plan's own words in Chinese, the figure in English."""
    if text.lang == i18n.DEFAULT:
        return short_phrase(target["phrase"])
    figure = progress.fmt(target["value"])
    if target["comparator"] == "within_top":
        return f"top {figure}"
    if target["comparator"] == "improve_by":
        return f"up {figure} place{'s' if target['value'] != 1 else ''}"
    amount = text.amount(figure, unit)
    return f"cumulative {amount}" if target["cumulative"] else amount


def document_model(document: dict, text: i18n.Text) -> dict:
    document = i18n.localize_document(document, text.lang)
    return {**document, "signed_zh": text.date(document["signed"]), "published_zh": text.date(document["published"])}


def theme(title: str) -> str | None:
    """ "建设科技创新“五大高地”，…" -> "五大高地"."""
    quoted = re.search(r"“(.+?)”", title or "")
    return quoted[1] if quoted else None


def milestone_model(task: dict, milestone: dict | None, text: i18n.Text, wording: str = "") -> Milestone | None:
    if milestone is None:
        return None
    return Milestone(
        task["milestone"],
        milestone["phrase"],
        milestone["comparator"],
        text.comparator[milestone["comparator"]],
        milestone["value"],
        milestone["unit"],
        milestone["aspiration"],
        wording or milestone["phrase"],
    )


def observation_model(row: dict, text: i18n.Text) -> Observation:
    return Observation(
        row["id"],
        row["year"],
        row["value"],
        row["preferred"],
        row["source_title"],
        row["source_publisher"],
        row["source_url"],
        row["published"],
        row["quote"],
        row["source_kind"],
        text.source_kind[row["source_kind"]],
        row["note"],
        row.get("source_title_en") if text.lang != i18n.DEFAULT else None,
        row.get("caveat"),
        row.get(i18n.UNTRANSLATED, ()),
    )


def age_words(years: int, text: i18n.Text) -> str:
    """How old a figure is at the assessment: 今年, 1年前, 7年前."""
    return (
        text.latest_age_none if years <= 0 else text.latest_age_one if years == 1 else text("latest_age", years=years)
    )


def latest_note(latest: Observation, known: dt.date | None, text: i18n.Text) -> str:
    """The latest figure's age, source kind and caveat, for every place it is shown: "7年前 · 媒体报道"."""
    parts = [age_words(known.year - latest.year, text)] if known else []
    parts.append(latest.source_kind_label)
    if latest.caveat:
        parts.append(text("caveat_mark", caveat=latest.caveat))
    return " · ".join(parts)


def baseline_words(
    target: dict, assessment: progress.Assessment, series: list[progress.Point], rule: progress.Rule, text: i18n.Text
) -> str:
    """Where the plan names no baseline (提升N位), the one this site took, in words; empty for other targets."""
    before = [p for p in series if p.year < rule.baseline_before_year]
    if target["comparator"] != "improve_by" or not before or assessment.level is None:
        return ""
    rank, level = progress.fmt(before[-1].value), progress.fmt(assessment.level)
    return text(
        "baseline_line",
        edition=before[-1].year,
        year=target["year"],
        before=rule.baseline_before_year,
        rank_ordinal=text.amount(rank, "位", rank=True),
        level_ordinal=text.amount(level, "位", rank=True),
    )


def release_of(row: dict) -> progress.Release | None:
    known = row.get("release_lag_years") is not None and row.get("release_month") is not None
    return progress.Release(row["release_lag_years"], row["release_month"]) if known else None


def next_release(row: dict, latest_year: int | None, known: dt.date, text: i18n.Text) -> str | None:
    """What to look for next: the newest year whose figure should be out by `known`, when it is later than the
    latest figure found (overdue); otherwise the year after the latest and when it is due."""
    release = release_of(row)
    if release is None:
        return None
    due_year = known.year - release.lag_years
    while release.due(due_year) >= known:
        due_year -= 1
    if latest_year is None or due_year > latest_year:
        due = release.due(due_year)
        return text("next_release_overdue", year=due_year, due=text.month(due.year, due.month))
    due = release.due(latest_year + 1)
    return text("next_release", year=latest_year + 1, due=text.month(due.year, due.month))


def disclosure_requests(records: dict, localized: dict, descriptor: dict) -> dict[str, disclosure.Request]:
    """Every target's request (by target id), written from the Chinese records, which is what is filed; the channels
    are shown from `localized`. The page offers a request only once its figure is past its usual release."""
    channels = {row["body"]: row for row in records.get("disclosure_channels", [])}
    shown = dict(zip(channels, localized.get("disclosure_channels", [])))
    indicators = {row["id"]: row for row in records["indicators"]}
    made = {
        t["id"]: disclosure.request(indicators[t["indicator_id"]], t, descriptor["document"], channels, shown)
        for t in records["targets"]
    }
    return {key: request for key, request in made.items() if request}


def indicator_page(
    row: dict,
    records: dict,
    task_refs: dict[int, TaskRef],
    rule: progress.Rule,
    updated: str | None,
    text: i18n.Text,
    known: dt.date | None = None,
    searched: str | None = None,
    requests: dict[str, disclosure.Request] | None = None,
) -> IndicatorPage:
    targets = sorted((t for t in records["targets"] if t["indicator_id"] == row["id"]), key=lambda t: t["year"])
    related = sorted({link["task_id"] for link in records["task_indicators"] if link["indicator_id"] == row["id"]})
    observations = tuple(
        observation_model(o, text)
        for o in sorted(
            (o for o in records["observations"] if o["indicator_id"] == row["id"]),
            key=lambda o: (o["year"], not o["preferred"], o["id"]),
        )
    )
    preferred = [o for o in observations if o.preferred]  # observations are in year order
    series = [progress.Point(o.year, o.value) for o in preferred]
    latest = preferred[-1] if preferred else None
    released = {r["year"]: r["published"] for r in records.get("releases", []) if r["indicator_id"] == row["id"]}
    assessments = {
        t["id"]: progress.assess(series, t, row["better"], rule, known, release_of(row), released) for t in targets
    }
    age = known.year - latest.year if known and latest else None
    return IndicatorPage(
        id=row["id"],
        position=row["position"],
        name=row["name"],
        name_en=row["name_en"],
        unit=row["unit"],
        unit_en=row["unit_en"],
        better=row["better"],
        better_label=text.better[row["better"]],
        definition=row["definition"],
        targets=tuple(
            Target(
                t["year"],
                t["phrase"],
                short_target(t, row["unit"], text),
                t["comparator"],
                text.comparator[t["comparator"]],
                t["value"],
                t["cumulative"],
                t["note"],
                assessments[t["id"]],
                text.progress_label[assessments[t["id"]].label],
                progress.explain(assessments[t["id"]], row["unit"], text, rank=row["better"] == "lower"),
                baseline_words(t, assessments[t["id"]], series, rule, text),
                (requests or {}).get(t["id"]) if assessments[t["id"]].label in disclosure.OFFERED_WHEN else None,
            )
            for t in targets
        ),
        tasks=tuple(task_refs[task_id] for task_id in related),
        latest=text(
            "latest_value",
            amount=text.amount(progress.fmt(latest.value), row["unit"], rank=row["better"] == "lower"),
            year=latest.year,
        )
        if latest
        else text.missing,
        observations=observations,
        updated=updated,
        short_name=row.get("short_name") or row["name"],
        statistic=row.get("statistic") or "",
        publisher=row.get("publisher") or "",
        frequency_label=text.frequency[row["frequency"]] if row.get("frequency") else None,
        release_note=row.get("release_note"),
        next_release=next_release(row, latest.year if latest else None, known, text) if known else None,
        latest_age=age if age is not None and age >= 2 else None,
        searched=text.when(row.get("sources_searched") or searched)
        if (row.get("sources_searched") or searched)
        else "",
        latest_note=latest_note(latest, known, text) if latest else "",
    )


OUTCOME_ORDER = progress.OUTCOMES
MILESTONE_ORDER = progress.MILESTONE_STATUSES


def scorecard(
    indicators: tuple[IndicatorPage, ...],
    records: dict,
    task_refs: dict[int, TaskRef],
    known: dt.date,
    text: i18n.Text,
    searched: str = "",
) -> Scorecard | None:
    """The outcome of every target of the first target year, and of every milestone of that year, on one screen."""
    years = sorted({t.year for i in indicators for t in i.targets})
    if not years:
        return None
    year = years[0]
    tiles = []
    for indicator in indicators:
        target = next((t for t in indicator.targets if t.year == year), None)
        if target is None:
            continue
        label = target.progress.label if target.progress else "insufficient_data"
        tiles.append(
            Tile(
                indicator.id,
                indicator.short_name,
                indicator.latest,
                tuple((t.year, t.short) for t in indicator.targets),
                label,
                text.progress_label[label],
                target.reason + (text.sentence_gap + target.baseline if target.baseline else ""),
                tuple((o.year, o.value) for o in indicator.series),
                target.progress.level if target.progress else None,
                indicator.better,
                indicator.latest_age,
                indicator.name,
                indicator.latest_note,
                indicator.searched if indicator.searched != searched else None,
            )
        )
    counts = {label: sum(tile.status == label for tile in tiles) for label in {tile.status for tile in tiles}}
    order = [*OUTCOME_ORDER, *(label for label in text.progress_label if label not in OUTCOME_ORDER)]
    totals = tuple(
        (label, text.progress_label[label], counts.get(label, 0))
        for label in order
        if label in counts or label in OUTCOME_ORDER
    )
    evidence = group(records.get("milestone_evidence", []), "task_id")
    sentences = {task["id"]: task["milestone"] for task in records["tasks"]}
    milestones = []
    for row in sorted(records["milestones"], key=lambda m: m["task_id"]):
        if row["year"] != year:
            continue
        rows = evidence.get(row["task_id"], [])
        best = best_evidence(rows)
        verdict = progress.milestone_verdict(best, row["year"], row["value"])
        label, detail = milestone_words(verdict, row["unit"], text)
        milestones.append(
            MilestoneOutcome(
                row["task_id"],
                task_refs[row["task_id"]].title,
                sentences[row["task_id"]],
                verdict.status,
                label,
                best["summary"] if best else None,
                (best.get("source_title_en") if text.lang != i18n.DEFAULT else None) or best["source_title"]
                if best
                else None,
                best["source_publisher"] if best else None,
                best["source_url"] if best else None,
                best["published"] if best else None,
                text.source_kind[best["source_kind"]] if best else None,
                max(len(rows) - 1, 0),
                detail,
                best.get(i18n.UNTRANSLATED, ()) if best else (),
            )
        )
    milestone_counts = {status: sum(m.status == status for m in milestones) for status in MILESTONE_ORDER}
    return Scorecard(
        year,
        text.date(known.isoformat()),
        tuple(tiles),
        totals,
        tuple(milestones),
        tuple(
            (status, text.milestone_status[status].format(year=year), milestone_counts[status])
            for status in MILESTONE_ORDER
        ),
        searched,
    )


KIND_ORDER = ("provincial_government_department", "party_committee_body", "central_agency_branch", "local_government")


def agency_order(agency: dict) -> tuple:
    """Provincial departments first, then party bodies, central branches, local governments; by id within."""
    return (KIND_ORDER.index(agency["kind"]), agency["id"])


def agency_page(
    row: dict, original: dict, mine: list[dict], task_refs: dict[int, TaskRef], updated: str | None, text: i18n.Text
) -> AgencyPage:
    def pick(test) -> tuple[TaskRef, ...]:
        return tuple(
            task_refs[link["task_id"]] for link in sorted(mine, key=lambda link: link["task_id"]) if test(link)
        )

    return AgencyPage(
        id=row["id"],
        short_name=row["short_name"],
        full_name=row["full_name"],
        other_name=original["full_name_en"] if text.lang == i18n.DEFAULT else original["full_name"],
        kind=row["kind"],
        kind_label=text.agency_kind_one[row["kind"]],  # one unit: singular in English
        leads=pick(lambda link: link["position"] == 1),
        joins=pick(lambda link: link["basis"] == "listed" and link["position"] != 1),
        noted=pick(lambda link: link["basis"] == "general_note"),
        updated=updated,
    )


def plan_lines(title: str, records: dict, text: i18n.Text) -> tuple[PlanLine, ...]:
    """The full text line by line, marking headings and giving each task line an anchor."""
    return tuple(
        PlanLine(line.text, f"task-{line.task_id}" if line.task_id else None, line.level)
        for line in document.lines(
            title, records["sections"], records["tasks"], records["task_agencies"], records["agencies"], text
        )
    )
