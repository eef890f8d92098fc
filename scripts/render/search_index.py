"""Page models -> the site's search index: one small JSON file per language, fetched only when a reader searches.

The search page matches every word of the query as a substring, so Chinese
needs no word segmentation (知识产权 finds every page that contains it); an
English plural also finds its singular (search.js). Each page is indexed with
what it shows (a task's evidence and its sources, a figure's source titles), and
with words that find it without being shown in a snippet: the synonyms
(data/synonyms.csv) of every term the page holds, so 研发 finds the page that
says 研究与试验发展, and the indicator's English name on a Chinese page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..core import i18n, routes
from ..model.model import Site, Status

FIELD_GAP = " · "  # between the fields a snippet may show together, so they do not read as one sentence


def sourced(statuses: Iterable[Status], text: i18n.Text) -> str:
    """What a page shows of each status or piece of evidence: its summary, its source's title and publisher; a text
    still in Chinese on an English page says so, as the page does."""
    return FIELD_GAP.join(
        part
        for status in statuses
        for part in (
            i18n.pending(status.summary, status, "summary", text),
            status.source_title,
            i18n.pending(status.source_publisher, status, "source_publisher", text),
        )
        if part
    )


def fields(*parts: str) -> str:
    return FIELD_GAP.join(part for part in parts if part)


def documents(site: Site) -> list[dict]:
    """{u: URL from the language's root, t: title, x: text, k: words that find the page unseen} for every page built from the data
    (index_json adds the synonyms)."""
    t = i18n.text(site.lang)
    docs = [{"u": "plan/", "t": t.search_plan, "x": " ".join(line.text for line in site.plan if not line.anchor)}]
    for task in site.tasks:
        units = t.join(u.name + (t("parenthesis", text=u.expansion) if u.expansion else "") for u in task.units)
        docs.append(
            {
                "u": routes.url("task", task.id),
                "t": t("task_title", id=task.id, title=task.title),
                "x": fields(
                    task.text,
                    f"{t.agencies}{t.colon}{units}",
                    f"{t.status}{t.colon}{task.status.label}",
                    sourced(task.evidence, t),
                    sourced(task.history, t),
                ),
            }
        )
    for indicator in site.indicators:
        figures = fields(
            *(
                fields(
                    f"{t('year_label', year=o.year)} {o.value} {indicator.unit}",
                    i18n.pending(o.source_publisher, o, "source_publisher", t),
                    o.source_title,
                    o.source_title_translated or "",
                    o.quote,
                )
                for o in indicator.observations
            )
        )
        targets = fields(*(f"{target.phrase}{t.colon}{target.progress_label}" for target in indicator.targets))
        docs.append(
            {
                "u": routes.url("indicator", indicator.id),
                "t": indicator.name,
                "x": fields(indicator.definition, targets, figures),
                "k": indicator.name_en if indicator.name_en != indicator.name else "",
            }
        )
    for agency in site.agencies:
        docs.append(
            {
                "u": routes.url("agency", agency.id),
                "t": agency.short_name,
                "x": f"{agency.full_name} {agency.other_name} {agency.kind_label}",
            }
        )
    for section in site.sections:
        docs.append({"u": routes.url("section", section.id), "t": section.heading, "x": section.part.heading})
    return docs


def synonyms_found(text: str, synonyms: Iterable[dict]) -> list[str]:
    """The synonyms of every term `text` holds (any case), each once, leaving out those it holds already."""
    lowered = text.lower()
    found = (
        row["synonym"] for row in synonyms if row["term"].lower() in lowered and row["synonym"].lower() not in lowered
    )
    return list(dict.fromkeys(found))


def with_synonyms(doc: dict, synonyms: Iterable[dict]) -> dict:
    """The page with the synonyms of its terms: as `a`, those of terms in its title (search.js ranks a match there as
    one in the title: 研发 puts the page titled 研究与试验发展 first); added to `k`, those of the rest of its text."""
    unseen = doc.get("k", "")
    titled = synonyms_found(doc["t"], synonyms)
    words = " ".join(
        filter(
            None,
            [
                unseen,
                *(word for word in synonyms_found(f"{doc['t']} {doc['x']} {unseen}", synonyms) if word not in titled),
            ],
        )
    )
    return {
        "u": doc["u"],
        "t": doc["t"],
        "x": doc["x"],
        **({"a": " ".join(titled)} if titled else {}),
        **({"k": words} if words else {}),
    }


def index_json(site: Site, synonyms: Iterable[dict] = ()) -> str:
    synonyms = list(synonyms)
    docs = [with_synonyms(doc, synonyms) for doc in documents(site)]
    return json.dumps({"docs": docs}, ensure_ascii=False, separators=(",", ":")) + "\n"
