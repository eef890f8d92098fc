"""Page models -> charts: an Altair spec, its data table, and SVG/PNG renderings.

Charts are data: each chart's Vega-Lite spec is written as a file and tested
for its fields and titles. The SVG is rendered at build time (visible without
JavaScript) and made accessible: role="img" with a <title> and <desc>.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import textwrap
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import altair as alt

from . import i18n, paths, untrusted
from .model import Site

# Fonts Debian's fonts-noto-cjk installs; the renderer must know them or PNGs show boxes.
CJK_FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto")
FONT = "Noto Sans CJK SC"
FONT_STACK = f"{FONT}, 'PingFang SC', 'Microsoft YaHei', sans-serif"
CONFIG = {
    "font": FONT_STACK,
    "background": "white",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top"},
    "title": {"fontSize": 15, "anchor": "start"},
}
# Overview charts stay readable, and their cost bounded, however large a plan grows:
# past these counts they show the first items and say so; the table, CSV and pages keep everything.
MAX_TASKS, MAX_UNITS, MAX_PANELS = 60, 60, 24
FACET_WRAP = {"zh": 12, "en": 28}  # characters per line of a panel title
SOURCE_WRAP = {"zh": 40, "en": 80}  # characters per line of the source line under a chart's title
SOURCE_FIELD = "source_line"
UNIT_LABEL_LIMIT = 440  # pixels: the longest English short name of a unit fits


def capped(items: list | tuple, limit: int, noun: str, text: i18n.Text) -> tuple[list, str]:
    """The first `limit` items and a sentence for the description when some were left out."""
    items = list(items)
    return (items, "") if len(items) <= limit else (items[:limit], text("capped", limit=limit, noun=noun, count=len(items)))


ROLE_COLORS = {"lead": "#b5462c", "participant": "#5b8db8", "noted": "#c9c9c9"}


@dataclass(frozen=True)
class Chart:
    name: str  # file stem under docs/charts/
    title: str
    description: str  # read by screen readers, shown under the chart
    spec: dict  # the Vega-Lite spec, data inline
    columns: tuple[str, ...]  # the accessible data table
    rows: tuple[tuple, ...]
    lang: str = i18n.DEFAULT
    source: str = ""  # the source line: under the title in the image, in every tooltip, under an embedded chart

    @property
    def stem(self) -> str:
        """A key unique across languages: target-x, target-x.en."""
        return self.name + i18n.suffix(self.lang)

    def file(self, extension: str) -> str:
        """Its file in the docs tree: charts/target-x.png, charts/target-x.en.png (served at /en/charts/target-x.png)."""
        return i18n.localized_path(f"charts/{self.name}.{extension}", self.lang)


class FontMissing(RuntimeError):
    pass


def source_line(document: dict, text: i18n.Text, publishers: list[str] = ()) -> str:
    """Where a chart's numbers come from: the plan, and each publisher of a figure it shows."""
    plan = text("plan_source", issuer=document["issuer"], title=document["title"], number=document["number"])
    return text("chart_source", sources=text.separator.join([plan, *dict.fromkeys(publishers)]), project=text.project)


def with_source_in_tooltips(spec: dict, line: str, label: str) -> dict:
    """Every view that has a tooltip also shows the source line in it (a calculated field, not a data column)."""
    if isinstance(spec, dict):
        tooltip = spec.get("encoding", {}).get("tooltip")
        if isinstance(tooltip, list):
            spec["transform"] = [{"calculate": json.dumps(line, ensure_ascii=False), "as": SOURCE_FIELD}, *spec.get("transform", [])]
            tooltip.append({"field": SOURCE_FIELD, "type": "nominal", "title": label})
        for value in spec.values():
            if isinstance(value, (dict, list)):
                with_source_in_tooltips(value, line, label)
    elif isinstance(spec, list):
        for item in spec:
            with_source_in_tooltips(item, line, label)
    return spec


def _chart(name: str, chart: alt.TopLevelMixin, title: str, description: str, columns: list[str], rows: list[tuple],
           text: i18n.Text, source: str) -> Chart:
    # Schema validation of every spec costs more than the rendering that checks it anyway.
    heading = alt.TitleParams(title, subtitle=wrapped(source, text.lang, SOURCE_WRAP[text.lang]),
                              subtitleFontSize=11, subtitleColor="#555")
    spec = with_source_in_tooltips(chart.properties(title=heading, description=description).to_dict(validate=False), source, text.source)
    spec["config"] = CONFIG
    return Chart(name, title, description, spec, tuple(columns), tuple(rows), text.lang, source)


