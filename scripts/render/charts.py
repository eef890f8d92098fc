"""Page models -> charts: an Altair spec, its data table, and SVG/PNG renderings.

Charts are data: each chart's Vega-Lite spec is written as a file and tested
for its fields and titles. The SVG is rendered at build time (visible without
JavaScript) and made accessible: role="img" with a <title> and <desc>.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import multiprocessing
import os
import re
import textwrap
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree

from ..core import i18n, paths, stage_cache, statuses, untrusted
from ..model.model import Site
from ..model.progress import fmt as progress_fmt


class LazyAltair:
    """Altair, imported on first use: a warm build, whose specs are all remembered, never pays for importing it."""

    def __getattr__(self, name: str):
        import altair

        return getattr(altair, name)


alt = LazyAltair()

# Fonts Debian's fonts-noto-cjk installs; the renderer must know them or PNGs show boxes.
CJK_FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto")
FONT = "Noto Sans CJK SC"
FONT_STACK = f"{FONT}, 'PingFang SC', 'Microsoft YaHei', sans-serif"
CONFIG = {
    "font": FONT_STACK,
    "background": "white",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top", "labelLimit": 320},  # a status's whole name
    "title": {"fontSize": 15, "anchor": "start"},
    # No label on every mark: the SVG is one image (role="img") with a title and a description, and the data table
    # sits under it; per-mark labels doubled the matrix's size and no screen reader reads inside an image.
    "aria": False,
}
# A phone gets its own layout of every chart (narrower, same 12 px text), picked by the page's CSS,
# rather than the desktop SVG scaled down until its labels are 5 px tall.
PHONE_CONFIG = {
    **CONFIG,
    "legend": {**CONFIG["legend"], "columns": 1},
}  # one column: a top legend starts where the plot does
PHONE = "phone"  # the variant's key suffix: target-x@phone


@dataclass(frozen=True)
class Layout:
    name: str  # "" (desktop, also the PNG, the embed and the download) or "phone"
    config: dict
    title_chars: dict  # characters per line of the title, by language
    note_chars: dict  # of the subtitle and the source line


WIDE = Layout("", CONFIG, {"zh": 44, "en": 90}, {"zh": 56, "en": 110})
NARROW = Layout(PHONE, PHONE_CONFIG, {"zh": 19, "en": 36}, {"zh": 24, "en": 44})

# Overview charts stay readable, and their cost bounded, however large a plan grows:
# past these counts they show the first items and say so; the table, CSV and pages keep everything.
MAX_TASKS, MAX_UNITS, MAX_PANELS = 60, 60, 24
MAX_PROGRESS_INDICATORS = 10  # two bars each of at most BAR_LINES lines: the phone layout stays within the chart budget
BAR_LINES = 5
MAX_UNIT_BARS = 40  # rows of up to three lines each on a phone: within the chart budget
FACET_WRAP = {"zh": 12, "en": 28}  # characters per line of a panel title
SOURCE_FIELD = "source_line"
UNIT_LABEL_LIMIT = 440  # pixels: the longest English short name of a unit fits


def capped(items: list | tuple, limit: int, noun: str, text: i18n.Text) -> tuple[list, str]:
    """The first `limit` items and a sentence for the description when some were left out."""
    items = list(items)
    return (
        (items, "")
        if len(items) <= limit
        else (items[:limit], text("capped", limit=limit, noun=noun, count=len(items)))
    )


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
    source: str = ""  # the source line: at the foot of the image, in every tooltip, under an embedded chart
    phone_spec: dict | None = None  # the phone layout of the same chart

    @property
    def stem(self) -> str:
        """A key unique across languages: target-x, target-x.en."""
        return self.name + i18n.suffix(self.lang)

    def file(self, extension: str) -> str:
        """Its file in the docs tree: charts/target-x.png, charts/target-x.en.png (served at /en/charts/target-x.png)."""
        return i18n.localized_path(f"charts/{self.name}.{extension}", self.lang)

    def variants(self) -> list[tuple[str, dict]]:
        """(key, spec) of each layout to render: the desktop one under the chart's stem, the phone one under stem@phone."""
        return [(self.stem, self.spec)] + ([(f"{self.stem}@{PHONE}", self.phone_spec)] if self.phone_spec else [])


class FontMissing(RuntimeError):
    pass


def source_line(document: dict, text: i18n.Text, figures: str = "") -> str:
    """One short line at the chart's foot: where the plotted figures were taken from (`figures`, worded by
    figures_credit), and the plan for the targets; every source with its link is listed on the page."""
    plan = text("chart_source_plan", issuer=document["issuer"], number=document["number"])
    return text(
        "chart_source", sources=text.separator.join(part for part in (figures, plan) if part), project=text.project
    )


def figures_credit(indicator, text: i18n.Text) -> str:
    """The kinds of source the plotted figures were taken from (media reports, third-party reposts…), never the official
    publisher unless a figure came from it; the official statistic is named as what the figures measure."""
    labels = (o.source_kind_label for o in indicator.series)  # mid-sentence: lower case in English ("media report")
    kinds = text.list_separator.join(
        dict.fromkeys(label if text.lang == i18n.DEFAULT else label[:1].lower() + label[1:] for label in labels)
    )
    return (
        text("chart_source_figures", kinds=kinds, statistic=indicator.statistic, publisher=indicator.publisher)
        if kinds
        else ""
    )


def in_chart_units(indicator, text: i18n.Text):
    """The indicator with its figures in the unit the page's prose uses (English: billions of yuan, as the text says,
    never an axis in hundred millions beside text in billions); unchanged where the prose keeps the unit."""
    prose = text["prose_units"].get(indicator.unit)
    if not prose:
        return indicator
    divisor = Decimal(prose["divide_by"])

    def scaled(value):
        return None if value is None else float(Decimal(str(value)) / divisor)

    def assessed(a):
        return a and dataclasses.replace(
            a,
            level=scaled(a.level),
            projected=scaled(a.projected),
            latest=a.latest and dataclasses.replace(a.latest, value=scaled(a.latest.value)),
        )

    return dataclasses.replace(
        indicator,
        unit=prose["unit"],
        observations=tuple(dataclasses.replace(o, value=scaled(o.value)) for o in indicator.observations),
        targets=tuple(dataclasses.replace(t, progress=assessed(t.progress)) for t in indicator.targets),
    )


