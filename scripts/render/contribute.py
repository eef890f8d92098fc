"""The contribute page's form, as data: its fields come from the "new data" issue form, their rules from the Table
Schema in datapackage.json and the trust boundary (scripts/core/untrusted.py), so nothing is typed twice.

The page's script (docs/assets/javascripts/contribute.js) checks each answer by these rules and opens the prefilled
issue on GitHub (the issue form's fields take their values from the address); scripts/contrib/issue_form.py then turns the
issue into the row, through the same commands as the command line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..core import dates, forms, i18n, untrusted
from ..validate import wording

# Which schema field a form field is checked against, per kind of contribution.
FIGURE_SCHEMA = {
    "indicator": ("observations", "indicator_id"),
    "year": ("observations", "year"),
    "value": ("observations", "value"),
    "note": ("observations", "note"),
    "note_en": ("observations", "note_en"),
    **{name: ("observations", name) for name in forms.SOURCE_OPTIONS},
}
PROGRESS_SCHEMA = {
    "task": ("task_status", "task_id"),
    "as_of": ("task_status", "as_of"),
    "status": ("task_status", "status"),
    "summary": ("task_status", "summary"),
    "summary_en": ("task_status", "summary_en"),
    **{name: ("task_status", name) for name in forms.SOURCE_OPTIONS},
}
YEARS = (2000, 2100)  # as the add_observation command accepts
DATE_PRECISION = {
    "as_of": dates.DAY,
    "published": dates.ANY,
}  # a status's date is a day; a source may give a month or a year


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    control: str  # input | textarea | select
    options: tuple[tuple[str, str], ...] = ()  # (value sent, words shown)
    rules: dict = field(default_factory=dict)  # per kind ("figure", "progress"): what the answer must be


def schema_rules(schema_field: dict) -> dict:
    constraints = schema_field.get("constraints", {})
    rules = {"type": schema_field["type"]}
    for key in ("required", "maxLength", "pattern", "enum", "minimum", "maximum"):
        if key in constraints:
            rules[key] = constraints[key]
    if schema_field.get("multiline"):
        rules["multiline"] = True
    if schema_field["name"].endswith("url"):
        rules["url"] = True
    return rules


def in_language(bilingual: str, lang: str) -> str:
    """ "类别 · Kind" -> "类别" on a Chinese page, "Kind" on an English one."""
    chinese, _, english = bilingual.partition("· ")
    return (chinese.strip() if lang == i18n.DEFAULT else english.strip()) or bilingual


def form_fields(descriptor: dict, site, template=forms.TEMPLATE) -> list[FormField]:
    """The form's fields in the site's language, each with its rules per kind of contribution."""
    schemas = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in descriptor["resources"]}
    items = [item for item in forms.form_items(template) if item["id"] != forms.LANGUAGE_FIELD]  # set by the page
    lang, text = site.lang, i18n.text(site.lang)
    indicators = tuple((indicator.id, indicator.short_name or indicator.name) for indicator in site.indicators)
    tasks = tuple((str(task.id), text("task_title", id=task.id, title=task.title)) for task in site.tasks)
    worded = {"status": text.task_status, "source_kind": text.source_kind}
    half_width = {name for names in wording.chinese_fields(descriptor).values() for name in names}
    out = []
    for item in items:
        rules = {}
        for kind, mapping in (("figure", FIGURE_SCHEMA), ("progress", PROGRESS_SCHEMA)):
            if item["id"] in mapping:
                resource, name = mapping[item["id"]]
                rules[kind] = schema_rules(schemas[resource][name])
        if "figure" in rules and item["id"] == "year":
            rules["figure"].update(minimum=YEARS[0], maximum=YEARS[1], required=True)
        for kind, required in (("figure", ("indicator", "value")), ("progress", ("task", "as_of", "status"))):
            if item["id"] in required:
                rules[kind]["required"] = True
        for name in forms.REQUIRED_SOURCE:  # a figure and any status but not_assessed cite a source
            if item["id"] == name:
                for kind in rules:
                    rules[kind]["required"] = True
        if item["id"] == "summary":
            rules["progress"]["required"] = True
        if (
            item["id"] in DATE_PRECISION
        ):  # read as scripts/core/dates.py reads it, 2026年3月15日 too, and sent in ISO form
            for kind in rules:
                rules[kind].pop("pattern", None)
                rules[kind]["date"] = DATE_PRECISION[item["id"]]
        if item["id"] == "indicator":
            rules["figure"]["enum"] = [value for value, _ in indicators]
        if item["id"] == "task":
            rules["progress"]["enum"] = [value for value, _ in tasks]
        for kind, mapping in (("figure", FIGURE_SCHEMA), ("progress", PROGRESS_SCHEMA)):
            if item["id"] in mapping and mapping[item["id"]][1] in half_width:
                rules[kind]["chinese"] = True  # set in Chinese punctuation (scripts/validate/wording.py)
        options = {
            "kind": tuple((kind, in_language(kind, lang)) for kind in (forms.FIGURE_KIND, forms.PROGRESS_KIND)),
            "indicator": indicators,
            "task": tasks,
        }.get(item["id"])
        if options is None and item["type"] == "dropdown":
            options = tuple(
                (option, worded.get(item["id"], {}).get(option, option)) for option in item["attributes"]["options"]
            )
        control = "select" if options else "textarea" if item["type"] == "textarea" else "input"
        out.append(FormField(item["id"], in_language(item["attributes"]["label"], lang), control, options or (), rules))
    return out


def units(site) -> dict[str, str]:
    """{indicator id: its unit, in the page's language}: shown beside the value once an indicator is chosen."""
    return {indicator.id: indicator.unit for indicator in site.indicators}


def issue_labels(template=forms.TEMPLATE) -> list[list[str]]:
    """[[field id, its question as the issue's body heads it], …] in the form's order: the page writes the emailed text
    as GitHub writes the issue's body, so scripts/contrib/issue_form.py reads both alike."""
    return [[item["id"], item["attributes"]["label"]] for item in forms.form_items(template)]


def rules_json(fields: list[FormField], site=None) -> str:
    """The rules and the trust boundary's text rules, for the page's script (and, given the site, the indicators' units
    and what the emailed text is made of)."""
    ranges = "".join(f"\\u{span.start:04X}-\\u{span.stop - 1:04X}" for span in (untrusted.RADICALS, untrusted.STROKES))
    invisible = "[" + "".join(f"\\u{code:04X}" for code in sorted(untrusted.INVISIBLE)) + ranges + "]"
    return json.dumps(
        {
            "fields": {f.id: f.rules for f in fields},
            "formulaStart": untrusted.FORMULA_START,
            "formulaInside": untrusted.FORMULA_INSIDE.pattern,
            "invisible": invisible,
            "maxCombining": untrusted.MAX_COMBINING,
            "hidden": forms.HIDDEN.pattern,
            "markup": forms.MARKUP.pattern,
            "unanswered": forms.UNANSWERED.pattern,
            "plainHost": untrusted.PLAIN_HOST.pattern,
            "halfWidth": wording.HALF_WIDTH_BETWEEN_CJK.pattern,
            "figureKind": forms.FIGURE_KIND,
            "units": units(site) if site else {},
            "labels": issue_labels(),
            "noResponse": forms.NO_RESPONSE,
            "languageField": forms.LANGUAGE_FIELD,
            "language": forms.reply_option(site.lang) if site else "",
            "emailBegin": forms.EMAIL_BEGIN,
            "emailEnd": forms.EMAIL_END,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