def wrapped(label: str, lang: str, width: int | None = None) -> list[str]:
    """A title in lines: English at word breaks, Chinese (about twice as wide a character) in runs."""
    width = width or FACET_WRAP[lang]
    if lang == i18n.DEFAULT:
        return [label[i:i + width] for i in range(0, len(label), width)] if len(label) > width + 2 else [label]
    return textwrap.wrap(label, width) or [label]


def _tooltip(columns: list[str], quantitative: str) -> list[str]:
    return [f"{column}:{'Q' if column == quantitative else 'N'}" for column in columns]


def _values(columns: list[str], rows: list[tuple]) -> alt.Data:
    return alt.Data(values=[dict(zip(columns, row)) for row in rows])


def _roles(text: i18n.Text) -> alt.Scale:
    return alt.Scale(domain=[text.role[role] for role in ROLE_COLORS], range=list(ROLE_COLORS.values()))


def targets_overview(site: Site, text: i18n.Text) -> Chart:
    """Every level target, one small panel per indicator so no two units share an axis."""
    columns = list(text.targets_overview_columns)
    indicator, _, year, value, _ = columns
    shown, note = capped(site.indicators, MAX_PANELS, text.noun_indicators, text)
    rows = [(f"{i.position}. {i.name}{text('parenthesis', text=i.unit)}", i.unit, str(t.year), t.value, t.phrase)
            for i in shown for t in i.targets if t.comparator != "improve_by"]
    relative = [text("relative_target", name=i.name, year=t.year, phrase=t.phrase)
                for i in site.indicators for t in i.targets if t.comparator == "improve_by"]
    titles = {label: wrapped(label, text.lang) for label in {r[0] for r in rows}}
    base = alt.Chart().encode(x=alt.X(f"{year}:N", title=None, axis=alt.Axis(labelAngle=0)), tooltip=_tooltip(columns, value))
    bars = base.mark_bar(color="#5b8db8").encode(y=alt.Y(f"{value}:Q", title=None, axis=alt.Axis(tickCount=4)))
    labels = base.mark_text(dy=-6, fontSize=11).encode(y=alt.Y(f"{value}:Q"), text=alt.Text(f"{value}:Q", format=","))
    chart = alt.layer(bars, labels, data=_values(columns, rows)).properties(width=120, height=90).facet(
        facet=alt.Facet(f"{indicator}:N", title=None, sort=sorted({r[0] for r in rows}, key=lambda label: int(label.split(".")[0])),
                        header=alt.Header(labelFontSize=11, labelLimit=0, labelAlign="left", labelAnchor="start",
                                          # Vega-Lite pastes datum.label in unparenthesized: the parentheses keep the comparison whole
                                          labelExpr=" : ".join(f"(datum.label) === {json.dumps(label, ensure_ascii=False)} ? "
                                                               f"{json.dumps(lines, ensure_ascii=False)}" for label, lines in sorted(titles.items()))
                                                    + " : (datum.label)")),
        columns=4,
    ).resolve_scale(y="independent")
    description = (text("targets_overview_description", count=len(site.indicators))
                   + (text("targets_overview_relative", targets=text.separator.join(relative)) if relative else "") + note)
    return _chart("targets-overview", chart, text.targets_overview_title, description, columns, rows, text, source_line(site.document, text))