def with_source_in_tooltips(spec: dict, line: str, label: str) -> dict:
    """Every view that has a tooltip also shows the source line in it (a calculated field, not a data column)."""
    if isinstance(spec, dict):
        tooltip = spec.get("encoding", {}).get("tooltip")
        if isinstance(tooltip, list):
            spec["transform"] = [
                {"calculate": json.dumps(line, ensure_ascii=False), "as": SOURCE_FIELD},
                *spec.get("transform", []),
            ]
            tooltip.append({"field": SOURCE_FIELD, "type": "nominal", "title": label})
        for value in spec.values():
            if isinstance(value, (dict, list)):
                with_source_in_tooltips(value, line, label)
    elif isinstance(spec, list):
        for item in spec:
            with_source_in_tooltips(item, line, label)
    return spec


def framed(
    chart: alt.TopLevelMixin | dict,
    title: str,
    subtitle: str,
    description: str,
    source: str,
    text: i18n.Text,
    layout: Layout,
) -> dict:
    """The grapher's frame: the title that says what the chart shows and its subtitle (measure and unit) on top,
    the chart, and one short source line at the foot."""
    lang = text.lang
    foot = alt.TitleParams(
        wrapped(source, lang, layout.note_chars[lang]),
        orient="bottom",
        anchor="start",
        fontSize=12,
        fontWeight="normal",
        color="#555",
        offset=12,
    )
    head = alt.TitleParams(
        wrapped(title, lang, layout.title_chars[lang]),
        anchor="start",
        fontSize=15,
        **(
            {
                "subtitle": wrapped(subtitle, lang, layout.note_chars[lang]),
                "subtitleFontSize": 12,
                "subtitleColor": "#444",
                "subtitlePadding": 4,
            }
            if subtitle
            else {}
        ),
    )
    # Schema validation of every spec costs more than the rendering that checks it anyway (the tests validate each).
    if isinstance(chart, dict):  # already a Vega-Lite dict (the overview's remembered panels): framed as Altair would
        spec = {
            "$schema": alt.SCHEMA_URL,
            "vconcat": [{**chart, "title": foot.to_dict()}],
            "title": head.to_dict(),
            "description": description,
        }
    else:
        spec = alt.vconcat(chart.properties(title=foot), title=head, description=description).to_dict(validate=False)
    spec = with_source_in_tooltips(spec, source, text.source)
    spec["config"] = layout.config
    return spec


def _chart(
    name: str,
    draw,
    title: str,
    description: str,
    columns: list[str],
    rows: list[tuple],
    text: i18n.Text,
    source: str,
    subtitle: str = "",
) -> Chart:
    """`draw` is a function from a Layout to an Altair chart: each chart is drawn for a wide screen and for a phone."""
    return Chart(
        name,
        title,
        description,
        framed(draw(WIDE), title, subtitle, description, source, text, WIDE),
        tuple(columns),
        tuple(rows),
        text.lang,
        source,
        framed(draw(NARROW), title, subtitle, description, source, text, NARROW),
    )


CJK = re.compile(f"[{i18n.WIDE}]")  # a character drawn about an em wide
OPENING = "（(“‘《「『【"
CLOSING = "，。、；：？！）)”’》」』】…—"
UNBROKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/&%'’@_+\-]*")
MEASURE = re.compile(r"[位家件项个年月日亿万元人%％]+")  # a number keeps its unit on its line: 20位, 180亿元
BRACKETED = re.compile(r"（[^（）]{1,4}）")  # a short bracketed unit stays whole: （亿元）, （人年）


def wrapped(label: str, lang: str, width: int | None = None) -> list[str]:
    """Text in lines of about `width` wide characters: English at spaces; Chinese between characters, never inside a run
    of Latin letters and digits (a site name such as qydjw.cn), never between a number and its unit, never before
    closing or after opening punctuation."""
    width = width or FACET_WRAP[lang]
    if lang != i18n.DEFAULT:
        return textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False) or [label]
    tokens, position = [], 0
    while position < len(label):
        run = BRACKETED.match(label, position) or UNBROKEN.match(label, position)
        unit = MEASURE.match(label, position) if tokens and tokens[-1][-1].isdigit() else None
        end = (unit or run).end() if unit or run else position + 1
        token = label[position:end]
        if tokens and (unit or token in CLOSING or tokens[-1][-1] in OPENING):
            tokens[-1] += token
        else:
            tokens.append(token)
        position = end
    lines, line, size = [], "", 0.0
    for token in tokens:
        cost = sum(1 if CJK.match(char) else 0.55 for char in token)
        if line and size + cost > width:
            lines.append(line.rstrip())
            line, size = token.lstrip(), cost
        else:
            line, size = line + token, size + cost
    return [*lines, line.rstrip()] if line.strip() else lines or [label]


def _tooltip(columns: list[str], quantitative: str) -> list[alt.Tooltip]:
    """One tooltip line per column. Every channel is given as an object, never as a bare "field:Q" string or an
    alt.value dict: Altair wraps those by searching its whole schema, which cost more than the rest of the chart."""
    return [alt.Tooltip(f"{column}:{'Q' if column == quantitative else 'N'}") for column in columns]


def _values(columns: list[str], rows: list[tuple]) -> alt.Data:
    return _data([dict(zip(columns, row)) for row in rows])


def _data(values: list[dict]) -> alt.Data:
    """Inline data, held as a tuple: Altair copies a chart's lists, deep, each time the chart is layered or given a
    property, which cost more than the rest of the chart; a tuple it keeps by reference and writes out as a list."""
    return alt.Data(values=tuple(values))


