"""Records -> a static JSON (and CSV) API at stable URLs, with a JSON Schema for every kind of endpoint.

    api/index.json                      what there is: every endpoint, its CSV twin and its schema
    api/v1/all.json                     every resource, every row
    api/v1/tasks/<id>.json              a task with its section, 2025 target, units, indicators and status history
    api/v1/indicators/<id>.json         a headline indicator with its targets (and their progress) and every sourced figure
    api/v1/targets/<id>.json            one target (rd_expenditure-2025) with its progress
    api/v1/agencies/<id>.json           a responsible unit with its tasks
    api/v1/sections/<id>.json           a part or subsection with its tasks
    api/v1/schemas/<kind>.json          the JSON Schema each of those validates against

The path's version is the data package's major version: a change that breaks a
reader bumps it, and the old path keeps being generated beside the new one.
Every response carries the full package version. Row objects are the CSV rows
as typed by the Table Schema, both languages included (`title`, `title_en`).
"""

from __future__ import annotations

from ..core import csvio, descriptor, i18n, routes
from ..core.load import group
from ..model import progress
from ..model.model import Site, evidence_in_order, role_of
from . import downloads

JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "string"}


def api_version(version: str) -> str:
    """1.0.0 -> v1: the major version names the path."""
    return f"v{int(str(version).split('.')[0])}"


def root(version: str) -> str:
    return f"api/{api_version(version)}"


# --- JSON Schemas from the Table Schemas -------------------------------------------------------


def row_schema(resource: dict) -> dict:
    """A JSON Schema for one row of a resource, from its Table Schema: types, required, enums, patterns."""
    properties, required = {}, []
    for field in resource["schema"]["fields"]:
        constraints = field.get("constraints", {})
        kind = JSON_TYPES[field["type"]]
        schema: dict = {
            "type": kind if constraints.get("required") else [kind, "null"],
            "description": field.get("description", ""),
        }
        if field["type"] == "date":
            schema["format"] = "date"
        if "enum" in constraints:
            schema["enum"] = list(constraints["enum"]) + ([] if constraints.get("required") else [None])
        if "pattern" in constraints:
            schema["pattern"] = constraints["pattern"]
        properties[field["name"]] = schema
        required.append(field["name"])  # every column is present; empty cells are null
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def obj(properties: dict, description: str = "") -> dict:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


VERSION = {
    "type": "string",
    "pattern": r"^\d+\.\d+\.\d+$",
    "description": "The data package version these data come from.",
}
PAGES = obj(
    {"zh": {"type": "string"}, "en": {"type": "string"}},
    "The page about this item on the site, in Chinese and in English.",
)
PROGRESS = obj(
    {
        "label": {
            "type": "string",
            "enum": list(progress.LABELS),
        },
        "label_zh": {"type": "string"},
        "label_en": {"type": "string"},
        "reason_zh": {"type": "string"},
        "reason_en": {"type": "string"},
        "level": {"type": ["number", "null"], "description": "The value the target asks for, in the indicator's unit."},
        "latest_year": {"type": ["integer", "null"]},
        "latest_value": {"type": ["number", "null"]},
    },
    "The progress label by the published rule (about/#progress-rule), with its reason in both languages.",
)


def schemas(package: dict) -> dict[str, dict]:
    """{kind: JSON Schema} for every kind of endpoint, plus `all` and `index`."""
    rows = {resource["name"]: row_schema(resource) for resource in package["resources"]}
    agency_role = {
        **rows["task_agencies"],
        "properties": {
            **rows["task_agencies"]["properties"],
            **{
                k: rows["agencies"]["properties"][k]
                for k in ("short_name", "short_name_en", "full_name", "full_name_en")
            },
            "role": {"type": "string", "enum": ["lead", "participant", "noted"]},
        },
    }
    agency_role["required"] = list(agency_role["properties"])
    task_ref = obj(
        {
            "task_id": {"type": "integer"},
            "title": {"type": "string"},
            "title_en": {"type": "string"},
            "role": {"type": ["string", "null"], "enum": ["lead", "participant", "noted", None]},
        }
    )
    target = {**rows["targets"], "properties": {**rows["targets"]["properties"], "progress": PROGRESS}}
    target["required"] = list(target["properties"])
    out = {
        "task": obj(
            {
                "version": VERSION,
                "task": rows["tasks"],
                "section": rows["sections"],
                "milestone": nullable(rows["milestones"]),
                "milestone_evidence": array(rows["milestone_evidence"]),
                "responsible_units": array(agency_role),
                "indicators": array(rows["task_indicators"]),
                "status": array(rows["task_status"]),
                "pages": PAGES,
            },
            "A task of the plan.",
        ),
        "indicator": obj(
            {
                "version": VERSION,
                "indicator": rows["indicators"],
                "targets": array(target),
                "observations": array(rows["observations"]),
                "tasks": array({"type": "integer"}),
                "pages": PAGES,
            },
            "A headline indicator, its 2025 and 2030 targets and every sourced figure.",
        ),
        "target": obj(
            {"version": VERSION, "target": target, "indicator": rows["indicators"], "pages": PAGES}, "One target."
        ),
        "agency": obj(
            {"version": VERSION, "agency": rows["agencies"], "tasks": array(task_ref), "pages": PAGES},
            "A responsible unit.",
        ),
        "section": obj(
            {"version": VERSION, "section": rows["sections"], "tasks": array(task_ref), "pages": PAGES},
            "A part or subsection of the plan.",
        ),
        "all": obj(
            {"version": VERSION, "resources": obj({name: array(schema) for name, schema in rows.items()})},
            "Every resource of the data package, every row.",
        ),
    }
    for kind, schema in out.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = kind
    return out


