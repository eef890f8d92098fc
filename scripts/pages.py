"""Page models -> generated Markdown, through Jinja templates that only loop and branch.

Text from the data is escaped for Markdown and HTML (`md` filter), so a row
holding "<script>", "**" or "{{ }}" shows as written instead of acting.
Generated pages opt out of mkdocs-macros (render_macros: false) for the same reason.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2

from . import charts as charts_module
from . import clean, downloads, i18n
from .model import Site

TEMPLATES = Path(__file__).parent / "templates"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")  # characters Python-Markdown lets us backslash-escape
LIST_MARKER = re.compile(r"^(\d+)([.)])(?=\s)|^([-+])(?=\s)", re.M)


def escape_md(text: object) -> str:
    """Inline text safe for Markdown: HTML escaped, Markdown punctuation backslashed."""
    escaped = html.escape(str(text), quote=False)
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    # "1. Strengthen…" is a task line and "- x" a phrase, not list items
    escaped = LIST_MARKER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
    return escaped.replace("\n", "<br>")


def safe_url(url: object) -> str:
    """A URL from the data, percent-encoded so it cannot close a Markdown link or open an HTML tag."""
    return quote(str(url), safe=":/?#@!$&'*+,;=%-._~[]")


def format_number(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def yaml_string(text: object) -> str:
    """Inside a double-quoted YAML scalar."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # Markdown, not HTML: text is escaped explicitly with |md or |e
)
ENVIRONMENT.filters.update(md=escape_md, num=format_number, yaml=yaml_string, url=safe_url)


def page_url(docs_path: str) -> str:
    """The URL MkDocs gives a page (directory URLs): tasks/1.md -> tasks/1/, tasks/index.md -> tasks/."""
    stem = docs_path[: -len(".md")]
    return "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, with the language suffix: tasks/1.md, tasks/1.en.md
    text: str


CHINESE_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def in_language(lang: str):
    """Wraps text in another language for screen readers and fonts: <span lang="…">."""
    code = "zh-Hans" if lang == "zh" else lang
    return lambda text: f'<span lang="{code}">{text}</span>'


CODE_SPAN = re.compile(r"`([^`\n]*)`")


def mark_chinese(text: str) -> str:
    """English Markdown quoting Chinese (a publisher's name, a glossary note): each Chinese run marked lang="zh-Hans";
    a code span holding Chinese becomes <code lang="zh-Hans">, since Markdown would show a span inside it literally."""
    pieces = []
    for index, piece in enumerate(CODE_SPAN.split(text)):
        if index % 2:  # inside backticks
            pieces.append(f'<code lang="zh-Hans">{html.escape(piece)}</code>' if CHINESE_RUN.search(piece) else f"`{piece}`")
        else:
            pieces.append(CHINESE_RUN.sub(lambda run: f'<span lang="zh-Hans">{run[0]}</span>', piece))
    return "".join(pieces)


class Renderer:
    """Renders every generated page of a site model, in the model's language."""

    def __init__(self, site: Site, repository: str, svgs: dict[str, str]):
        self.site = site
        self.text = i18n.text(site.lang)
        self.repository = repository.rstrip("/")
        self.svgs = svgs

    def render(self, template: str, path: str, title: str, description: str, updated: str | None = None, **context) -> Page:
        """`path` is the page's path in the default language; links between pages name those paths too,
        and mkdocs-static-i18n resolves them to the reader's language."""
        here = posixpath.dirname(path)
        lang = self.site.lang

        def link(target: str) -> str:
            return posixpath.relpath(target, here or ".")

        site_root = "../" * page_url(path).count("/")  # to this language's root: / or /en/
        same = (lambda text: text)
        chinese, mixed = (same, same) if lang == "zh" else (in_language("zh"), mark_chinese)
        text = ENVIRONMENT.get_template(template).render(
            link=link, site_root=site_root, assets_root=site_root + ("" if lang == i18n.DEFAULT else "../"),
            title=title, description=description, updated=updated, t=self.text, zh=chinese, mixed=mixed,
            other=in_language("en" if lang == "zh" else "zh"),
            site=self.site, document=self.site.document, correction_url=self.correction_url(title), **context)
        return Page(i18n.localized_path(path, lang), text)

    def correction_url(self, about: str) -> str:
        return f"{self.repository}/issues/new?title={quote(self.text.correction + about)}&labels=correction"

    def chart_context(self, *charts: charts_module.Chart) -> list[tuple]:
        return [(chart, self.svgs[chart.stem]) for chart in charts]

    def pages(self, package: dict, chart_list: list[charts_module.Chart], dictionary: str, citation: str, glossary: list[dict]) -> list[Page]:
        site, t, by_name = self.site, self.text, {chart.name: chart for chart in chart_list}
        out = [
            self.render("task.md.j2", f"tasks/{task.id}.md", t("task_title", id=task.id, title=task.title), task.title, task.updated, task=task)
            for task in site.tasks
        ]
        for indicator in site.indicators:
            chart = by_name[f"target-{indicator.id}"]
            out.append(self.render("target.md.j2", f"targets/{indicator.id}.md", indicator.name, indicator.definition, indicator.updated,
                                   indicator=indicator, chart=chart, svg=self.svgs[chart.stem]))
        out += [self.render("agency.md.j2", f"agencies/{agency.id}.md", agency.short_name, agency.full_name, agency.updated, agency=agency)
                for agency in site.agencies]
        out += [self.render("section.md.j2", f"sections/{section.id}.md", section.title, section.part.heading, section=section)
                for section in site.sections]
        workbook = downloads.workbook_name(package, site.lang)
        out += [
            self.render("tasks_index.md.j2", "tasks/index.md", t.tasks, t("tasks_description", count=len(site.tasks)),
                        charts=self.chart_context(by_name["tasks-per-section"], by_name["responsibility-matrix"])),
            self.render("targets_index.md.j2", "targets/index.md", t.targets, t.targets_description,
                        charts=self.chart_context(by_name["progress-overview"], by_name["targets-overview"])),
            self.render("progress.md.j2", "progress.md", t.progress, t.progress_description,
                        charts=self.chart_context(by_name["progress-overview"]), labels=list(t.progress_label.values()),
                        status_counts=[(key, label, sum(1 for task in site.tasks if task.status.status == key))
                                       for key, label in t.task_status.items()]),
            self.render("changes.md.j2", "changes.md", t.changes, t.changes_description),
            self.render("agencies_index.md.j2", "agencies/index.md", t.agencies, t("agencies_description", count=len(site.agencies)),
                        kinds=list(t.agency_kind.items()), charts=self.chart_context(by_name["tasks-per-unit"])),
            self.render("plan.md.j2", "plan.md", t.plan, site.document["title"],
                        repairs=clean.REPAIRS, exceptions=list(clean.OPENCC_EXCEPTIONS.items())),
            self.render("data.md.j2", "data.md", t.data, t.data_description, package=package, counts=site.counts,
                        dictionary=dictionary, citation=citation, glossary=glossary, workbook=workbook,
                        resource_titles={r["name"]: r["title_zh"] if site.lang == "zh" else r["title"] for r in package["resources"]}),
        ]
        return out


def fragment(template: str, site: Site, repository: str) -> str:
    """A piece of a hand-written page at the docs root (home, about), rendered from the model."""
    return Renderer(site, repository, {}).render(template, "index.md", "", "", repairs=clean.REPAIRS,
                                                 exceptions=list(clean.OPENCC_EXCEPTIONS.items())).text
