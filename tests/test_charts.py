"""Charts are data: their Vega-Lite specs, titles and fields; and Chinese glyphs in the PNGs."""

import pytest

from scripts.core import i18n
from scripts.model import model
from scripts.render import charts
from tests import fixture

SITE = model.build(fixture.records(), fixture.descriptor())
CHARTS = {chart.name: chart for chart in charts.all_charts(SITE)}


def fields(spec: dict) -> set[str]:
    """Every field a spec encodes, at any depth."""
    found = set()
    if isinstance(spec, dict):
        if "field" in spec and isinstance(spec["field"], str):
            found.add(spec["field"])
        for value in spec.values():
            found |= fields(value)
    elif isinstance(spec, list):
        for value in spec:
            found |= fields(value)
    return found


def inline_values(spec) -> bool:
    if isinstance(spec, dict):
        if isinstance(spec.get("values"), list) and spec["values"]:
            return True
        return any(inline_values(value) for value in spec.values())
    return isinstance(spec, list) and any(inline_values(value) for value in spec)


def test_the_four_site_charts_and_one_per_indicator():
    assert {"targets-overview", "responsibility-matrix", "tasks-per-unit", "tasks-per-section"} <= set(CHARTS)
    assert {f"target-{i.id}" for i in SITE.indicators} <= set(CHARTS)


