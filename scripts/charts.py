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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import altair as alt

from . import paths, vocabulary
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


def capped(items: list | tuple, limit: int, noun: str) -> tuple[list, str]:
    """The first `limit` items and a sentence for the description when some were left out."""
    items = list(items)
    return (items, "") if len(items) <= limit else (items[:limit], f"图中只显示前{limit}{noun}（共{len(items)}{noun}），完整数据见数据下载。")


ROLE_COLORS = {"牵头": "#b5462c", "参与": "#5b8db8", "按任务1说明落实": "#c9c9c9"}


@dataclass(frozen=True)
class Chart:
    name: str  # file stem under docs/charts/
    title: str
    description: str  # read by screen readers, shown under the chart
    spec: dict  # the Vega-Lite spec, data inline
    columns: tuple[str, ...]  # the accessible data table
    rows: tuple[tuple, ...]


class FontMissing(RuntimeError):
    pass


def _chart(name: str, chart: alt.TopLevelMixin, title: str, description: str, columns: list[str], rows: list[tuple]) -> Chart:
    # Schema validation of every spec costs more than the rendering that checks it anyway.
    spec = chart.properties(title=title, description=description).to_dict(validate=False)
    spec["config"] = CONFIG
    return Chart(name, title, description, spec, tuple(columns), tuple(rows))


def _tooltip(columns: list[str], quantitative: str) -> list[str]:
    return [f"{column}:{'Q' if column == quantitative else 'N'}" for column in columns]


def _values(columns: list[str], rows: list[tuple]) -> alt.Data:
    return alt.Data(values=[dict(zip(columns, row)) for row in rows])


def targets_overview(site: Site) -> Chart:
    """Every level target, one small panel per indicator so no two units share an axis."""
    columns = ["指标", "单位", "年份", "目标值", "方案表述"]
    shown, note = capped(site.indicators, MAX_PANELS, "项指标")
    rows = [(f"{i.position}. {i.name}（{i.unit}）", i.unit, str(t.year), t.value, t.phrase)
            for i in shown for t in i.targets if t.comparator != "improve_by"]
    relative = [f"{i.name}{t.year}年目标（{t.phrase}）" for i in site.indicators for t in i.targets if t.comparator == "improve_by"]
    base = alt.Chart().encode(x=alt.X("年份:N", title=None, axis=alt.Axis(labelAngle=0)), tooltip=_tooltip(columns, "目标值"))
    bars = base.mark_bar(color="#5b8db8").encode(y=alt.Y("目标值:Q", title=None, axis=alt.Axis(tickCount=4)))
    labels = base.mark_text(dy=-6, fontSize=11).encode(y=alt.Y("目标值:Q"), text=alt.Text("目标值:Q", format=","))
    chart = alt.layer(bars, labels, data=_values(columns, rows)).properties(width=120, height=90).facet(
        facet=alt.Facet("指标:N", title=None, sort=sorted({r[0] for r in rows}, key=lambda label: int(label.split(".")[0])),
                        header=alt.Header(labelFontSize=11, labelLimit=0, labelAlign="left", labelAnchor="start",
                                          labelExpr="length(datum.label) > 14 ? [substring(datum.label, 0, 12), substring(datum.label, 12)] : datum.label")),
        columns=4,
    ).resolve_scale(y="independent")
    description = (f"{len(site.indicators)}项主要指标2025年和2030年的目标值，每项指标一个小图，各用自己的单位。"
                   + ("相对目标未绘入：" + "；".join(relative) + "。" if relative else "") + note)
    return _chart("targets-overview", chart, "主要指标的2025年和2030年目标", description, columns, rows)