def indicator_targets(indicator, document: dict, text: i18n.Text) -> Chart:
    """Observed figures (each linked to its source), the targets, and the path from the latest figure to each."""
    columns = list(text.indicator_columns)
    year, value, kind, _, source = columns
    observed_label, other_label, target_label = text.observed, text.other_source, text.target_point
    rows = [(o.year, o.value, observed_label if o.preferred else other_label, o.source_publisher, o.source_url)
            for o in indicator.observations]
    rows += [(t.year, t.progress.level, target_label, t.phrase, "") for t in indicator.targets
             if t.progress and t.progress.level is not None]
    latest = indicator.series[-1] if indicator.series else None
    path_columns = list(text.path_columns)
    paths = [(text("path_to", year=t.year), p) for t in indicator.targets
             if latest and t.progress and t.progress.level is not None and not t.cumulative and t.year > latest.year
             for p in ((latest.year, latest.value), (t.year, t.progress.level))]
    years = [r[0] for r in rows] or [2025, 2030]
    x = alt.X(f"{year}:Q", title=text.year_axis, axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(domain=[min(years) - 1, max(years) + 1]))
    y = alt.Y(f"{value}:Q", title=indicator.unit, scale=alt.Scale(zero=indicator.better == "higher", reverse=indicator.better == "lower"))
    base = alt.Chart(_values(columns, rows))
    observed = base.transform_filter(alt.datum[kind] == observed_label)
    layers = [
        observed.mark_line(color="#5b8db8"),
        observed.mark_point(filled=True, size=60, color="#5b8db8", cursor="pointer"),
        base.transform_filter(alt.datum[kind] == other_label).mark_point(size=60, color="#888"),
        base.transform_filter(alt.datum[kind] == target_label).mark_point(shape="diamond", filled=True, size=120, color="#b5462c"),
    ]
    tooltip = [alt.Tooltip(f"{value}:Q", title=value + text("parenthesis", text=indicator.unit)) if field == f"{value}:Q" else field
               for field in _tooltip(columns, value)]  # the unit with the number
    layers = [layer.encode(x=x, y=y, href=alt.Href(f"{source}:N"), tooltip=tooltip) for layer in layers]
    if paths:
        layers.append(alt.Chart(_values(path_columns, [(name, *point) for name, point in paths])).mark_line(
            strokeDash=[4, 4], color="#b5462c").encode(x=x, y=y, detail=f"{path_columns[0]}:N"))
    chart = alt.layer(*layers).properties(width=320, height=220)
    described = text.separator.join(text("observed_item", year=o.year, amount=text.amount(o.value, indicator.unit, indicator.better == "lower")) for o in indicator.series) \
        or text.no_sourced_figures
    description = text("indicator_chart_description", name=indicator.name, unit=indicator.unit, observed=described,
                       targets=text.separator.join(text("target_item", year=t.year, phrase=t.phrase, progress=t.progress_label)
                                                   for t in indicator.targets))
    source = source_line(document, text, [o.source_publisher for o in indicator.observations])
    return _chart(f"target-{indicator.id}", chart, text("indicator_chart_title", name=indicator.name), description, columns, rows, text, source)


def progress_overview(site: Site, text: i18n.Text) -> Chart:
    """How far each indicator has come, as a share of each target: one unit (%) on the axis."""
    columns = list(text.progress_columns)
    indicator_column, _, share_column, progress_column = columns
    rows, missing = [], []
    shown, note = capped(site.indicators, MAX_PANELS, text.noun_indicators, text)
    for indicator in shown:
        for t in indicator.targets:
            a = t.progress
            if a and a.latest and a.level:
                share = a.latest.value / a.level if indicator.better == "higher" else a.level / a.latest.value
                rows.append((indicator.name, text("progress_target", year=t.year, short=t.short), round(share * 100, 1), t.progress_label))
            else:
                missing.append(text("progress_missing", name=indicator.name, year=t.year))
    order = [row[0] + text.label_join + row[1] for row in rows]
    labelled = [(row[0] + text.label_join + row[1], *row[1:]) for row in rows]
    bars = alt.Chart(_values(columns, labelled)).mark_bar().encode(
        x=alt.X(f"{share_column}:Q", title=text.progress_axis, scale=alt.Scale(domain=[0, max([100] + [r[2] for r in rows])])),
        y=alt.Y(f"{indicator_column}:N", title=None, sort=order, axis=alt.Axis(labelLimit=360)),
        color=alt.Color(f"{progress_column}:N", title=progress_column, scale=alt.Scale(domain=list(text.progress_label.values()),
                                                                                       range=["#2e7d32", "#5b8db8", "#b5462c", "#c9c9c9"])),
        tooltip=_tooltip(columns, share_column),
    )
    full = alt.Chart(alt.Data(values=[{"x": 100}])).mark_rule(color="#333", strokeDash=[2, 2]).encode(x="x:Q")
    chart = alt.layer(bars, full).properties(width=260, height=alt.Step(18))
    description = (text.progress_chart_description + (text("progress_missing_list", items=text.join(missing)) if missing else "") + note)
    return _chart("progress-overview", chart, text.progress_title, description, columns, rows, text, source_line(site.document, text, [
        o.source_publisher for i in shown for o in i.observations if o.preferred]))


def responsibility_matrix(site: Site, text: i18n.Text) -> Chart:
    columns = list(text.matrix_columns)
    task_column, _, unit_column, role_column = columns
    tasks, note = capped(site.tasks, MAX_TASKS, text.noun_tasks, text)
    rows = [(text("task", id=t.id), t.title, u.short_name, u.role_label) for t in tasks for u in t.units]
    involved = {row[2] for row in rows}
    units = [a.short_name for a in site.agencies_by_involvement if a.short_name in involved]
    chart = alt.Chart(_values(columns, rows)).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X(f"{task_column}:N", sort=[text("task", id=t.id) for t in tasks], title=task_column, axis=alt.Axis(labelAngle=-90, orient="top")),
        y=alt.Y(f"{unit_column}:N", sort=units, title=None, axis=alt.Axis(labelLimit=UNIT_LABEL_LIMIT)),
        color=alt.Color(f"{role_column}:N", scale=_roles(text), title=role_column),
        tooltip=_tooltip(columns, ""),
    ).properties(width=alt.Step(16), height=alt.Step(16))
    leads = sum(1 for r in rows if r[3] == text.role["lead"])
    description = text("matrix_description", tasks=len(tasks), units=len(units), leads=leads) + note
    return _chart("responsibility-matrix", chart, text.matrix_title, description, columns, rows, text, source_line(site.document, text))


