"""A contributed row in Chinese alone: valid, listed as awaiting translation, and shown on the English pages in Chinese,
marked as such, never passed off as English."""

import datetime as dt

import markdown
from bs4 import BeautifulSoup

from scripts.core import csvio, i18n
from scripts.model import model
from scripts.render import charts, pages, search_index
from scripts.validate import validate
from tests import fixture
from tests.conftest import copy_package


def untranslated(records: dict) -> dict:
    """A status for task 15 as a contributor with no English sends it: summary and publisher in Chinese alone."""
    records["task_status"] = records["task_status"] + [
        {
            "task_id": 15,
            "as_of": dt.date(2026, 11, 30),
            "status": "on_track",
            "summary": "联盟已<b>成立</b>。",
            "summary_en": None,
            "source_title": "甘肃省科技招商联盟成立",
            "source_publisher": "每日甘肃网",
            "source_publisher_en": None,
            "source_url": "https://example.org/a",
            "published": "2025-04-02",
            "quote": "甘肃省科技招商联盟成立",
            "source_kind": "media_report",
        }
    ]
    return records


def task_page(lang: str) -> str:
    site = model.build(untranslated(fixture.records()), fixture.descriptor(), lang=lang)
    task = next(t for t in site.tasks if t.id == 15)
    return (
        pages.Renderer(site, "https://example.org/repo", {})
        .render("task.md.j2", "tasks/15.md", "t", "d", task=task)
        .text
    )


def test_an_english_page_shows_the_chinese_marked_as_awaiting_translation():
    text = task_page("en")
    html = BeautifulSoup(markdown.markdown(text, extensions=["attr_list", "md_in_html"]), "html.parser")
    pending = i18n.text("en").translation_pending
    summary = next(span for span in html.select('span[lang="zh-Hans"]') if "联盟已" in span.get_text())
    assert summary.get_text() == "联盟已<b>成立</b>。"  # the data as text, never raw HTML
    assert summary.find_next_sibling("small", class_="translation-pending").get_text() == pending
    assert "<b>成立</b>" not in text
    publisher = next(span for span in html.select('span[lang="zh-Hans"]') if span.get_text() == "每日甘肃网")
    assert publisher.find_parent("span", lang="zh-Hans") or publisher.find_next_sibling(
        "small", class_="translation-pending"
    )
    assert text.count(pending) == 2
    assert "translation-pending" not in task_page("zh")  # the Chinese page has nothing to wait for


def test_validation_passes_and_lists_the_texts_awaiting_translation(tmp_path):
    root = copy_package(tmp_path / "package")
    path = root / "data/observations.csv"
    rows = csvio.read_rows(path)
    fields = list(rows[0])
    rows[0].update(source_publisher_en="", note_en="")
    csvio.write_rows(path, fields, rows)
    assert validate.problems_in(root) == []
    waiting = validate.awaiting_translation(root)
    assert sorted(problem.field for problem in waiting) == ["note_en", "source_publisher_en"]
    assert all(problem.row == 2 and "awaits translation" in str(problem) for problem in waiting)


def test_the_plans_own_texts_still_need_their_english(tmp_path):
    root = copy_package(tmp_path / "package")
    path = root / "data/tasks.csv"
    rows = csvio.read_rows(path)
    fields = list(rows[0])
    rows[0]["title_en"] = ""
    csvio.write_rows(path, fields, rows)
    assert any(
        problem.field == "title_en" and "no English translation" in problem.what
        for problem in validate.problems_in(root)
    )


def untranslated_figure(records: dict) -> dict:
    """The first figure with its publisher's English and its caveat's English not yet given."""
    first = records["observations"][0]
    records["observations"][0] = {**first, "source_publisher_en": None, "caveat": "口径不同", "caveat_en": None}
    return records


def test_a_charts_data_table_and_the_search_say_which_texts_await_translation():
    pending = i18n.text("en").translation_pending
    english = model.build(untranslated_figure(untranslated(fixture.records())), fixture.descriptor(), lang="en")
    first = fixture.records()["observations"][0]["id"]
    indicator, figure = next((i, o) for i in english.indicators for o in i.observations if o.id == first)
    row = next(
        r for r in charts.figure_rows(indicator, i18n.text("en"), every_source=True) if r[-1] == figure.source_url
    )
    assert row[5].count(pending) == 2 and figure.source_publisher in row[5] and "口径不同" in row[5]
    docs = {doc["u"]: doc for doc in search_index.documents(english)}
    assert f"{figure.source_publisher} {pending}" in docs[f"targets/{indicator.id}/"]["x"]
    assert docs["tasks/15/"]["x"].count(pending) >= 2  # the status's summary and publisher, in its evidence and history
    chinese = model.build(untranslated_figure(untranslated(fixture.records())), fixture.descriptor(), lang="zh")
    assert pending not in search_index.index_json(chinese)
    assert i18n.text("zh").translation_pending not in search_index.index_json(chinese)
