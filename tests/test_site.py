"""The built site: every page with its content, no outside requests, links that resolve, downloads that parse.

Every test runs on both builds: MkDocs' and Zensical's (issue 17)."""

import base64
import csv
import hashlib
import io
import json
import re
import zipfile
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from scripts.core import i18n, load, paths
from scripts.model import model
from scripts.render import pages
from scripts.site import build, site_config
from tests.site_fixture import each_generator

RECORDS = load.records()
PACKAGE = load.read_descriptor()
ALL_TASKS = [task["id"] for task in RECORDS["tasks"]]


@pytest.fixture(scope="session", params=build.GENERATORS)
def site(request):
    return each_generator(request)


def text_of(soup) -> str:
    return soup.find("article").get_text(" ", strip=True)


@pytest.mark.parametrize("task_id", ALL_TASKS)
def test_every_task_page_has_its_content(site, task_id):
    task = next(t for t in site.records["tasks"] if t["id"] == task_id)
    soup = site.html(f"tasks/{task_id}/")
    assert soup.find("h1").get_text(strip=True) == f"任务{task_id}\u3000{task['title']}"
    body = text_of(soup)
    assert task["text"] in body
    breadcrumb = soup.select_one("p.breadcrumb")
    assert breadcrumb and f"sections/{task['section_id']}/" in str(breadcrumb)
    units = [link for link in site.records["task_agencies"] if link["task_id"] == task_id]
    for link in units:
        assert soup.select_one(f'article a[href$="agencies/{link["agency_id"]}/"]'), link["agency_id"]
    lead = next(link for link in units if link["position"] == 1)
    first_item = soup.select_one("article ol li")
    assert lead["agency_id"] in str(first_item) and "牵头" in first_item.get_text()
    assert "尚未评估" in body
    assert soup.select_one(f'a[href$="downloads/tasks/{task_id}.csv"]') and soup.select_one(
        f'a[href$="downloads/tasks/{task_id}.json"]'
    )
    assert soup.select_one('a[href*="/issues/new"]'), "suggest a correction"
    if task["milestone"]:
        assert task["milestone"] in body


@pytest.mark.parametrize("indicator", RECORDS["indicators"], ids=lambda i: i["id"])
def test_every_target_page_has_definition_targets_chart_and_source(site, indicator):
    soup = site.html(f"targets/{indicator['id']}/")
    body = text_of(soup)
    assert soup.find("h1").get_text(strip=True) == indicator["name"]
    assert indicator["definition"] in body
    for target in (t for t in site.records["targets"] if t["indicator_id"] == indicator["id"]):
        assert target["phrase"] in body
    assert soup.select_one("figure.chart svg[role=img]")
    assert site.descriptor["document"]["number"] in body
    observations = [o for o in site.records["observations"] if o["indicator_id"] == indicator["id"]]
    for o in observations:  # every sourced figure with its source, conflicting ones included
        assert soup.select_one(f'article li a[href="{o["source_url"]}"]'), o["id"]
        assert o["quote"] in body
    if not observations:
        assert "暂无数据" in body
    assert any(
        label in body
        for label in (
            "已达到",
            "未达到",
            "等待官方数据",
            "官方数据逾期未见",
            "按趋势可达到",
            "按趋势难以达到",
            "数据不足",
        )
    )
    assert soup.select_one('a[href$="about/#progress-rule"]'), "the rule behind the labels"
    about = (
        soup.select_one("#about-data").find_next("ul").get_text()
    )  # Open SDG's metadata: what to cite, when to expect more
    assert indicator["statistic"] in about and indicator["publisher"] in about
    assert ("通常于" in about) == (indicator["release_month"] is not None)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_progress_page_shows_the_chart_first_and_each_status_with_icon_and_words(site, prefix):
    soup = site.html(prefix + "progress/")
    article = soup.select_one("article")
    chart, first_list = article.select_one("figure.chart"), article.select_one("ul")
    assert chart and first_list and chart.sourceline < first_list.sourceline, "the picture before the list"
    badges = article.select("li .outcome")
    assert len(badges) == len(site.records["targets"])
    assert all(b.select_one("svg.outcome__icon") and b.get_text(strip=True) for b in badges)
    assert all(any(c.startswith("outcome--") for c in b["class"]) for b in badges)


