"""Checks a Table Schema cannot express: across rows, across files, against the text.

Each check takes the typed rows, each paired with the line it starts on, and
returns Problems; none of them stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Callable

from . import document, structure
from .problems import Problem

Located = dict[str, list[tuple[int, dict]]]  # resource -> [(line, row)]
CHECKS: list[Callable[[Located, dict, Path], list[Problem]]] = []


def check(function):
    CHECKS.append(function)
    return function


def rows(located: Located, name: str) -> list[dict]:
    return [row for _, row in located[name]]


@check
def reassembles_to_plan_text(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """The sections and tasks, put back together, are the clean text byte for byte."""
    path = descriptor["document"].get("text") or "data/plan.zh-Hans.md"
    file = root / path
    if not file.is_file():
        return [Problem(path, None, None, "file is missing", "the clean full text of the plan")]
    expected = file.read_text(encoding="utf-8")
    rebuilt = document.render(descriptor["document"].get("title", ""), rows(located, "sections"), rows(located, "tasks"),
                              rows(located, "task_agencies"), rows(located, "agencies"))
    if rebuilt == expected:
        return []
    want, got = expected.split("\n"), rebuilt.split("\n")
    line = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
    shown = got[line][:40] if line < len(got) else "(nothing)"
    return [Problem(path, line + 1, None, f"the data files do not reassemble to this line; they give: {shown}…",
                    "edit the data so every sentence matches the plan")]


@check
def ids_are_contiguous(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    for name, key in (("tasks", "id"), ("milestones", "id"), ("indicators", "position")):
        for expected, (line, row) in enumerate(sorted(located[name], key=lambda item: item[1][key]), start=1):
            if row[key] != expected:
                problems.append(Problem(f"data/{name}.csv", line, key, f"{row[key]} breaks the sequence", f"expected {expected}: numbered 1, 2, 3 … with no gap"))
                break
    return problems


@check
def rows_in_id_order(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    for resource in descriptor["resources"]:
        keys = resource["schema"]["primaryKey"]
        order = [tuple(row[key] for key in keys) for row in rows(located, resource["name"])]
        for index, (previous, current) in enumerate(zip(order, order[1:]), start=1):
            if current < previous:
                line = located[resource["name"]][index][0]
                problems.append(Problem(resource["path"], line, keys[0], "row is out of order", f"rows sorted by {', '.join(keys)}"))
                break
    return problems


@check
def sections_are_well_formed(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    by_id = {row["id"]: row for row in rows(located, "sections")}
    for line, row in located["sections"]:
        here = lambda field, what, expected=None: problems.append(Problem("data/sections.csv", line, field, what, expected))
        parent = by_id.get(row["parent_id"]) if row["parent_id"] else None
        if row["level"] > 0 and not (row["title"] and row["number"]):
            here("title", "a part or subsection needs a number and a title")
            continue
        if row["level"] == 2 and (parent is None or parent["level"] != 1):
            here("parent_id", "a subsection needs a part as parent", "the id of a level-1 section")
            continue
        if row["level"] != 2 and row["parent_id"]:
            here("parent_id", "only subsections (level 2) have a parent", "empty")
        expected_id = {0: "0", 1: str(structure.numeral_value(row["number"] or "一")),
                       2: f"{row['parent_id']}-{structure.numeral_value(row['number'] or '一')}"}[row["level"]]
        if row["id"] != expected_id:
            here("id", f"{row['id']!r} does not match its level, parent and numeral", f"expected {expected_id}")
    return problems


@check
def tasks_agree_with_their_text(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    sections = {row["id"]: row for row in rows(located, "sections")}
    has_children = {row["parent_id"] for row in sections.values() if row["parent_id"]}
    for line, task in located["tasks"]:
        here = lambda field, what, expected=None: problems.append(Problem("data/tasks.csv", line, field, what, expected))
        if not task["text"].startswith(task["title"] + "。"):
            here("title", "the text does not start with the title", "text = title + 。 + the rest")
        if task["milestone"] and task["milestone"] not in task["text"]:
            here("milestone", "the milestone sentence is not in the task's text", "a sentence copied from text")
        section = sections.get(task["section_id"])
        if section and (section["level"] == 0 or section["id"] in has_children):
            here("section_id", f"{task['section_id']!r} is not a section that holds tasks", "a subsection id such as 2-1")
    return problems


@check
def responsibilities_are_consistent(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    used = {row["agency_id"] for row in rows(located, "task_agencies")}
    for line, agency in located["agencies"]:
        if agency["id"] not in used:
            problems.append(Problem("data/agencies.csv", line, "id", f"{agency['id']!r} is responsible for no task", "every unit is named by at least one task"))
    positions: dict[int, list[int]] = {}
    for line, link in located["task_agencies"]:
        listed = link["basis"] == "listed"
        if listed != (link["position"] is not None):
            problems.append(Problem("data/task_agencies.csv", line, "position", "position must be set exactly when basis is listed",
                                    "a number for listed, empty for general_note"))
        if listed and link["position"] is not None:
            positions.setdefault(link["task_id"], []).append(link["position"])
    for task in rows(located, "tasks"):
        found = sorted(positions.get(task["id"], []))
        if found != list(range(1, len(found) + 1)) or not found:
            problems.append(Problem("data/task_agencies.csv", None, "position", f"task {task['id']}: listed positions are {found}",
                                    "1, 2, 3 … with no gap or repeat; every task lists a lead unit"))
    return problems


@check
def targets_match_the_plan(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    general = next((row["text"] or "" for row in rows(located, "sections") if row["id"] == "1"), "")
    indicators = {row["id"]: row for row in rows(located, "indicators")}
    years: dict[str, set[int]] = {}
    for line, target in located["targets"]:
        here = lambda field, what, expected=None: problems.append(Problem("data/targets.csv", line, field, what, expected))
        years.setdefault(target["indicator_id"], set()).add(target["year"])
        if target["id"] != f"{target['indicator_id']}-{target['year']}":
            here("id", f"{target['id']!r} does not match indicator and year", f"{target['indicator_id']}-{target['year']}")
        if target["phrase"] not in general:
            here("phrase", "not found in the plan's targets (section 1)", "the words exactly as in the plan")
        if number_text(target["value"]) not in target["phrase"]:
            here("value", f"{target['value']} does not appear in the phrase", "the number the phrase states")
        indicator = indicators.get(target["indicator_id"])
        if indicator and not target["phrase"].endswith(indicator["unit"]):
            here("phrase", f"does not end in the indicator's unit {indicator['unit']!r}", "the target's number and unit")
    for line, indicator in located["indicators"]:
        if years.get(indicator["id"], set()) != {2025, 2030}:
            problems.append(Problem("data/indicators.csv", line, "id", f"{indicator['id']!r} has targets for {sorted(years.get(indicator['id'], set()))}", "one target for 2025 and one for 2030"))
    return problems


@check
def milestones_match_their_tasks(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    tasks = {row["id"]: row for row in rows(located, "tasks")}
    covered = set()
    for line, milestone in located["milestones"]:
        here = lambda field, what, expected=None: problems.append(Problem("data/milestones.csv", line, field, what, expected))
        task = tasks.get(milestone["task_id"])
        covered.add(milestone["task_id"])
        if task is None:
            continue
        if not task["milestone"] or milestone["phrase"] not in task["milestone"]:
            here("phrase", f"not found in task {task['id']}'s milestone sentence", "the words exactly as in the plan")
        if number_text(milestone["value"]) not in milestone["phrase"] or not milestone["phrase"].count(milestone["unit"]):
            here("value", "value or unit does not appear in the phrase", "the number and unit the phrase states")
        if str(milestone["year"]) not in (task["milestone"] or ""):
            here("year", f"{milestone['year']} is not the year the sentence names")
    for line, task in located["tasks"]:
        if task["milestone"] and task["id"] not in covered:
            problems.append(Problem("data/tasks.csv", line, "milestone", "this milestone has no row in data/milestones.csv", "one milestone row per milestone sentence"))
    return problems


@check
def general_note_applies_to_every_later_task(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """Task 1's note ("以下任务均需…落实") puts the units it names on every later task."""
    agencies = rows(located, "agencies")
    expected, noted = set(), []
    for task in sorted(rows(located, "tasks"), key=lambda t: t["id"]):
        listed = {l["agency_id"] for l in rows(located, "task_agencies") if l["task_id"] == task["id"] and l["basis"] == "listed"}
        expected |= {(task["id"], agency_id) for agency_id in noted if agency_id not in listed}
        if task["responsibility_note"]:
            noted = [a["id"] for a in agencies if a["short_name"] in task["responsibility_note"]]
    found = {(l["task_id"], l["agency_id"]): line for line, l in located["task_agencies"] if l["basis"] == "general_note"}
    problems = [Problem("data/task_agencies.csv", None, "basis", f"task {task_id}: no general_note row for {agency_id!r}",
                        "the units named by the note in task 1 are on every later task") for task_id, agency_id in sorted(expected - set(found))]
    problems += [Problem("data/task_agencies.csv", found[key], "basis", "no note puts this unit on this task", "listed, or a unit a note names")
                 for key in sorted(set(found) - expected)]
    return problems


