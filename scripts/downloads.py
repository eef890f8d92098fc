"""Records -> the files readers download: CSV, JSON, XLSX and one ZIP of everything.

Every archive is written with fixed timestamps and a fixed member order, so
two builds of the same data produce byte-identical downloads.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

from . import csvio, paths
from .load import group

FIXED_TIME = (2025, 3, 5, 0, 0, 0)  # the plan's publication date; any fixed value would do


def to_json(value: object) -> str:
    """Dates as YYYY-MM-DD, as in the CSV files."""
    return json.dumps(value, ensure_ascii=False, indent=2, default=lambda o: o.isoformat()) + "\n"


def deterministic_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def workbook(package: dict, records: dict[str, list[dict]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = "说明"
    document = package["document"]
    for row in (("标题", document["title"]), ("文号", document["number"]), ("发文机关", document["issuer"]),
                ("签发日期", document["signed"]), ("发布日期", document["published"]), ("来源", document["source_url"]),
                ("数据版本", package["version"]), ("许可", "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)")):
        about.append(row)
    for resource in package["resources"]:
        sheet = book.create_sheet(resource["name"])
        fields = [field["name"] for field in resource["schema"]["fields"]]
        sheet.append(fields)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for record in records[resource["name"]]:
            sheet.append([record.get(field) for field in fields])
        sheet.freeze_panes = "A2"
    stamp = dt.datetime.fromisoformat(f"{document['published']}T00:00:00")
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps "modified" with the time of saving; pin it so rebuilds are byte-identical.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                          rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", members["docProps/core.xml"])
    return deterministic_zip(members)


def package_readme(package: dict) -> str:
    document = package["document"]
    lines = [f"# {package['title']}", "", package["description"], "",
             f"Document: {document['title']} ({document['number']}), issued by {document['issuer']} ({document.get('issuer_en', '')}), "
             f"signed {document['signed']}, published {document['published']}. Source: {document['source_url']}", "",
             f"Data version {package['version']}. Licence: CC BY 4.0. The plan's text is an administrative document "
             "and not protected by copyright (Copyright Law of the PRC, Article 5).", "", "## Files", "",
             "- `datapackage.json`: the Frictionless data package descriptor (schemas, keys, metadata)",
             "- `data/plan.zh-Hans.md`: the full text of the plan"]
    lines += [f"- `{r['path']}`: {r['description']}" for r in package["resources"]]
    return "\n".join(lines) + "\n"


def task_rows(task: dict, links: list[dict], agencies: dict[str, dict]) -> list[dict]:
    """One row per responsible unit, with the task's fields repeated (long format for spreadsheets)."""
    task_id = task["id"]
    links = sorted(links, key=lambda link: (link["position"] is None, link["position"] or 0, link["agency_id"]))
    return [{"task_id": task_id, "task_title": task["title"], "section_id": task["section_id"], "agency_id": link["agency_id"],
             "agency_short_name": agencies[link["agency_id"]]["short_name"], "agency_full_name": agencies[link["agency_id"]]["full_name"],
             "basis": link["basis"], "position": link["position"], "milestone": task["milestone"]} for link in links]


def task_json(task: dict, rows: list[dict], milestone: dict | None, indicators: list[dict]) -> dict:
    return {"task": task, "milestone": milestone, "responsible_units": rows, "related_indicators": indicators}


TASK_COLUMNS = ["task_id", "task_title", "section_id", "agency_id", "agency_short_name", "agency_full_name", "basis", "position", "milestone"]


def files(package: dict, records: dict[str, list[dict]], root: Path = paths.ROOT) -> dict[str, bytes]:
    """Every download, as {path under downloads/: bytes}."""
    out: dict[str, bytes] = {}
    for resource in package["resources"]:
        out[f"{resource['name']}.csv"] = (root / resource["path"]).read_bytes()
        out[f"{resource['name']}.json"] = to_json(records[resource["name"]]).encode("utf-8")
    agencies = {a["id"]: a for a in records["agencies"]}
    links, indicators = group(records["task_agencies"], "task_id"), group(records["task_indicators"], "task_id")
    milestones = {m["task_id"]: m for m in records["milestones"]}
    for task in records["tasks"]:
        rows = task_rows(task, links.get(task["id"], []), agencies)
        out[f"tasks/{task['id']}.csv"] = csvio.render_rows(TASK_COLUMNS, rows).encode("utf-8")
        out[f"tasks/{task['id']}.json"] = to_json(task_json(task, rows, milestones.get(task["id"]), indicators.get(task["id"], []))).encode("utf-8")
    descriptor = (root / "datapackage.json").read_bytes()
    plan = (root / package["document"]["text"]).read_bytes()
    out["datapackage.json"] = descriptor
    out["plan.zh-Hans.txt"] = plan  # .txt: a .md under docs/ would become a page
    out["CITATION.cff"] = (root / "CITATION.cff").read_bytes()
    out["LICENSE-DATA.txt"] = (root / "LICENSE-DATA.md").read_bytes()
    out[f"{package['name']}.xlsx"] = workbook(package, records)
    members = {"datapackage.json": descriptor, "README.md": package_readme(package).encode("utf-8"),
               package["document"]["text"]: plan, "CITATION.cff": out["CITATION.cff"], "LICENSE-DATA.md": out["LICENSE-DATA.txt"]}
    members.update({resource["path"]: out[f"{resource['name']}.csv"] for resource in package["resources"]})
    out[f"{package['name']}.zip"] = deterministic_zip(members)
    return out
