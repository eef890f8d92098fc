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

from ..core import csvio, descriptor, i18n, paths
from ..core.load import group
from ..model import assessments
from ..source import document

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


def workbook_name(package: dict, lang: str) -> str:
    """gansu-….xlsx in Chinese, gansu-….en.xlsx in English (served at /en/downloads/gansu-….xlsx)."""
    return i18n.localized_path(f"{package['name']}.xlsx", lang)


def inert(sheet) -> None:
    """Every text cell stays text: openpyxl stores a string starting with "=" ("=HYPERLINK(…)") as a live formula, and
    one such as "#N/A" or "#REF!" as an error value, which breaks every sum over its column."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type in ("f", "e"):
                cell.data_type = "s"


def workbook(
    package: dict, records: dict[str, list[dict]], lang: str = i18n.DEFAULT, derived: list[dict] | None = None
) -> bytes:
    """One sheet per table: a row of column labels in `lang`, then a row of field names (the CSV headers), then the data;
    last, the site's own assessments (`derived`), headed as computed by this site."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    text = i18n.text(lang)
    book = Workbook()
    about = book.active
    about.title = text.sheet_about
    document = i18n.localize_document(package["document"], lang)
    values = (
        document["title"],
        document["number"],
        document["issuer"],
        document["signed"],
        document["published"],
        document["source_url"],
        package["version"],
        "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
    )
    for row in zip(text.about_rows, values):
        about.append(row)
    inert(about)
    for resource in package["resources"]:
        sheet = book.create_sheet(resource["name"])
        fields = resource["schema"]["fields"]
        sheet.append(
            [descriptor.in_language(field, "title", lang) if field.get("title") else field["name"] for field in fields]
        )
        sheet.append([field["name"] for field in fields])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="666666")
        for record in records[resource["name"]]:
            sheet.append([record.get(field["name"]) for field in fields])
        inert(sheet)
        sheet.freeze_panes = "A3"
    if derived is not None:
        sheet = book.create_sheet("assessments")
        sheet.append([text.derived_note])
        sheet.append(assessments.COLUMNS)
        sheet[1][0].font = Font(bold=True)
        for record in derived:
            sheet.append([record.get(column) for column in assessments.COLUMNS])
        inert(sheet)
        sheet.freeze_panes = "A3"
    stamp = dt.datetime.fromisoformat(f"{document['published']}T00:00:00")
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps "modified" with the time of saving; pin it so rebuilds are byte-identical.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
        rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
        members["docProps/core.xml"],
    )
    return deterministic_zip(members)


DERIVED_README = """# Assessments computed by this site

`assessments.csv` holds every verdict the site shows: each target's outcome or trend verdict with its reason, and each
2025 milestone's verdict, by the published rules (about/#progress-rule, about/#milestone-rule). They are computed by
this independent site from the data package, on the assessment date given in each row; they are not official
assessments and not part of the data package.

"""


def package_readme(package: dict) -> str:
    document = package["document"]
    lines = [
        f"# {package['title']}",
        "",
        package["description"],
        "",
        f"Document: {document['title']} ({document['number']}), issued by {document['issuer']} ({document.get('issuer_en', '')}), "
        f"signed {document['signed']}, published {document['published']}. Source: {document['source_url']}",
        "",
        f"Data version {package['version']}. Licence: CC BY 4.0. The plan's text is an administrative document "
        "and not protected by copyright (Copyright Law of the PRC, Article 5).",
        "",
        "## Files",
        "",
        "- `datapackage.json`: the Frictionless data package descriptor (schemas, keys, metadata)",
        "- `data/plan.zh-Hans.md`: the full text of the plan",
        "- `data/plan.en.md`: our English translation of it, rendered from the `_en` fields",
    ]
    lines += [f"- `{r['path']}`: {r['description']}" for r in package["resources"]]
    return "\n".join(lines) + "\n"


def link_order(link: dict) -> tuple:
    """A task's units as listed, then those a general note adds (no position), by id."""
    return (link["position"] is None, link["position"] or 0, link["agency_id"])


