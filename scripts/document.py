"""Records -> the plan's full text, line for line as officially published.

The validator compares this with data/plan.zh-Hans.md byte for byte, which
proves the data files hold every sentence of the plan and nothing else.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from . import structure
from .load import group

Row = Mapping[str, object]


def responsible_units(task: Row, listed: Iterable[Row], agencies: Mapping[str, Row]) -> str:
    """The "（责任单位：…）" clause of a task, rebuilt from its listed units."""
    groups: list[list[str]] = []
    previous_kind = None
    for link in sorted(listed, key=lambda link: link["position"]):
        agency = agencies[link["agency_id"]]
        is_local = agency["kind"] == "local_government"
        if previous_kind is None or is_local != previous_kind:
            groups.append([])
        groups[-1].append(agency["short_name"])
        previous_kind = is_local
    units = structure.GROUP_SEPARATOR.join(structure.UNIT_SEPARATOR.join(group) for group in groups)
    note = task.get("responsibility_note")
    return f"（责任单位：{units}{'。' + note if note else ''}）"


def task_line(task: Row, listed: Iterable[Row], agencies: Mapping[str, Row]) -> str:
    return f"{task['id']}.{task['text']}{responsible_units(task, listed, agencies)}"


def section_heading(section: Row) -> str | None:
    if section["level"] == 1:
        return structure.part_heading(section["number"], section["title"])
    if section["level"] == 2:
        return structure.subsection_heading(section["number"], section["title"])
    return None  # the preamble has no heading


def lines(title: str, sections: list[Row], tasks: list[Row], task_agencies: list[Row], agencies: list[Row]) -> list[str]:
    by_id = {agency["id"]: agency for agency in agencies}
    links_by_task, tasks_by_section = group(task_agencies, "task_id"), group(tasks, "section_id")
    out = [title]
    for section in sorted(sections, key=lambda s: s["id"]):
        heading = section_heading(section)
        if heading:
            out.append(heading)
        if section.get("text"):
            out.extend(str(section["text"]).split("\n"))
        for task in sorted(tasks_by_section.get(section["id"], []), key=lambda t: t["id"]):
            listed = [link for link in links_by_task.get(task["id"], []) if link["basis"] == "listed"]
            out.append(task_line(task, listed, by_id))
    return out


def render(title: str, sections: list[Row], tasks: list[Row], task_agencies: list[Row], agencies: list[Row]) -> str:
    return structure.markdown(lines(title, sections, tasks, task_agencies, agencies))