@check
def package_metadata_is_sound(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """Custom descriptor keys are not checked by Frictionless, so check them here."""
    problems = [Problem("datapackage.json", None, key, "is missing", "needed to publish and cite the package")
                for key in ("name", "title", "version", "licenses", "sources") if not descriptor.get(key)]
    if not any("sha256" in source for source in descriptor.get("sources", [])):
        problems.append(Problem("datapackage.json", None, "sources", "no source records the raw input's sha256"))
    document_meta = descriptor.get("document", {})
    for key in ("title", "number", "issuer", "signed", "published", "source_url", "text"):
        if not document_meta.get(key):
            problems.append(Problem("datapackage.json", None, f"document.{key}", "is missing"))
    dates = {}
    for key in ("signed", "published"):
        try:
            dates[key] = dt.date.fromisoformat(str(document_meta.get(key)))
        except ValueError:
            problems.append(Problem("datapackage.json", None, f"document.{key}", f"{document_meta.get(key)!r} is not a date", "YYYY-MM-DD"))
    if len(dates) == 2 and dates["signed"] > dates["published"]:
        problems.append(Problem("datapackage.json", None, "document.published", "is before the date signed"))
    for source in descriptor.get("sources", []):
        if "sha256" in source:
            file = root / source["path"]
            actual = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "missing"
            if actual != source["sha256"]:
                problems.append(Problem(source["path"], None, None, f"sha256 is {actual}", f"the recorded {source['sha256']}: the raw input is kept byte for byte"))
    return problems


def number_text(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def run(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    return [problem for function in CHECKS for problem in function(located, descriptor, root)]
