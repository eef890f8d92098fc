"""Page models -> generated Markdown, through Jinja templates that only loop and branch.

Text from the data is escaped for Markdown and HTML (`md` filter), so a row
holding "<script>", "**" or "{{ }}" shows as written instead of acting. The
front matter is written by a YAML emitter, never by formatting strings, and
never says render_macros, so the macros plugin (render_by_default: false) never
runs on the Markdown written here: no data ever reaches Jinja as template text.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
import yaml

from ..core import descriptor, forms, i18n, routes, statuses, untrusted
from ..model.model import Site
from ..source import clean
from . import api, changes, contribute, downloads, sparkline
from . import charts as charts_module

TEMPLATES = Path(__file__).parent / "templates"
CHARTS_SCRIPT = "assets/javascripts/charts.js"  # every page with a chart: the interactive version, on request
CONTRIBUTE_SCRIPT = "assets/javascripts/contribute.js"  # the contribute form
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")  # characters Python-Markdown lets us backslash-escape
LIST_MARKER = re.compile(r"^(\d+)([.)])(?=\s)|^([-+])(?=\s)", re.M)
CODE_SPAN = re.compile(r"`([^`\n]*)`")


def escape_md(text: object) -> str:
    """Inline text safe for Markdown: HTML escaped, Markdown punctuation backslashed."""
    escaped = html.escape(str(text), quote=False)
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    # "1. Strengthen…" is a task line and "- x" a phrase, not list items
    escaped = LIST_MARKER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
    return escaped.replace("\n", "<br>")


def code_span(text: object) -> str:
    """Text as an inline code span that nothing inside can close (Python-Markdown escapes what is inside)."""
    text = str(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if fence != "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


MARKDOWN_MARKS = set("\\`*_{}[]()#+!|~")  # written as character references, so Markdown reads none of them as markup


def html_code(text: object) -> str:
    """Text as an HTML <code> element, for Markdown table cells: a "|" inside a code span would split the cell, and its
    escape "\\|" would show literally (the dictionary's id patterns); every Markdown mark inside is a character reference."""
    escaped = html.escape(str(text))
    return "<code>" + "".join(f"&#{ord(char)};" if char in MARKDOWN_MARKS else char for char in escaped) + "</code>"


def escape_prose(text: object) -> str:
    """Prose from datapackage.json (descriptions) safe for Markdown, as escape_md, with its `code spans` kept as code."""
    return "".join(
        code_span(piece) if index % 2 else escape_md(piece) for index, piece in enumerate(CODE_SPAN.split(str(text)))
    )


def safe_url(url: object) -> str:
    """A URL from the data, percent-encoded so it cannot close a Markdown link or open an HTML tag."""
    return quote(str(url), safe=":/?#@!$&'*+,;=%-._~[]")


def format_number(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def front_matter(
    title: str,
    description: str,
    updated: str | None = None,
    image: str | None = None,
    scripts: tuple[str, ...] = (),
    template: bool = False,
) -> str:
    """A page's YAML front matter, emitted by PyYAML: each value double-quoted with every line break and control
    character escaped, so whatever the data holds stays one value on one line. A generated page is never a template;
    a hand-written one (`template`) asks the macros plugin to render it (render_macros, a line of our own, never data).
    `image` is the page's chart PNG, relative to its language's root, for link previews (Open Graph). `scripts` are the
    page's own scripts, relative to the site's root: the theme (overrides/main.html) loads them, because a <script src>
    written in the page would be read differently by the two generators (Zensical rebases relative URLs in a page's HTML
    from its Markdown file, MkDocs leaves them as they are)."""
    meta = {
        "title": str(title),
        "description": str(description),
        **({"updated": str(updated)} if updated else {}),
        **({"image": image} if image else {}),
        **({"scripts": list(scripts)} if scripts else {}),
    }
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=float("inf"), default_style='"') + (
        "render_macros: true\n" if template else ""
    )


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # Markdown, not HTML: text is escaped explicitly with |md or |e
)
ENVIRONMENT.filters.update(md=escape_md, prose=escape_prose, num=format_number, url=safe_url)


