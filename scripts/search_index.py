"""Page models -> the site's search index: one small JSON file, fetched only when a reader searches.

Chinese needs no word segmentation here: the search page matches substrings,
so 知识产权 finds every page whose title or text contains it.
"""

from __future__ import annotations

import json

from .model import Site


def documents(site: Site) -> list[dict]:
    """{u: URL from the site root, t: title, x: text} for every page built from the data."""
    docs = [{"u": "plan/", "t": "原文", "x": " ".join(line.text for line in site.plan if not line.anchor)}]
    for task in site.tasks:
        units = "、".join(f"{u.short_name}（{u.full_name}）" for u in task.units)
        docs.append({"u": f"tasks/{task.id}/", "t": f"任务{task.id}　{task.title}",
                     "x": f"{task.text} 责任单位：{units} 状态：{task.status.label}"})
    for indicator in site.indicators:
        figures = " ".join(f"{o.year}年{o.value}{indicator.unit} {o.source_publisher} {o.quote}" for o in indicator.observations)
        targets = " ".join(f"{t.phrase} {t.progress_label}" for t in indicator.targets)
        docs.append({"u": f"targets/{indicator.id}/", "t": indicator.name,
                     "x": f"{indicator.definition} {targets} {figures} {indicator.name_en}"})
    for agency in site.agencies:
        docs.append({"u": f"agencies/{agency.id}/", "t": agency.short_name,
                     "x": f"{agency.full_name} {agency.name_en} {agency.kind_label}"})
    for section in site.sections:
        docs.append({"u": f"sections/{section.id}/", "t": section.heading, "x": section.part.heading})
    return docs


def index_json(site: Site) -> str:
    return json.dumps({"docs": documents(site)}, ensure_ascii=False, separators=(",", ":")) + "\n"