def row_targets(values: list[dict], y: alt.Y, tooltip: list, width: int) -> alt.Chart:
    """An invisible band across each row, drawn on top: the whole row is the tap target for its tooltip, however
    short its bar (a bar of 1 task is a few pixels wide on a phone)."""
    return (
        alt.Chart(_data(values))
        .mark_rect(opacity=0)
        .encode(y=y, x=alt.XValue(0), x2=alt.X2Value(width), tooltip=tooltip)
    )


def _roles(text: i18n.Text) -> alt.Scale:
    return alt.Scale(domain=[text.role[role] for role in ROLE_COLORS], range=list(ROLE_COLORS.values()))


BLUE, RED, GREY = "#3b6ea5", "#b5462c", "#767676"
# A status's colour in a chart, as its chip's tone (scripts/core/statuses.py), in the legend's order.
STATUS_COLORS = {
    key: statuses.chart_colour(key)
    for key in ("met", "achieved", "missed", "off_track", "overdue", "on_track", "awaiting", "insufficient_data")
}
TAP = 600  # px² of an invisible mark over each data point: a tap target about 24 px across


AXIS_LINES = 3  # at most this many lines per axis label; a longer name ends in "…" (the full name is in the table)


def truncated(lines: list[str], limit: int) -> list[str]:
    """At most `limit` lines, the last ending in "…" when some were cut."""
    return lines if len(lines) <= limit else [*lines[: limit - 1], lines[limit - 1] + "…"]


def label_lines(label: str, lang: str, chars: int) -> list[str]:
    return truncated(wrapped(label, lang, chars), AXIS_LINES)


def axis_lines(labels, lang: str, chars: int) -> str:
    """A labelExpr that shows each label in lines of about `chars` characters (the labels are quoted, never run)."""
    cases = [(label, label_lines(label, lang, chars)) for label in dict.fromkeys(labels)]
    return (
        "".join(
            f"(datum.label) === {json.dumps(label, ensure_ascii=False)} ? {json.dumps(lines, ensure_ascii=False)} : "
            for label, lines in cases
            if len(lines) > 1
        )
        + "(datum.label)"
    )


def rank_scale(values: list[float]) -> alt.Scale:
    """Ranks: 1 at the top (better is up), whole places only."""
    return alt.Scale(domain=[1, max([*values, 1]) + 2], reverse=True, nice=False, zero=False)


def figure_rows(indicator, text: i18n.Text, every_source: bool) -> list[tuple]:
    """(year, value, unit, kind, source kind, publisher or phrase, link) of each figure (only the preferred ones unless
    `every_source`) and each target with a level: a table that says its unit and whose figure came from what kind of source."""
    rows = [
        (
            o.year,
            o.value,
            indicator.unit,
            text.observed if o.preferred else text.other_source,
            o.source_kind_label,
            i18n.pending(o.source_publisher, o, "source_publisher", text)
            + (text("parenthesis", text=i18n.pending(o.caveat, o, "caveat", text)) if o.caveat else ""),
            o.source_url,
        )
        for o in indicator.observations
        if every_source or o.preferred
    ]
    return rows + [
        (t.year, t.progress.level, indicator.unit, text.target_point, "", t.phrase, "")
        for t in indicator.targets
        if t.progress and t.progress.level is not None
    ]


def figures_and_targets(
    indicator, text: i18n.Text, layout: Layout, width: int, height: int, years: tuple[int, int], detail: bool
) -> alt.LayerChart:
    """One indicator's preferred figures as a line, its targets as diamonds; `detail` adds other sources, the paths
    from the latest figure to each target, the trend the verdict rests on, and links to every source."""
    columns = list(text.indicator_columns)
    year, value, _, kind, _, _, source = columns
    rank = indicator.better == "lower"
    rows = figure_rows(indicator, text, every_source=detail)
    x_scale = alt.Scale(domain=[years[0] - 1, years[1] + 1], nice=False)
    y_scale = rank_scale([row[1] for row in rows]) if rank else alt.Scale(zero=True, nice=True)
    x = alt.X(
        f"{year}:Q",
        title=None,
        scale=x_scale,
        axis=alt.Axis(
            format="d", tickMinStep=1, labelAngle=0, tickCount=4 if layout is NARROW or not detail else 8, grid=False
        ),
    )
    y = alt.Y(
        f"{value}:Q",
        title=None,
        scale=y_scale,
        axis=alt.Axis(format="d", tickMinStep=1, tickCount=4) if rank else alt.Axis(tickCount=4),
    )
    base = alt.Chart(_values(columns, rows))
    observed = base.transform_filter(alt.datum[kind] == text.observed)
    layers = [
        observed.mark_line(color=BLUE, strokeWidth=2).encode(x=x, y=y),
        observed.mark_point(filled=True, size=70 if detail else 40, color=BLUE, opacity=1).encode(x=x, y=y),
        base.transform_filter(alt.datum[kind] == text.target_point)
        .mark_point(shape="diamond", filled=True, size=150 if detail else 90, color=RED, opacity=1)
        .encode(x=x, y=y),
    ]
    if detail:
        layers.insert(
            2,
            base.transform_filter(alt.datum[kind] == text.other_source)
            .mark_point(size=70, color=GREY)
            .encode(x=x, y=y),
        )
        latest = indicator.series[-1] if indicator.series else None
        lines = [
            (text("path_to", year=t.year), (latest.year, latest.value), (t.year, t.progress.level), RED, [4, 4])
            for t in indicator.targets
            if latest and t.progress and t.progress.level is not None and not t.cumulative and t.year > latest.year
        ]
        lines += [
            (text("trend_to", year=t.year), (latest.year, latest.value), (t.year, t.progress.projected), BLUE, [1, 3])
            for t in indicator.targets
            if latest
            and t.progress
            and t.progress.label in ("on_track", "off_track")
            and t.progress.projected is not None
            and not t.cumulative
            and t.year > latest.year
        ]
        path_columns = list(text.path_columns)
        for name, start, finish, color, dash in lines:
            layers.append(
                alt.Chart(_values(path_columns, [(name, *start), (name, *finish)]))
                .mark_line(strokeDash=dash, color=color, strokeWidth=1.5)
                .encode(
                    x=alt.X(f"{path_columns[1]}:Q", scale=x_scale, title=None),
                    y=alt.Y(f"{path_columns[2]}:Q", scale=y_scale, title=None),
                )
            )
    # Invisible tap targets about 24 px across over every point: a figure opens its source, a target shows its phrase.
    tooltip = [
        alt.Tooltip(f"{column}:Q", title=value + text("parenthesis", text=indicator.unit))
        if column == value
        else alt.Tooltip(f"{column}:N")
        for column in columns
    ]  # the unit with the number
    hit = {"size": TAP, "opacity": 0, "filled": True}
    layers.append(
        base.transform_filter(alt.datum[kind] != text.target_point)
        .mark_point(cursor="pointer", **hit)
        .encode(x=x, y=y, href=alt.Href(f"{source}:N"), tooltip=tooltip)
    )
    layers.append(
        base.transform_filter(alt.datum[kind] == text.target_point).mark_point(**hit).encode(x=x, y=y, tooltip=tooltip)
    )
    if not indicator.series:
        layers.append(
            alt.Chart(_data([{}]))
            .mark_text(fontSize=12, color="#444")
            .encode(x=alt.XValue(width / 2), y=alt.YValue(height / 2), text=alt.TextValue(text.no_sourced_figures))
        )
    return alt.layer(*layers).properties(width=width, height=height)