def views(spec):
    """Every single view (a dict with a mark) in a spec, at any depth."""
    if isinstance(spec, dict):
        if "mark" in spec:
            yield spec
        for value in spec.values():
            yield from views(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from views(value)


def mark_type(view: dict) -> str:
    return view["mark"] if isinstance(view["mark"], str) else view["mark"]["type"]


def lines(title) -> str:
    return "".join(title if isinstance(title, list) else [title])


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_spec_has_title_description_and_inline_data(name):
    chart = CHARTS[name]
    for spec in (chart.spec, chart.phone_spec):
        assert lines(spec["title"]["text"]) == chart.title and spec["description"] == chart.description
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
        assert inline_values(spec), "data travels inside the spec"
        assert '"url"' not in str(spec).replace("'", '"'), "no data is fetched from elsewhere"
    assert chart.columns and chart.rows


def test_targets_overview_is_one_small_chart_per_indicator_with_figures_and_targets():
    chart = CHARTS["targets-overview"]
    for spec, columns in ((chart.spec, 4), (chart.phone_spec, 2)):
        panels = spec["vconcat"][0]["concat"]
        assert spec["vconcat"][0]["columns"] == columns and len(panels) == 8
        # each panel is one indicator in its own unit: its title names the unit, its scales are its own
        for panel, indicator in zip(panels, SITE.indicators):
            assert lines(panel["title"]["text"]) == f"{indicator.short_name}（{indicator.unit}）"
            drawn = {mark_type(v) for v in views(panel)}
            assert "point" in drawn and ("text" in drawn) == (not indicator.series), (
                "no figures: a line of text says so"
            )
            assert not any(mark_type(v) == "bar" for v in views(panel)), "a target is never drawn as a bar"
    # the relative rank target is drawn as the rank it means, upside down (1 on top)
    assert ("综合科技创新水平全国排名", "位", 2025, 22, "目标") in chart.rows
    rank_panel = chart.spec["vconcat"][0]["concat"][0]
    assert all(
        v["encoding"]["y"]["scale"]["reverse"] is True
        for v in views(rank_panel)
        if "y" in v["encoding"] and "scale" in v["encoding"]["y"]
    )
    assert "提升1位" in chart.description and "2463家（2024年）" in chart.description


def test_responsibility_matrix_is_tasks_by_units_with_roles():
    chart = CHARTS["responsibility-matrix"]
    (view,) = views(chart.spec)
    assert view["encoding"]["x"]["field"] == "任务" and view["encoding"]["y"]["field"] == "责任单位"
    assert view["encoding"]["color"]["scale"]["domain"] == ["牵头", "参与", "按任务1说明落实"]
    assert {row[0] for row in chart.rows} == {f"任务{i}" for i in range(1, 27)}
    assert len({row[2] for row in chart.rows}) == 29
    assert sum(1 for row in chart.rows if row[3] == "牵头") == 26


def test_tasks_per_unit_and_per_section_count_correctly():
    per_unit = {(row[0], row[1]): row[2] for row in CHARTS["tasks-per-unit"].rows}
    assert per_unit[("省科技厅", "牵头")] == 16 and per_unit[("省科技厅", "参与")] == 10
    per_section = [row[2] for row in CHARTS["tasks-per-section"].rows]
    assert sum(per_section) == 26 and len(per_section) == 9


def test_indicator_chart_has_one_unit_observations_targets_path_and_links():
    chart = CHARTS["target-rd_expenditure"]
    assert "单位：亿元" in lines(chart.spec["title"]["subtitle"])
    rows = chart.rows
    assert [(r[0], r[1]) for r in rows if r[3] == "实际数值"] == [(2019, 110.2), (2021, 129.5), (2022, 144.15)]
    assert [(r[0], r[1]) for r in rows if r[3] == "目标"] == [(2025, 180), (2030, 280)]
    assert all(r[2] == "亿元" for r in rows), "the table says its unit"
    assert all(r[6].startswith("http") and r[4] for r in rows if r[3] != "目标"), (
        "every point links to its source and says its kind"
    )
    assert "国家统计局" not in chart.source.split("统计口径")[0], (
        "the credit names the kinds of source plotted, not the publisher"
    )
    drawn = list(views(chart.spec))
    assert any(isinstance(v["mark"], dict) and v["mark"].get("strokeDash") for v in drawn), "the path needed"
    assert any("href" in v["encoding"] for v in drawn)


def test_the_verdicts_trend_is_drawn_only_when_there_is_one():
    """A dotted trend line to the target year where the verdict rests on a trend; nowhere where data is too thin."""

    def trends(chart):
        return [v for v in views(chart.spec) if isinstance(v["mark"], dict) and v["mark"].get("strokeDash") == [1, 3]]

    for indicator in SITE.indicators:
        judged = [t for t in indicator.targets if t.progress and t.progress.label in ("on_track", "off_track")]
        assert bool(trends(CHARTS[f"target-{indicator.id}"])) == bool(judged), indicator.id
        assert ("趋势" in lines(CHARTS[f"target-{indicator.id}"].spec["title"]["subtitle"])) == bool(judged)


def test_rank_chart_plots_the_relative_target_as_a_rank_with_1_on_top_and_whole_places():
    chart = CHARTS["target-innovation_rank"]
    assert [(r[0], r[1]) for r in chart.rows if r[3] == "目标"] == [(2025, 22), (2030, 20)]
    y = next(v["encoding"]["y"] for v in views(chart.spec) if "scale" in v["encoding"].get("y", {}))
    assert y["scale"]["reverse"] is True and y["axis"]["format"] == "d" and y["axis"]["tickMinStep"] == 1


def test_progress_overview_says_the_year_of_each_figure_and_colours_by_status():
    chart = CHARTS["progress-overview"]
    shares = {(row[0], row[1]): row[2] for row in chart.rows}
    assert SITE.as_of.year - 2024 <= SITE.rule.max_share_age_years  # the fixture's assessment date keeps 2024 figures
    assert shares[("高新技术企业", "2025年目标：达到2600家（2024年数值）")] == round(2463 / 2600 * 100, 1)
    assert not any(name == "技术合同成交额" for name, _ in shares), "no share from a 2019 figure"
    assert not any(name == "综合科技创新水平排名" for name, _ in shares), "no ratio of ranks"
    assert "技术合同成交额（最新数值为2019年，过旧）" in chart.description and "还差1位" in chart.description
    assert all(row[3] == "%" for row in chart.rows)
    bars = next(v for v in views(chart.spec) if mark_type(v) == "bar")
    scale = bars["encoding"]["color"]["scale"]
    assert set(scale["domain"]) == {row[4] for row in chart.rows}, "the legend shows only the statuses used"
    labels = {v: k for k, v in i18n.text("zh").progress_label.items()}
    assert all(charts.STATUS_COLORS[labels[d]] == c for d, c in zip(scale["domain"], scale["range"]))
    assert not any(isinstance(v["mark"], dict) and v["mark"].get("fontStyle") == "italic" for v in views(chart.spec))


def test_every_interactive_mark_on_a_phone_is_a_tap_target_of_24_px():
    """On the phone layout every mark with a tooltip or a link is at least 24 px across, or lies under an invisible
    band as wide as its row that carries the same tooltip."""
    for chart in CHARTS.values():
        spec = chart.phone_spec
        assert spec, f"{chart.name} has a phone layout"

        def check(node, step, chart, parent):  # parent: the nodes above this one, innermost first
            if isinstance(node, dict):
                height = node.get("height")
                step = height["step"] if isinstance(height, dict) and "step" in height else step
                if "mark" in node and ({"tooltip", "href"} & set(node.get("encoding", {}))):
                    mark = node["mark"] if isinstance(node["mark"], dict) else {"type": node["mark"]}
                    if mark["type"] == "point":
                        assert mark.get("size", 30) >= 24 * 24, (chart.name, mark)
                    elif mark["type"] == "rect":
                        assert step and step >= 24 / 0.9, (chart.name, step)  # a band's inner padding takes 10 %
                    else:
                        assert mark["type"] == "bar" and any(
                            mark_type(v) == "rect" and v["mark"].get("opacity") == 0 for v in views(parent[0])
                        ), (chart.name, mark)
                for value in node.values():
                    if isinstance(value, (dict, list)):
                        check(value, step, chart, [node, *parent])
            elif isinstance(node, list):
                for value in node:
                    check(value, step, chart, parent)

        check(spec, None, chart, [spec])
        assert all(
            mark_type(v) != "point" or v["mark"].get("size", 0) >= 576
            for v in views(spec)
            if "tooltip" in v["encoding"]
        )


def test_svg_is_accessible_and_ids_are_unique_per_chart():
    svg = charts.svg(CHARTS["tasks-per-section"])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="tasks-per-section-title">各方面的任务数</title>' in svg and "<desc id=" in svg
    assert 'id="clip' not in svg


def test_png_shows_chinese_glyphs_not_boxes():
    """Two different Chinese titles must render differently; missing glyphs all draw the same box."""
    base = CHARTS["tasks-per-section"]
    first = charts.png(charts.Chart(base.name, "科技", "", {**base.spec, "title": "科技"}, base.columns, base.rows))
    second = charts.png(charts.Chart(base.name, "创新", "", {**base.spec, "title": "创新"}, base.columns, base.rows))
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and first != second


def test_the_renderer_refuses_to_run_without_a_cjk_font(monkeypatch):
    monkeypatch.setattr(charts, "CJK_FONT_DIRS", ("/nonexistent",))
    charts.renderer.cache_clear()
    try:
        with pytest.raises(charts.FontMissing, match="fonts-noto-cjk"):
            charts.renderer()
    finally:
        charts.renderer.cache_clear()


def test_overview_charts_stay_bounded_for_large_plans():
    items, note = charts.capped(list(range(100)), 60, "项任务", i18n.text("zh"))
    assert len(items) == 60 and note == "图中只显示前60项任务（共100项任务），完整数据见数据下载。"
    assert charts.capped([1, 2], 60, "项任务", i18n.text("zh")) == ([1, 2], "")
    assert "图中只显示" not in CHARTS["responsibility-matrix"].description  # the real plan is drawn whole


@pytest.mark.parametrize(
    "label, width, together",
    [
        ("第三方转载（qydjw.cn）援引甘肃省科技厅的新闻报道", 8, "qydjw.cn"),
        ("2030年目标：进入全国前20位", 13, "20位"),
        ("2025年目标：达到180亿元（2022年数值）", 10, "180亿元"),
        ("数值来自国家统计局、科学技术部、财政部；目标来自方案", 9, "部；"),
        ("技术合同成交额（亿元）", 9, "（亿元）"),
    ],
)
def test_chinese_wraps_between_characters_but_never_inside_a_word_a_number_or_before_punctuation(
    label, width, together
):
    lines = charts.wrapped(label, "zh", width)
    assert "".join(lines) == label, "nothing lost, nothing added"
    assert any(together in line for line in lines), lines
    assert not any(line[0] in charts.CLOSING for line in lines[1:]), lines
    assert len(lines) > 1


def test_every_chart_text_is_in_the_charts_language():
    """No Chinese inside an English chart's drawn words (title, subtitle, source line, labels), and the other way round
    no English sentence inside a Chinese one: publishers are named in the page's language."""
    import json
    import re

    english = {c.name: c for c in charts.all_charts(model.build(fixture.records(), fixture.descriptor(), lang="en"))}
    for chart in english.values():
        for spec in (chart.spec, chart.phone_spec):
            drawn = json.dumps([spec["title"], [t for t in _titles(spec)]], ensure_ascii=False)
            assert not re.search(r"[\u3400-\u9fff]", drawn), (chart.name, drawn[:200])
    for chart in CHARTS.values():
        assert not re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", chart.source), chart.source


def _titles(spec):
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "title" and isinstance(value, (dict, str, list)):
                yield value
            yield from _titles(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _titles(value)


def test_every_spec_is_valid_vega_lite_for_both_layouts_and_languages():
    """The build skips Altair's schema validation (it costs more than drawing); every spec is validated here instead,
    against the Vega-Lite schema Altair ships, including the overview assembled from remembered panels."""
    import jsonschema
    from altair.vegalite.v6 import schema

    validator = jsonschema.validators.validator_for(schema.load_schema())(schema.load_schema())
    found = []
    for lang in i18n.LANGUAGES:
        site = SITE if lang == i18n.DEFAULT else model.build(fixture.records(), fixture.descriptor(), lang=lang)
        for chart in charts.all_charts(site):
            for layout, spec in (("wide", chart.spec), ("phone", chart.phone_spec)):
                found += [f"{chart.stem} {layout}: {error.message[:200]}" for error in validator.iter_errors(spec)]
    assert found == []


def test_a_chart_rendering_planted_in_the_cache_with_a_script_is_drawn_again(tmp_path, monkeypatch):
    """The chart cache lies outside git; an SVG there that holds anything active is not used (attack finding 3)."""
    monkeypatch.setattr(charts, "CACHE", tmp_path)
    chart = CHARTS["tasks-per-section"]
    first = charts.render_all([chart], 10_000)
    planted = 0
    for path in tmp_path.glob("*.svg"):
        svg = path.read_text(encoding="utf-8")
        path.write_text(svg.replace(">", '><script>document.title="PWNED"</script>', 1), encoding="utf-8")
        planted += 1
    assert planted == len(first)
    again = charts.render_all([chart], 10_000)
    assert again == first and not any("PWNED" in path.read_text(encoding="utf-8") for path in tmp_path.glob("*.svg"))


@pytest.mark.parametrize(
    "svg, found",
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', "a <script> element"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p/></foreignObject></svg>',
            "a <foreignObject> element",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()"/></svg>', "a onload attribute"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="java&#10;script:x()"/></svg>',
            "a link that is not to a web page",
        ),
        # HTML ends an inlined SVG at <meta> or <p>, and a refresh sends the reader away under any policy
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><meta http-equiv="refresh" content="0;url=https://evil.example/"/></svg>',
            "a <meta> element",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(#x)"/></svg>', "a style attribute"),
        (
            '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            "a declaration, comment or processing instruction",
        ),
        # XML drops a processing instruction; inlined in a page, HTML ends it at the first ">" and runs the script after it
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><?x ><script>go()</script>?></svg>',
            "a declaration, comment or processing instruction",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><path aria-label="x onerror=alert(1) &lt;script&gt;"/><a href="https://a.b/"/></svg>',
            None,
        ),
    ],
)
def test_active_content_in_an_svg_is_found_by_its_elements_and_attributes(svg, found):
    assert charts.active_content(svg) == found


def test_every_chart_is_made_without_altair_searching_its_schema(monkeypatch):
    """A channel given as a bare "field:Q" string or an alt.value dict makes Altair search its whole schema for the
    class to wrap it in, which once cost more than the rest of the chart: every chart names its channel classes."""
    from altair.utils import schemapi

    from scripts.core import stage_cache

    def searched(*args, **kwargs):
        raise AssertionError("a channel was given as a string or a dict, not as an Altair object")

    monkeypatch.setattr(schemapi._FromDict, "__init__", searched)
    monkeypatch.setattr(stage_cache, "remembered", lambda key, make, *codec: make())  # made now, not read back
    assert charts.all_charts(SITE)  # one language: the other draws with the same calls
    with pytest.raises(AssertionError, match="not as an Altair object"):
        charts.alt.Chart().encode(x="x:Q")
