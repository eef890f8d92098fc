"""The ready-to-copy 政府信息公开申请 for a figure past its usual release: whom it is addressed to, what it asks for, that
it claims nothing about the government, where it is offered, and that a channel row is sourced and checked."""

import datetime as dt

import markdown
from bs4 import BeautifulSoup

from scripts.contrib import problem_zh
from scripts.core import csvio, i18n, structure
from scripts.model import disclosure, model
from scripts.render import charts, pages
from scripts.validate import validate
from tests import fixture
from tests.conftest import copy_package

JUDGED = dt.date(2026, 12, 4)  # the fixture's 2025 targets are past their usual release by then, its 2030 ones are not


def site(lang: str = "zh", records: dict | None = None) -> model.Site:
    return model.build(records or fixture.records(), fixture.descriptor(), lang=lang, known=JUDGED)


def requested(site: model.Site) -> dict[tuple[str, int], model.Target]:
    return {
        (indicator.id, target.year): target
        for indicator in site.indicators
        for target in indicator.targets
        if target.request
    }


def target_page(lang: str, indicator_id: str, records: dict | None = None) -> BeautifulSoup:
    built = site(lang, records)
    indicator = next(i for i in built.indicators if i.id == indicator_id)
    chart = charts.indicator_targets(indicator, built.document, i18n.text(lang))
    text = pages.Renderer(built, "https://example.org/repo", {}).target(indicator, chart).text
    return BeautifulSoup(markdown.markdown(text, extensions=["attr_list", "md_in_html", "admonition"]), "html.parser")


def test_a_publisher_names_its_bodies_in_order():
    assert structure.bodies("国家统计局、科学技术部；甘肃省统计局") == ["国家统计局", "科学技术部", "甘肃省统计局"]
    assert structure.bodies("") == []


def test_the_request_goes_to_a_recorded_channel_then_to_the_province_then_to_the_first_named():
    channels = {"科学技术部": {}}
    assert disclosure.addressee("科学技术部；甘肃省科学技术厅", channels) == "科学技术部"
    assert disclosure.addressee("科学技术部；甘肃省科学技术厅", {}) == "甘肃省科学技术厅"
    assert disclosure.addressee("国家统计局、科学技术部、财政部", {}) == "国家统计局"
    assert disclosure.addressee("", {}) is None


def test_a_request_is_offered_exactly_for_the_figures_past_their_usual_release():
    built = site()
    offered = requested(built)
    past = {
        (indicator.id, target.year)
        for indicator in built.indicators
        for target in indicator.targets
        if target.status in disclosure.OFFERED_WHEN
    }
    assert offered and set(offered) == past
    assert all(year < JUDGED.year for _, year in offered)


def test_the_request_asks_for_the_statistic_and_year_and_claims_nothing_about_the_government():
    records = fixture.records()
    indicators = {row["id"]: row for row in records["indicators"]}
    targets = {(row["indicator_id"], row["year"]): row for row in records["targets"]}
    for (indicator_id, year), target in requested(site()).items():
        letter = target.request.letter
        assert f"致：{target.request.body}" in letter
        assert target.request.body in structure.bodies(indicators[indicator_id]["publisher"])
        assert f"甘肃省{year}年的“{indicators[indicator_id]['statistic']}”" in letter
        assert targets[(indicator_id, year)]["phrase"] in letter and "甘政办发〔2025〕20号" in letter
        assert "如该信息已经公开" in letter  # it asks where to find it if it is out, rather than saying it is late
        assert not any(word in letter for word in ("逾期", "迟", "未发布", "未公开"))
        assert letter.count("【") == letter.count("】") >= 3  # the applicant's own details are left for them


def test_the_english_edition_files_the_same_chinese_request_and_says_what_it_means():
    chinese, english = requested(site("zh")), requested(site("en"))
    assert chinese.keys() == english.keys()
    for key, target in english.items():
        assert target.request.letter == chinese[key].request.letter
        assert str(key[1]) in target.request.letter_en and "To: " in target.request.letter_en