def nested_quotes(text: object) -> str:
    """Our own words set inside double quotes: their double quotes become single (“a “b” c” -> “a ‘b’ c”). Never for a
    source's quote, which is shown as copied."""
    return str(text).replace("“", "‘").replace("”", "’")


ENVIRONMENT.filters["nested"] = nested_quotes


def status_icon(status: str) -> str:
    return (
        f'<svg class="outcome__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
        f'<path d="{statuses.icon_path(status)}"/></svg>'
    )


def status_groups(tasks, text) -> list[tuple[str, str, list]]:
    """The tasks by status, assessed ones first and those not yet assessed last; a status no task has is left out."""
    order = [key for key in text.task_status if key != "not_assessed"] + ["not_assessed"]
    groups = [(key, text.task_status[key], [task for task in tasks if task.status.status == key]) for key in order]
    return [group for group in groups if group[2]]


def agency_summary(
    agency, tasks_by_id: dict, milestone_labels: dict[str, str], year: int | None, text
) -> tuple[str, str]:
    """A unit's scorecard in two sentences: its tasks by status, and their milestones by verdict (labels as the home
    page's totals give them); counts only of what occurs, in the vocabulary's order."""
    tasks = [tasks_by_id[ref.id] for ref in dict.fromkeys(agency.leads + agency.joins + agency.noted)]

    def counted(labels: dict[str, str], key_of) -> str:
        found = [key_of(task) for task in tasks if key_of(task)]
        return text.join(
            text("status_count", label=label, count=found.count(key)) for key, label in labels.items() if key in found
        )

    statuses = counted(text.task_status, lambda task: task.status.status)
    milestones = counted(milestone_labels, lambda task: task.milestone_status)
    return (
        text("agency_status_counts", count=len(tasks), items=statuses) if tasks else "",
        text("agency_milestone_counts", year=year, items=milestones) if milestones else "",
    )


def tile_sparkline(tile) -> sparkline.Sparkline | None:
    return sparkline.sparkline(tile.points, tile.level, tile.better)


def status_badge(status: str, label: str) -> str:
    """A status never told by colour alone: colour, icon and words."""
    return f'<span class="outcome outcome--{html.escape(status)}">{status_icon(status)}{html.escape(label)}</span>'


ENVIRONMENT.globals.update(
    icon=status_icon,
    badge=status_badge,
    spark=tile_sparkline,
    contributed=untrusted.CONTRIBUTED_LINK_REL,
    route=routes.url,  # a page of the data as a URL from the language's root (HTML written at the root)
)


page_url = routes.page_url


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, with the language suffix: tasks/1.md, tasks/1.en.md
    text: str


CHINESE_RUN = i18n.CHINESE_RUN


def in_language(lang: str):
    """Wraps text in another language for screen readers and fonts: <span lang="…">."""
    code = "zh-Hans" if lang == "zh" else lang
    return lambda text: f'<span lang="{code}">{text}</span>'


def markers(lang: str) -> tuple:
    """(zh, mixed) filters for a page in `lang`: on English pages they mark Chinese text as Chinese,
    all of it (a quote) or each run of it (a publisher's name inside English); on Chinese pages they do nothing."""
    if lang == "zh":
        return (lambda text: text), (lambda text: text)
    return in_language("zh"), mark_chinese


def awaiting_marker(lang: str, pending_words: str):
    """`awaiting(shown, item, field)` for a page in `lang`: on an English page, a contributed text still in Chinese (its
    field named in item.untranslated, see i18n.localize) is marked lang="zh-Hans" and followed by the words saying its
    translation is pending; anything else is returned as it is. `shown` is already escaped by the caller."""

    def awaiting(shown: str, item, field: str) -> str:
        if not i18n.awaits_translation(item, field, lang):
            return shown
        return f'<span lang="zh-Hans">{shown}</span> <small class="translation-pending">{html.escape(pending_words)}</small>'

    return awaiting


def in_english(lang: str):
    """English text (a glossary's English column) marked lang="en" on a Chinese page, any Chinese inside it marked back
    as Chinese; as it is on an English one."""
    if lang != "zh":
        return lambda text: text
    return lambda text: in_language("en")(mark_chinese(text))


