"""Deterministic synthetic plans: the real plan copied N times, with N times the units and indicators.

    python -m bench.synthetic 10 /tmp/plan-10x

Copy k of the plan gets its own 29 units ("省科技厅7"), 8 indicators
(rd_expenditure_007), targets and observations, so a 10× plan has 260 tasks,
290 units, 80 indicators, 160 targets and 210 observations, all valid. The
full text is rendered from the data, so the package reassembles like the real one.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from scripts.core import csvio, load, paths, untrusted
from scripts.source import document

COPIED = (
    "scripts",
    "content",
    "overrides",
    "data/source",
    ".github/ISSUE_TEMPLATE",
)  # the contribute form reads the issue form
FILES = ("mkdocs.yml", "CITATION.cff", "LICENSE-DATA.md")
HAND_WRITTEN_DOCS = (
    "assets/javascripts/charts.js",
    "assets/javascripts/search.js",
    "assets/javascripts/tables.js",
    "assets/javascripts/contribute.js",
    "assets/stylesheets/extra.css",
    "assets/favicon.svg",
)


def copy_project(dest: Path) -> None:
    for name in COPIED:
        shutil.copytree(paths.ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in FILES:
        shutil.copy(paths.ROOT / name, dest / name)
    for name in HAND_WRITTEN_DOCS:
        (dest / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(paths.ROOT / "docs" / name, dest / "docs" / name)


def text(rows: list[dict]) -> list[dict]:
    """Records back to CSV cells (dates as text) for csvio."""
    return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()} for row in rows]


def scaled(records: dict[str, list[dict]], scale: int) -> dict[str, list[dict]]:
    tasks_per_copy = len(records["tasks"])
    out = {name: [] for name in records}
    out["sections"] = [dict(row) for row in records["sections"]]
    out["glossary"] = [dict(row) for row in records["glossary"]]
    indicator_ids = {}
    for k in range(scale):
        suffix = "" if k == 0 else str(k)
        agency = {a["id"]: a["id"] if k == 0 else f"{a['id']}-{k}" for a in records["agencies"]}
        indicator_ids.update({(k, i["id"]): i["id"] if k == 0 else f"{i['id']}_{k:03d}" for i in records["indicators"]})
        task_id = {t["id"]: t["id"] + k * tasks_per_copy for t in records["tasks"]}
        for a in records["agencies"]:
            out["agencies"].append(
                {
                    **a,
                    "id": agency[a["id"]],
                    "short_name": a["short_name"] + suffix,
                    "full_name": a["full_name"] + suffix,
                    "full_name_en": a["full_name_en"] + (f" ({k})" if k else ""),
                    "short_name_en": a["short_name_en"] + (f" ({k})" if k else ""),
                }
            )
        for t in records["tasks"]:
            out["tasks"].append(
                {
                    **t,
                    "id": task_id[t["id"]],
                    "responsibility_note": t["responsibility_note"] if k == 0 else None,
                    "responsibility_note_en": t["responsibility_note_en"] if k == 0 else None,
                }
            )
            out["task_status"].append({"task_id": task_id[t["id"]], "as_of": "2026-11-29", "status": "not_assessed"})
        for link in records["task_agencies"]:
            if link["basis"] == "listed":
                out["task_agencies"].append(
                    {**link, "task_id": task_id[link["task_id"]], "agency_id": agency[link["agency_id"]]}
                )
        for m in records["milestones"]:
            out["milestones"].append({**m, "id": len(out["milestones"]) + 1, "task_id": task_id[m["task_id"]]})
        for i in records["indicators"]:
            out["indicators"].append(
                {
                    **i,
                    "id": indicator_ids[(k, i["id"])],
                    "position": len(out["indicators"]) + 1,
                    "name": i["name"] + suffix,
                    "name_en": i["name_en"] + (f" ({k})" if k else ""),
                    "short_name": i["short_name"] + suffix,
                    "short_name_en": i["short_name_en"] + (f" ({k})" if k else ""),
                }
            )
        for t in records["targets"]:
            new_id = indicator_ids[(k, t["indicator_id"])]
            unit = next(i["unit"] for i in records["indicators"] if i["id"] == t["indicator_id"])
            unit_en = next(i["unit_en"] for i in records["indicators"] if i["id"] == t["indicator_id"])
            phrase = t["phrase"] if k == 0 else f"指标{new_id}达到{t['value']:g}{unit}"
            phrase_en = t["phrase_en"] if k == 0 else f"Indicator {new_id} reaches {t['value']:g} {unit_en}"
            out["targets"].append(
                {
                    **t,
                    "id": f"{new_id}-{t['year']}",
                    "indicator_id": new_id,
                    "phrase": phrase,
                    "phrase_en": phrase_en,
                    "comparator": t["comparator"] if k == 0 else "reach",
                    "cumulative": t["cumulative"] if k == 0 else False,
                }
            )
        for link in records["task_indicators"]:
            out["task_indicators"].append(
                {**link, "task_id": task_id[link["task_id"]], "indicator_id": indicator_ids[(k, link["indicator_id"])]}
            )
        for o in records["observations"]:
            out["observations"].append(
                {**o, "id": len(out["observations"]) + 1, "indicator_id": indicator_ids[(k, o["indicator_id"])]}
            )
    return with_general_note(with_targets_text(out, records), records)


def with_targets_text(out: dict, records: dict) -> dict:
    """Section 1's target paragraphs list every copy's targets, so each phrase stands in the text."""
    section = next(s for s in out["sections"] if s["id"] == "1")
    general = section["text"].split("\n")[0]
    lines = [general]
    for year, lead in ((2025, "主要目标是：2025年，"), (2030, "到2030年，")):
        phrases = [
            t["phrase"]
            for t in sorted(
                out["targets"],
                key=lambda t: next(i["position"] for i in out["indicators"] if i["id"] == t["indicator_id"]),
            )
            if t["year"] == year
        ]
        lines.append(lead + "，".join(phrases) + "。")
    section["text"] = "\n".join(lines)
    return out


def with_general_note(out: dict, records: dict) -> dict:
    from scripts.core import structure

    listed = load.group(out["task_agencies"], "task_id")
    for task_id, agency_id in sorted(
        structure.general_note_links(
            out["tasks"], {t: {link["agency_id"] for link in links} for t, links in listed.items()}, out["agencies"]
        )
    ):
        out["task_agencies"].append(
            {"task_id": task_id, "agency_id": agency_id, "basis": "general_note", "position": None}
        )
    return out


def scaled_limits(descriptor: dict, dest: Path, scale: int) -> dict:
    """A plan `scale` times the size has text and pages up to `scale` times as long (section 1 lists every copy's targets):
    its text limits and its page and site budgets grow with it. Chart budgets stay: the overview charts are capped."""
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if "maxLength" in field.get("constraints", {}):
                field["constraints"]["maxLength"] = min(
                    field["constraints"]["maxLength"] * scale, untrusted.CSV_FIELD_LIMIT - 1
                )
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for budget in ("page_bytes", "site_bytes"):
        text = re.sub(rf"(\n    {budget}: )(\d+)", lambda m: f"{m[1]}{int(m[2]) * scale}", text)
    config.write_text(text, encoding="utf-8")
    return descriptor


def make_plan(scale: int, dest: Path) -> Path:
    """A buildable project at dest with the plan copied `scale` times."""
    records = scaled(load.records(), scale)
    copy_project(dest)
    descriptor = scaled_limits(load.read_descriptor(), dest, scale)
    (dest / "data").mkdir(exist_ok=True)
    for resource in descriptor["resources"]:
        keys = resource["schema"]["primaryKey"]
        rows = sorted(text(records[resource["name"]]), key=lambda row: tuple(row[k] for k in keys))
        csvio.write_rows(dest / resource["path"], [f["name"] for f in resource["schema"]["fields"]], rows)
    (dest / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    plan = document.render(
        descriptor["document"]["title"],
        records["sections"],
        records["tasks"],
        records["task_agencies"],
        records["agencies"],
    )
    (dest / descriptor["document"]["text"]).write_text(plan, encoding="utf-8")
    return dest


if __name__ == "__main__":
    make_plan(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote a {sys.argv[1]}x plan to {sys.argv[2]}")