# --- responses ---------------------------------------------------------------------------------


def pages(path: str) -> dict:
    """Site URLs from the site root, for both languages."""
    return {"zh": path, "en": f"en/{path}"}


def progress_of(found: dict) -> dict:
    """A target's progress from its page models in each language ({lang: model.Target})."""
    assessment = found[i18n.DEFAULT].progress
    latest = assessment.latest if assessment else None
    return {
        "label": assessment.label if assessment else "insufficient_data",
        "label_zh": found["zh"].progress_label,
        "label_en": found["en"].progress_label,
        "reason_zh": found["zh"].reason,
        "reason_en": found["en"].reason,
        "level": assessment.level if assessment else None,
        "latest_year": latest.year if latest else None,
        "latest_value": latest.value if latest else None,
    }


TASK_REF_COLUMNS = ["task_id", "title", "title_en", "role"]


def columns_of(package: dict, name: str) -> list[str]:
    return descriptor.field_names(package, name)


def responses(
    package: dict, records: dict[str, list[dict]], sites: dict[str, Site]
) -> dict[str, tuple[dict, tuple | None]]:
    """{path under docs/ without extension: (JSON body, (CSV columns, rows) or None)} for every endpoint."""
    version = str(package["version"])
    base = root(version)
    agencies = {a["id"]: a for a in records["agencies"]}
    sections = {s["id"]: s for s in records["sections"]}
    tasks = {t["id"]: t for t in records["tasks"]}
    milestones = {m["task_id"]: m for m in records["milestones"]}
    links, statuses = group(records["task_agencies"], "task_id"), group(records["task_status"], "task_id")
    task_indicators = group(records["task_indicators"], "task_id")
    evidence = group(records["milestone_evidence"], "task_id")
    out: dict[str, tuple[dict, tuple | None]] = {}
    target_columns = [*columns_of(package, "targets"), *(f"progress_{key}" for key in PROGRESS["properties"])]
    modelled: dict[tuple, dict] = {}  # (indicator, year) -> {lang: model.Target}
    for lang, site in sites.items():
        for indicator in site.indicators:
            for target in indicator.targets:
                modelled.setdefault((indicator.id, target.year), {})[lang] = target

    for task in records["tasks"]:
        units = sorted(links.get(task["id"], []), key=downloads.link_order)
        body = {
            "version": version,
            "task": task,
            "section": sections[task["section_id"]],
            "milestone": milestones.get(task["id"]),
            "milestone_evidence": evidence_in_order(evidence.get(task["id"], [])),
            "responsible_units": [
                {
                    **link,
                    **{
                        k: agencies[link["agency_id"]][k]
                        for k in ("short_name", "short_name_en", "full_name", "full_name_en")
                    },
                    "role": role_of(link),
                }
                for link in units
            ],
            "indicators": task_indicators.get(task["id"], []),
            "status": sorted(statuses.get(task["id"], []), key=lambda s: s["as_of"], reverse=True),
            "pages": pages(routes.url("task", task["id"])),
        }
        out[f"{base}/tasks/{task['id']}"] = (body, (downloads.TASK_COLUMNS, downloads.task_rows(task, units, agencies)))
    targets_by_indicator = group(records["targets"], "indicator_id")
    observations = group(records["observations"], "indicator_id")
    related = group(records["task_indicators"], "indicator_id")
    for indicator in records["indicators"]:
        targets = [
            {**t, "progress": progress_of(modelled[(t["indicator_id"], t["year"])])}
            for t in sorted(targets_by_indicator.get(indicator["id"], []), key=lambda t: t["year"])
        ]
        figures = sorted(observations.get(indicator["id"], []), key=lambda o: (o["year"], o["id"]))
        body = {
            "version": version,
            "indicator": indicator,
            "targets": targets,
            "observations": figures,
            "tasks": sorted({link["task_id"] for link in related.get(indicator["id"], [])}),
            "pages": pages(routes.url("indicator", indicator["id"])),
        }
        out[f"{base}/indicators/{indicator['id']}"] = (body, (columns_of(package, "observations"), figures))
        for target in targets:
            out[f"{base}/targets/{target['id']}"] = (
                {
                    "version": version,
                    "target": target,
                    "indicator": indicator,
                    "pages": pages(routes.url("indicator", indicator["id"])),
                },
                (target_columns, [flat_target(target)]),
            )
    by_agency = group(records["task_agencies"], "agency_id")
    for agency in records["agencies"]:
        refs = [
            {
                "task_id": link["task_id"],
                "title": tasks[link["task_id"]]["title"],
                "title_en": tasks[link["task_id"]]["title_en"],
                "role": role_of(link),
            }
            for link in sorted(by_agency.get(agency["id"], []), key=lambda link: link["task_id"])
        ]
        out[f"{base}/agencies/{agency['id']}"] = (
            {"version": version, "agency": agency, "tasks": refs, "pages": pages(routes.url("agency", agency["id"]))},
            (TASK_REF_COLUMNS, refs),
        )
    by_section = group(records["tasks"], "section_id")
    for section in records["sections"]:
        children = [s["id"] for s in records["sections"] if s["parent_id"] == section["id"]]
        members = [t for sid in [section["id"], *children] for t in by_section.get(sid, [])]
        refs = [
            {"task_id": t["id"], "title": t["title"], "title_en": t["title_en"], "role": None}
            for t in sorted(members, key=lambda t: t["id"])
        ]
        page = routes.url("section", section["id"]) if section["level"] == 2 else "plan/"
        out[f"{base}/sections/{section['id']}"] = (
            {"version": version, "section": section, "tasks": refs, "pages": pages(page)},
            (TASK_REF_COLUMNS, refs),
        )
    out[f"{base}/all"] = ({"version": version, "resources": records}, None)
    return out