def test_a_recorded_channel_is_shown_with_its_source_and_an_unrecorded_one_is_said_to_be_missing():
    offered = requested(site())
    with_channel = [t for t in offered.values() if t.request.channel]
    without = [t for t in offered.values() if not t.request.channel]
    assert with_channel and without  # the fixture records 甘肃省科学技术厅's channel and no other
    page = target_page("zh", next(key for key, t in offered.items() if t.request.channel)[0])
    box = page.select_one("details.request")
    link = box.find("a", href="https://example.org/kjt/ysqgk")
    assert link and "2026年11月30日" in box.get_text()
    page = target_page("zh", next(key for key, t in offered.items() if not t.request.channel)[0])
    assert "本站尚未收录" in page.select_one("details.request").get_text()


def test_the_target_links_to_its_request_and_the_letter_is_there_to_copy():
    indicator_id, year = next(iter(requested(site("en"))))
    page = target_page("en", indicator_id)
    box = page.select_one(f"details.request#request-{year}")
    assert page.find("a", href=f"#request-{year}")
    letter = box.select_one('pre.request-letter[lang="zh-Hans"]').get_text()
    assert box.select_one("button.copy-button")["data-copy"] == letter
    assert box.select_one("pre.request-english").get_text().startswith("Request for the disclosure")
    assert not target_page("zh", indicator_id).select_one(".request-english")
    assert (
        "National Bureau of Statistics (国家统计局)"
        in target_page("en", "rd_expenditure").select_one("details.request").get_text()
    )


def test_hostile_text_in_the_data_stays_text_in_the_letter():
    records = fixture.records()
    hostile = "</code></pre><script>alert(1)</script>"
    for row in records["indicators"]:
        row["statistic"] += hostile
    indicator_id, _ = next(iter(requested(site("zh", records))))
    page = target_page("zh", indicator_id, records)
    assert not page.find("script")
    assert hostile in page.select_one("pre.request-letter").get_text()
    assert hostile in page.select_one("details.request button.copy-button")["data-copy"]


def test_a_channel_must_belong_to_a_publisher_and_be_read_by_today(tmp_path):
    root = copy_package(tmp_path / "package")
    path = root / "data/disclosure_channels.csv"
    rows = csvio.read_rows(path)
    fields = list(rows[0])
    rows.append({**rows[0], "body": "甘肃省统计厅", "accessed": "2999-01-01"})
    csvio.write_rows(path, fields, rows)
    found = [str(problem) for problem in validate.problems_in(root)]
    line = len(rows) + 1
    assert any(
        m.startswith(
            f"data/disclosure_channels.csv:{line}:body: “甘肃省统计厅” is not a body any indicator's publisher names"
        )
        for m in found
    )
    assert f"data/disclosure_channels.csv:{line}:accessed: 2999-01-01 is in the future (a date up to today)" in found
    assert all(problem_zh.UNKNOWN not in problem_zh.in_chinese(m) for m in found)


def test_hostile_text_in_a_channel_row_stays_text():
    records = fixture.records()
    hostile = "<img src=x onerror=alert(1)>[链接](javascript:alert(1))"
    records["disclosure_channels"] = [
        {**row, "channel": hostile, "channel_en": hostile} for row in records["disclosure_channels"]
    ]
    built = site("zh", records)
    indicator_id = next(key for key, t in requested(built).items() if t.request.channel)[0]
    box = target_page("zh", indicator_id, records).select_one("details.request")
    assert not box.find("img") and not box.find("script")
    assert all(not a.get("href", "").startswith("javascript:") for a in box.find_all("a"))
    assert "onerror=alert(1)" in box.get_text()


def test_a_channel_address_must_be_http(tmp_path):
    """The page links the channel's address as given: the schema is what keeps a javascript: address out."""
    root = copy_package(tmp_path / "package")
    path = root / "data/disclosure_channels.csv"
    rows = csvio.read_rows(path)
    csvio.write_rows(path, list(rows[0]), [{**rows[0], "url": "javascript:alert(1)"}])
    assert any(problem.field == "url" for problem in validate.problems_in(root))
