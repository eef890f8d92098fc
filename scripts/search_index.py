"""Page models -> the site's search index: one small JSON file per language, fetched only when a reader searches.

The search page matches every word of the query as a substring, so Chinese
needs no word segmentation (知识产权 finds every page that contains it) and
English needs no stemming beyond what a reader types ("intellectual property").
"""

from __future__ import annotations

import json

from . import i18n
from .model import Site


def documents(site: Site) -> list[dict]:
    """{u: URL from the language's root, t: title, x: text} for every page built from the data."""
    t = i18n.text(site.lang)
    docs = [{"u": "plan/", "t": t.search_plan, "x": " ".join(line.text for line in site.plan if not line.anchor)}]
    for task in site.tasks:
        units = t.join(u.name + (t("parenthesis", text=u.expansion) if u.expansion else "") for u in task.units)
        docs.append({"u": f"tasks/{task.id}/", "t": t("task_title", id=task.id, title=task.title),
                     "x": f"{task.text} {t.agencies}{t.colon}{units} {t.status}{t.colon}{task.status.label}"})
    for indicator in site.indicators:
        figures = " ".join(f"{t('year_label', year=o.year)} {o.value} {indicator.unit} {o.source_publisher} {o.quote}" for o in indicator.observations)
        targets = " ".join(f"{target.phrase} {target.progress_label}" for target in indicator.targets)
        docs.append({"u": f"targets/{indicator.id}/", "t": indicator.name,
                     "x": f"{indicator.definition} {targets} {figures} {indicator.name_en}"})
    for agency in site.agencies:
        docs.append({"u": f"agencies/{agency.id}/", "t": agency.short_name,
                     "x": f"{agency.full_name} {agency.other_name} {agency.kind_label}"})
    for section in site.sections:
        docs.append({"u": f"sections/{section.id}/", "t": section.heading, "x": section.part.heading})
    return docs


def index_json(site: Site) -> str:
    return json.dumps({"docs": documents(site)}, ensure_ascii=False, separators=(",", ":")) + "\n"