def chart_key(indicator, text: i18n.Text, detail: bool) -> list[str]:
    """What the marks mean, saying only what is drawn."""
    parts = [text("key_unit", unit=indicator.unit)]
    if indicator.series:
        parts.append(text.key_figures)
    if any(t.progress and t.progress.level is not None for t in indicator.targets):
        parts.append(text.key_targets)
    if (
        detail
        and indicator.series
        and any(
            t.progress and t.progress.level is not None and not t.cumulative and t.year > indicator.series[-1].year
            for t in indicator.targets
        )
    ):
        parts.append(text.key_paths)
    if detail and any(
        t.progress and t.progress.label in ("on_track", "off_track") and t.progress.projected is not None
        for t in indicator.targets
    ):
        parts.append(text.key_trend)
    if detail and any(not o.preferred for o in indicator.observations):
        parts.append(text.key_other)
    if indicator.better == "lower":
        parts.append(text.key_rank)
    return parts


def year_span(indicators) -> tuple[int, int]:
    years = [o.year for i in indicators for o in i.observations] + [t.year for i in indicators for t in i.targets]
    return (min(years), max(years)) if years else (2025, 2030)


def targets_overview(site: Site, text: i18n.Text) -> Chart:
    """One small chart per indicator, figures and targets together, each in its own unit (ranks upside down: 1 on top)."""
    columns = list(text.targets_overview_columns)
    shown, note = capped(site.indicators, MAX_PANELS, text.noun_indicators, text)
    shown = [in_chart_units(i, text) for i in shown]
    rows = [(i.name, i.unit, o.year, o.value, text.observed) for i in shown for o in i.series]
    rows += [
        (i.name, i.unit, t.year, t.progress.level, text.target_point)
        for i in shown
        for t in i.targets
        if t.progress and t.progress.level is not None
    ]
    years = year_span(shown)

    def draw(layout: Layout) -> dict:
        return {
            "concat": [overview_panel(i, text, layout, years) for i in shown],
            "columns": 2 if layout is NARROW else 4,
            "spacing": 16,
        }

    described = text.separator.join(
        text(
            "overview_item",
            name=i.name,
            latest=i.latest,
            targets=text.join(text("tile_target", year=t.year, short=t.short) for t in i.targets),
        )
        for i in shown
    )
    description = text("targets_overview_description", count=len(site.indicators), items=described) + note
    return _chart(
        "targets-overview",
        draw,
        text.targets_overview_title,
        description,
        columns,
        rows,
        text,
        source_line(site.document, text, text.chart_source_various if any(i.series for i in shown) else ""),
        subtitle=text.separator.join([text.key_figures, text.key_targets, text.key_rank]),
    )


def overview_panel(indicator, text: i18n.Text, layout: Layout, years: tuple[int, int]) -> dict:
    """One indicator's small chart in the overview, as a Vega-Lite dict remembered under that indicator's model data:
    an edit to one indicator's figures draws one panel again, not eight (Altair's combining of many charts into one
    is the slowest step of a build)."""

    def draw() -> dict:
        phone = layout is NARROW
        width, height, chars = (100, 80, {"zh": 9, "en": 17}) if phone else (150, 100, {"zh": 12, "en": 24})
        title = alt.TitleParams(
            wrapped(f"{indicator.short_name}{text('parenthesis', text=indicator.unit)}", text.lang, chars[text.lang]),
            fontSize=12,
            anchor="start",
            fontWeight="bold",
        )
        panel = figures_and_targets(indicator, text, layout, width, height, years, detail=False).properties(title=title)
        return {key: value for key, value in panel.to_dict(validate=False).items() if key not in ("$schema", "config")}

    name = stage_cache.key("panel", text.lang, layout.name, repr(years), stage_cache.canonical(indicator))
    return stage_cache.remembered(name, draw, lambda panel: panel, lambda panel: panel)


