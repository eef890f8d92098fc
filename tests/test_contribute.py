"""The contribute form checks the same rules as the validator: on one corpus of answers, every one the command-line
path (issue_form -> add_observation -> validation) refuses, the form refuses, and every one it accepts,
the form accepts. In Debian's chromium, on the built page.

Left to the server by design (the form cannot know them): rules across rows and files (a second figure for a year, a
duplicate key) and a quote's mix of Traditional and Simplified script (OpenCC's tables are not shipped to the page).
"""

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from scripts.contrib import issue_form, problem_zh
from scripts.core import csvio, forms
from tests import fixture
from tests.browser_fixture import serving
from tests.test_hostile import CORPUS, payload

FIGURE = issue_form.answers((Path(__file__).with_name("issue_bodies") / "figure.md").read_text(encoding="utf-8"))

VARIANTS = [
    ("value", "62.5"),
    ("value", "六十二"),
    ("value", "1e3"),
    ("value", "+5"),
    ("value", "-1"),
    ("value", "NaN"),
    ("value", ""),
    ("value", "62.50"),
    ("value", "1,000"),
    ("value", "６２"),
    ("value", "inf"),
    ("value", "0x10"),
    ("value", "1_0"),
    ("year", "2024.0"),
    ("year", "2024"),
    ("year", "1999"),
    ("year", "2024.5"),
    ("year", "二〇二四"),
    ("year", ""),
    ("indicator", "no_such_indicator"),
    ("indicator", ""),
    ("source_url", "javascript:alert(1)"),
    ("source_url", "https://x.org/a b"),
    ("source_url", "ftp://x.org/"),
    ("source_url", "https:///path"),
    ("source_url", "http://www.gansu.gov.cn/a?b=1#c"),
    ("published", "2025"),
    ("published", "2025-01"),
    ("published", "25-01-20"),
    ("published", ""),
    ("published", "2025年1月20日"),
    ("published", "2025年1月"),
    ("published", "2025年2月30日"),
    ("published", "２０２５年"),
    ("source_publisher_en", ""),
    ("note_en", ""),
    ("source_publisher", "甘肃省,人民政府"),
    ("source_publisher", "甘肃省（人民政府）"),
    ("source_publisher", "Xinhua (新华社)"),
    ("source_publisher_en", ""),
    ("source_title", "x" * 201),
    ("source_title", "x" * 200),
    ("source_kind", "rumour"),
    ("note", "说明。"),
    ("note", "=1+1"),
    ("source_publisher_en", "Bureau;=cmd"),
    ("source_publisher_en", "＝1+1"),
    ("source_url", "https://www.stats.gov.cn@evil.example/login"),
    ("quote", "<b>甘肃</b>"),
    ("quote", "甘肃\n### 网址 · URL"),
    ("quote", "R&D<2%"),
    ("quote", "e\u0301"),
    ("quote", "A" + "\u0301" * 5),
    ("quote", "[x]: https://evil.example/"),
    ("quote", "*No response*"),
    ("quote", "&#29976;肃"),
    ("quote", "R&D经费"),
    ("source_url", "https://www.g\u0430nsu.gov.cn/"),
    ("source_url", "https://www.gansu.gov.cn\u2215x.evil.example/"),
    ("source_publisher", "\u2f62肃省人民政府"),
    ("source_publisher", "甘肃省人民政府[](https://evil.example/)"),
    ("note_en", "_N\u043e response_"),
    ("source_publisher", "甘肃省\u200a统计局"),
    ("source_url", "https://010.010.010.010/"),
] + [("quote", payload(case)) for case in CORPUS if case["where"] == "text"]


def body_of(answers: dict) -> str:
    """The issue body GitHub writes for these answers: each field's label, then its answer."""
    return "\n\n".join(
        f"### {item['attributes']['label']}\n\n{answers.get(item['id']) or '_No response_'}"
        for item in forms.form_items()
    )


def command_line_accepts(answers: dict, root: Path, untranslated: list | None = None) -> bool:
    """Whether the issue path (the body as GitHub writes it, read back and run) adds the row; a message it cannot say
    in Chinese is noted in `untranslated`."""
    outcome = issue_form.propose(body_of(answers), root)
    if untranslated is not None:
        untranslated += [line for line in outcome.zh.splitlines() if problem_zh.UNKNOWN in line]
    return outcome.added


