"""Charts are data: their Vega-Lite specs, titles and fields; and Chinese glyphs in the PNGs."""

import pytest

from scripts import charts, i18n, load, model

SITE = model.build(load.records(), load.read_descriptor())
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


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_spec_has_title_description_and_inline_data(name):
    spec = CHARTS[name].spec
    assert spec["title"]["text"] == CHARTS[name].title and spec["description"] == CHARTS[name].description
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    assert inline_values(spec), "data travels inside the spec"
    assert '"url"' not in str(spec).replace("'", '"'), "no data is fetched from elsewhere"
    assert CHARTS[name].columns and CHARTS[name].rows


def test_targets_overview_never_puts_two_units_on_one_axis():
    spec = CHARTS["targets-overview"].spec
    assert spec["facet"]["field"] == "指标" and spec["resolve"]["scale"]["y"] == "independent"
    assert {"年份", "目标值", "指标"} <= fields(spec)
    # each panel is one indicator, and every indicator label names its unit
    labels = {row[0] for row in CHARTS["targets-overview"].rows}
    assert len(labels) == 8 and all(label.endswith("）") for label in labels)
    # the relative rank target is not drawn as if it were a rank of 1
    assert not any(row[3] == 1 and "排名" in row[0] for row in CHARTS["targets-overview"].rows)
    assert "提升1位" in CHARTS["targets-overview"].description


def test_responsibility_matrix_is_tasks_by_units_with_roles():
    chart = CHARTS["responsibility-matrix"]
    spec = chart.spec
    assert spec["encoding"]["x"]["field"] == "任务" and spec["encoding"]["y"]["field"] == "责任单位"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["牵头", "参与", "按任务1说明落实"]
    assert {row[0] for row in chart.rows} == {f"任务{i}" for i in range(1, 27)}
    assert len({row[2] for row in chart.rows}) == 29
    assert sum(1 for row in chart.rows if row[3] == "牵头") == 26


def test_tasks_per_unit_and_per_section_count_correctly():
    per_unit = {(row[0], row[1]): row[2] for row in CHARTS["tasks-per-unit"].rows}
    assert per_unit[("省科技厅", "牵头")] == 16 and per_unit[("省科技厅", "参与")] == 10
    per_section = [row[2] for row in CHARTS["tasks-per-section"].rows]
    assert sum(per_section) == 26 and len(per_section) == 9


def test_indicator_chart_has_one_unit_observations_targets_and_path():
    spec = CHARTS["target-rd_expenditure"].spec
    assert {layer["encoding"]["y"]["title"] for layer in spec["layer"]} == {"亿元"}
    rows = CHARTS["target-rd_expenditure"].rows
    assert [(r[0], r[1]) for r in rows if r[2] == "实际数值"] == [(2019, 110.2), (2021, 129.5), (2022, 144.15)]
    assert [(r[0], r[1]) for r in rows if r[2] == "目标"] == [(2025, 180), (2030, 280)]
    assert all(r[4].startswith("http") for r in rows if r[2] != "目标"), "every point links to its source"
    assert any(layer["mark"].get("strokeDash") for layer in spec["layer"] if isinstance(layer["mark"], dict)), "the path needed"
    assert all("href" in layer["encoding"] for layer in spec["layer"][:4])


def test_rank_chart_plots_the_relative_target_as_a_rank():
    rows = CHARTS["target-innovation_rank"].rows
    assert [(r[0], r[1]) for r in rows if r[2] == "目标"] == [(2025, 22), (2030, 20)]
    assert CHARTS["target-innovation_rank"].spec["layer"][0]["encoding"]["y"]["scale"]["reverse"] is True


def test_progress_overview_is_a_share_of_target_in_percent():
    chart = CHARTS["progress-overview"]
    shares = {(row[0], row[1][:5]): row[2] for row in chart.rows}
    assert shares[("科技进步贡献率", "2025年")] == round(60 / 62 * 100, 1)
    assert shares[("综合科技创新水平全国排名", "2025年")] == round(22 / 23 * 100, 1)
    assert "每万名就业人员中研发人员2025年" in chart.description


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
