"""Size budgets: data that would make a chart, a page or the site explode is refused, in words, before anything is published."""

import subprocess
import sys

import pytest

from scripts.core import paths
from scripts.render import charts
from scripts.site import budgets, generate
from tests.test_charts import CHARTS


def test_a_chart_over_budget_is_refused_before_its_png_is_made():
    chart = CHARTS["tasks-per-section"]
    with pytest.raises(charts.ChartError) as refused:
        charts.render_spec(chart.spec, max_pixels=100)
    assert "over the chart budget of 100 px (mkdocs.yml extra.budgets.chart_pixels)" in str(refused.value)
    with pytest.raises(
        charts.ChartError, match=r"^chart charts/tasks-per-section.svg \(各方面的任务数\) would be \d+ × \d+ px"
    ):
        charts.render_all(
            [chart], max_pixels=100
        )  # from the cache too: a chart cached under a larger budget is held to this one


def test_a_chart_the_renderer_cannot_draw_is_named_not_a_traceback():
    """vl-convert 1.9 fails when it shortens a label through a character outside the BMP (validation refuses those)."""
    label = "长" * 10 + "🎉" * 20
    spec = {
        "config": charts.CONFIG,
        "data": {"values": [{"x": label, "y": 1}]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "x", "type": "nominal", "axis": {"labelLimit": 200}},
            "x": {"field": "y", "type": "quantitative"},
        },
    }
    chart = charts.Chart("probe", "探针", "", spec, (), ())
    with pytest.raises(charts.ChartError, match=r"^chart charts/probe.svg \(探针\) cannot be drawn \("):
        charts.render_all([chart], max_pixels=2500)


def test_generation_refuses_a_chart_over_budget():
    limits = budgets.Budgets(chart_pixels=300, page_bytes=1_000_000, site_bytes=60_000_000)
    with pytest.raises(generate.GenerateError, match="over the chart budget of 300 px.*; nothing was generated"):
        generate.outputs(paths.ROOT, "", "", limits)


def test_generated_pages_over_budget_are_named():
    files = {"tasks/1.md": b"x" * 2_000, "tasks/2.md": b"x" * 10, "charts/a.png": b"x" * 5_000}
    assert budgets.pages_over(files, budgets.Budgets(chart_pixels=1, page_bytes=1_000, site_bytes=1)) == [
        "docs/tasks/1.md would be 2,000 bytes, over the page budget of 1,000 (mkdocs.yml extra.budgets.page_bytes)"
    ]


def test_a_built_site_over_its_budgets_is_named(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_bytes(b"x" * 2_000)
    (tmp_path / "data.bin").write_bytes(b"x" * 9_000)
    assert budgets.site_over(tmp_path, budgets.Budgets(chart_pixels=1, page_bytes=1_000, site_bytes=10_000)) == [
        "a/index.html is 2,000 bytes, over the page budget of 1,000 (mkdocs.yml extra.budgets.page_bytes)",
        "the site is 11,000 bytes, over the site budget of 10,000 (mkdocs.yml extra.budgets.site_bytes)",
    ]


def test_the_budgets_are_stated_whole_in_mkdocs_yml():
    with pytest.raises(budgets.OverBudget, match="extra.budgets needs exactly chart_pixels, page_bytes, site_bytes"):
        budgets.Budgets.from_config({"budgets": {"chart_pixels": 2500}})
    text = (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "chart_pixels: 2500" in text and "page_bytes: 1000000" in text and "site_bytes: 60000000" in text


def test_the_build_stops_with_a_message_and_publishes_nothing(tmp_path, project_copy):
    config = project_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("chart_pixels: 2500", "chart_pixels: 200"), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "build", "--site-dir", str(tmp_path / "site")],
        cwd=project_copy,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "over the chart budget of 200 px" in result.stderr and "site/ is unchanged" in result.stderr
    assert not (tmp_path / "site").exists()