def test_no_page_doubles_its_punctuation(site):
    """ "高地。：" once reached a chart label: a heading's full stop before a colon. (A list of marks in brackets,
    such as the repairs page's "（，：（））", is allowed.)"""
    doubled = re.compile(r"(?<![（(\s])[。，、；：！？][。，、；：！？]")
    found = {}
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup(["script", "style"]):
            hidden.decompose()
        for code in soup(["code"]):
            code.replace_with("x")  # a file name between two marks is not doubled punctuation
        hits = doubled.findall(soup.get_text(""))  # "高地。</a>：" is doubled too
        if hits:
            found[str(page.relative_to(site.root))] = hits
    assert found == {}


def test_no_page_shows_a_python_object(site):
    """t.date was once a method where a word was meant: "<bound method Text.date …>" reached a task page."""
    shown = {
        str(page.relative_to(site.root))
        for page in site.pages()
        if re.search(r"bound method|object at 0x|&lt;function ", page.read_text(encoding="utf-8"))
    }
    assert shown == set()


@pytest.mark.parametrize("agency", RECORDS["agencies"], ids=lambda a: a["id"])
def test_every_agency_page_lists_the_tasks_it_leads_and_joins(site, agency):
    soup = site.html(f"agencies/{agency['id']}/")
    body = text_of(soup)
    assert agency["full_name"] in body and agency["full_name_en"] in body
    for link in (tie for tie in site.records["task_agencies"] if tie["agency_id"] == agency["id"]):
        assert soup.select_one(f'article a[href$="tasks/{link["task_id"]}/"]')
    leads = [
        tie["task_id"]
        for tie in site.records["task_agencies"]
        if tie["agency_id"] == agency["id"] and tie["position"] == 1
    ]
    assert (f"牵头的任务（{len(leads)}项）" in body) if leads else ("牵头的任务" not in body)
    assert "（0项）" not in body, "an empty list is left out, not shown as none"


@pytest.mark.parametrize("agency", RECORDS["agencies"][:3], ids=lambda a: a["id"])
def test_an_agency_page_is_a_scorecard_of_its_tasks(site, agency):
    """Each of the unit's tasks with its latest status (as the task page gives it), and a count of each status on top."""
    soup = site.html(f"agencies/{agency['id']}/")
    labels = i18n.text("zh").task_status
    latest = {}
    for row in sorted(site.records["task_status"], key=lambda r: str(r["as_of"])):
        latest[row["task_id"]] = row
    mine = {tie["task_id"] for tie in site.records["task_agencies"] if tie["agency_id"] == agency["id"]}
    for row in soup.select("article table tbody tr"):
        link = row.select_one('a[href*="tasks/"]')
        if not link:
            continue
        task_id = int(link["href"].rstrip("/").rsplit("/", 1)[1])
        status = latest[task_id]
        assert labels[status["status"]] in row.select("td")[1].get_text() and str(status["as_of"]) in row.get_text()
    counts = {labels[latest[task]["status"]] for task in mine if task in latest}
    summary = soup.find(string=re.compile("涉及本单位的任务共")).parent.get_text()
    assert all(label in summary for label in counts)


@pytest.mark.parametrize("section", [s for s in RECORDS["sections"] if s["level"] == 2], ids=lambda s: s["id"])
def test_every_section_page_lists_its_tasks(site, section):
    soup = site.html(f"sections/{section['id']}/")
    assert section["title"] in soup.find("h1").get_text()
    for task in (t for t in site.records["tasks"] if t["section_id"] == section["id"]):
        assert soup.select_one(f'article a[href$="tasks/{task["id"]}/"]')


def test_home_shows_the_eight_targets_and_the_structure(site):
    soup = site.html("")
    tiles = soup.select("article .scorecard .tile")
    assert len(tiles) == len(site.records["indicators"]) == 8
    for indicator in site.records["indicators"]:
        tile = soup.select_one(f'.tile a[href="targets/{indicator["id"]}/"]').find_parent(class_="tile")
        status = tile.select_one(".outcome")
        assert status.select_one("svg") and status.get_text(strip=True), indicator[
            "id"
        ]  # icon and words, not colour alone
    milestones = soup.select("article ul.milestones > li")
    assert [li.select_one('a[href^="tasks/"]')["href"] for li in milestones] == [
        f"tasks/{m['task_id']}/" for m in site.records["milestones"]
    ]
    body = text_of(soup)
    for target in site.records["targets"]:
        assert model.short_phrase(target["phrase"]) in body
    assert "五大高地" in body and "四大通道" in body
    for section in (s for s in site.records["sections"] if s["level"] == 2):
        assert soup.select_one(f'a[href$="sections/{section["id"]}/"]')