def indicator_targets(indicator, document: dict, text: i18n.Text) -> Chart:
    """Observed figures (each linked to its source), the targets, the path from the latest figure to each, and the trend
    a verdict rests on."""
    columns = list(text.indicator_columns)
    indicator = in_chart_units(indicator, text)
    rows = figure_rows(indicator, text, every_source=True)
    years = year_span([indicator])

    def draw(layout: Layout):
        width, height = (240, 170) if layout is NARROW else (360, 220)
        return figures_and_targets(indicator, text, layout, width, height, years, detail=True)

    described = (
        text.separator.join(
            text("observed_item", year=o.year, amount=text.amount(o.value, indicator.unit, indicator.better == "lower"))
            for o in indicator.series
        )
        or text.no_sourced_figures
    )
    key = chart_key(indicator, text, detail=True)
    description = text(
        "indicator_chart_description",
        name=indicator.name,
        unit=indicator.unit,
        observed=described,
        targets=text.separator.join(
            text("target_item", year=t.year, phrase=t.phrase, progress=t.progress_label) for t in indicator.targets
        ),
        legend=text.separator.join(key[1:]),
        links=text.chart_links if indicator.observations else "",
    ).rstrip()
    source = source_line(document, text, figures_credit(indicator, text))
    return _chart(
        f"target-{indicator.id}",
        draw,
        text("indicator_chart_title", name=indicator.short_name),
        description,
        columns,
        rows,
        text,
        source,
        subtitle=text.separator.join(key),
    )