def task_rows(task: dict, links: list[dict], agencies: dict[str, dict]) -> list[dict]:
    """One row per responsible unit, with the task's fields repeated (long format for spreadsheets)."""
    task_id = task["id"]
    links = sorted(links, key=link_order)
    return [
        {
            "task_id": task_id,
            "task_title": task["title"],
            "task_title_en": task["title_en"],
            "section_id": task["section_id"],
            "agency_id": link["agency_id"],
            "agency_short_name": agencies[link["agency_id"]]["short_name"],
            "agency_short_name_en": agencies[link["agency_id"]]["short_name_en"],
            "agency_full_name": agencies[link["agency_id"]]["full_name"],
            "agency_full_name_en": agencies[link["agency_id"]]["full_name_en"],
            "basis": link["basis"],
            "position": link["position"],
            "milestone": task["milestone"],
            "milestone_en": task["milestone_en"],
        }
        for link in links
    ]


def task_json(task: dict, rows: list[dict], milestone: dict | None, indicators: list[dict]) -> dict:
    return {"task": task, "milestone": milestone, "responsible_units": rows, "related_indicators": indicators}


TASK_COLUMNS = [
    "task_id",
    "task_title",
    "task_title_en",
    "section_id",
    "agency_id",
    "agency_short_name",
    "agency_short_name_en",
    "agency_full_name",
    "agency_full_name_en",
    "basis",
    "position",
    "milestone",
    "milestone_en",
]


def english_plan(package: dict, records: dict[str, list[dict]]) -> str:
    """The plan's full text in English, rendered from the `_en` fields as the Chinese one is from theirs."""
    english = i18n.localize(records, package, "en")
    title = i18n.localize_document(package["document"], "en")["title"]
    return document.render(
        title, english["sections"], english["tasks"], english["task_agencies"], english["agencies"], i18n.text("en")
    )


def files(
    package: dict, records: dict[str, list[dict]], root: Path = paths.ROOT, derived: list[dict] | None = None
) -> dict[str, bytes]:
    """Every download, as {path under downloads/: bytes}; `derived` (assessments.rows) beside the data, marked as computed."""
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
        out[f"tasks/{task['id']}.json"] = to_json(
            task_json(task, rows, milestones.get(task["id"]), indicators.get(task["id"], []))
        ).encode("utf-8")
    descriptor = (root / "datapackage.json").read_bytes()
    plan = (root / package["document"]["text"]).read_bytes()
    out["datapackage.json"] = descriptor
    out["plan-zh.txt"] = plan  # .txt: a .md under docs/ would become a page
    english = english_plan(package, records).encode("utf-8")
    out["plan-en.txt"] = english
    out["CITATION.cff"] = (root / "CITATION.cff").read_bytes()
    out["LICENSE-DATA.txt"] = (root / "LICENSE-DATA.md").read_bytes()
    if derived is not None:
        out["assessments.csv"] = csvio.render_rows(assessments.COLUMNS, derived).encode("utf-8")
        out["assessments.json"] = to_json(
            {"computed_by": assessments.COMPUTED_BY, "columns": assessments.DESCRIPTION, "rows": derived}
        ).encode("utf-8")
    for lang in i18n.LANGUAGES:
        out[workbook_name(package, lang)] = workbook(package, records, lang, derived)
    members = {
        "datapackage.json": descriptor,
        "README.md": package_readme(package).encode("utf-8"),
        package["document"]["text"]: plan,
        "data/plan.en.md": english,
        "CITATION.cff": out["CITATION.cff"],
        "LICENSE-DATA.md": out["LICENSE-DATA.txt"],
    }
    members.update({resource["path"]: out[f"{resource['name']}.csv"] for resource in package["resources"]})
    if derived is not None:  # beside the package, not in it: computed by this site, not data it compiled
        members["derived/assessments.csv"] = out["assessments.csv"]
        members["derived/README.md"] = (
            DERIVED_README + "".join(f"- `{k}`: {v}\n" for k, v in assessments.DESCRIPTION.items())
        ).encode("utf-8")
    out[f"{package['name']}.zip"] = deterministic_zip(members)
    return out