def test_plan_page_has_the_full_text_an_anchor_per_task_and_the_repairs(site):
    soup = site.html("plan/")
    body = text_of(soup)
    plan = paths.PLAN_TEXT.read_text(encoding="utf-8")
    for line in plan.split("\n"):
        line = line.lstrip("# ")
        if line:
            assert line in body, line[:20]
    for task_id in ALL_TASKS:
        assert soup.find(id=f"task-{task_id}"), task_id
    assert "规模科技成果推介沙龙" in body and "??萍汲晒平樯除?" in body
    # The plan's words come first; the damaged copy's garbled spans only in the closing note on how the text was restored.
    article = soup.select_one("article")
    repairs = article.find(id="text-repairs")
    assert repairs and repairs.name == "h2"
    before = "".join(str(node) for node in repairs.find_all_previous(string=True))
    assert "??萍汲晒平樯除?" not in before and "规模科技成果推介沙龙" in before
    assert article.select_one("h1").find_next("div", class_="admonition").get_text().count("?") == 0


def external_loads(html: str) -> list[str]:
    """URLs the page would fetch from another host: scripts, styles, images, frames, fonts in inline CSS."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attribute in (
        ("script", "src"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
        ("video", "src"),
        ("audio", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("image", "href"),
        ("use", "href"),
    ):
        found += [element[attribute] for element in soup.find_all(tag) if element.get(attribute)]
    for link in soup.find_all("link"):
        if not {"canonical", "alternate"} & set(link.get("rel", [])):
            found.append(link.get("href", ""))
    found += re.findall(r"url\(\s*['\"]?([^)'\"]+)", html)
    return [url for url in found if urlsplit(url).scheme in ("http", "https") or url.startswith("//")]


def test_no_page_loads_anything_from_another_host(site):
    offenders = {}
    for page in site.pages():
        loads = external_loads(page.read_text(encoding="utf-8"))
        if loads:
            offenders[str(page.relative_to(site.root))] = loads
    assert offenders == {}
    for stylesheet in site.root.rglob("*.css"):
        assert not re.findall(r"url\(\s*['\"]?(?:https?:)?//", stylesheet.read_text(encoding="utf-8")), stylesheet


def test_the_external_load_check_catches_a_cdn_script():
    assert external_loads(
        '<script src="https://cdn.example.com/vega.js"></script><link rel="stylesheet" href="//fonts.googleapis.com/css">'
    ) == ["https://cdn.example.com/vega.js", "//fonts.googleapis.com/css"]


def configured_site_url() -> str:
    """site_url as the build read it: SITE_URL where set (the deploy workflow's), else mkdocs.yml's default."""
    return site_config.settings().site_url


def site_path_prefix() -> str:
    """The path part of site_url (the 404 page links absolutely from it)."""
    return urlsplit(configured_site_url()).path


def test_internal_links_and_anchors_resolve(site):
    """Every link, stylesheet, script, image and frame of every page is a file of the site, and every #anchor an id."""
    prefix = site_path_prefix()
    ids_cache = {}
    broken = []
    for page in site.pages():
        soup = site.soup(page)
        for element in soup.find_all(["a", "link", "script", "img", "iframe", "source"]):
            href = element.get("href") or element.get("src")
            if not href or (element.name == "link" and "preconnect" in (element.get("rel") or [])):
                continue
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            if parts.path.startswith("/"):
                assert parts.path.startswith(prefix), f"{page}: {href} is outside the site"
                target = (site.root / unquote(parts.path[len(prefix) :])).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site.root)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = {e["id"] for e in site.soup(target).find_all(id=True)}
                if unquote(parts.fragment) not in ids_cache[target]:
                    broken.append(f"{page.relative_to(site.root)} -> {href} (no such anchor)")
    assert broken == []


CHART_PAGES = {
    "targets/": ["targets-overview"],
    "tasks/": ["tasks-per-section", "responsibility-matrix"],
    "agencies/": ["tasks-per-unit"],
} | {f"targets/{i['id']}/": [f"target-{i['id']}"] for i in RECORDS["indicators"]}