def flat_target(target: dict) -> dict:
    """A target and its progress as one CSV row."""
    return {
        **{k: v for k, v in target.items() if k != "progress"},
        **{f"progress_{k}": v for k, v in target["progress"].items()},
    }


KIND_OF = {
    "tasks": "task",
    "indicators": "indicator",
    "targets": "target",
    "agencies": "agency",
    "sections": "section",
    "all": "all",
}


def kind_of(path: str) -> str:
    """api/v1/tasks/1 -> task; api/v1/all -> all."""
    return KIND_OF[path.split("/")[2]]


def files(package: dict, records: dict[str, list[dict]], sites: dict[str, Site]) -> dict[str, bytes]:
    """Every API file as {path under docs/: bytes}: the endpoints, their CSVs, the schemas and the index."""
    version = str(package["version"])
    base = root(version)
    out: dict[str, bytes] = {}
    endpoints = []
    for path, (body, table) in sorted(responses(package, records, sites).items()):
        out[f"{path}.json"] = downloads.to_json(body).encode("utf-8")
        if table is not None:
            out[f"{path}.csv"] = csvio.render_rows(*table).encode("utf-8")
        endpoints.append(
            {
                "kind": kind_of(path),
                "json": f"{path}.json"[len("api/") :],
                "csv": f"{path}.csv"[len("api/") :] if table is not None else None,
                "schema": f"{base}/schemas/{kind_of(path)}.json"[len("api/") :],
            }
        )
    for kind, schema in schemas(package).items():
        out[f"{base}/schemas/{kind}.json"] = downloads.to_json(schema).encode("utf-8")
    index = {
        "name": package["name"],
        "title": package["title"],
        "version": version,
        "api_version": api_version(version),
        "licenses": package["licenses"],
        "documentation": {"zh": "../api/", "en": "../en/api/"},
        "all": f"{api_version(version)}/all.json",
        "endpoints": endpoints,
    }
    out["api/index.json"] = downloads.to_json(index).encode("utf-8")
    return out