def indicator_targets(indicator) -> Chart:
    """Observed figures (each linked to its source), the targets, and the path from the latest figure to each."""
    columns = ["年份", "数值", "类别", "说明", "来源"]
    rows = [(o.year, o.value, "实际数值" if o.preferred else "其他来源的数值", o.source_publisher, o.source_url)
            for o in indicator.observations]
    rows += [(t.year, t.progress.level, "目标", t.phrase, "") for t in indicator.targets
             if t.progress and t.progress.level is not None]
    latest = indicator.series[-1] if indicator.series else None
    paths = [(f"到{t.year}年目标的路径", p) for t in indicator.targets
             if latest and t.progress and t.progress.level is not None and not t.cumulative and t.year > latest.year
             for p in ((latest.year, latest.value), (t.year, t.progress.level))]
    path_columns = ["路径", "年份", "数值"]
    years = [r[0] for r in rows] or [2025, 2030]
    x = alt.X("年份:Q", title="年份", axis=alt.Axis(format="d", tickMinStep=1), scale=alt.Scale(domain=[min(years) - 1, max(years) + 1]))
    y = alt.Y("数值:Q", title=indicator.unit, scale=alt.Scale(zero=indicator.better == "higher", reverse=indicator.better == "lower"))
    base = alt.Chart(_values(columns, rows))
    observed = base.transform_filter(alt.datum["类别"] == "实际数值")
    layers = [
        observed.mark_line(color="#5b8db8"),
        observed.mark_point(filled=True, size=60, color="#5b8db8", cursor="pointer"),
        base.transform_filter(alt.datum["类别"] == "其他来源的数值").mark_point(size=60, color="#888"),
        base.transform_filter(alt.datum["类别"] == "目标").mark_point(shape="diamond", filled=True, size=120, color="#b5462c"),
    ]
    layers = [layer.encode(x=x, y=y, href=alt.Href("来源:N"), tooltip=_tooltip(columns, "数值")) for layer in layers]
    if paths:
        layers.append(alt.Chart(_values(path_columns, [(name, *point) for name, point in paths])).mark_line(
            strokeDash=[4, 4], color="#b5462c").encode(x=x, y=y, detail="路径:N"))
    chart = alt.layer(*layers).properties(width=320, height=220)
    described = "；".join(f"{o.year}年{o.value}{indicator.unit}" for o in indicator.series) or "尚无有来源的数值"
    description = (f"{indicator.name}（{indicator.unit}）。实际数值：{described}。目标："
                   + "；".join(f"{t.year}年{t.phrase}（{t.progress_label}）" for t in indicator.targets)
                   + "。红色菱形为目标，虚线为从最新数值到目标的路径，灰色空心点为其他来源的不同数值；点击数据点打开来源。")
    return _chart(f"target-{indicator.id}", chart, f"{indicator.name}：实际数值与目标", description, columns, rows)


def progress_overview(site: Site) -> Chart:
    """How far each indicator has come, as a share of each target: one unit (%) on the axis."""
    columns = ["指标", "目标", "完成比例", "进展"]
    rows, missing = [], []
    shown, note = capped(site.indicators, MAX_PANELS, "项指标")
    for indicator in shown:
        for t in indicator.targets:
            a = t.progress
            if a and a.latest and a.level:
                share = a.latest.value / a.level if indicator.better == "higher" else a.level / a.latest.value
                rows.append((indicator.name, f"{t.year}年：{t.short}", round(share * 100, 1), t.progress_label))
            else:
                missing.append(f"{indicator.name}{t.year}年")
    order = [row[0] + "｜" + row[1] for row in rows]
    labelled = [(row[0] + "｜" + row[1], *row[1:]) for row in rows]
    bars = alt.Chart(_values(columns, labelled)).mark_bar().encode(
        x=alt.X("完成比例:Q", title="最新数值占目标的比例（%）", scale=alt.Scale(domain=[0, max([100] + [r[2] for r in rows])])),
        y=alt.Y("指标:N", title=None, sort=order, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("进展:N", title="进展", scale=alt.Scale(domain=list(vocabulary.PROGRESS.values()),
                                                                range=["#2e7d32", "#5b8db8", "#b5462c", "#c9c9c9"])),
        tooltip=_tooltip(columns, "完成比例"),
    )
    full = alt.Chart(alt.Data(values=[{"x": 100}])).mark_rule(color="#333", strokeDash=[2, 2]).encode(x="x:Q")
    chart = alt.layer(bars, full).properties(width=260, height=alt.Step(18))
    description = ("各项指标最新数值占2025年和2030年目标的比例（位次目标按目标位次除以实际位次计算）。"
                   + (f"暂无数据：{'、'.join(missing)}。" if missing else "") + note)
    return _chart("progress-overview", chart, "各项目标的完成程度", description, columns, rows)


def responsibility_matrix(site: Site) -> Chart:
    columns = ["任务", "任务名称", "责任单位", "角色"]
    tasks, note = capped(site.tasks, MAX_TASKS, "项任务")
    rows = [(f"任务{t.id}", t.title, u.short_name, u.role_label) for t in tasks for u in t.units]
    involved = {row[2] for row in rows}
    units = [a.short_name for a in site.agencies_by_involvement if a.short_name in involved]
    chart = alt.Chart(_values(columns, rows)).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("任务:N", sort=[f"任务{t.id}" for t in tasks], title="任务", axis=alt.Axis(labelAngle=-90, orient="top")),
        y=alt.Y("责任单位:N", sort=units, title=None),
        color=alt.Color("角色:N", scale=alt.Scale(domain=list(ROLE_COLORS), range=list(ROLE_COLORS.values())), title="角色"),
        tooltip=_tooltip(columns, ""),
    ).properties(width=alt.Step(16), height=alt.Step(16))
    leads = sum(1 for r in rows if r[3] == vocabulary.ROLE["lead"])
    description = (f"{len(tasks)}项任务与{len(units)}个责任单位的对应关系：每格表示该单位对该任务负责，"
                   f"颜色区分牵头单位（列在首位，共{leads}格）、参与单位和依据任务1说明落实的单位。" + note)
    return _chart("responsibility-matrix", chart, "责任矩阵：任务与责任单位", description, columns, rows)