def tasks_per_unit(site: Site, text: i18n.Text) -> Chart:
    columns = list(text.per_unit_columns)
    unit_column, role_column, count_column = columns
    order, note = capped(site.agencies_by_involvement, MAX_UNITS, text.noun_units, text)
    rows = []
    for a in order:
        for role, tasks in (("lead", a.leads), ("participant", a.joins), ("noted", a.noted)):
            if tasks:
                rows.append((a.short_name, text.role[role], len(tasks)))
    chart = alt.Chart(_values(columns, rows)).mark_bar().encode(
        x=alt.X(f"{count_column}:Q", title=count_column, stack="zero"),
        y=alt.Y(f"{unit_column}:N", sort=[a.short_name for a in order], title=None, axis=alt.Axis(labelLimit=UNIT_LABEL_LIMIT)),
        color=alt.Color(f"{role_column}:N", scale=_roles(text), title=role_column),
        order=alt.Order(f"{role_column}:N", sort="descending"),
        tooltip=_tooltip(columns, count_column),
    ).properties(width=300, height=alt.Step(16))
    top = order[0]
    description = text("per_unit_description", top=top.short_name, leads=len(top.leads), joins=len(top.joins)) + note
    return _chart("tasks-per-unit", chart, text.per_unit_title, description, columns, rows, text, source_line(site.document, text))


