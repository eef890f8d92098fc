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
from . import clean, vocabulary
from .model import Site

TEMPLATES = Path(__file__).parent / "templates"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")  # characters Python-Markdown lets us backslash-escape


def escape_md(text: object) -> str:
    """Inline text safe for Markdown: HTML escaped, Markdown punctuation backslashed."""
    escaped = html.escape(str(text), quote=False)
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
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
    path: str  # relative to docs/
    text: str


class Renderer:
    """Renders every generated page of a site model."""

    def __init__(self, site: Site, repository: str, svgs: dict[str, str]):
        self.site = site
        self.repository = repository.rstrip("/")
        self.svgs = svgs

    def render(self, template: str, path: str, title: str, description: str, updated: str | None = None, **context) -> Page:
        here = posixpath.dirname(path)

        def link(target: str) -> str:
            return posixpath.relpath(target, here or ".")

        text = ENVIRONMENT.get_template(template).render(
            link=link, site_root="../" * page_url(path).count("/"), title=title, description=description, updated=updated,
            site=self.site, document=self.site.document, correction_url=self.correction_url(title), **context)
        return Page(path, text)

    def correction_url(self, about: str) -> str:
        return f"{self.repository}/issues/new?title={quote('更正：' + about)}&labels=correction"

    def chart_context(self, *charts: charts_module.Chart) -> list[tuple]:
        return [(chart, self.svgs[chart.name]) for chart in charts]

    def pages(self, package: dict, chart_list: list[charts_module.Chart], dictionary: str, citation: str) -> list[Page]:
        site, by_name = self.site, {chart.name: chart for chart in chart_list}
        out = [
            self.render("task.md.j2", f"tasks/{task.id}.md", f"任务{task.id}　{task.title}", task.title, task.updated, task=task)
            for task in site.tasks
        ]
        for indicator in site.indicators:
            chart = by_name[f"target-{indicator.id}"]
            out.append(self.render("target.md.j2", f"targets/{indicator.id}.md", indicator.name, indicator.definition, indicator.updated,
                                   indicator=indicator, chart=chart, svg=self.svgs[chart.name]))
        out += [self.render("agency.md.j2", f"agencies/{agency.id}.md", agency.short_name, agency.full_name, agency.updated, agency=agency)
                for agency in site.agencies]
        out += [self.render("section.md.j2", f"sections/{section.id}.md", section.title, section.part.heading, section=section)
                for section in site.sections]
        out += [
            self.render("tasks_index.md.j2", "tasks/index.md", "任务", f"{len(site.tasks)}项任务及其牵头单位和2025年目标",
                        charts=self.chart_context(by_name["tasks-per-section"], by_name["responsibility-matrix"])),
            self.render("targets_index.md.j2", "targets/index.md", "主要目标", "八项主要指标的2025年和2030年目标",
                        charts=self.chart_context(by_name["progress-overview"], by_name["targets-overview"])),
            self.render("progress.md.j2", "progress.md", "进展", "主要目标的进展标签和各项任务的评估状态",
                        charts=self.chart_context(by_name["progress-overview"]), labels=list(vocabulary.PROGRESS.values()),
                        status_counts=[(key, label, sum(1 for t in site.tasks if t.status.status == key))
                                       for key, label in vocabulary.STATUS.items()]),
            self.render("changes.md.j2", "changes.md", "更新记录", "数据文件的修改历史"),
            self.render("agencies_index.md.j2", "agencies/index.md", "责任单位", f"{len(site.agencies)}个责任单位及其任务",
                        kinds=list(vocabulary.KIND.items()), charts=self.chart_context(by_name["tasks-per-unit"])),
            self.render("plan.md.j2", "plan.md", "原文", site.document["title"],
                        repairs=clean.REPAIRS, exceptions=list(clean.OPENCC_EXCEPTIONS.items())),
            self.render("data.md.j2", "data.md", "数据下载", "全部数据的 CSV、JSON、Excel 和 ZIP 下载，数据字典和引用方式",
                        package=package, counts=site.counts, dictionary=dictionary, citation=citation),
        ]
        return out


def fragment(template: str, site: Site, repository: str) -> str:
    """A piece of a hand-written page at the docs root (home, about), rendered from the model."""
    return Renderer(site, repository, {}).render(template, "index.md", "", "", repairs=clean.REPAIRS,
                                                 exceptions=list(clean.OPENCC_EXCEPTIONS.items())).text