def tasks_per_unit(site: Site) -> Chart:
    columns = ["责任单位", "角色", "任务数"]
    order, note = capped(site.agencies_by_involvement, MAX_UNITS, "个单位")
    rows = []
    for a in order:
        for role, tasks in (("lead", a.leads), ("participant", a.joins), ("noted", a.noted)):
            if tasks:
                rows.append((a.short_name, vocabulary.ROLE[role], len(tasks)))
    chart = alt.Chart(_values(columns, rows)).mark_bar().encode(
        x=alt.X("任务数:Q", title="任务数", stack="zero"),
        y=alt.Y("责任单位:N", sort=[a.short_name for a in order], title=None),
        color=alt.Color("角色:N", scale=alt.Scale(domain=list(ROLE_COLORS), range=list(ROLE_COLORS.values())), title="角色"),
        order=alt.Order("角色:N", sort="descending"),
        tooltip=_tooltip(columns, "任务数"),
    ).properties(width=300, height=alt.Step(16))
    top = order[0]
    description = (f"每个责任单位牵头和参与的任务数，按总数排序。{top.short_name}最多："
                   f"牵头{len(top.leads)}项、参与{len(top.joins)}项。" + note)
    return _chart("tasks-per-unit", chart, "各责任单位的任务数", description, columns, rows)


def tasks_per_section(site: Site) -> Chart:
    columns = ["部分", "方面", "任务数"]
    rows = [(p.theme, f"{s.heading[:3]}{s.title}", len(s.tasks)) for p in site.parts for s in p.sections]
    chart = alt.Chart(_values(columns, rows)).mark_bar().encode(
        x=alt.X("任务数:Q", title="任务数", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("方面:N", sort=[r[1] for r in rows], title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("部分:N", title=None, sort=[p.theme for p in site.parts if p.theme], scale=alt.Scale(range=["#b5462c", "#5b8db8"])),
        tooltip=_tooltip(columns, "任务数"),
    ).properties(width=220, height=alt.Step(20))
    description = "、".join(p.theme for p in site.parts if p.theme) + "各方面包含的任务数：" + "；".join(f"{r[1]}{r[2]}项" for r in rows) + "。"
    return _chart("tasks-per-section", chart, "各方面的任务数", description, columns, rows)


def all_charts(site: Site) -> list[Chart]:
    return [targets_overview(site), progress_overview(site), responsibility_matrix(site), tasks_per_unit(site), tasks_per_section(site)] + [
        indicator_targets(indicator) for indicator in site.indicators]


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


def render_spec(spec: dict) -> tuple[str, bytes]:
    """Vega-Lite -> (SVG, PNG at twice the size); the PNG is rasterised from the same SVG."""
    raw = renderer().vegalite_to_svg(spec)
    return raw, renderer().svg_to_png(raw, scale=2)


def render_all(chart_list: list[Chart]) -> dict[str, tuple[str, bytes]]:
    """Every chart as (accessible SVG, PNG): from the cache, else rendered, in parallel when there are many."""
    keys = {chart.name: cache_key(chart.spec) for chart in chart_list}
    missing = [chart for chart in chart_list if not (CACHE / f"{keys[chart.name]}.png").is_file()]
    if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            fresh = list(pool.map(render_spec, [chart.spec for chart in missing], chunksize=4))
    else:
        fresh = [render_spec(chart.spec) for chart in missing]
    CACHE.mkdir(parents=True, exist_ok=True)
    for chart, (raw, image) in zip(missing, fresh):
        (CACHE / f"{keys[chart.name]}.svg").write_text(raw, encoding="utf-8")
        (CACHE / f"{keys[chart.name]}.png").write_bytes(image)
    return {chart.name: (accessible((CACHE / f"{keys[chart.name]}.svg").read_text(encoding="utf-8"), chart),
                         (CACHE / f"{keys[chart.name]}.png").read_bytes()) for chart in chart_list}


def accessible(raw: str, chart: Chart) -> str:
    """Inline SVG with ids unique to the chart, a title and a description for screen readers."""
    prefix = f"{chart.name}-"
    raw = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', raw)
    raw = re.sub(r'url\(#([^)]+)\)', lambda m: f"url(#{prefix}{m[1]})", raw)
    raw = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', raw)
    title_id, desc_id = f"{prefix}title", f"{prefix}desc"
    head, rest = raw.split(">", 1)
    return (f'{head} role="img" aria-labelledby="{title_id} {desc_id}">'
            f'<title id="{title_id}">{html.escape(chart.title)}</title><desc id="{desc_id}">{html.escape(chart.description)}</desc>{rest}')


def svg(chart: Chart) -> str:
    return render_all([chart])[chart.name][0]


def png(chart: Chart) -> bytes:
    return render_all([chart])[chart.name][1]


def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed in one file, served from our own site (cached like the charts)."""
    target = CACHE / f"vega-{renderer().__version__}.js"
    if not target.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        target.write_text(renderer().javascript_bundle(), encoding="utf-8")
    return target.read_text(encoding="utf-8")