@pytest.mark.parametrize("url, names", CHART_PAGES.items())
def test_each_chart_has_svg_title_description_table_and_downloads(site, url, names):
    soup = site.html(url)
    for name in names:
        figure = soup.find("figure", id=f"chart-{name}")
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert title.get_text() and desc.get_text()
        assert set(svg["aria-labelledby"].split()) == {title["id"], desc["id"]}
        assert figure.find("figcaption").get_text() == desc.get_text()
        table = figure.find_next("details").find("table")
        assert table.find("th") and len(table.find("tbody").find_all("tr")) >= 1
        for suffix in (".png", ".svg", ".csv", ".vega.json"):
            assert soup.select_one(f'a[href$="charts/{name}{suffix}"]'), suffix
            assert (site.root / "charts" / f"{name}{suffix}").stat().st_size > 0
    assert soup.find("script", src=re.compile(r"assets/javascripts/charts\.js$"))


def test_chart_script_only_on_pages_with_charts(site):
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        assert ("charts.js" in html) == ('class="chart"' in html), page
        assert "javascripts/vega.js" not in html  # the bundle loads on request only


def test_downloads_parse_and_hold_the_data(site):
    downloads = site.root / "downloads"
    for resource in site.descriptor["resources"]:
        name = resource["name"]
        rows = list(csv.DictReader(io.StringIO((downloads / f"{name}.csv").read_text(encoding="utf-8"))))
        assert len(rows) == len(site.records[name])
        assert json.loads((downloads / f"{name}.json").read_text(encoding="utf-8")) == json.loads(
            json.dumps(site.records[name], default=str)
        )
    from openpyxl import load_workbook

    workbooks = {
        "title_zh": downloads / f"{site.descriptor['name']}.xlsx",
        "title": site.root / f"en/downloads/{site.descriptor['name']}.xlsx",
    }
    for label, path in workbooks.items():  # column labels in the reader's language, then the field names
        book = load_workbook(path, read_only=True)
        for resource in site.descriptor["resources"]:
            sheet = list(book[resource["name"]].iter_rows(values_only=True))
            assert list(sheet[0]) == [f[label] for f in resource["schema"]["fields"]]
            assert list(sheet[1]) == [f["name"] for f in resource["schema"]["fields"]]
            assert len(sheet) - 2 == len(site.records[resource["name"]])
    with zipfile.ZipFile(downloads / f"{site.descriptor['name']}.zip") as archive:
        names = set(archive.namelist())
        assert {"datapackage.json", "README.md", "CITATION.cff"} <= names
        for resource in site.descriptor["resources"]:
            assert archive.read(resource["path"]) == (site.project / resource["path"]).read_bytes()


def test_task_downloads_hold_the_task(site):
    data = json.loads((site.root / "downloads/tasks/21.json").read_text(encoding="utf-8"))
    assert data["task"]["id"] == 21 and data["milestone"]["value"] == 6
    rows = list(csv.DictReader(io.StringIO((site.root / "downloads/tasks/21.csv").read_text(encoding="utf-8"))))
    assert [row["agency_short_name"] for row in rows][:3] == ["省科技厅", "省工信厅", "省教育厅"]


def test_data_page_has_every_download_the_dictionary_and_citation(site):
    soup, dictionary = site.html("data/"), site.html("dictionary/")
    for resource in site.descriptor["resources"]:
        for suffix in ("csv", "json"):
            assert soup.select_one(f'a[href$="downloads/{resource["name"]}.{suffix}"]')
        for field in resource["schema"]["fields"]:
            assert dictionary.find("code", string=field["name"])
    assert soup.select_one('a[href$="dictionary/"]'), "the data page links its dictionary"
    headings = [h.get_text(strip=True) for h in soup.select("article h2")]
    assert headings.index(soup.find(id="cite").get_text(strip=True)) <= 1, "how to cite comes right after the downloads"
    assert soup.select_one('a[href$=".xlsx"]') and soup.select_one('a[href$=".zip"]')
    assert (
        soup.select_one('a[href$="CITATION.cff"]')
        and site.descriptor["document"]["number"] in soup.find(id="cite").find_next("pre").get_text()
    )


def test_search_index_holds_every_page_built_from_the_data(site):
    index = json.loads((site.root / "search-index.json").read_text(encoding="utf-8"))
    urls = {doc["u"] for doc in index["docs"]}
    assert (
        {f"tasks/{t}/" for t in ALL_TASKS} <= urls
        and "targets/rd_expenditure/" in urls
        and "agencies/commerce/" in urls
    )
    task26 = next(doc for doc in index["docs"] if doc["u"] == "tasks/26/")
    assert "知识产权" in task26["t"] and "省市场监管局" in task26["x"]
    for doc in index["docs"]:  # every entry points at a page that exists
        assert site.path(doc["u"]).is_file(), doc["u"]
    assert not (site.root / "search/search_index.json").exists(), "Material's eager search index is off"


