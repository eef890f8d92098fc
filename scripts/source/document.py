"""Records -> the plan's full text, line for line as officially published.

The validator compares the Chinese rendering with data/plan.zh-Hans.md byte
for byte, which proves the data files hold every sentence of the plan and
nothing else. The same code, given localized records and English strings,
renders the English translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..core import i18n
from ..core.load import group

Row = Mapping[str, object]


@dataclass(frozen=True)
class Line:
    text: str
    level: int  # 0 paragraph, 1 title, 2 part heading, 3 subsection heading
    task_id: int | None = None


def responsible_units(task: Row, listed: Iterable[Row], agencies: Mapping[str, Row], text: i18n.Text) -> str:
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
    units = text.group_separator.join(text.unit_separator.join(group) for group in groups)
    note = task.get("responsibility_note")
    return text("responsible_units", units=units, note=text("note_join", note=note) if note else "")


def task_line(task: Row, listed: Iterable[Row], agencies: Mapping[str, Row], text: i18n.Text) -> str:
    return text("task_line", id=task["id"], text=task["text"], units=responsible_units(task, listed, agencies, text))


def section_heading(section: Row, text: i18n.Text | None = None) -> str | None:
    text = text or i18n.text(i18n.DEFAULT)
    if section["level"] == 1:
        return text("part_heading", number=section["number"], title=section["title"])
    if section["level"] == 2:
        return text("subsection_heading", number=section["number"], title=section["title"])
    return None  # the preamble has no heading


def lines(
    title: str,
    sections: list[Row],
    tasks: list[Row],
    task_agencies: list[Row],
    agencies: list[Row],
    text: i18n.Text | None = None,
) -> list[Line]:
    text = text or i18n.text(i18n.DEFAULT)
    by_id = {agency["id"]: agency for agency in agencies}
    links_by_task, tasks_by_section = group(task_agencies, "task_id"), group(tasks, "section_id")
    out = [Line(title, 1)]
    for section in sorted(sections, key=lambda s: s["id"]):
        heading = section_heading(section, text)
        if heading:
            out.append(Line(heading, section["level"] + 1))
        if section.get("text"):
            out.extend(Line(paragraph, 0) for paragraph in str(section["text"]).split("\n"))
        for task in sorted(tasks_by_section.get(section["id"], []), key=lambda t: t["id"]):
            listed = [link for link in links_by_task.get(task["id"], []) if link["basis"] == "listed"]
            out.append(Line(task_line(task, listed, by_id, text), 0, task["id"]))
    return out


def markdown(lines: list[Line]) -> str:
    """The title and headings marked, nothing else changed."""
    return "\n\n".join(("#" * line.level + " " if line.level else "") + line.text for line in lines) + "\n"


def render(
    title: str,
    sections: list[Row],
    tasks: list[Row],
    task_agencies: list[Row],
    agencies: list[Row],
    text: i18n.Text | None = None,
) -> str:
    return markdown(lines(title, sections, tasks, task_agencies, agencies, text))