def mark_chinese(text: str) -> str:
    """English Markdown quoting Chinese (a publisher's name, a glossary note): each Chinese run marked lang="zh-Hans";
    a code span holding Chinese becomes <code lang="zh-Hans">, since Markdown would show a span inside it literally."""
    pieces = []
    for index, piece in enumerate(CODE_SPAN.split(text)):
        if index % 2:  # inside backticks
            pieces.append(
                f'<code lang="zh-Hans">{html.escape(piece)}</code>' if CHINESE_RUN.search(piece) else f"`{piece}`"
            )
        else:
            pieces.append(CHINESE_RUN.sub(lambda run: f'<span lang="zh-Hans">{run[0]}</span>', piece))
    return "".join(pieces)


CHANGES_SHOWN = (
    500  # the newest changes on the changes page: a branch of many commits cannot blow the page past its budget
)

# The page that shows each overview chart (an indicator's chart is on the indicator's page).
EMBED_MARGIN = 56  # pixels under the chart for its source line
CHART_PAGES = {
    "tasks-per-section": "tasks/index.md",
    "responsibility-matrix": "tasks/index.md",
    "targets-overview": "targets/index.md",
    "progress-overview": "targets/index.md",
    "tasks-per-unit": "agencies/index.md",
}


def chart_page(name: str) -> str:
    return CHART_PAGES.get(name) or routes.source("indicator", name[len("target-") :])


