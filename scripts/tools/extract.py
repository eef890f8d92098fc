"""Seed -> clean text -> data files. Rerunning it changes nothing.

    python -m scripts extract            # rewrite data/ from the seed
    python -m scripts extract --check    # fail if data/ differs from what it would write

Text-derived resources (sections, tasks, task_agencies, targets, milestones and
data/plan.zh-Hans.md) are rewritten; reviewed facts the text does not state
(agencies.csv, indicators.csv) are read, never written; fields of the rewritten
files that the seed cannot give (the notes in targets.csv, every English `_en`
translation) are carried over from the committed files by primary key.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..core import csvio, descriptor, load, paths, structure
from ..source import clean, document
from ..validate import cross_check

NUMBER = r"\d+(?:\.\d+)?"
MILESTONE_SENTENCE = re.compile(r"2025年，[^。]*。")
MILESTONE_UNITS = ("人次", "场次", "项", "个", "家", "人", "%")  # longest first
QUANTITY = re.compile(
    rf"(?P<reach>达到)?(?P<value>{NUMBER})(?P<unit>{'|'.join(map(re.escape, MILESTONE_UNITS))})(?P<qualifier>以上|左右)?"
)
QUALIFIERS = {"以上": "at_least", "左右": "about"}


class ExtractError(ValueError):
    pass


def number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


# --- clean text -> records --------------------------------------------------


def parse_sections_and_tasks(lines: list[str]) -> tuple[list[dict], list[dict]]:
    """Walk the plan line by line: headings open sections, task lines become tasks."""
    sections = [{"id": "0", "parent_id": None, "level": 0, "number": None, "title": None, "paragraphs": [lines[1]]}]
    tasks: list[dict] = []
    part = None
    for line in lines[2:]:
        if m := structure.PART.match(line):
            part = str(structure.numeral_value(m["number"]))
            sections.append(
                {
                    "id": part,
                    "parent_id": None,
                    "level": 1,
                    "number": m["number"],
                    "title": m["title"],
                    "paragraphs": [],
                }
            )
        elif m := structure.SUBSECTION.match(line):
            sub = f"{part}-{structure.numeral_value(m['number'])}"
            sections.append(
                {"id": sub, "parent_id": part, "level": 2, "number": m["number"], "title": m["title"], "paragraphs": []}
            )
        elif m := structure.TASK.match(line):
            tasks.append(parse_task(m, sections[-1]["id"]))
        elif tasks and tasks[-1]["section_id"] == sections[-1]["id"]:
            raise ExtractError(f"paragraph after a task, outside any task: {line[:30]}…")
        else:
            sections[-1]["paragraphs"].append(line)
    for section in sections:
        section["text"] = "\n".join(section.pop("paragraphs")) or None
    return sections, tasks


def parse_task(match: re.Match, section_id: str) -> dict:
    text = match["text"]
    milestones = MILESTONE_SENTENCE.findall(text)
    if len(milestones) > 1:
        raise ExtractError(f"task {match['id']}: more than one 2025 milestone sentence")
    units, _, note = match["units"].partition("。")
    return {
        "id": int(match["id"]),
        "section_id": section_id,
        "title": text.split("。", 1)[0],
        "text": text,
        "milestone": milestones[0] if milestones else None,
        "responsibility_note": note or None,
        "units": re.split(f"[{structure.UNIT_SEPARATOR}{structure.GROUP_SEPARATOR}]", units),
    }


def responsibilities(tasks: list[dict], agencies: list[dict]) -> list[dict]:
    """Listed units with their place; units a note names, on every later task."""
    by_short_name = {agency["short_name"]: agency["id"] for agency in agencies}
    links, listed = [], {}
    for task in tasks:
        unknown = [name for name in task["units"] if name not in by_short_name]
        if unknown:
            raise ExtractError(f"task {task['id']}: unit {unknown[0]!r} is not in data/agencies.csv (add a row for it)")
        listed[task["id"]] = {by_short_name[name] for name in task["units"]}
        links += [
            {"task_id": task["id"], "agency_id": by_short_name[name], "basis": "listed", "position": position}
            for position, name in enumerate(task["units"], start=1)
        ]
    links += [
        {"task_id": task_id, "agency_id": agency_id, "basis": "general_note", "position": None}
        for task_id, agency_id in structure.general_note_links(tasks, listed, agencies)
    ]
    return sorted(links, key=lambda link: (link["task_id"], link["agency_id"]))


def target_clauses(paragraph: str, lead: str) -> list[str]:
    if not paragraph.startswith(lead) or not paragraph.endswith("。"):
        raise ExtractError(f"targets paragraph should start {lead!r}: {paragraph[:20]}…")
    return [clause for clause in paragraph[len(lead) : -1].split("，") if re.search(r"\d", clause)]


def parse_target(clause: str, indicator: dict, year: int) -> dict:
    unit = re.escape(indicator["unit"])
    forms = (
        (rf"提升(?P<value>{NUMBER}){unit}", "improve_by", False),
        (rf"进入全国前(?P<value>{NUMBER}){unit}", "within_top", False),
        (rf"累计达到(?P<value>{NUMBER}){unit}", "reach", True),
        (rf"达到(?P<value>{NUMBER}){unit}", "reach", False),
        (rf"(?P<value>{NUMBER}){unit}", "unqualified", False),
    )
    for pattern, comparator, cumulative in forms:
        if m := re.search(pattern + "$", clause):
            return {
                "id": f"{indicator['id']}-{year}",
                "indicator_id": indicator["id"],
                "year": year,
                "comparator": comparator,
                "value": number(m["value"]),
                "cumulative": cumulative,
                "phrase": clause,
            }
    raise ExtractError(
        f"{year} target {clause!r} does not end in a number of {indicator['unit']!r} ({indicator['id']})"
    )


def targets(section_text: str, indicators: list[dict]) -> list[dict]:
    """The 2025 and 2030 paragraphs list one clause per indicator, in the same order."""
    paragraphs = section_text.split("\n")
    ordered = sorted(indicators, key=lambda indicator: int(indicator["position"]))
    rows = []
    for year, lead in ((2025, "主要目标是：2025年，"), (2030, "到2030年，")):
        paragraph = next((p for p in paragraphs if p.startswith(lead)), "")
        clauses = target_clauses(paragraph, lead)
        if len(clauses) != len(ordered):
            raise ExtractError(
                f"{year}: {len(clauses)} numeric targets in the text, {len(ordered)} indicators in data/indicators.csv"
            )
        rows += [parse_target(clause, indicator, year) for clause, indicator in zip(clauses, ordered)]
    return sorted(rows, key=lambda row: row["id"])


def milestones(tasks: list[dict]) -> list[dict]:
    rows = []
    for task in (t for t in tasks if t["milestone"]):
        found = list(QUANTITY.finditer(task["milestone"]))
        if len(found) != 1:
            raise ExtractError(f"task {task['id']}: expected one quantity in its milestone, found {len(found)}")
        m = found[0]
        comparator = "reach" if m["reach"] else QUALIFIERS.get(m["qualifier"], "unqualified")
        rows.append(
            {
                "id": len(rows) + 1,
                "task_id": task["id"],
                "year": 2025,
                "comparator": comparator,
                "value": number(m["value"]),
                "unit": m["unit"],
                "aspiration": "争取" in task["milestone"],
                "phrase": m[0],
            }
        )
    return rows


# --- package I/O -------------------------------------------------------------


def fields_of(package: dict, name: str) -> list[str]:
    return descriptor.field_names(package, name)


def build(seed_text: str, package: dict, data_dir: Path) -> dict[str, str]:
    """Everything extraction writes, as {relative path: content}; writes nothing."""
    text = clean.clean(seed_text)
    lines = text.rstrip("\n").split("\n")
    title = package["document"]["title"]
    if lines[0] != title:
        raise ExtractError(f"the plan's first line {lines[0]!r} is not the title in datapackage.json {title!r}")

    agencies = csvio.read_rows(data_dir / "agencies.csv")
    indicators = csvio.read_rows(data_dir / "indicators.csv")

    sections, tasks = parse_sections_and_tasks(lines)
    links = responsibilities(tasks, agencies)
    records = {
        "sections": sections,
        "tasks": tasks,
        "task_agencies": links,
        "targets": targets(next(s["text"] for s in sections if s["id"] == "1"), indicators),
        "milestones": milestones(tasks),
    }
    plan = structure.markdown(lines)
    rebuilt = document.render(title, sections, tasks, links, agencies)
    if rebuilt != plan:
        raise ExtractError("the extracted records do not reassemble to the clean text (a line was lost or changed)")

    out = {paths.relative(paths.PLAN_TEXT): plan}
    for name, rows in records.items():
        rows = carry_over(rows, data_dir / f"{name}.csv", primary_key(package, name))
        out[f"data/{name}.csv"] = csvio.render_rows(fields_of(package, name), rows)
    return out


def primary_key(package: dict, name: str) -> list[str]:
    return descriptor.primary_key(package, name)


def carry_over(rows: list[dict], committed: Path, key: list[str]) -> list[dict]:
    """What the seed cannot give (translations, notes) is kept from the committed file, row by primary key."""
    if not committed.exists():
        return rows
    kept = {tuple(row[k] for k in key): row for row in csvio.read_rows(committed)}
    out = []
    for row in rows:
        old = kept.get(tuple(csvio.format_cell(row[k]) for k in key), {})
        out.append({**{field: value for field, value in old.items() if field not in row}, **row})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts extract", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report files that differ instead of writing them")
    args = parser.parse_args(argv)
    try:
        package = load.read_descriptor()
        changed = cross_check.raw_input_problems(package, paths.ROOT)
        if changed:
            raise ExtractError(str(changed[0]))
        outputs = build(paths.SEED.read_text(encoding="utf-8"), package, paths.DATA)
    except clean.DamageError as damage:
        # Lines map one to one (the seed has one extra line, the timestamp); columns do not.
        print(
            f"{paths.relative(paths.SEED)}:{damage.line + 1}: still damaged after cleaning: {damage.what} "
            f"(near …{damage.text}…, column {damage.column} of the cleaned line)",
            file=sys.stderr,
        )
        return 1
    except (ExtractError, ValueError, OSError, KeyError) as error:
        print(f"extract: {error}", file=sys.stderr)
        return 1
    stale = [
        name
        for name, content in outputs.items()
        if not (paths.ROOT / name).exists() or (paths.ROOT / name).read_text(encoding="utf-8") != content
    ]
    if args.check:
        for name in stale:
            print(f"{name}: differs from what `python -m scripts extract` writes (run: make extract)", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        (paths.ROOT / name).write_text(outputs[name], encoding="utf-8", newline="")
        print(f"wrote {name}")
    return 0
