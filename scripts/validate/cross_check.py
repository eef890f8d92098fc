"""Checks a Table Schema cannot express: across rows, across files, against the text.

Each check takes the typed rows, each paired with the line it starts on, and
returns Problems; none of them stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..core import i18n, structure
from ..core.problems import Problem
from ..source import document
from . import wording

Located = dict[str, list[tuple[int, dict]]]  # resource -> [(line, row)]
CHECKS: list[Callable[[Located, dict, Path], list[Problem]]] = []


def check(function):
    CHECKS.append(function)
    return function


def rows(located: Located, name: str) -> list[dict]:
    return [row for _, row in located[name]]


def number_text(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@check
def reassembles_to_plan_text(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """The sections and tasks, put back together, are the clean text byte for byte."""
    path = descriptor["document"].get("text") or "data/plan.zh-Hans.md"
    if not (root / path).is_file():
        return [Problem(path, None, None, "file is missing", "the clean full text of the plan")]
    expected = (root / path).read_text(encoding="utf-8")
    rebuilt = document.render(
        descriptor["document"].get("title", ""),
        rows(located, "sections"),
        rows(located, "tasks"),
        rows(located, "task_agencies"),
        rows(located, "agencies"),
    )
    if rebuilt == expected:
        return []
    want, got = expected.split("\n"), rebuilt.split("\n")
    line = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
    shown = got[line][:40] if line < len(got) else "(nothing)"
    return [
        Problem(
            path,
            line + 1,
            None,
            f"the data files do not reassemble to this line; they give: {shown}…",
            "edit the data so every sentence matches the plan",
        )
    ]


LARGEST = 1e12  # no figure in this package comes near it; past it, a typo is likelier than a fact


def usable(value: float | int) -> bool:
    try:
        return math.isfinite(float(value)) and abs(value) < LARGEST
    except OverflowError:  # an integer too large for a float, such as 1e309 read exactly
        return False


@check
def numbers_are_finite(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """Table Schema's number type accepts NaN, INF and 1e309; no figure here can be one."""
    problems = []
    for resource in descriptor["resources"]:
        numeric = [f["name"] for f in resource["schema"]["fields"] if f["type"] in ("number", "integer")]
        for line, row in located[resource["name"]]:
            for name in numeric:
                value = row[name]
                if value is not None and not usable(value):
                    problems.append(
                        Problem(
                            resource["path"],
                            line,
                            name,
                            f"{value!r} is not a usable number",
                            f"a finite number below {LARGEST:g}",
                        )
                    )
    return problems