class Renderer:
    """Renders every generated page of a site model, in the model's language."""

    def __init__(
        self,
        site: Site,
        repository: str,
        svgs: dict[str, str],
        site_url: str = "",
        data_updated: str | None = None,
        contact_email: str = "",
    ):
        """`data_updated`: the data's last change (YYYY-MM-DD), the date of a page whose own rows carry none; `contact_email`:
        where the contribute page's emailed text goes (none: the page offers GitHub alone)."""
        self.contact_email = contact_email
        self.site = site
        self.data_updated = data_updated
        self.text = i18n.text(site.lang)
        self.repository = repository.rstrip("/")
        self.svgs = svgs
        self.site_url = site_url.rstrip("/") + "/" if site_url else "/"
        self.language_root = self.site_url + ("" if site.lang == i18n.DEFAULT else f"{site.lang}/")

    def address(self, path: str) -> str:
        """The absolute URL of a page of this language (tasks/1.md -> https://…/en/tasks/1/)."""
        return self.language_root + page_url(path)

    def embed_code(self, chart: charts_module.Chart) -> str:
        """An <iframe> for another site: lazy-loaded, sandboxed, of a fixed height that fits the taller of the chart's two
        layouts (the wide one, and the phone one a narrow iframe shows) and its source line."""
        heights = [charts_module.svg_size(self.svgs.get(stem, ""))[1] for stem in (chart.stem, chart.stem + "@phone")]
        height = round(max(heights) or 400) + EMBED_MARGIN
        # sandbox: the embed runs no script and may only open links in a new tab; no referrer leaves the host page
        return (
            f'<iframe src="{self.language_root}embed/{chart.name}.html" title="{html.escape(chart.title)}" width="100%" '
            f'height="{height}" loading="lazy" style="border:0" sandbox="allow-popups allow-popups-to-escape-sandbox" '
            f'referrerpolicy="no-referrer"></iframe>'
        )

    def citations(self, item: str, url: str, sources: list[str], date: str) -> tuple[str, str]:
        """(short, long) citations naming this project and the original sources."""
        t = self.text
        joined = t.separator.join(dict.fromkeys(sources))
        short = t("cite_short_format", project=t.project, year=str(date)[:4], item=item, sources=joined, url=url)
        long = t(
            "cite_long_format",
            project=t.project,
            item=item,
            version=self.site.version,
            date=t.date(str(date)),
            url=url,
            sources=joined,
        )
        return short, long

    def snippets(self, url: str) -> list[tuple[str, str, str]]:
        """Ready-to-run code that reads one CSV from its stable URL: pandas, R, a spreadsheet."""
        t = self.text
        return [
            (t.snippet_pandas, "python", f'import pandas as pd\n\ndata = pd.read_csv("{url}")'),
            (t.snippet_r, "r", f'data <- read.csv("{url}", encoding = "UTF-8")'),
            (t.snippet_sheet, "text", f'=IMPORTDATA("{url}")'),
        ]

    def api_examples(self, package: dict) -> list[tuple[str, str, str]]:
        """Reading the API from a program: a task's JSON in Python and R, an indicator's figures into a spreadsheet."""
        base = f"{self.site_url}{api.root(self.site.version)}"
        t = self.text
        return [
            (
                t.snippet_pandas,
                "python",
                f"import json\nfrom urllib.request import urlopen\n\n"
                f'task = json.load(urlopen("{base}/tasks/26.json"))\nprint(task["task"]["title_en"])\n\n'
                f'import pandas as pd\n\nfigures = pd.read_csv("{base}/indicators/rd_expenditure.csv")',
            ),
            (
                t.snippet_r,
                "r",
                f'library(jsonlite)\n\ntask <- fromJSON("{base}/tasks/26.json")\n'
                f'figures <- read.csv("{base}/indicators/rd_expenditure.csv", encoding = "UTF-8")',
            ),
            (t.snippet_sheet, "text", f'=IMPORTDATA("{base}/indicators/rd_expenditure.csv")'),
        ]

    def plan_source(self) -> str:
        document = self.site.document
        return self.text("plan_source", issuer=document["issuer"], title=document["title"], number=document["number"])

    def embed(self, chart: charts_module.Chart) -> Page:
        """The chart alone, for an <iframe> on another site: its wide and phone layouts (each with its source line), no
        theme, no script."""
        text = ENVIRONMENT.get_template("embed.html.j2").render(
            t=self.text,
            chart=chart,
            svg=self.svgs[chart.stem],
            phone_svg=self.svgs.get(chart.stem + "@phone", ""),
            html_lang="zh-Hans" if self.site.lang == "zh" else self.site.lang,
            page_url=f"{self.address(chart_page(chart.name))}#chart-{chart.name}",
        )
        return Page(i18n.localized_path(f"embed/{chart.name}.html", self.site.lang), text)

    def render(
        self,
        template: str,
        path: str,
        title: str,
        description: str,
        updated: str | None = None,
        scripts: tuple[str, ...] = (),
        **context,
    ) -> Page:
        """`path` is the page's path in the default language; links between pages name those paths too,
        and mkdocs-static-i18n resolves them to the reader's language."""
        here = posixpath.dirname(path)
        lang = self.site.lang

        def link(target: str) -> str:
            return posixpath.relpath(target, here or ".")

        def page(kind: str, key: object) -> str:  # a page of the data (routes.SOURCES), linked from this one
            return link(routes.source(kind, key))

        site_root = "../" * page_url(path).count("/")  # to this language's root: / or /en/
        chinese, mixed = markers(lang)
        shown = context["chart"] if "chart" in context else context["charts"][0][0] if context.get("charts") else None
        text = ENVIRONMENT.get_template(template).render(
            link=link,
            page=page,
            site_root=site_root,
            front=front_matter(
                title,
                description,
                updated or self.data_updated,
                f"charts/{shown.name}.png" if shown else None,
                (CHARTS_SCRIPT, *scripts) if shown else scripts,
            ),
            t=self.text,
            zh=chinese,
            mixed=mixed,
            address=self.address(path),
            site_url=self.site_url,
            embed_code=self.embed_code,
            api_root=api.root(self.site.version),
            other=in_language("en" if lang == "zh" else "zh"),
            english=in_english(lang),
            in_chinese_page=lang == "zh",
            awaiting=awaiting_marker(lang, self.text.translation_pending),
            site=self.site,
            document=self.site.document,
            correction_url=self.correction_url(title, self.address(path)),
            svgs=self.svgs,
            **context,
        )
        return Page(i18n.localized_path(path, lang), text)

    def correction_url(self, about: str, address: str = "") -> str:
        """The correction issue form, its title and "where" field filled in with the page."""
        where = f"&where={quote(address, safe='')}" if address else ""
        return f"{self.repository}/issues/new?template=correction.yml&title={quote(self.text.correction + about)}&labels=correction{where}"

    def chart_context(self, *charts: charts_module.Chart) -> list[tuple]:
        return [(chart, self.svgs[chart.stem]) for chart in charts]

    def target(self, indicator, chart: charts_module.Chart) -> Page:
        """An indicator's page: targets, progress, chart, figures, and everything to reuse them in one place."""
        path = routes.source("indicator", indicator.id)
        endpoint = f"{api.root(self.site.version)}/indicators/{indicator.id}"
        sources = [self.plan_source(), *(o.source_publisher for o in indicator.observations)]
        return self.render(
            "target.md.j2",
            path,
            indicator.name,
            indicator.definition,
            indicator.updated,
            indicator=indicator,
            chart=chart,
            svg=self.svgs.get(chart.stem, ""),
            endpoint=endpoint,
            code=self.snippets(f"{self.site_url}{endpoint}.csv"),
            citations=self.citations(
                indicator.name, self.address(path), sources, indicator.updated or self.site.document["published"]
            ),
        )

    def pages(
        self, package: dict, chart_list: list[charts_module.Chart], dictionary: str, citation: str, glossary: list[dict]
    ) -> list[Page]:
        site, t, by_name = self.site, self.text, {chart.name: chart for chart in chart_list}
        form = contribute.form_fields(package, site)
        out = [
            self.render(
                "task.md.j2",
                routes.source("task", task.id),
                t("task_title", id=task.id, title=task.title),
                task.title,
                task.updated,
                task=task,
            )
            for task in site.tasks
        ]
        out += [self.target(indicator, by_name[f"target-{indicator.id}"]) for indicator in site.indicators]
        tasks_by_id = {task.id: task for task in site.tasks}
        milestone_labels = {key: label for key, label, _ in site.scorecard.milestone_totals} if site.scorecard else {}
        out += [
            self.render(
                "agency.md.j2",
                routes.source("agency", agency.id),
                agency.short_name,
                agency.full_name,
                agency.updated,
                agency=agency,
                tasks=tasks_by_id,
                summary=agency_summary(
                    agency, tasks_by_id, milestone_labels, site.scorecard.year if site.scorecard else None, t
                ),
            )
            for agency in site.agencies
        ]
        out += [
            self.render(
                "section.md.j2",
                routes.source("section", section.id),
                section.title,
                section.part.heading,
                section=section,
            )
            for section in site.sections
        ]
        workbook = downloads.workbook_name(package, site.lang)
        out += [
            self.render(
                "tasks_index.md.j2",
                "tasks/index.md",
                t.tasks,
                t("tasks_description", count=len(site.tasks)),
                charts=self.chart_context(by_name["tasks-per-section"], by_name["responsibility-matrix"]),
            ),
            self.render(
                "targets_index.md.j2",
                "targets/index.md",
                t.targets,
                t.targets_description,
                charts=self.chart_context(by_name["progress-overview"], by_name["targets-overview"]),
            ),
            self.render(
                "progress.md.j2",
                "progress.md",
                t.progress,
                t.progress_description,
                charts=self.chart_context(by_name["progress-overview"]),
                labels=list(t.progress_label.values()),
                status_counts=[
                    (key, label, sum(1 for task in site.tasks if task.status.status == key))
                    for key, label in t.task_status.items()
                ],
                status_groups=status_groups(site.tasks, t),
            ),
            self.render(
                "changes.md.j2",
                "changes.md",
                t.changes,
                t.changes_description,
                changes_shown=CHANGES_SHOWN,
                entries=changes.entries(
                    site,
                    t,
                    changes.resource_titles(package, site.lang),
                    CHANGES_SHOWN,
                    changes.field_titles(package, site.lang),
                ),
                repository=self.repository,
            ),
            self.render(
                "agencies_index.md.j2",
                "agencies/index.md",
                t.agencies,
                t("agencies_description", count=len(site.agencies)),
                kinds=list(t.agency_kind.items()),
                charts=self.chart_context(by_name["tasks-per-unit"]),
            ),
            self.render(
                "plan.md.j2",
                "plan.md",
                t.plan,
                site.document["title"],
                repairs=clean.REPAIRS,
                exceptions=list(clean.OPENCC_EXCEPTIONS.items()),
            ),
            self.render(
                "contribute.md.j2",
                "contribute.md",
                t.contribute,
                t.contribute_description,
                scripts=(CONTRIBUTE_SCRIPT,),
                fields=form,
                rules=contribute.rules_json(form, site),
                messages=json.dumps(t.contribute_messages, ensure_ascii=False),
                contact_email=self.contact_email,
                guide=f"{self.repository}/blob/main/CONTRIBUTING.md",
                issue_url=f"{self.repository}/issues/new?template=new-data.yml&{forms.LANGUAGE_FIELD}="
                f"{quote(forms.reply_option(site.lang))}",
            ),
            self.render(
                "api.md.j2",
                "api.md",
                t.api,
                t.api_description,
                package=package,
                api_version=api.api_version(site.version),
                endpoints=api_endpoints(package, site, t),
                examples=self.api_examples(package),
            ),
            self.render(
                "data.md.j2",
                "data.md",
                t.data,
                t.data_description,
                package=package,
                counts=site.counts,
                code={
                    r["name"]: self.snippets(f"{self.site_url}downloads/{r['name']}.csv") for r in package["resources"]
                },
                data_citations=self.citations(
                    package["title"] if site.lang == "zh" else site.document["title"],
                    self.address("data.md"),
                    [self.plan_source(), t.statistics_sources],
                    site.changes[0].commit.date if site.changes else site.document["published"],
                ),
                citation=citation,
                glossary=glossary,
                workbook=workbook,
                resource_titles=descriptor.titles(package, site.lang),
            ),
            self.render(
                "dictionary.md.j2", "dictionary.md", t.dictionary, t.dictionary_description, dictionary=dictionary
            ),
        ]
        return out