def test_no_page_but_the_search_page_loads_the_search_script(site):
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        assert ("search.js" in html) == (
            page.relative_to(site.root).as_posix() in ("search/index.html", "en/search/index.html")
        ), page
        assert "search-index.json" not in html


def test_sitemap_and_last_updated(site):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert "tasks/26/" in sitemap and "agencies/science-technology/" in sitemap
    updated = site.html("tasks/1/").select_one("p.page-updated time")
    assert updated and re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated["datetime"])


def test_theme_settings(site):
    soup = site.html("")
    assert soup.find("html")["lang"].startswith("zh")
    assert soup.find("meta", attrs={"name": "viewport"})
    assert soup.select("form[data-md-component=palette] input"), "light/dark toggle"
    assert not soup.find("link", href=re.compile("fonts.googleapis"))


def test_every_page_carries_a_content_security_policy_that_lists_exactly_its_inline_scripts(site):
    """First in <head> after the charset; scripts only from this site or by hash; no outside host; no unsafe-eval."""
    pages = site.pages()
    assert len(pages) > 150
    for path in pages:
        head = site.soup(path).head
        metas = head.find_all("meta")
        assert (
            metas[0].get("charset", "").lower() == "utf-8" and metas[1].get("http-equiv") == "Content-Security-Policy"
        ), path
        policy = dict(directive.strip().split(" ", 1) for directive in metas[1]["content"].split(";"))
        assert "http" not in metas[1]["content"] and "unsafe-eval" not in metas[1]["content"], path
        if "/embed/" in path.as_posix():
            assert policy["default-src"] == "'none'" and "script-src" not in policy, path  # an embed runs nothing
            continue
        assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'", path
        inline = {
            f"'sha256-{base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()}'"
            for script in head.parent.find_all("script")
            if not script.get("src") and script.get("type") != "application/json"
        }
        listed = policy["script-src"].split()
        assert listed[0] == "'self'" and set(listed[1:]) == inline, path


def test_every_page_has_a_link_preview_and_chart_pages_show_their_chart(site):
    """Open Graph and Twitter tags, so a link pasted into WeChat, Weibo or a newsroom chat shows a preview."""
    prefix = site_path_prefix()
    missing, images = {}, {}
    for page in site.pages():
        relative = str(page.relative_to(site.root))
        soup = site.soup(page)
        tags = {tag.get("property") or tag.get("name"): tag.get("content") for tag in soup.select("head meta")}
        lacking = [
            key
            for key in ("og:title", "og:description", "og:url", "og:type", "og:locale", "twitter:card")
            if not tags.get(key)
        ]
        framed = relative.startswith(("embed/", "en/embed/"))  # an embedded chart lives in someone else's page
        if lacking and not framed and relative not in ("404.html", "search/index.html", "en/search/index.html"):
            missing[relative] = lacking
        if tags.get("og:image"):
            images[relative] = tags["og:image"]
    assert missing == {}
    for relative, image in images.items():
        path = urlsplit(image).path
        assert (
            image.startswith("https://") and path.startswith(prefix) and (site.root / path[len(prefix) :]).is_file()
        ), (relative, image)
    for indicator in site.records["indicators"]:
        for prefix in ("", "en/"):
            assert images[f"{prefix}targets/{indicator['id']}/index.html"].endswith(
                f"{prefix}charts/target-{indicator['id']}.png"
            )
    assert images["index.html"].endswith("charts/progress-overview.png")