@check
def ranks_are_places(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """Where lower is better the figure is a rank: 1st, 2nd, …; a rank of 0 or below means nothing (and cannot be charted)."""
    ranks = {row["id"] for row in rows(located, "indicators") if row["better"] == "lower"}
    problems = [
        Problem("data/observations.csv", line, "value", f"{row['value']!r} is not a rank", "a place of 1 or more")
        for line, row in located["observations"]
        if row["indicator_id"] in ranks and row["value"] < 1
    ]
    problems += [
        Problem("data/targets.csv", line, "value", f"{row['value']!r} is not a rank or a number of places", "1 or more")
        for line, row in located["targets"]
        if row["indicator_id"] in ranks and row["value"] < 1
    ]
    return problems


@check
def ids_are_contiguous(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    for name, key in (("tasks", "id"), ("milestones", "id"), ("indicators", "position"), ("observations", "id")):
        for expected, (line, row) in enumerate(sorted(located[name], key=lambda item: item[1][key]), start=1):
            if row[key] != expected:
                problems.append(
                    Problem(
                        f"data/{name}.csv",
                        line,
                        key,
                        f"{row[key]} breaks the sequence",
                        f"expected {expected}: numbered 1, 2, 3 … with no gap",
                    )
                )
                break
    return problems


@check
def rows_in_id_order(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    for resource in descriptor["resources"]:
        keys = resource["schema"]["primaryKey"]
        order = [tuple(row[key] for key in keys) for row in rows(located, resource["name"])]
        for index in range(1, len(order)):
            if order[index] < order[index - 1]:
                line = located[resource["name"]][index][0]
                problems.append(
                    Problem(resource["path"], line, keys[0], "row is out of order", f"rows sorted by {', '.join(keys)}")
                )
                break
    return problems


@check
def sections_are_well_formed(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    by_id = {row["id"]: row for row in rows(located, "sections")}
    for line, row in located["sections"]:
        flag = partial(Problem, "data/sections.csv", line)
        parent = by_id.get(row["parent_id"]) if row["parent_id"] else None
        if row["level"] > 0 and not (row["title"] and row["number"]):
            problems.append(flag("title", "a part or subsection needs a number and a title"))
            continue
        if row["level"] == 2 and (parent is None or parent["level"] != 1):
            problems.append(flag("parent_id", "a subsection needs a part as parent", "the id of a level-1 section"))
            continue
        if row["level"] != 2 and row["parent_id"]:
            problems.append(flag("parent_id", "only subsections (level 2) have a parent", "empty"))
        numeral = str(structure.numeral_value(row["number"])) if row["number"] else ""
        expected_id = {0: "0", 1: numeral, 2: f"{row['parent_id']}-{numeral}"}[row["level"]]
        if row["id"] != expected_id:
            problems.append(
                flag("id", f"{row['id']!r} does not match its level, parent and numeral", f"expected {expected_id}")
            )
    return problems


@check
def tasks_agree_with_their_text(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    sections = {row["id"]: row for row in rows(located, "sections")}
    has_children = {row["parent_id"] for row in sections.values() if row["parent_id"]}
    for line, task in located["tasks"]:
        flag = partial(Problem, "data/tasks.csv", line)
        if not task["text"].startswith(task["title"] + "。"):
            problems.append(flag("title", "the text does not start with the title", "text = title + 。 + the rest"))
        if task["milestone"] and task["milestone"] not in task["text"]:
            problems.append(
                flag("milestone", "the milestone sentence is not in the task's text", "a sentence copied from text")
            )
        section = sections.get(task["section_id"])
        if section and (section["level"] == 0 or section["id"] in has_children):
            problems.append(
                flag(
                    "section_id",
                    f"{task['section_id']!r} is not a section that holds tasks",
                    "a subsection id such as 2-1",
                )
            )
    return problems


@check
def responsibilities_are_consistent(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    used = {link["agency_id"] for link in rows(located, "task_agencies")}
    for line, agency in located["agencies"]:
        if agency["id"] not in used:
            problems.append(
                Problem(
                    "data/agencies.csv",
                    line,
                    "id",
                    f"{agency['id']!r} is responsible for no task",
                    "every unit is named by at least one task",
                )
            )
    positions: dict[int, list[int]] = {}
    for line, link in located["task_agencies"]:
        listed = link["basis"] == "listed"
        if listed != (link["position"] is not None):
            problems.append(
                Problem(
                    "data/task_agencies.csv",
                    line,
                    "position",
                    "position must be set exactly when basis is listed",
                    "a number for listed, empty for general_note",
                )
            )
        elif listed:
            positions.setdefault(link["task_id"], []).append(link["position"])
    for task in rows(located, "tasks"):
        found = sorted(positions.get(task["id"], []))
        if not found or found != list(range(1, len(found) + 1)):
            problems.append(
                Problem(
                    "data/task_agencies.csv",
                    None,
                    "position",
                    f"task {task['id']}: listed positions are {found}",
                    "1, 2, 3 … with no gap or repeat; every task lists a lead unit",
                )
            )
    return problems


@check
def general_note_applies_to_every_later_task(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """The units task 1's note names are on every later task, as general_note rows."""
    listed: dict[int, set[str]] = {}
    for link in rows(located, "task_agencies"):
        if link["basis"] == "listed":
            listed.setdefault(link["task_id"], set()).add(link["agency_id"])
    expected = structure.general_note_links(rows(located, "tasks"), listed, rows(located, "agencies"))
    found = {
        (link["task_id"], link["agency_id"]): line
        for line, link in located["task_agencies"]
        if link["basis"] == "general_note"
    }
    problems = [
        Problem(
            "data/task_agencies.csv",
            None,
            "basis",
            f"task {task_id}: no general_note row for {agency_id!r}",
            "the units named by the note in task 1 are on every later task",
        )
        for task_id, agency_id in sorted(expected - set(found))
    ]
    problems += [
        Problem(
            "data/task_agencies.csv",
            found[key],
            "basis",
            "no note puts this unit on this task",
            "listed, or a unit a note names",
        )
        for key in sorted(set(found) - expected)
    ]
    return problems


@check
def targets_match_the_plan(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    general = next((row["text"] or "" for row in rows(located, "sections") if row["id"] == "1"), "")
    indicators = {row["id"]: row for row in rows(located, "indicators")}
    years: dict[str, set[int]] = {}
    for line, target in located["targets"]:
        flag = partial(Problem, "data/targets.csv", line)
        years.setdefault(target["indicator_id"], set()).add(target["year"])
        if target["id"] != f"{target['indicator_id']}-{target['year']}":
            problems.append(
                flag(
                    "id",
                    f"{target['id']!r} does not match indicator and year",
                    f"{target['indicator_id']}-{target['year']}",
                )
            )
        if target["phrase"] not in general:
            problems.append(
                flag("phrase", "not found in the plan's targets (section 1)", "the words exactly as in the plan")
            )
        if number_text(target["value"]) not in target["phrase"]:
            problems.append(
                flag("value", f"{target['value']} does not appear in the phrase", "the number the phrase states")
            )
        indicator = indicators.get(target["indicator_id"])
        if indicator and not target["phrase"].endswith(indicator["unit"]):
            problems.append(
                flag(
                    "phrase",
                    f"does not end in the indicator's unit {indicator['unit']!r}",
                    "the target's number and unit",
                )
            )
    for line, indicator in located["indicators"]:
        found = sorted(years.get(indicator["id"], set()))
        if found != [2025, 2030]:
            problems.append(
                Problem(
                    "data/indicators.csv",
                    line,
                    "id",
                    f"{indicator['id']!r} has targets for {found}",
                    "one target for 2025 and one for 2030",
                )
            )
    return problems


@check
def milestones_match_their_tasks(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    tasks = {row["id"]: row for row in rows(located, "tasks")}
    for line, milestone in located["milestones"]:
        flag = partial(Problem, "data/milestones.csv", line)
        sentence = tasks.get(milestone["task_id"], {}).get("milestone") or ""
        if milestone["phrase"] not in sentence:
            problems.append(
                flag(
                    "phrase",
                    f"not found in task {milestone['task_id']}'s milestone sentence",
                    "the words exactly as in the plan",
                )
            )
        if number_text(milestone["value"]) not in milestone["phrase"] or milestone["unit"] not in milestone["phrase"]:
            problems.append(
                flag("value", "value or unit does not appear in the phrase", "the number and unit the phrase states")
            )
        if str(milestone["year"]) not in sentence:
            problems.append(flag("year", f"{milestone['year']} is not the year the sentence names"))
    covered = {milestone["task_id"] for milestone in rows(located, "milestones")}
    for line, task in located["tasks"]:
        if task["milestone"] and task["id"] not in covered:
            problems.append(
                Problem(
                    "data/tasks.csv",
                    line,
                    "milestone",
                    "this milestone has no row in data/milestones.csv",
                    "one milestone row per milestone sentence",
                )
            )
    return problems


@check
def task_indicator_links_quote_the_task(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """The basis of a link is words of the task, in Chinese and, as basis_en, in the task's English."""
    problems = []
    for basis, text in (("basis", "text"), ("basis_en", "text_en")):
        texts = {task["id"]: task.get(text) or "" for task in rows(located, "tasks")}
        problems += [
            Problem(
                "data/task_indicators.csv",
                line,
                basis,
                f"not found in task {link['task_id']}'s {text}",
                f"words copied exactly from the task's {text}",
            )
            for line, link in located["task_indicators"]
            if link.get(basis) and link[basis] not in texts.get(link["task_id"], "")
        ]
    return problems


def optional_translations(descriptor: dict) -> set[tuple[str, str]]:
    """(resource, field) pairs whose `_en` twin says "optional": true in the schema (source titles)."""
    return {
        (resource["name"], field["name"][: -len(i18n.SUFFIX)])
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        if field.get("optional")
    }


@check
def every_text_has_its_translation(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """Each Chinese text has its English twin (x -> x_en), and no English stands without its Chinese."""
    problems = []
    optional = optional_translations(descriptor)
    may_wait = {(name, field) for name, fields in i18n.translations_may_wait(descriptor).items() for field in fields}
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    for name, fields in i18n.translated_fields(descriptor).items():
        for line, row in located.get(name, []):
            for field in fields:
                chinese, english = row.get(field), row.get(field + i18n.SUFFIX)
                if chinese and not english and (name, field) not in optional | may_wait:
                    problems.append(
                        Problem(
                            paths[name],
                            line,
                            field + i18n.SUFFIX,
                            f"is empty: {field} has no English translation",
                            f"a faithful, plain English translation of {field} (terms as in data/glossary.csv)",
                        )
                    )
                if english and not chinese:
                    problems.append(
                        Problem(
                            paths[name],
                            line,
                            field + i18n.SUFFIX,
                            f"has English but {field} is empty",
                            f"the Chinese {field} it translates",
                        )
                    )
    document_meta = descriptor["document"]
    problems += [
        Problem("datapackage.json", None, f"document.{key}_en", "is missing", f"the English of document.{key}")
        for key in ("title", "number", "issuer", "published_by")
        if not document_meta.get(key + i18n.SUFFIX)
    ]
    return problems


def awaiting_translation(located: Located, descriptor: dict) -> list[Problem]:
    """Not problems but notes: each contributed row whose English may follow and has not yet (a maintainer's to-do)."""
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    return [
        Problem(
            paths[name],
            line,
            field + i18n.SUFFIX,
            f"awaits translation: {field} has no English yet",
            "the English pages show the Chinese, marked as such, until it is added",
        )
        for name, fields in i18n.translations_may_wait(descriptor).items()
        for line, row in located.get(name, [])
        for field in i18n.awaiting_translation(row, fields)
    ]


@check
def translations_follow_the_glossary(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """Where a Chinese text holds a glossary term, its English twin holds the term's English rendering."""
    if "glossary" not in located:
        return []
    terms = [(term["zh"], term["en"]) for term in rows(located, "glossary")]
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    problems = []
    for name, fields in i18n.translated_fields(descriptor).items():
        if name == "observations":
            continue  # notes about sources quote other texts' words, not the plan's
        for line, row in located.get(name, []):
            for field in fields:
                chinese, english = row.get(field) or "", (row.get(field + i18n.SUFFIX) or "").lower()
                for zh, en in terms:
                    if english and zh in chinese and en.lower() not in english:
                        problems.append(
                            Problem(
                                paths[name],
                                line,
                                field + i18n.SUFFIX,
                                f"{field} has “{zh}” but this has no “{en}”",
                                f"“{zh}” rendered as in data/glossary.csv, or the glossary changed",
                            )
                        )
    return problems


SYNONYM_SCRIPT = {"zh-Hans": "holds no Chinese character", "en": "holds Chinese characters"}
CHINESE = re.compile(f"[{wording.CJK}]")


@check
def synonyms_say_something_new(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """A synonym is in the language its row names, and is not already part of its term (the search finds any part of a
    word, so such a row would only make the table longer)."""
    problems = []
    for line, row in located.get("synonyms", []):
        term, synonym = row["term"], row["synonym"]
        if (row["lang"] == "zh-Hans") != bool(CHINESE.search(synonym)):
            problems.append(
                Problem(
                    "data/synonyms.csv",
                    line,
                    "lang",
                    f"is {row['lang']}, but the synonym {SYNONYM_SCRIPT[row['lang']]}",
                    "zh-Hans for a synonym with Chinese characters, en for one without",
                )
            )
        if synonym.lower() in term.lower():
            problems.append(
                Problem(
                    "data/synonyms.csv",
                    line,
                    "synonym",
                    f"“{synonym}” is already part of the term “{term}”",
                    "a word the term does not contain: the search already finds any part of it",
                )
            )
    return problems


@check
def disclosure_channels_name_a_publisher(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """A channel belongs to a body some indicator's `publisher` names, written the same way (the request is addressed by
    that name), and was read no later than today."""
    named = {body for row in rows(located, "indicators") for body in structure.bodies(row.get("publisher") or "")}
    problems = []
    for line, row in located.get("disclosure_channels", []):
        flag = partial(Problem, "data/disclosure_channels.csv", line)
        if row["body"] not in named:
            problems.append(
                flag(
                    "body",
                    f"“{row['body']}” is not a body any indicator's publisher names",
                    "the body's name as an indicator's publisher writes it: " + "、".join(sorted(named)),
                )
            )
        if row["accessed"] > today():
            problems.append(flag("accessed", f"{row['accessed']} is in the future", "a date up to today"))
    return problems


def today() -> dt.date:
    """Today, or the date in TODAY (YYYY-MM-DD) so date checks repeat exactly."""
    pinned = os.environ.get("TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def parse_published(text: str) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD -> the earliest day it can mean; None if it is no real date."""
    try:
        parts = [int(part) for part in text.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None


@check
def observations_are_sourced_and_consistent(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    units = {row["id"]: row["unit"] for row in rows(located, "indicators")}
    preferred: dict[tuple, list[int]] = {}
    for line, row in located["observations"]:
        flag = partial(Problem, "data/observations.csv", line)
        if row["indicator_id"] in units and row["unit"] != units[row["indicator_id"]]:
            problems.append(
                flag(
                    "unit",
                    f"{row['unit']!r} is not the indicator's unit",
                    f"{units[row['indicator_id']]!r}, with the value converted",
                )
            )
        if row["year"] > today().year:
            problems.append(flag("year", f"{row['year']} is in the future", f"a year up to {today().year}"))
        published = parse_published(row["published"])
        if published is None:
            problems.append(
                flag("published", f"{row['published']!r} is not a real date", "YYYY-MM-DD, YYYY-MM or YYYY")
            )
        elif published.year < row["year"]:
            problems.append(
                flag(
                    "published",
                    f"published in {published.year}, before the year {row['year']} it measures",
                    "a figure is published after the year it measures",
                )
            )
        elif published > today():
            problems.append(flag("published", f"{row['published']} is in the future", "a date up to today"))
        if row["preferred"]:
            preferred.setdefault((row["indicator_id"], row["year"]), []).append(line)
    years = {(row["indicator_id"], row["year"]) for row in rows(located, "observations")}
    for key in sorted(years):
        lines = preferred.get(key, [])
        if len(lines) > 1:
            problems.append(
                Problem(
                    "data/observations.csv",
                    lines[1],
                    "preferred",
                    f"{key[0]} {key[1]} has {len(lines)} preferred figures",
                    "exactly one preferred figure per indicator and year; say why in note",
                )
            )
    return problems


@check
def statuses_cite_their_evidence(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    problems = []
    evidence = ("summary", "source_title", "source_publisher", "source_url", "published", "quote", "source_kind")
    published_plan = (
        parse_published(str(descriptor["document"].get("published"))) or dt.date.min
    )  # a bad date is reported elsewhere
    for line, row in located["task_status"]:
        flag = partial(Problem, "data/task_status.csv", line)
        if row["status"] != "not_assessed":
            problems += [
                flag(
                    field, f"is empty but status is {row['status']}", "every status but not_assessed cites its evidence"
                )
                for field in evidence
                if not row[field]
            ]
        if row["published"] and parse_published(row["published"]) is None:
            problems.append(
                flag("published", f"{row['published']!r} is not a real date", "YYYY-MM-DD, YYYY-MM or YYYY")
            )
        if row["as_of"] > today():
            problems.append(flag("as_of", f"{row['as_of']} is in the future", "a date up to today"))
        if row["as_of"] < published_plan:
            problems.append(
                flag("as_of", f"{row['as_of']} is before the plan was published", f"on or after {published_plan}")
            )
    assessed = {row["task_id"] for row in rows(located, "task_status")}
    problems += [
        Problem(
            "data/task_status.csv",
            None,
            "task_id",
            f"task {task['id']} has no status row",
            "one row per task at least (not_assessed)",
        )
        for task in rows(located, "tasks")
        if task["id"] not in assessed
    ]
    return problems


@check
def package_metadata_is_sound(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """Custom descriptor keys are not checked by Frictionless, so check them here."""
    problems = [
        Problem("datapackage.json", None, key, "is missing", "needed to publish and cite the package")
        for key in ("name", "title", "version", "licenses", "sources")
        if not descriptor.get(key)
    ]
    problems += [
        Problem(
            "datapackage.json",
            None,
            f"resources.{resource['name']}.title_zh",
            "is missing",
            "the Chinese title shown on the site",
        )
        for resource in descriptor["resources"]
        if not resource.get("title_zh")
    ]
    problems += [
        Problem(
            "datapackage.json",
            None,
            f"resources.{resource['name']}.fields.{field['name']}.{label}",
            "is missing",
            "the column label spreadsheets show, in English (title) and Chinese (title_zh)",
        )
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        for label in ("title", "title_zh")
        if not field.get(label)
    ]
    problems += [
        Problem(
            "datapackage.json",
            None,
            f"{where}.description_zh",
            "is missing",
            "the Chinese of its description, for the Chinese data dictionary",
        )
        for where, item in wording.described(descriptor)
        if item.get("description") and not item.get("description_zh")
    ]
    document_meta = descriptor["document"]
    for key in ("title", "number", "issuer", "signed", "published", "source_url", "text"):
        if not document_meta.get(key):
            problems.append(Problem("datapackage.json", None, f"document.{key}", "is missing"))
    dates = {}
    for key in ("signed", "published"):
        try:
            dates[key] = dt.date.fromisoformat(str(document_meta.get(key)))
        except ValueError:
            problems.append(
                Problem(
                    "datapackage.json",
                    None,
                    f"document.{key}",
                    f"{document_meta.get(key)!r} is not a date",
                    "YYYY-MM-DD",
                )
            )
    if len(dates) == 2 and dates["signed"] > dates["published"]:
        problems.append(Problem("datapackage.json", None, "document.published", "is before the date signed"))
    return problems + raw_input_problems(descriptor, root)


def raw_input_problems(descriptor: dict, root: Path) -> list[Problem]:
    """The raw input is kept byte for byte: its sha256 must match the recorded one."""
    recorded = [source for source in descriptor.get("sources", []) if "sha256" in source]
    if not recorded:
        return [Problem("datapackage.json", None, "sources", "no source records the raw input's sha256")]
    problems = []
    for source in recorded:
        file = root / source["path"]
        actual = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "missing"
        if actual != source["sha256"]:
            problems.append(
                Problem(
                    source["path"],
                    None,
                    None,
                    f"sha256 is {actual}",
                    f"the recorded {source['sha256']}: the raw input is kept byte for byte",
                )
            )
    return problems


def run(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    return [problem for function in CHECKS + wording.CHECKS for problem in function(located, descriptor, root)]