@pytest.fixture(scope="module")
def form_page(browser, site):
    with serving(site.root) as address:
        page = browser.new_page()
        page.goto(address + "contribute/")
        page.wait_for_function("typeof window.contributeCheck === 'function'")
        yield page
        page.close()


def test_the_recorded_figure_passes_both(form_page, tmp_path):
    shutil.copy(fixture.PACKAGE, tmp_path / "datapackage.json")
    shutil.copytree(fixture.DATA, tmp_path / "data")
    assert command_line_accepts(FIGURE, tmp_path)
    assert form_page.evaluate("a => window.contributeCheck(a)", FIGURE) == {}


@pytest.mark.parametrize(
    "field, value", VARIANTS, ids=[f"{field}-{index}" for index, (field, _) in enumerate(VARIANTS)]
)
def test_the_form_and_the_validator_agree_on_every_answer(form_page, tmp_path, capsys, field, value):
    """...and every refusal the issue path gives can be said in Chinese, the reply language of the Chinese form."""
    answers, untranslated = {**FIGURE, field: value.replace("\r\n", "\n").strip()}, []
    shutil.copy(fixture.PACKAGE, tmp_path / "datapackage.json")
    shutil.copytree(fixture.DATA, tmp_path / "data")
    server = command_line_accepts(answers, tmp_path, untranslated)
    browser = form_page.evaluate("a => Object.keys(window.contributeCheck(a)).length === 0", answers)
    capsys.readouterr()
    assert server == browser, (
        f"validator {'accepts' if server else 'refuses'}, form {'accepts' if browser else 'refuses'}"
    )
    assert untranslated == [], "\n".join(untranslated)


def test_the_answers_tried_are_many():
    assert len(VARIANTS) > 40


def test_without_javascript_the_page_links_to_the_issue_form(browser, site):
    with serving(site.root) as address:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(address + "contribute/")
        assert page.locator("#contribute-form").is_hidden()
        link = page.locator(".contribute-fallback a").get_attribute("href")
        assert (
            "/issues/new?template=new-data.yml&language=%E4%B8%AD%E6%96%87" in link
        )  # replies in Chinese, as the page
        context.close()


def issue_body(url: str) -> str:
    """The body GitHub writes for an issue form opened at this address."""
    return body_of({key: values[0] for key, values in parse_qs(urlsplit(url).query).items()})


@pytest.mark.parametrize("prefix, language", [("", "zh"), ("en/", "en")])
def test_the_button_opens_the_prefilled_issue_and_nothing_is_sent_before(browser, site, prefix, language):
    with serving(site.root) as address:
        page = browser.new_page()
        sent = []
        page.on("request", lambda request: sent.append(request.url))
        page.goto(address + prefix + "contribute/")
        fill(page, FIGURE)
        page.click("button[type=submit]")
        github = page.locator("#contribute-routes a.contribute-github")
        github.wait_for()
        url, target, rel = github.get_attribute("href"), github.get_attribute("target"), github.get_attribute("rel")
        assert not [url for url in sent if not url.startswith(address)]  # checked on the page: nothing left it
        page.close()
    assert (target, rel) == ("_blank", "noopener")  # a new tab, which the link says
    assert "template=new-data.yml" in url and "value=62.5" in url and "indicator=sci_progress_contribution" in url
    # The issue GitHub makes from that address reads back as the same answers, replies asked in the page's language.
    answered = issue_form.answers(issue_body(url))
    assert answered == {**FIGURE, "language": forms.reply_option(language)}
    assert forms.REPLY_LANGUAGES[answered["language"]] == language


def fill(page, answers: dict) -> None:
    for field in (
        "indicator",
        "year",
        "value",
        "source_title",
        "source_publisher",
        "source_publisher_en",
        "source_url",
        "published",
        "quote",
        "source_kind",
        "note",
    ):
        if answers.get(field):
            (page.select_option if field in ("indicator", "source_kind") else page.fill)(f"#f-{field}", answers[field])