def tasks_per_section(site: Site, text: i18n.Text) -> Chart:
    columns = list(text.per_section_columns)
    part_column, section_column, count_column = columns
    rows = [(p.theme, s.heading.rstrip("。"), len(s.tasks)) for p in site.parts for s in p.sections]
    chart = alt.Chart(_values(columns, rows)).mark_bar().encode(
        x=alt.X(f"{count_column}:Q", title=count_column, axis=alt.Axis(tickMinStep=1)),
        y=alt.Y(f"{section_column}:N", sort=[r[1] for r in rows], title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color(f"{part_column}:N", title=None, sort=[p.theme for p in site.parts if p.theme], scale=alt.Scale(range=["#b5462c", "#5b8db8"])),
        tooltip=_tooltip(columns, count_column),
    ).properties(width=220, height=alt.Step(20))
    description = text("per_section_description", themes=text.join(p.theme for p in site.parts if p.theme),
                       items=text.separator.join(text("per_section_item", section=r[1], count=r[2]) for r in rows))
    return _chart("tasks-per-section", chart, text.per_section_title, description, columns, rows, text, source_line(site.document, text))


def all_charts(site: Site) -> list[Chart]:
    text = i18n.text(site.lang)
    return [targets_overview(site, text), progress_overview(site, text), responsibility_matrix(site, text), tasks_per_unit(site, text),
            tasks_per_section(site, text)] + [indicator_targets(indicator, site.document, text) for indicator in site.indicators]


# --- rendering ---------------------------------------------------------------

CACHE = paths.ROOT / ".cache" / "charts"  # content-addressed: a spec renders once, across builds
PARALLEL_FROM = 12  # below this many charts, starting worker processes costs more than it saves


@lru_cache(maxsize=1)
def renderer():
    """vl-convert with the CJK fonts registered; refuses to run without them."""
    import vl_convert

    found = [d for d in CJK_FONT_DIRS if Path(d).is_dir() and any(Path(d).glob("NotoSansCJK*"))]
    if not found:
        raise FontMissing("no CJK font found (install Debian's fonts-noto-cjk: make setup does): PNG charts would show boxes")
    for directory in found:
        vl_convert.register_font_directory(directory)
    return vl_convert


def cache_key(spec: dict) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False) + renderer().__version__ + "|".join(CJK_FONT_DIRS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ChartError(RuntimeError):
    """A chart that cannot be drawn, or would be too large, said in words."""


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height an SVG declares, in CSS pixels."""
    found = re.search(r'<svg\b[^>]*?\bwidth="([0-9.]+)"[^>]*?\bheight="([0-9.]+)"', svg)
    return (float(found[1]), float(found[2])) if found else (0.0, 0.0)


def within(svg: str, max_pixels: int) -> str:
    """The SVG, if its larger side fits the chart budget; a wider chart would cost a PNG of (2 × side)² pixels."""
    width, height = svg_size(svg)
    if max(width, height) > max_pixels:
        raise ChartError(f"would be {width:,.0f} × {height:,.0f} px, over the chart budget of {max_pixels:,} px "
                         "(mkdocs.yml extra.budgets.chart_pixels): check the figures it draws, and shorten the names and notes it shows")
    return svg


def render_spec(spec: dict, max_pixels: int) -> tuple[str, bytes]:
    """Vega-Lite -> (SVG, PNG at twice the size); the PNG is rasterised from the same SVG, once the SVG fits the budget."""
    try:
        raw = renderer().vegalite_to_svg(spec)
    except Exception as error:  # vl-convert reports a spec it cannot draw as ValueError, and a Rust panic too
        raise ChartError(f"cannot be drawn ({untrusted.printable(error, 200)})") from None
    except BaseException as error:  # pyo3's PanicException derives from BaseException
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise ChartError(f"cannot be drawn (the renderer failed: {untrusted.printable(error, 200)})") from None
    return raw, renderer().svg_to_png(within(raw, max_pixels), scale=2)


def render_all(chart_list: list[Chart], max_pixels: int) -> dict[str, tuple[str, bytes]]:
    """Every chart as (accessible SVG, PNG): from the cache, else rendered, in parallel when there are many.
    A chart that cannot be drawn or is over budget raises ChartError naming it."""
    keys = {chart.stem: cache_key(chart.spec) for chart in chart_list}
    missing = [chart for chart in chart_list if not (CACHE / f"{keys[chart.stem]}.png").is_file()]
    if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            futures = [pool.submit(render_spec, chart.spec, max_pixels) for chart in missing]
            try:
                fresh = [named(chart, future.result) for chart, future in zip(missing, futures)]
            except ChartError:
                pool.shutdown(cancel_futures=True)  # one chart refused: the build stops, so render no more
                raise
    else:
        fresh = [named(chart, lambda chart=chart: render_spec(chart.spec, max_pixels)) for chart in missing]
    CACHE.mkdir(parents=True, exist_ok=True)
    for chart, (raw, image) in zip(missing, fresh):
        (CACHE / f"{keys[chart.stem]}.svg").write_text(raw, encoding="utf-8")
        (CACHE / f"{keys[chart.stem]}.png").write_bytes(image)
    out = {}
    for chart in chart_list:
        raw = (CACHE / f"{keys[chart.stem]}.svg").read_text(encoding="utf-8")
        named(chart, lambda: within(raw, max_pixels))  # a chart cached under a larger budget is held to this one
        out[chart.stem] = (accessible(raw, chart), (CACHE / f"{keys[chart.stem]}.png").read_bytes())
    return out


def named(chart: Chart, work):
    try:
        return work()
    except ChartError as error:
        raise ChartError(f"chart {chart.file('svg')} ({untrusted.printable(chart.title, 80)}) {error}") from None


def accessible(raw: str, chart: Chart) -> str:
    """Inline SVG with ids unique to the chart, a title and a description for screen readers."""
    prefix = f"{chart.name}-"
    raw = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', raw)
    raw = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}{m[1]})", raw)
    raw = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', raw)
    if chart.lang != i18n.DEFAULT:  # a Chinese name quoted in an English chart (a publisher) is marked as Chinese
        raw = re.sub(r"<(text|tspan)([^>]*)>([^<]*[\u3400-\u9fff][^<]*)</\1>", r'<\1\2 lang="zh-Hans">\3</\1>', raw)
    title_id, desc_id = f"{prefix}title", f"{prefix}desc"
    head, rest = raw.split(">", 1)
    return (f'{head} role="img" aria-labelledby="{title_id} {desc_id}">'
            f'<title id="{title_id}">{html.escape(chart.title)}</title><desc id="{desc_id}">{html.escape(chart.description)}</desc>{rest}')


def svg(chart: Chart, max_pixels: int = 10_000) -> str:
    return render_all([chart], max_pixels)[chart.stem][0]


def png(chart: Chart, max_pixels: int = 10_000) -> bytes:
    return render_all([chart], max_pixels)[chart.stem][1]


def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one file, served from our own site (cached like the charts)."""
    target = CACHE / f"vega-{renderer().__version__}.js"
    if not target.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        target.write_text(renderer().javascript_bundle(), encoding="utf-8")
    return target.read_text(encoding="utf-8")
