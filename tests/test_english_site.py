"""The English edition of the built site: a twin for every page, in English, with its own charts, search and downloads."""

import json
import re

import pytest

from scripts.core import i18n, load
from scripts.model import model
from scripts.render import charts, downloads

RECORDS = load.records()
PACKAGE = load.read_descriptor()
CHINESE = re.compile(f"[{i18n.CHINESE_MARKS}{i18n.HAN}]")  # a Chinese character or mark, as i18n defines them
STRUCTURE = ["h1", "h2", "h3", "h4", "table", "figure", "ol", "ul", "details", "svg", "form"]
SHARED = {"404.html"}  # one not-found page for the whole host


def chinese_pages(site) -> list[str]:
    relative = [page.relative_to(site.root) for page in site.pages()]
    return [path.as_posix() for path in relative if path.parts[0] != "en" and path.as_posix() not in SHARED]


def structure(soup) -> list[str]:
    article = soup.find("article") or soup.body  # an embed page has no article
    return [tag.name for tag in article.find_all(STRUCTURE)]


def test_every_chinese_page_has_an_english_twin_with_the_same_structure(site):
    pages = chinese_pages(site)
    assert len(pages) > 70
    for page in pages:
        twin = site.root / "en" / page
        assert twin.is_file(), f"{page} has no English twin"
        assert structure(site.soup(page)) == structure(site.soup("en/" + page)), page


def test_english_pages_hold_no_untranslated_chinese(site):
    """Chinese may appear only where it is marked as Chinese (lang="zh…"): quotes, sources, the names in the language menu."""
    untranslated = {}
    for page in (site.root / "en").rglob("*.html"):
        soup = site.html(page.relative_to(site.root).as_posix())
        for hidden in soup(["script", "style"]):
            hidden.decompose()
        for text in soup.find_all(string=CHINESE):
            if not any(parent.get("lang", "").startswith("zh") for parent in text.parents if parent.name):
                untranslated.setdefault(page.relative_to(site.root).as_posix(), []).append(text.strip()[:60])
        for meta in soup.find_all("meta", attrs={"content": CHINESE}):
            untranslated.setdefault(page.relative_to(site.root).as_posix(), []).append(meta["content"][:60])
    assert untranslated == {}


def test_english_pages_say_they_are_english_and_switch_to_the_same_page(site):
    soup = site.html("en/tasks/22/")
    assert soup.find("html")["lang"] == "en"
    assert soup.find("h1").get_text(strip=True) == "Task 22: Increase financial support for science and technology"
    switch = {a["hreflang"]: a for a in soup.select("a.md-select__link")}
    assert switch["zh"]["href"] == "../../../tasks/22/" and switch["zh"]["lang"] == "zh"
    chinese = site.html("tasks/22/")
    assert chinese.find("html")["lang"] == "zh"
    assert {a["hreflang"]: a["href"] for a in chinese.select("a.md-select__link")}["en"] == "../../en/tasks/22/"


def test_the_english_navigation_and_theme_are_english(site):
    soup = site.html("en/")
    nav = [
        a.get_text(strip=True)
        for a in soup.select("nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")
    ]
    assert {
        "Home",
        "Full text",
        "Tasks",
        "Targets",
        "Progress",
        "Responsible units",
        "Data",
        "About",
        "Changes",
    } <= set(nav)
    assert soup.select_one("header a[href$='search/']")["aria-label"] == "Search"
    assert soup.select_one("header a[href$='search/']")["href"] == "search/"  # from /en/: the English search page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_exists_in_both_languages_with_its_own_words(site, lang):
    site_model = model.build(site.records, site.descriptor, lang=lang)
    base = site.root / ("en/" if lang == "en" else "")
    for chart in charts.all_charts(site_model):
        for extension in ("svg", "png", "csv", "vega.json"):
            assert (base / "charts" / f"{chart.name}.{extension}").is_file(), (lang, chart.name, extension)
        for layout in ("vega.json", "phone.vega.json"):  # the desktop layout and the phone one
            spec = json.loads((base / "charts" / f"{chart.name}.{layout}").read_text(encoding="utf-8"))
            assert " ".join(spec["title"]["text"]).replace(" ", "") == chart.title.replace(" ", ""), (
                chart.name,
                layout,
            )
            if lang == "en":
                assert not CHINESE.search(json.dumps(spec["title"], ensure_ascii=False)), (chart.name, layout)
        header = (base / "charts" / f"{chart.name}.csv").read_text(encoding="utf-8").split("\n")[0]
        if lang == "en":
            assert not CHINESE.search(chart.title + header), chart.title
            assert not CHINESE.search(spec["description"].replace("“", "").replace("”", "")), spec["description"][:80]
        else:
            assert CHINESE.search(chart.title)


def test_the_english_search_index_covers_the_same_pages_in_english(site):
    chinese = json.loads((site.root / "search-index.json").read_text(encoding="utf-8"))["docs"]
    english = json.loads((site.root / "en/search-index.json").read_text(encoding="utf-8"))["docs"]
    assert [doc["u"] for doc in english] == [doc["u"] for doc in chinese]
    found = [doc for doc in english if "intellectual property" in (doc["t"] + doc["x"]).lower()]
    assert "tasks/26/" in [doc["u"] for doc in found]


def test_the_english_downloads(site):
    assert (site.root / "downloads/plan-en.txt").read_text(encoding="utf-8") == downloads.english_plan(
        site.descriptor, site.records
    )
    assert (site.root / "downloads/plan-zh.txt").read_bytes() == (site.project / "data/plan.zh-Hans.md").read_bytes()
    feed = (site.root / "en/feed.xml").read_text(encoding="utf-8")
    assert "data updates" in feed and not CHINESE.search(feed.split("<entry>")[0])
    data = site.html("en/data/")
    assert data.find(id="glossary") and "intellectual property" in data.get_text()
    links = [a["href"] for a in data.find("article").find_all("a", href=True)]
    assert "../downloads/gansu-sti-base-action-plan.xlsx" in links  # /en/downloads/: the English workbook
    assert "../../downloads/gansu-sti-base-action-plan.zip" in links  # one ZIP for both: the data hold both languages
    assert (site.root / "en/downloads/gansu-sti-base-action-plan.xlsx").is_file()


def test_a_source_keeps_its_original_title_with_the_english_beside_it(site):
    article = site.html("en/targets/rd_expenditure/").find("article")
    original = article.find("span", lang="zh-Hans", string="2022年甘肃省研发经费投入强度创历史新高")
    assert original and original.find_parent("a")["href"].startswith("http://gansu.gscn.com.cn/")
    assert "(“Gansu's R&D intensity reached a record high in 2022”)" in article.get_text()
    assert "R&D intensity reached a record high" not in site.html("targets/rd_expenditure/").find("article").get_text()