def api_endpoints(package: dict, site: Site, t) -> list[dict]:
    """The API page's table and field lists: one entry per kind of endpoint, fields described from the schemas."""
    base, schemas = api.root(site.version), api.schemas(package)
    titles = descriptor.titles(package, site.lang)
    rows = {r["name"]: api.row_schema(r) for r in package["resources"]}
    examples = {
        "task": ("tasks", "{id}", len(site.tasks), "26", True),
        "indicator": ("indicators", "{id}", len(site.indicators), "rd_expenditure", True),
        "target": ("targets", "{id}", sum(len(i.targets) for i in site.indicators), "rd_expenditure-2025", True),
        "agency": ("agencies", "{id}", len(site.agencies), "science-technology", True),
        "section": ("sections", "{id}", site.counts.get("sections", 0), "3-4", True),
        "all": ("", "all", 1, "all", False),
    }
    out = []
    for kind, (collection, pattern, count, example, has_csv) in examples.items():
        folder = f"{base}/{collection}/" if collection else f"{base}/"
        fields = []
        for key, schema in schemas[kind]["properties"].items():
            resource = next(
                (
                    name
                    for name, row in rows.items()
                    if schema == row or schema.get("items") == row or schema.get("anyOf", [None])[0] == row
                ),
                None,
            )
            kind_of = (
                "array"
                if schema.get("type") == "array"
                else "object"
                if resource or schema.get("type") == "object"
                else schema.get("type", "object")
            )
            described = (
                t("api_rows" if kind_of == "array" else "api_row", resource=titles[resource])
                if resource
                else t.api_field_notes[key]
            )
            fields.append((key, kind_of if isinstance(kind_of, str) else " | ".join(kind_of), described))
        out.append(
            {
                "kind": kind,
                "label": t[f"endpoint_{kind}"],
                "pattern": f"{folder}{pattern}.json",
                "count": count,
                "example": f"{folder}{example}.json",
                "example_csv": f"{folder}{example}.csv" if has_csv else None,
                "schema": f"{base}/schemas/{kind}.json",
                "fields": fields,
            }
        )
    return out


def fragment(template: str, site: Site, repository: str) -> str:
    """A piece of a hand-written page at the docs root (home, about), rendered from the model."""
    return (
        Renderer(site, repository, {})
        .render(template, "index.md", "", "", repairs=clean.REPAIRS, exceptions=list(clean.OPENCC_EXCEPTIONS.items()))
        .text
    )
