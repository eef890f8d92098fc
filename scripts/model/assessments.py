"""Site model -> the derived `assessments` table: every verdict the site shows, as data a journalist can reproduce.

Target outcomes and trend verdicts (with their reasons in both languages) and milestone verdicts, each with the
assessment date, the date sources were last searched and the rule's version. Computed by this site, never official:
the table says so in every row, and it ships beside the data package (downloads, ZIP, workbook), not inside it.
"""

from __future__ import annotations

from .model import Site

COLUMNS = [
    "kind",
    "indicator_id",
    "task_id",
    "year",
    "label",
    "label_zh",
    "label_en",
    "reason_zh",
    "reason_en",
    "level",
    "latest_year",
    "latest_value",
    "assessed_on",
    "sources_searched",
    "rule_version",
    "computed_by",
]
DESCRIPTION = {
    "kind": "target (a headline indicator's target) or milestone (a task's 2025 number)",
    "indicator_id": "the indicator, for a target",
    "task_id": "the task, for a milestone",
    "year": "the target's or milestone's year",
    "label": "the verdict's key (about/#progress-rule, about/#milestone-rule)",
    "label_zh": "the verdict as the Chinese pages show it",
    "label_en": "the verdict as the English pages show it",
    "reason_zh": "why, in Chinese (targets)",
    "reason_en": "why, in English (targets)",
    "level": "the value the target or milestone asks for (a rank for rank targets)",
    "latest_year": "the year of the figure the verdict rests on",
    "latest_value": "that figure",
    "assessed_on": "the assessment date (the build's)",
    "sources_searched": "when sources were last searched",
    "rule_version": "the version of the published rule",
    "computed_by": "who computed it: this site, not an official body",
}
COMPUTED_BY = "this site (not an official assessment)"


def rows(sites: dict[str, Site], searched: str) -> list[dict]:
    """One row per target and per milestone, in both languages (`sites` by language, built on the same date)."""
    zh, en = sites["zh"], sites["en"]
    common = {
        "assessed_on": zh.as_of.isoformat() if zh.as_of else "",
        "sources_searched": searched,
        "rule_version": zh.rule.version if zh.rule else "",
        "computed_by": COMPUTED_BY,
    }
    out = []
    for indicator, indicator_en in zip(zh.indicators, en.indicators):
        for target, target_en in zip(indicator.targets, indicator_en.targets):
            a = target.progress
            out.append(
                {
                    "kind": "target",
                    "indicator_id": indicator.id,
                    "task_id": None,
                    "year": target.year,
                    "label": target.status,
                    "label_zh": target.progress_label,
                    "label_en": target_en.progress_label,
                    "reason_zh": target.reason,
                    "reason_en": target_en.reason,
                    "level": a.level if a else None,
                    "latest_year": a.latest.year if a and a.latest else None,
                    "latest_value": a.latest.value if a and a.latest else None,
                    **common,
                }
            )
    if zh.scorecard and en.scorecard:
        for milestone, milestone_en in zip(zh.scorecard.milestones, en.scorecard.milestones):
            task = next(t for t in zh.tasks if t.id == milestone.task_id)
            out.append(
                {
                    "kind": "milestone",
                    "indicator_id": None,
                    "task_id": milestone.task_id,
                    "year": zh.scorecard.year,
                    "label": milestone.status,
                    "label_zh": milestone.status_label + milestone.detail,
                    "label_en": milestone_en.status_label + milestone_en.detail,
                    "reason_zh": milestone.summary,
                    "reason_en": None,
                    "level": task.milestone.value if task.milestone else None,
                    "latest_year": None,
                    "latest_value": None,
                    **common,
                }
            )
    return out