def progress_overview(site: Site, text: i18n.Text) -> Chart:
    """How far each indicator has come, as a share of each target: one unit (%) on the axis; each bar says the year of
    the figure it rests on, and its colour is the target's status."""
    columns = list(text.progress_columns)
    indicator_column, target_column, share_column, unit_column, progress_column = columns
    rows, keys, parts, unshown, exact = [], [], [], [], []
    missing: dict[str, list[int]] = {}  # indicator -> the target years with no figure, named once per indicator
    shown, note = capped(site.indicators, MAX_PROGRESS_INDICATORS, text.noun_indicators, text)
    oldest = site.as_of.year - site.rule.max_share_age_years if site.as_of and site.rule else None
    for indicator in shown:
        for t in indicator.targets:
            a = t.progress
            if (
                a and a.latest and a.level and indicator.better == "lower"
            ):  # a rank: places to go, never a ratio of ranks
                unshown.append(
                    text(
                        "progress_places",
                        name=indicator.short_name,
                        year=t.year,
                        places=places_to_go(a.latest.value - a.level, text),
                    )
                )
            elif a and a.latest and a.level and oldest is not None and a.latest.year < oldest:
                unshown.append(text("progress_too_old", name=indicator.short_name, year=a.latest.year))
            elif a and a.latest and a.level:
                share = a.latest.value / a.level
                target = text("progress_target", year=t.year, short=t.short)
                figure = text("progress_figure_year", year=a.latest.year)
                rows.append(
                    (
                        indicator.short_name,
                        text("progress_target_figure", target=target, figure=figure),
                        round(share * 100, 1),
                        "%",
                        t.progress_label,
                    )
                )
                exact.append(share * 100)  # the bar's label is rounded once, from this
                parts.append((indicator.short_name, target, figure))  # a bar's label: name, target, the figure's year
                keys.append(a.label)
            else:
                missing.setdefault(indicator.short_name, []).append(t.year)
    used = [key for key in STATUS_COLORS if key in keys]
    label_column = "label"

    def draw(layout: Layout):
        phone = layout is NARROW
        # a phone gives each part of a label its own short lines; a wide screen puts the target and the year together
        chars = ({"zh": 13, "en": 24} if phone else {"zh": 26, "en": 48})[text.lang]
        labels = [
            [
                line
                for part in ([name, target, figure] if phone else [name, row[1]])
                for line in label_lines(part, text.lang, chars)
            ]
            for (name, target, figure), row in zip(parts, rows)
        ]
        labels = [truncated(label, BAR_LINES) for label in labels]
        values = [
            {**dict(zip(columns, row)), label_column: "\n".join(label), "exact": share}
            for row, label, share in zip(rows, labels, exact)
        ]
        tallest = max((len(label) for label in labels), default=1)
        y = alt.Y(
            f"{label_column}:N",
            title=None,
            sort=[v[label_column] for v in values],
            axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=170 if phone else 400, labelPadding=6),
        )
        x = alt.X(
            f"{share_column}:Q",
            title=text.progress_axis,
            scale=alt.Scale(domain=[0, 125 * max([100] + [r[2] for r in rows]) // 100]),
            axis=alt.Axis(tickCount=4),
        )
        statuses = [text.progress_label[k] for k in used]
        # a phone's legend starts where the plot does, right of the labels: a status's name takes two short lines there
        legend = (
            alt.Legend(labelExpr=axis_lines(statuses, text.lang, 9 if text.lang == "zh" else 20))
            if phone
            else alt.Legend()
        )
        bars = (
            alt.Chart(_data(values))
            .mark_bar()
            .encode(
                x=x,
                y=y,
                color=alt.Color(
                    f"{progress_column}:N",
                    title=None,
                    legend=legend,
                    scale=alt.Scale(domain=statuses, range=[STATUS_COLORS[k] for k in used]),
                ),
                tooltip=_tooltip(columns, share_column),
            )
        )
        full = alt.Chart(_data([{"x": 100}])).mark_rule(color="#333", strokeDash=[2, 2]).encode(x=alt.X("x:Q"))
        # the share written just after each bar's end (dark on white, whatever the bar's colour)
        shares = (
            alt.Chart(_data(values))
            .mark_text(align="left", dx=3, fontSize=12, color="#222")
            .encode(x=x, y=y, text=alt.Text("exact:Q", format=".0f"))
        )
        width = 100 if phone else 300
        return alt.layer(bars, full, shares, row_targets(values, y, _tooltip(columns, share_column), width)).properties(
            width=width, height=alt.Step(max(16 * tallest + 6, 30))
        )

    description = (
        text("progress_chart_description", age=site.rule.max_share_age_years if site.rule else 2)
        + (text("progress_not_shown", items=text.join(dict.fromkeys(unshown))) if unshown else "")  # once per figure
        + (
            text(
                "progress_missing_list",
                items=text.join(
                    text("progress_missing", name=name, years=text.join(map(str, years)), count=len(years))
                    for name, years in missing.items()
                ),
            )
            if missing
            else ""
        )
        + note
    )
    return _chart(
        "progress-overview",
        draw,
        text.progress_title,
        description,
        columns,
        rows,
        text,
        source_line(site.document, text, text.chart_source_various if rows else ""),
        subtitle=text.progress_subtitle,
    )


def places_to_go(places: float, text: i18n.Text) -> str:
    """A rank's distance from its target in places: 还差1位 / 1 place to go."""
    if places <= 0:
        return text.places_none
    count = progress_fmt(places)
    return text.places_to_go_one if count == "1" else text("places_to_go", count=count)


def responsibility_matrix(site: Site, text: i18n.Text) -> Chart:
    columns = list(text.matrix_columns)
    task_column, _, unit_column, role_column = columns
    tasks, note = capped(site.tasks, MAX_TASKS, text.noun_tasks, text)
    rows = [(text("task", id=t.id), t.title, u.short_name, u.role_label) for t in tasks for u in t.units]
    involved = {row[2] for row in rows}
    units = [a.short_name for a in site.agencies_by_involvement if a.short_name in involved]

    def draw(layout: Layout):
        step = (
            27 if layout is NARROW else 16
        )  # a phone taps a cell (24 px inside the band's padding); it scrolls in its own box
        return (
            alt.Chart(_values(columns, rows))
            .mark_rect(stroke="white", strokeWidth=1)
            .encode(
                x=alt.X(
                    f"{task_column}:N",
                    sort=[text("task", id=t.id) for t in tasks],
                    title=task_column,
                    axis=alt.Axis(labelAngle=-90, orient="top"),
                ),
                y=alt.Y(f"{unit_column}:N", sort=units, title=None, axis=alt.Axis(labelLimit=UNIT_LABEL_LIMIT)),
                color=alt.Color(f"{role_column}:N", scale=_roles(text), title=role_column),
                tooltip=_tooltip(columns, ""),
            )
            .properties(width=alt.Step(step), height=alt.Step(step))
        )

    leads = sum(1 for r in rows if r[3] == text.role["lead"])
    description = text("matrix_description", tasks=len(tasks), units=len(units), leads=leads) + note
    return _chart(
        "responsibility-matrix",
        draw,
        text.matrix_title,
        description,
        columns,
        rows,
        text,
        source_line(site.document, text),
    )


def tasks_per_unit(site: Site, text: i18n.Text) -> Chart:
    columns = list(text.per_unit_columns)
    unit_column, role_column, count_column = columns
    order, note = capped(site.agencies_by_involvement, MAX_UNIT_BARS, text.noun_units, text)
    counts = [(a.short_name, {"lead": len(a.leads), "participant": len(a.joins), "noted": len(a.noted)}) for a in order]
    rows = [(name, text.role[role], count) for name, by_role in counts for role, count in by_role.items() if count]
    totals = [{unit_column: name, **by_role} for name, by_role in counts]  # one row per unit, for the row's tooltip
    row_tooltip = [alt.Tooltip(f"{unit_column}:N")] + [
        alt.Tooltip(f"{role}:Q", title=text.role[role]) for role in ROLE_COLORS
    ]
    stack_order = {text.role[role]: position for position, role in enumerate(ROLE_COLORS)}
    stacked = [{**dict(zip(columns, row)), "stack_order": stack_order[row[1]]} for row in rows]

    def draw(layout: Layout):
        phone = layout is NARROW
        names = [a.short_name for a in order]
        width = (90 if text.lang == "zh" else 64) if phone else 300
        chars = 9 if text.lang == "zh" else 26
        y = alt.Y(
            f"{unit_column}:N",
            sort=names,
            title=None,
            axis=alt.Axis(labelLimit=UNIT_LABEL_LIMIT, labelExpr=axis_lines(names, text.lang, chars))
            if phone
            else alt.Axis(labelLimit=UNIT_LABEL_LIMIT),
        )
        bars = (
            alt.Chart(_data(stacked))
            .mark_bar()
            .encode(
                x=alt.X(
                    f"{count_column}:Q",
                    title=count_column,
                    stack="zero",
                    axis=alt.Axis(tickMinStep=1, tickCount=4 if phone else alt.Undefined),
                ),
                y=y,
                color=alt.Color(f"{role_column}:N", scale=_roles(text), title=None),
                order=alt.Order("stack_order:Q"),  # leads first, in every language
                tooltip=_tooltip(columns, count_column),
            )
        )
        # a row as tall as its label's lines, so wrapped names never run into each other
        lines = max(len(label_lines(name, text.lang, chars)) for name in names) if names else 1
        return alt.layer(bars, row_targets(totals, y, row_tooltip, width)).properties(
            width=width, height=alt.Step(max(28, 15 * lines + 8) if phone else 16)
        )

    top = order[0]
    description = text("per_unit_description", top=top.short_name, leads=len(top.leads), joins=len(top.joins)) + note
    return _chart(
        "tasks-per-unit", draw, text.per_unit_title, description, columns, rows, text, source_line(site.document, text)
    )


def tasks_per_section(site: Site, text: i18n.Text) -> Chart:
    columns = list(text.per_section_columns)
    part_column, section_column, count_column = columns
    rows = [(p.theme, s.label, len(s.tasks)) for p in site.parts for s in p.sections]

    def draw(layout: Layout):
        phone = layout is NARROW
        headings = [r[1] for r in rows]
        width = 80 if phone else 220
        y = alt.Y(
            f"{section_column}:N",
            sort=headings,
            title=None,
            axis=alt.Axis(labelLimit=320, labelExpr=axis_lines(headings, text.lang, 11 if text.lang == "zh" else 20))
            if phone
            else alt.Axis(labelLimit=320),
        )
        bars = (
            alt.Chart(_values(columns, rows))
            .mark_bar()
            .encode(
                x=alt.X(
                    f"{count_column}:Q",
                    title=count_column,
                    axis=alt.Axis(tickMinStep=1, tickCount=4 if phone else alt.Undefined),
                ),
                y=y,
                color=alt.Color(
                    f"{part_column}:N",
                    title=None,
                    sort=[p.theme for p in site.parts if p.theme],
                    scale=alt.Scale(range=[RED, BLUE]),
                ),
                tooltip=_tooltip(columns, count_column),
            )
        )
        return alt.layer(
            bars, row_targets([dict(zip(columns, row)) for row in rows], y, _tooltip(columns, count_column), width)
        ).properties(width=width, height=alt.Step(44 if phone else 20))

    description = text(
        "per_section_description",
        themes=text["and"].join(p.theme for p in site.parts if p.theme),
        items=text.separator.join(text("per_section_item", section=r[1], count=r[2]) for r in rows),
    )
    return _chart(
        "tasks-per-section",
        draw,
        text.per_section_title,
        description,
        columns,
        rows,
        text,
        source_line(site.document, text),
    )


def all_charts(site: Site) -> list[Chart]:
    """Every chart of the site in its language. Building a spec costs far more than anything else in a warm build, so
    each is remembered under the model data it is drawn from (scripts/core/stage_cache.py): an edit to one indicator's
    figures draws that indicator's chart and the overviews again, and nothing else."""
    text = i18n.text(site.lang)
    made = [
        remembered(maker, stage_cache.canonical(parts.read), parts, text)
        for maker, parts in (
            (targets_overview, SiteParts(site, "indicators", "document")),
            (progress_overview, SiteParts(site, "indicators", "document", "as_of", "rule")),
            (responsibility_matrix, SiteParts(site, "tasks", "agencies_by_involvement", "document")),
            (tasks_per_unit, SiteParts(site, "agencies_by_involvement", "document")),
            (tasks_per_section, SiteParts(site, "parts", "document")),
        )
    ]
    return made + [
        remembered(indicator_targets, stage_cache.canonical((indicator, site.document)), indicator, site.document, text)
        for indicator in site.indicators
    ]


class SiteParts:
    """The parts of the site model one chart reads, and nothing else: the chart is remembered under exactly these, so
    a chart that came to read another part would fail here (and in the tests) rather than be shown stale."""

    def __init__(self, site: Site, *names: str):
        self.read = {name: getattr(site, name) for name in names}

    def __getattr__(self, name: str):
        try:
            return self.__dict__["read"][name]
        except KeyError:
            raise AttributeError(f"this chart reads site.{name}: add it to the parts it is remembered under") from None


def remembered(maker, inputs: str, *args) -> Chart:
    """`maker(*args)`, or the chart it made for the same inputs before (in any build since the code last changed)."""
    text = args[-1]
    return stage_cache.remembered(
        stage_cache.key("chart", maker.__name__, text.lang, inputs),
        lambda: maker(*args),
        chart_to_json,
        chart_from_json,
    )


def chart_to_json(chart: Chart) -> dict:
    return dataclasses.asdict(chart)


def chart_from_json(data: dict) -> Chart:
    return Chart(**{**data, "columns": tuple(data["columns"]), "rows": tuple(tuple(row) for row in data["rows"])})


# --- rendering ---------------------------------------------------------------

CACHE = paths.ROOT / ".cache" / "charts"  # content-addressed: a spec renders once, across builds
PARALLEL_FROM = 12  # below this many charts, starting worker processes costs more than it saves


@lru_cache(maxsize=1)
def renderer():
    """vl-convert with the CJK fonts registered; refuses to run without them."""
    import vl_convert

    found = [d for d in CJK_FONT_DIRS if Path(d).is_dir() and any(Path(d).glob("NotoSansCJK*"))]
    if not found:
        raise FontMissing(
            "no CJK font found (install Debian's fonts-noto-cjk: make setup does): PNG charts would show boxes"
        )
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
        raise ChartError(
            f"would be {width:,.0f} × {height:,.0f} px, over the chart budget of {max_pixels:,} px "
            "(mkdocs.yml extra.budgets.chart_pixels): check the figures it draws, and shorten the names and notes it shows"
        )
    return svg


def render_spec(spec: dict, max_pixels: int, image: bool = True) -> tuple[str, bytes]:
    """Vega-Lite -> (SVG, PNG at twice the size); the PNG is rasterised from the same SVG, once the SVG fits the budget.
    Without `image`, only the SVG (the phone layout is shown inline, never downloaded)."""
    try:
        raw = renderer().vegalite_to_svg(spec)
    except Exception as error:  # vl-convert reports a spec it cannot draw as ValueError, and a Rust panic too
        raise ChartError(f"cannot be drawn ({untrusted.printable(error, 200)})") from None
    except BaseException as error:  # pyo3's PanicException derives from BaseException
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise ChartError(f"cannot be drawn (the renderer failed: {untrusted.printable(error, 200)})") from None
    within(raw, max_pixels)
    return raw, renderer().svg_to_png(raw, scale=2) if image else b""


# What an SVG from the renderer holds: these elements and attributes, and links by http(s) only. Anything else (a
# script, a foreignObject, an event handler, or an HTML element such as <meta> or <p>, which ends an SVG inlined in a
# page and stands in the page itself) is refused, whether it came from the renderer or a file planted in the cache
# (outside git). Opened alone (the SVG download), an SVG has no policy.
SVG_ELEMENTS = {
    "svg",
    "g",
    "path",
    "rect",
    "line",
    "text",
    "tspan",
    "a",
    "circle",
    "ellipse",
    "polygon",
    "polyline",
    "clipPath",
    "defs",
    "title",
    "desc",
    "linearGradient",
    "radialGradient",
    "stop",
}
SVG_ATTRIBUTES = {
    "aria-hidden",
    "aria-label",
    "aria-roledescription",
    "role",
    "class",
    "id",
    "d",
    "display",
    "dx",
    "dy",
    "fill",
    "fill-opacity",
    "fill-rule",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "height",
    "width",
    "opacity",
    "pointer-events",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "transform",
    "version",
    "viewBox",
    "preserveAspectRatio",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "points",
    "clip-path",
    "clipPathUnits",
    "gradientUnits",
    "offset",
    "stop-color",
    "stop-opacity",
    "href",
    "title",
    "target",
    "lang",
}
WEB_LINK = re.compile(r"https?://", re.I)


def active_content(svg: str) -> str | None:
    """What in an SVG is not a drawing and web links, or None. Its elements and attributes are read as XML: the text of
    a label or a tooltip ("x onerror=…") is data, not markup."""
    if "<!" in svg or "<?" in svg:  # before parsing: no entity is ever expanded, and no comment, CDATA section or
        return "a declaration, comment or processing instruction"  # instruction that HTML reads otherwise than XML
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return "markup that does not parse"
    for element in root.iter():
        name = str(element.tag).rsplit("}", 1)[-1]
        if name not in SVG_ELEMENTS:
            return f"a <{name}> element"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local not in SVG_ATTRIBUTES:
                return f"a {local} attribute"
            # a browser drops spaces and control characters from a URL: "java\nscript:" is a scheme
            if local == "href" and not WEB_LINK.match(re.sub(r"[\s\x00-\x1f]+", "", value)):
                return "a link that is not to a web page"
    return None


def cached_svg(digest: str) -> str | None:
    """The cached SVG for a spec, if it is there and holds nothing active; else None, and it is drawn again."""
    try:
        raw = (CACHE / f"{digest}.svg").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return None if active_content(raw) else raw


def render_all(chart_list: list[Chart], max_pixels: int) -> dict[str, tuple[str, bytes]]:
    """Every chart's layouts as {key: (accessible SVG, PNG)} (keys from Chart.variants; the phone layout has no PNG):
    from the cache, else rendered, in parallel when there are many. A chart that cannot be drawn or is over budget
    raises ChartError naming it."""
    jobs = [(chart, key, spec, key == chart.stem) for chart in chart_list for key, spec in chart.variants()]
    hashes = {key: cache_key(spec) for _, key, spec, _ in jobs}
    drawn = {key: cached_svg(hashes[key]) for _, key, _, _ in jobs}
    missing = [job for job in jobs if drawn[job[1]] is None]
    if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        # spawn, not fork: a process forked after vl-convert's threads started can wait forever on a lock they held
        with ProcessPoolExecutor(os.cpu_count(), mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(render_spec, spec, max_pixels, image) for _, _, spec, image in missing]
            try:
                fresh = [named(chart, future.result) for (chart, *_), future in zip(missing, futures)]
            except ChartError:
                pool.shutdown(cancel_futures=True)  # one chart refused: the build stops, so render no more
                raise
    else:
        fresh = [
            named(chart, lambda spec=spec, image=image: render_spec(spec, max_pixels, image))
            for chart, _, spec, image in missing
        ]
    CACHE.mkdir(parents=True, exist_ok=True)
    for (chart, key, _, image), (raw, png_bytes) in zip(missing, fresh):
        active = active_content(raw)
        if active:
            raise ChartError(f"chart {chart.file('svg')}: the renderer's SVG holds {active}; nothing was published")
        if image:  # the PNG first: a cached SVG is taken to mean its PNG is there too
            stage_cache.write_whole(CACHE / f"{hashes[key]}.png", png_bytes)
        stage_cache.write_whole(CACHE / f"{hashes[key]}.svg", raw.encode("utf-8"))
        drawn[key] = raw
    out = {}
    for chart, key, _, image in jobs:
        raw = drawn[key]
        named(
            chart, lambda raw=raw: within(raw, max_pixels)
        )  # a chart cached under a larger budget is held to this one
        out[key] = (
            accessible(raw, chart, key != chart.stem),
            (CACHE / f"{hashes[key]}.png").read_bytes() if image else b"",
        )
    return out


def named(chart: Chart, work):
    try:
        return work()
    except ChartError as error:
        raise ChartError(f"chart {chart.file('svg')} ({untrusted.printable(chart.title, 80)}) {error}") from None


def accessible(raw: str, chart: Chart, phone: bool = False) -> str:
    """Inline SVG with ids unique to the chart (and its layout), a title and a description for screen readers."""
    prefix = f"{chart.name}-{PHONE}-" if phone else f"{chart.name}-"
    raw = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', raw)
    raw = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", raw)
    raw = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', raw)
    if chart.lang != i18n.DEFAULT:  # a Chinese name quoted in an English chart (a publisher) is marked as Chinese
        raw = re.sub(rf"<(text|tspan)([^>]*)>([^<]*[{i18n.HAN}][^<]*)</\1>", r'<\1\2 lang="zh-Hans">\3</\1>', raw)
    raw = re.sub(
        r"<a\b(?![^>]*\brel=)", f'<a rel="{untrusted.CONTRIBUTED_LINK_REL}"', raw
    )  # a mark's link is a source's
    title_id, desc_id = f"{prefix}title", f"{prefix}desc"
    head, rest = raw.split(">", 1)
    # Inside one image, no part claims a role of its own (Vega still marks some unlabelled groups as graphics).
    rest = re.sub(r'\s(?:role|aria-roledescription)="[^"]*"', "", rest)
    return (
        f'{head} role="img" aria-labelledby="{title_id} {desc_id}">'
        f'<title id="{title_id}">{html.escape(chart.title)}</title><desc id="{desc_id}">{html.escape(chart.description)}</desc>{rest}'
    )


def svg(chart: Chart, max_pixels: int = 10_000) -> str:
    return render_all([chart], max_pixels)[chart.stem][0]


def png(chart: Chart, max_pixels: int = 10_000) -> bytes:
    return render_all([chart], max_pixels)[chart.stem][1]


def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one file, served from our own site (cached like the charts)."""
    target = CACHE / f"vega-{metadata.version('vl-convert-python')}.js"  # named without starting the renderer
    if not target.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        stage_cache.write_whole(target, renderer().javascript_bundle().encode("utf-8"))
    return target.read_text(encoding="utf-8")