def damaged_by_mail(text: str) -> str:
    """A reply's quoting, CRLF line ends, a greeting before and a signature after."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
    return ("您好：\n\n" + quoted + "\n\n-- \n李四\n发自我的手机\n").replace("\n", "\r\n")


def rows_added(text: str, root: Path) -> list[dict]:
    root.mkdir(parents=True)
    shutil.copy(fixture.PACKAGE, root / "datapackage.json")
    shutil.copytree(fixture.DATA, root / "data")
    outcome = issue_form.propose(text, root)
    assert outcome.added, outcome.zh
    return [
        row
        for row in csvio.read_rows(root / "data/observations.csv")
        if row["source_url"] == CHINESE_ONLY["source_url"]
    ]


CHINESE_ONLY = {
    "indicator": "sci_progress_contribution",
    "year": "2025",
    "value": "63",
    "source_title": "2026年甘肃省政府工作报告",
    "source_publisher": "甘肃省人民政府办公厅",
    "source_url": "https://www.gansu.gov.cn/example/2026",
    "published": "2026年1月20日",
    "quote": "科技进步贡献率达到63%",
    "source_kind": "government_statement",
    "note": "政府工作报告中的数字。",
}


def test_a_figure_with_no_english_typed_goes_by_github_or_email_to_the_same_row(browser, site, tmp_path):
    with serving(site.root) as address:
        page = browser.new_page()
        page.goto(address + "contribute/")
        page.select_option("#f-indicator", CHINESE_ONLY["indicator"])
        unit = page.locator("#u-value").text_content()
        fill(page, CHINESE_ONLY)
        page.click("button[type=submit]")
        page.locator("#contribute-routes a.contribute-github").wait_for()
        issue_url = page.locator("a.contribute-github").get_attribute("href")
        emailed = page.locator("#contribute-email-text").input_value()
        if page.locator("a.contribute-email").count():  # the site was built with an address (CONTACT_EMAIL)
            mail_href = page.locator("a.contribute-email").get_attribute("href")
            long_note_shown = page.locator(".contribute-email-long").is_visible()
        else:  # none published yet: the page says so, and the text is there to copy
            mail_href, long_note_shown = None, page.locator(".contribute-email-unset").is_visible()
        page.close()
    assert unit == "%"  # the indicator's unit, from the data, beside the value
    if mail_href is None:
        assert long_note_shown
    else:
        assert re.fullmatch(r"mailto:[^?&]+@[^?&]+\?subject=.*", mail_href) and len(mail_href) <= 2000
        assert long_note_shown == ("&body=" not in mail_href)  # too long for a link: the page says to copy the text
        if "&body=" in mail_href:
            assert unquote(mail_href.split("&body=", 1)[1]).replace("\r\n", "\n") == emailed
    assert "2026-01-20" in emailed and "2026年1月20日" not in emailed  # stored as ISO
    by_github = rows_added(issue_body(issue_url), tmp_path / "github")
    by_email = rows_added(emailed, tmp_path / "email")
    by_damaged_email = rows_added(damaged_by_mail(emailed), tmp_path / "damaged")
    assert len(by_github) == 1 and by_github == by_email == by_damaged_email
    row = by_github[0]
    assert (row["published"], row["source_publisher"], row["source_publisher_en"], row["note_en"]) == (
        "2026-01-20",
        "甘肃省人民政府办公厅",
        "",
        "",
    )


def test_the_form_reads_dates_as_the_python_does(form_page):
    from tests.test_dates import CASES

    found = form_page.evaluate(
        "cases => cases.map(([text, precision]) => window.contributeDate(text, precision))",
        [[text, precision] for text, precision, _ in CASES],
    )
    assert found == [expected for _, _, expected in CASES]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_pages_submit_link_fills_in_what_it_is_about(browser, site, prefix):
    """A target page's and a task page's "submit data" links open the form on their indicator or task."""
    target = site.html(prefix + "targets/hv_patents_per_10k/").select_one(
        'article a[href$="contribute/?indicator=hv_patents_per_10k"]'
    )
    task = site.html(prefix + "tasks/1/").select_one('article a[href$="contribute/?kind=progress&task=1"]')
    assert target and task
    with serving(site.root) as address:
        page = browser.new_page()
        page.goto(address + prefix + "contribute/?kind=progress&task=15")
        assert page.locator("#f-task").input_value() == "15" and page.locator("#f-indicator").is_hidden()
        page.goto(address + prefix + "contribute/?indicator=rd_expenditure")
        assert page.locator("#f-indicator").input_value() == "rd_expenditure" and page.locator("#f-task").is_hidden()
        page.close()


def test_the_correction_link_names_the_page(site):
    link = site.html("tasks/1/").select_one('article a[href*="template=correction.yml"]')["href"]
    assert "where=https%3A%2F%2F" in link and "tasks%2F1%2F" in link
