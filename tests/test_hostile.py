"""Hostile input: markup, template syntax, odd characters and odd numbers are inert or refused.

Text from the data is put through validate and the page templates, then the
generated Markdown through Python-Markdown with the site's extensions; the
HTML must hold the text as text, with nothing that runs.
"""

import csv
import io
import shutil
import subprocess
import sys

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts import charts, csvio, i18n, load, model, pages, paths, validate

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7 * 7 }}",
    "{% for x in range(3) %}循环{% endfor %}",
    "[点我](javascript:alert(1))",
    "**粗体** _斜体_ `代码` # 标题",
    "| 表格 | 注入 |",
    "</td></tr></table><script>alert(2)</script>",
    "零\u200b宽\u200d字符",
    "\u202e从右到左\u202c",
    "表情 🎉🚀",
    "长" * 5000,
    "&amp; &lt; \\ \\\\ {: .x }",
]
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


@pytest.fixture
def copy(tmp_path):
    shutil.copy(paths.PACKAGE, tmp_path / "datapackage.json")
    shutil.copytree(paths.DATA, tmp_path / "data")
    return tmp_path


def set_cells(root, resource, match, values):
    path = root / f"data/{resource}.csv"
    rows = csvio.read_rows(path)
    for row in rows:
        if all(row[k] == v for k, v in match.items()):
            row.update(values)
    csvio.write_rows(path, list(rows[0]), rows)


def to_html(page_text: str) -> BeautifulSoup:
    body = page_text.split("\n---\n", 1)[1]  # drop the front matter
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def foreign_scripts(soup: BeautifulSoup) -> list:
    """Scripts other than our own chart enhancer."""
    return [s for s in soup.find_all("script") if not (s.get("src", "").endswith("assets/javascripts/charts.js") and not s.string)]


def assert_inert(soup: BeautifulSoup, text: str):
    assert not foreign_scripts(soup), "a <script> came through"
    assert not soup.find(attrs=lambda attrs: attrs and any(k.startswith("on") for k in attrs)), "an event handler came through"
    assert not soup.find("a", href=lambda h: h and h.strip().lower().startswith("javascript:"))
    flat = " ".join(soup.get_text().split())
    assert " ".join(text.split()) in flat, "the text is not shown as written"


def pages_for(root, lang="zh"):
    descriptor = load.read_descriptor(root / "datapackage.json")
    site = model.build(load.records(root / "datapackage.json"), descriptor, lang=lang)
    renderer = pages.Renderer(site, "https://example.org/repo", {})
    return site, renderer


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_data_is_shown_as_text(copy, text):
    set_cells(copy, "agencies", {"id": "commerce"}, {"full_name_en": text})
    set_cells(copy, "observations", {"id": "9"}, {"note": text, "note_en": text, "quote": text})
    set_cells(copy, "targets", {"id": "rd_expenditure-2025"}, {"note": text, "note_en": text})
    assert validate.problems_in(copy) == []
    for lang in i18n.LANGUAGES:  # on a Chinese page and on its English twin
        site, renderer = pages_for(copy, lang)
        agency = next(a for a in site.agencies if a.id == "commerce")
        if lang == "zh":  # the English name shows on the Chinese page
            assert_inert(to_html(renderer.render("agency.md.j2", "agencies/commerce.md", agency.short_name, "", agency=agency).text), text)
        indicator = next(i for i in site.indicators if i.id == "rd_expenditure")
        target_page = renderer.target(indicator, charts.Chart("x", "t", "d", {}, (), (), lang))
        assert_inert(to_html(target_page.text), text)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://example.org/a b", "ftp://example.org", "data:text/html,x"])
def test_source_urls_that_are_not_web_links_are_refused(copy, url):
    set_cells(copy, "observations", {"id": "9"}, {"source_url": url})
    assert any(":source_url:" in str(p) for p in validate.problems_in(copy))


def test_a_url_cannot_break_out_of_its_link():
    assert pages.safe_url('https://example.org/a)<script>alert(1)</script>') == \
        "https://example.org/a%29%3Cscript%3Ealert%281%29%3C/script%3E"


@pytest.mark.parametrize("value, accepted", [("NaN", False), ("1e309", False), ("-inf", False), ("1e13", False),
                                             ("-5", True), ("0", True), ("1.5e2", True)])
def test_odd_numbers_are_refused_or_taken_as_numbers(copy, value, accepted):
    set_cells(copy, "observations", {"id": "9"}, {"value": value})
    problems = [str(p) for p in validate.problems_in(copy)]
    assert (not any(":value:" in p for p in problems)) == accepted, problems


SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=SAFE_TEXT, name=SAFE_TEXT)
def test_random_text_never_crashes_and_is_rendered_or_rejected(copy, note, name):
    set_cells(copy, "observations", {"id": "12"}, {"note": note})
    set_cells(copy, "agencies", {"id": "energy"}, {"full_name_en": name})
    problems = validate.problems_in(copy)  # never raises
    if problems:
        assert all(str(p).startswith("data/") for p in problems)
        return
    site, renderer = pages_for(copy)
    agency = next(a for a in site.agencies if a.id == "energy")
    soup = to_html(renderer.render("agency.md.j2", "agencies/energy.md", agency.short_name, "", agency=agency).text)
    assert not foreign_scripts(soup)
    if name.strip() and name.isprintable():
        assert " ".join(name.split()) in " ".join(soup.get_text().split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
                      min_size=15, max_size=15))
def test_a_random_observation_row_is_validated_without_a_traceback(copy, cells):
    path = copy / "data/observations.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    path.write_text(path.read_text(encoding="utf-8") + buffer.getvalue(), encoding="utf-8")
    problems = validate.problems_in(copy)
    assert problems and all(str(p).startswith("data/") for p in problems)


def test_the_whole_build_shows_hostile_text_inert(tmp_path, project_copy):
    """End to end: hostile values through validate, generate and mkdocs into HTML."""
    project = project_copy
    set_cells(project, "agencies", {"id": "commerce"}, {"full_name_en": "<script>alert(1)</script> {{ 7*7 }} {% raw %}",
                                                        "short_name_en": "<img src=x onerror=alert(1)> {{ 6*7 }}"})
    set_cells(project, "observations", {"id": "9"}, {"quote": "[x](javascript:alert(1)) **b** \u202e🎉"})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    agency = BeautifulSoup((tmp_path / "out/agencies/commerce/index.html").read_text(encoding="utf-8"), "html.parser")
    article = agency.find("article")
    assert "<script>alert(1)</script> {{ 7*7 }} {% raw %}" in article.get_text()
    assert not article.find("script") and "49" not in article.get_text()
    english = BeautifulSoup((tmp_path / "out/en/agencies/commerce/index.html").read_text(encoding="utf-8"), "html.parser").find("article")
    assert "<img src=x onerror=alert(1)> {{ 6*7 }}" in english.get_text()
    assert not english.find("img") and "42" not in english.get_text()
    target = BeautifulSoup((tmp_path / "out/targets/rd_expenditure/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "[x](javascript:alert(1)) **b** \u202e🎉" in target.find("article").get_text()
    assert not target.find("a", href=lambda h: h and h.startswith("javascript:"))