# Words a Chinese reader meets as they are: formats, software and names of things that have no Chinese name here.
LATIN_ALLOWED = {
    "JSON",
    "Excel",
    "XLSX",
    "Vega",
    "Lite",
    "Python",
    "pandas",
    "Google",
    "Sheets",
    "JavaScript",
    "Markdown",
    "Frictionless",
    "OpenCC",
    "Open",
    "SDG",
    "Schema",
    "Atom",
    "PolitiFact",
    "MkDocs",
    "Material",
    "GitHub",
    "Playwright",
    "Chromium",
}
ADDRESS = re.compile(
    r"\S*(?:https?://|www\.|[A-Za-z0-9-]\.(?:cn|com|org|net|io|gov|xml|json|csv|md|yml|html|txt|zip|xlsx|png|svg|cff)"
    r"(?![A-Za-z]))\S*"
)
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def english_words_shown(html: str) -> set[str]:
    """Latin words of four or more letters a Chinese page shows outside code, addresses and elements marked lang="en"."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head", "pre", "code", "textarea", "kbd", "samp"]):
        hidden.decompose()
    for marked in [tag for tag in soup.find_all(lang=True) if tag.name != "html" and tag["lang"].startswith("en")]:
        if marked.attrs is not None:  # not already gone with a marked parent
            marked.decompose()
    shown = COMMIT_ID.sub(" ", ADDRESS.sub(" ", soup.get_text(" ")))  # a commit id (ad2beed) is no English word
    return set(LATIN_WORD.findall(shown)) - LATIN_ALLOWED


COMMIT_ID = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{7,40}(?![0-9A-Za-z])")


def test_no_chinese_page_shows_english_words(site):
    """A Chinese reader reads Chinese: English is shown only where it is marked as English (lang="en")."""
    shown = {}
    for page in site.pages():
        url = page.relative_to(site.root).as_posix()
        if not url.startswith("en/"):
            words = english_words_shown(page.read_text(encoding="utf-8"))
            if words:
                shown[url] = sorted(words)[:12]
    assert shown == {}


def test_the_english_word_check_can_fail():
    assert english_words_shown("<p>来源：third-party repost (qydjw.cn) of news</p>") == {
        "third",
        "party",
        "repost",
        "news",
    }
    assert english_words_shown('<p>见<span lang="en">the glossary</span>，<code>observations</code>，JSON</p>') == set()
    assert english_words_shown("<p>更新 ad2beed：第三方 repost</p>") == {
        "repost"
    }  # a commit id is not a word; a word beside one is


def test_no_page_shows_a_markdown_backtick(site):
    """“章节（`sections`）” once reached the data page: Markdown inside HTML is not read as Markdown."""
    shown = {}
    for page in site.pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup(["script", "style", "pre", "code", "textarea"]):
            hidden.decompose()
        if "`" in soup.get_text():
            shown[page.relative_to(site.root).as_posix()] = soup.get_text().count("`")
    assert shown == {}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_data_dictionary_shows_each_pattern_exactly(site, prefix):
    """A "|" in a pattern once showed as "\\|" (a table cell's escape inside a code span), and "[1-4](-[1-9])" as a link."""
    soup = site.html(prefix + "dictionary/")
    shown = {code.get_text() for code in soup.select("article td code")}
    descriptor = site.descriptor
    patterns = {
        field["constraints"]["pattern"]
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
        if "pattern" in field.get("constraints", {})
    }
    assert patterns <= shown, patterns - shown


def test_the_chinese_data_dictionary_is_in_chinese(site):
    """Each table's and each column's meaning in Chinese (description_zh), with Chinese headings and rules."""
    soup = site.html("dictionary/")
    article = soup.select_one("article")
    text = article.get_text(" ")
    descriptor = site.descriptor
    for resource in descriptor["resources"]:
        assert resource["title_zh"] in text
        for field in resource["schema"]["fields"]:
            first = re.split(r"[`。（]", field["description_zh"])[0][:12]
            assert first in text, (resource["name"], field["name"], first)
    headers = [[th.get_text(strip=True) for th in table.select("thead th")] for table in article.select("table")]
    assert ["列", "类型", "规则", "含义"] in headers and ["column", "type", "rules", "meaning"] not in headers
    assert "主键：" in text and "Primary key" not in text


def test_every_contributed_link_carries_nofollow_ugc_noopener(site):
    """A source's address comes from a contributor: search engines should not credit it to this site, and the page it
    opens should not reach back (attack finding 10: the chart SVGs' links and the status-history table had no rel)."""
    sources = {
        row["source_url"]
        for name in ("observations", "task_status", "milestone_evidence")
        for row in site.records[name]
        if row.get("source_url")
    }
    written = {pages.safe_url(url): url for url in sources} | {url: url for url in sources}  # as a page's link holds it
    linked = set()
    for path in site.pages():
        for link in site.soup(path).find_all("a"):
            href = link.get("href") or link.get("xlink:href")
            if href in written:
                linked.add(written[href])
                rel = link.get("rel") or []
                assert {"nofollow", "ugc", "noopener"} <= set(rel if isinstance(rel, list) else rel.split()), (
                    path,
                    str(link)[:200],
                )
    assert linked == sources  # every source is linked somewhere, and was checked there
