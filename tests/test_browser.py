"""The built site in a real browser: Debian's chromium, driven by Playwright, on 127.0.0.1.

Every request the browser makes is recorded; any to another host fails the run.
Every test runs on both builds: MkDocs' and Zensical's (issue 17).
"""

import csv
import io
import itertools
import json
import math
import re
import zipfile
from urllib.parse import urlsplit

import pytest

from scripts.core import i18n, load
from scripts.model import progress
from scripts.site import build
from tests.browser_fixture import serving
from tests.site_fixture import each_generator


@pytest.fixture(scope="session", params=build.GENERATORS)
def site(request):
    return each_generator(request)


REQUESTS: list[str] = []
SERVERS: set[str] = set()  # host:port of each build's local server


@pytest.fixture(scope="session")
def server(site):
    with serving(site.root) as address:
        SERVERS.add(urlsplit(address).netloc)
        yield address


def recorded_page(browser, **settings):
    """A page in a fresh browser context with these settings, every request it makes recorded; closed after."""
    context = browser.new_context(**settings)
    context.on("request", lambda request: REQUESTS.append(request.url))
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser):
    yield from recorded_page(browser, viewport={"width": 1280, "height": 900}, locale="zh-CN")


PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser):
    yield from recorded_page(browser, viewport=PHONE, locale="zh-CN")


@pytest.fixture(scope="module")
def phone_reader(browser):
    """The phone's viewport, one page for the module, for the checks that only load a page and read it (or open its
    tables): they share its cache instead of each fetching the theme again. A check that changes a setting (the colour
    scheme, the language) takes the `phone` fixture's fresh context instead."""
    yield from recorded_page(browser, viewport=PHONE, locale="zh-CN")


@pytest.fixture(scope="module")
def handset(browser):
    """A phone as the browser emulates one (touch, twice the pixels), one for the module: the pages it loads only read
    the layout, so they share its cache instead of each fetching the theme again."""
    yield from recorded_page(
        browser, viewport={"width": 360, "height": 780}, device_scale_factor=2, is_mobile=True, has_touch=True
    )


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_home_shows_the_2025_outcome_of_every_target_and_milestone_on_a_phone(phone, server, prefix):
    phone.goto(server + prefix)
    tiles = phone.locator("article .scorecard .tile")
    assert tiles.count() == 8
    figures = phone.eval_on_selector_all(
        ".tile__latest", "nodes => nodes.map(n => n.getBoundingClientRect().bottom + window.scrollY)"
    )
    # every latest figure within three screens: each tile now also shows its reason, age and source on a phone (issue 26)
    assert len(figures) == 8 and max(figures) <= 3 * PHONE["height"], figures
    for i in range(8):
        status = tiles.nth(i).locator(".outcome")
        assert status.locator("svg").count() == 1 and status.inner_text().strip(), (
            i
        )  # an icon and words, never colour alone
    assert phone.locator("article ul.milestones > li .outcome").count() == 10
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    wide = phone.eval_on_selector_all(
        "article table", f"ts => ts.filter(t => t.getBoundingClientRect().width > {PHONE['width']}).length"
    )
    assert wide == 0
    italic = phone.eval_on_selector_all(
        "article *",
        """nodes => nodes.filter(n => getComputedStyle(n).fontStyle === 'italic'
        && /[\u3400-\u9fff]/.test(n.textContent)).map(n => n.tagName)""",
    )
    assert italic == []


def test_a_task_page_shows_its_units_and_the_links_work(page, server):
    page.goto(server + "tasks/22/")
    items = page.locator("article ol li")
    assert items.count() == 7 and "牵头" in items.first.inner_text()
    items.first.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/agencies/party-finance/")
    assert page.locator("h1").inner_text() == "省委金融办"
    page.locator("article a", has_text="任务22").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/tasks/22/")


def test_searching_the_chinese_words_finds_task_26(page, server):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(server + "tasks/1/", wait_until="networkidle")
    assert not any(url.endswith("search-index.json") for url in seen), "the index loads only when a reader searches"
    page.locator('header a[aria-label="搜索"]').click()
    page.wait_for_load_state()
    page.locator("#site-search-query").fill("知识产权")
    first = page.locator("#site-search-results li a").first
    first.wait_for(timeout=15000)
    assert first.inner_text() == "任务26\u3000加强知识产权运营"
    assert "个结果" in page.locator("#site-search-status").inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/tasks/26/")
    page.goto(server + "search/?q=" + "科技厅%20知识产权")
    page.locator("#site-search-results li").first.wait_for(timeout=15000)
    assert page.locator("#site-search-results li a").first.inner_text().startswith("任务26")


def test_searching_intellectual_property_on_the_english_site_finds_task_26(page, server):
    page.goto(server + "en/tasks/1/", wait_until="networkidle")
    page.locator('header a[aria-label="Search"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/search/")
    page.locator("#site-search-query").fill("intellectual property")
    results = page.locator("#site-search-results li a")
    results.first.wait_for(timeout=15000)
    titles = results.all_inner_texts()
    assert "Task 26: Strengthen the operation of intellectual property" in titles
    assert page.locator("#site-search-status").inner_text().endswith("results")
    results.filter(has_text="Task 26:").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/tasks/26/")


def test_typing_yanfa_on_a_phone_finds_the_rd_page(phone, server):
    """研发 is the word readers type; the R&D page says 研究与试验发展 (its synonyms, data/synonyms.csv, find it)."""
    phone.goto(server + "search/")
    phone.locator("#site-search-query").press_sequentially("研发")
    results = phone.locator("#site-search-results li a")
    results.first.wait_for(timeout=15000)
    rd = phone.locator('#site-search-results li a[href$="/targets/rd_expenditure/"]')
    assert rd.count() == 1
    rd.scroll_into_view_if_needed()
    assert rd.is_visible() and rd.bounding_box()["width"] <= PHONE["width"]


def test_a_result_shows_the_words_found_marked_and_no_english_word_cut_in_half(page, server):
    """The snippet around the first word found marks every word of the query (<mark>, built as text, never HTML), and
    starts and ends an English snippet at a space."""
    page.goto(server + "en/search/?q=" + "technology%20contracts")
    page.locator("#site-search-results li p mark").first.wait_for(timeout=15000)
    marks = {text.lower() for text in page.locator("#site-search-results li p mark").all_inner_texts()}
    assert marks <= {"technology", "contracts", "contract"} and "technology" in marks
    index = page.evaluate(
        "fetch('../search-index.json').then(r => r.json()).then(d => d.docs.map(doc => doc.x).join(' '))"
    )
    for shown in page.evaluate(
        "() => [...document.querySelectorAll('#site-search-results li p')].map(p => p.textContent)"
    ):
        for word in shown.strip("…").split():  # each word shown is a whole word of the index, not a cut one
            assert re.search(r"(^|\s)" + re.escape(word) + r"(\s|$)", index), word
    page.goto(server + "search/?q=" + "知识产权")
    page.locator("#site-search-results li p mark").first.wait_for(timeout=15000)
    assert set(page.locator("#site-search-results li p mark").all_inner_texts()) == {"知识产权"}


def test_english_search_finds_the_singular_of_a_plural_and_counts_in_words(page, server, site):
    """A plural the index never holds finds the pages with its singular; the count reads "1 result" or "N results"."""
    docs = json.loads((site.root / "en/search-index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(f"{doc['t']} {doc.get('a', '')} {doc['x']} {doc.get('k', '')}" for doc in docs).lower()
    word = next(w for w in sorted(set(re.findall(r"\b[a-z]{5,}[^aeiouy]y\b", text))) if w[:-1] + "ies" not in text)
    page.goto(server + "en/search/?q=" + word[:-1] + "ies")
    results = page.locator("#site-search-results li")
    results.first.wait_for(timeout=15000)
    expected = sum(word in f"{doc['t']} {doc.get('a', '')} {doc['x']} {doc.get('k', '')}".lower() for doc in docs)
    status = page.locator("#site-search-status").inner_text()
    assert status == (f"{expected} results" if expected != 1 else "1 result"), (word, status)
    page.goto(server + "en/search/?q=R%26D%20spending")
    page.locator('#site-search-results li a[href$="/en/targets/rd_expenditure/"]').wait_for(timeout=15000)


@pytest.mark.parametrize("url", ["", "tasks/22/", "en/", "en/targets/rd_expenditure/", "changes/"])
def test_a_page_load_fetches_nothing_missing_and_no_sitemap(page, server, url):
    """Material fetches a sitemap for every rel=alternate link on every load; the theme override keeps those away."""
    responses, errors = [], []
    page.on("response", lambda response: responses.append((response.status, response.url)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server + url, wait_until="networkidle")
    assert [r for r in responses if r[0] >= 400] == [] and errors == []
    if url != "changes/":  # the page that announces the feed (a rel=alternate link) pays for one small sitemap fetch
        assert not [r for r in responses if r[1].endswith("sitemap.xml")]


def test_the_language_switcher_keeps_the_reader_on_the_same_page(page, server):
    page.goto(server + "tasks/22/")
    with page.expect_navigation():
        page.locator('a.md-select__link[hreflang="en"]').evaluate("a => a.click()")
    assert page.url.endswith("/en/tasks/22/") and page.locator("h1").inner_text().startswith("Task 22:")
    with page.expect_navigation():
        page.locator('a.md-select__link[hreflang="zh"]').evaluate("a => a.click()")
    assert (
        page.url.endswith("/tasks/22/")
        and "/en/" not in page.url
        and page.locator("h1").inner_text().startswith("任务22")
    )


def test_an_embedded_chart_renders_inside_another_page(page, server):
    from tests.test_site import configured_site_url

    page.goto(server + "targets/rd_expenditure/")
    code = page.locator("textarea.embed-code").first.input_value()
    prefix = configured_site_url()
    assert prefix in code
    page.set_content(f"<!doctype html><html><body><p>A story.</p>{code.replace(prefix, server)}</body></html>")
    frame = page.frame_locator("iframe")
    assert frame.locator("figure svg >> visible=true").is_visible()
    assert (
        "甘肃省人民政府办公厅" in frame.locator("figure svg >> visible=true").text_content()
    )  # the source line, in the chart
    box = page.locator("iframe").bounding_box()
    svg_box = frame.locator("figure svg >> visible=true").bounding_box()
    assert svg_box["height"] + 20 <= box["height"], "the fixed height leaves room for the source line"


def test_an_embedded_chart_reads_on_a_phone(phone, server):
    """The embed code on a story read at 360 px: the iframe shows the phone layout, every text at least 12 px, all inside
    the height the code gives."""
    phone.goto(server + "progress/")
    code = phone.locator("textarea.embed-code").first.input_value()
    from tests.test_site import configured_site_url

    phone.set_content(
        f"<!doctype html><html><head><meta name='viewport' content='width=device-width'></head><body style='margin:8px'>"
        f"{code.replace(configured_site_url(), server)}</body></html>"
    )
    frame = phone.frame_locator("iframe")
    frame.locator("figure svg >> visible=true").wait_for()
    sizes = phone.frames[1].evaluate(ON_SCREEN_TEXT.replace("figure.chart svg", "figure svg"))
    assert sizes and [(text, round(size, 1)) for text, size in sizes if size < 11.99] == []
    bottom = phone.frames[1].evaluate("document.querySelector('figcaption').getBoundingClientRect().bottom")
    assert bottom <= phone.locator("iframe").bounding_box()["height"], "the source line fits inside the iframe"


def test_copy_buttons_put_the_embed_code_and_the_link_on_the_clipboard(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.on("request", lambda request: REQUESTS.append(request.url))
    page = context.new_page()
    page.goto(server + "en/targets/rd_expenditure/", wait_until="networkidle")
    page.locator("details.chart-embed summary").first.click()
    buttons = page.locator("details.chart-embed button.copy-button")
    buttons.nth(1).click()
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/en/targets/rd_expenditure/#chart-target-rd_expenditure"
    )
    assert buttons.nth(1).inner_text() == "Copied"
    buttons.nth(0).click()
    assert page.evaluate("navigator.clipboard.readText()").startswith('<iframe src="')
    context.close()


def test_a_chart_is_visible_and_its_table_reachable(page, server):
    page.goto(server + "targets/rd_expenditure/")
    svg = page.locator("figure.chart > .chart-variant--wide > svg")  # the desktop layout at 1280 px
    assert svg.is_visible() and svg.bounding_box()["height"] > 100
    summary = page.locator("details.chart-table summary")
    summary.focus()
    page.keyboard.press("Enter")
    table = page.locator("details.chart-table table")
    assert table.is_visible() and table.locator("tbody tr").count() >= 4


def test_downloads_return_files_that_parse(page, server):
    from openpyxl import load_workbook

    page.goto(server + "data/")
    for href, check in (
        ("downloads/tasks.csv", lambda body: len(list(csv.DictReader(io.StringIO(body.decode("utf-8"))))) == 26),
        ("downloads/observations.json", lambda body: len(json.loads(body)) >= 21),
        (
            "downloads/gansu-sti-base-action-plan.xlsx",
            lambda body: "tasks" in load_workbook(io.BytesIO(body)).sheetnames,
        ),
        (
            "downloads/gansu-sti-base-action-plan.zip",
            lambda body: "datapackage.json" in zipfile.ZipFile(io.BytesIO(body)).namelist(),
        ),
    ):
        link = page.locator(f'a[href$="{href}"]').first
        assert link.count() == 1, href
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and check(response.body()), href


def test_pages_keep_their_content_and_charts_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    context.on("request", lambda request: REQUESTS.append(request.url))
    page = context.new_page()
    for url, text in (
        ("", "2025年目标完成情况"),
        ("tasks/21/", "推介沙龙"),
        ("targets/", "各项目标的完成程度"),
        ("plan/", "保障措施"),
    ):
        page.goto(server + url)
        assert text in page.locator("article").inner_text(), url
    page.goto(server + "targets/hightech_enterprises/")
    assert page.locator("figure.chart > .chart-variant--wide > svg").is_visible()
    assert page.locator("details.chart-table").count() == 1
    context.close()


@pytest.mark.parametrize(
    "url",
    [
        "",
        "tasks/",
        "tasks/1/",
        "targets/",
        "targets/innovation_rank/",
        "agencies/",
        "agencies/science-technology/",
        "progress/",
        "plan/",
        "data/",
        "changes/",
        "search/",
        "en/",
        "en/tasks/",
        "en/tasks/1/",
        "en/targets/",
        "en/targets/innovation_rank/",
        "en/agencies/",
        "en/progress/",
        "en/plan/",
        "en/data/",
        "api/",
        "en/api/",
    ],
)
def test_no_horizontal_scrolling_at_360_px(handset, server, url):
    handset.goto(server + url, wait_until="load")  # the page's own files loaded; then its fonts, which set the widths
    assert handset.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)") <= 360, url


def test_the_interactive_chart_loads_only_on_request(page, server):
    seen, errors = [], []
    page.on("request", lambda request: seen.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server + "targets/", wait_until="networkidle")
    assert not any(url.endswith("vega.js") for url in seen)
    page.locator("button.chart-interactive").first.click()
    page.locator(".chart-live svg").first.wait_for(timeout=20000)
    assert any(url.endswith("assets/javascripts/vega.js") for url in seen)
    assert errors == [], "Vega ran under the page's Content-Security-Policy (no unsafe-eval) without an error"


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
def test_the_interactive_chart_replaces_the_static_one_at_every_width(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(server + "progress/", wait_until="networkidle")
    figure = page.locator("figure.chart").first
    page.locator("button.chart-interactive").first.click()
    figure.locator(".chart-live svg").wait_for(timeout=20000)
    shown = figure.evaluate("""f => [...f.querySelectorAll(':scope > .chart-variant, :scope > .chart-live')]
        .filter(n => n.getBoundingClientRect().height > 0).map(n => n.classList.contains('chart-live') ? 'live' : 'static')""")
    context.close()
    assert shown == ["live"]


def test_the_content_security_policy_refuses_an_injected_script(page, server, site):
    """The second wall: were escaping ever to fail, an injected script or handler on a built page would not run."""
    html = site.path("tasks/1/").read_text(encoding="utf-8")
    injected = html.replace(
        "</h1>",
        '</h1><script>window.injected = 1</script><img src="x" onerror="window.injected = 2">'
        '<a id="probe" href="javascript:window.injected = 3">x</a>',
        1,
    )
    assert injected != html
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.route(server + "tasks/1/", lambda route: route.fulfill(body=injected, content_type="text/html; charset=utf-8"))
    page.goto(server + "tasks/1/", wait_until="networkidle")
    page.locator("#probe").click()
    assert page.evaluate("window.injected") is None
    assert sum("Content Security Policy" in error for error in errors) >= 2, errors
    assert page.evaluate("typeof __md_get") == "function", "the page's own inline scripts (listed by hash) still ran"


def test_dark_mode_carries_over_to_the_other_language(browser, server):
    """The reader's choice is kept for the whole site: both languages, in both builds (overrides/partials/javascripts)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.on("request", lambda request: REQUESTS.append(request.url))
    page = context.new_page()
    page.goto(server + "tasks/1/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("[data-md-component=palette] label:visible").first.click()
    assert page.evaluate(scheme) == "slate"
    page.goto(server + "en/tasks/1/")
    assert page.evaluate(scheme) == "slate"
    page.goto(server + "targets/")
    assert page.evaluate(scheme) == "slate"
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", ["targets/", "progress/", "agencies/", "agencies/ 1st", "targets/ 1st"])
def test_every_table_cell_is_on_a_phone_screen(phone_reader, server, prefix, path):
    """At 360 px a wide table reads as cards: no cell, the one a reader came for included, lies off the screen.
    "X 1st" is the first page the index X links to from its table (a unit's page, an indicator's page)."""
    index, _, first = path.partition(" ")
    phone_reader.goto(server + prefix + index, wait_until="load")
    if first:
        with phone_reader.expect_navigation(wait_until="load"):
            phone_reader.locator("article table td a").first.click()
    phone_reader.evaluate("document.fonts.ready.then(() => true)")
    for summary in phone_reader.locator("article details.chart-table > summary").all():
        summary.click()  # a chart's data table too
    cells = phone_reader.eval_on_selector_all(
        "article table td",
        """cells => cells.filter(c => c.getClientRects().length)
        .map(c => [c.textContent.trim().slice(0, 20), Math.round(c.getBoundingClientRect().right)])""",
    )
    assert cells, "no table on the page"
    assert [cell for cell in cells if cell[1] > PHONE["width"]] == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_phone_header_names_the_site_whole_and_every_footer_says_who_runs_it(phone, server, prefix):
    for path in ("", "progress/", "data/"):
        phone.goto(server + prefix + path)
        title = phone.locator(".md-header__topic:first-child .md-ellipsis")
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), "the short name is cut off"
        footer = phone.locator(".md-copyright.site-footer")
        hrefs = footer.locator("a").evaluate_all("links => links.map(a => a.href)")
        assert any(h.endswith("about/#who") for h in hrefs) and any(h.endswith("contribute/") for h in hrefs)
        assert any(h.endswith("data/") for h in hrefs) and any(
            h.startswith("https://") for h in hrefs
        )  # the licence, the repository
        assert footer.is_visible() and footer.evaluate("e => getComputedStyle(e).color") != "rgba(0, 0, 0, 0)"


STATUS_CHIPS = """keys => {
    const article = document.querySelector('article');
    const probe = document.createElement('div');
    probe.className = 'md-typeset';
    article.append(probe);
    const luminance = rgb => {
        const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => c / 255)
            .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return keys.map(key => {
        const chip = document.createElement('span');
        chip.className = `outcome outcome--${key}`;
        chip.textContent = key;
        probe.append(chip);
        const style = getComputedStyle(chip);
        const [fg, bg] = [luminance(style.color), luminance(style.backgroundColor)];
        return [key, style.color.match(/[\\d.]+/g).slice(0, 3).map(Number), (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)];
    });
}"""


def test_status_colours_are_as_distinct_in_dark_mode_as_in_light(page, server):
    """Every status the site can show, as a chip: readable (≥ 4.5:1) and told apart by colour as well in dark mode as in light."""
    keys = sorted(
        set(
            progress.OUTCOMES + progress.MILESTONE_STATUSES + ("achieved", "on_track", "off_track", "insufficient_data")
        )
        | set(i18n.text("zh").task_status)
    )  # and every task status
    page.goto(server + "progress/")
    light = page.evaluate(STATUS_CHIPS, keys)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.evaluate(STATUS_CHIPS, keys)
    for scheme in (light, dark):
        assert [key for key, _, ratio in scheme if ratio < 4.5] == []

    def closest(scheme) -> float:  # the two least different status colours (distance in RGB)
        colours = {tuple(rgb) for _, rgb, _ in scheme}
        return min(math.dist(a, b) for a, b in itertools.combinations(colours, 2))

    assert len({tuple(rgb) for _, rgb, _ in dark}) == len({tuple(rgb) for _, rgb, _ in light}) > 3
    assert closest(dark) >= 0.6 * closest(light)  # pale tints of one another would pass the count, not this


BUTTON_CONTRAST = """() => {
    const luminance = rgb => {
        const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => c / 255)
            .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const page = luminance(getComputedStyle(document.body).backgroundColor);  // the buttons are transparent: the page shows through
    return [...document.querySelectorAll('article .md-button')].map(button => {
        const text = luminance(getComputedStyle(button).color);
        return [button.textContent.trim(), (Math.max(text, page) + 0.05) / (Math.min(text, page) + 0.05)];
    });
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_outlined_buttons_read_in_both_schemes(page, server, scheme):
    """The copy buttons and the interactive-chart button: text ≥ 4.5:1 against the page, light and dark."""
    page.goto(server + "targets/rd_expenditure/")
    page.evaluate(
        "document.querySelectorAll('article details').forEach(box => { box.open = true; })"
    )  # as a reader sees them
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.wait_for_timeout(400)  # Material eases a button's colour over 125 ms: read it once it has settled
    ratios = page.evaluate(BUTTON_CONTRAST)
    assert len(ratios) >= 3
    assert [(name, round(ratio, 2)) for name, ratio in ratios if ratio < 4.5] == []


def test_no_request_left_the_site(server):
    """Runs last in this file: every request any test above made went to a local server (one for each build)."""
    assert REQUESTS, "the browser tests recorded no request"
    elsewhere = sorted(
        {url for url in REQUESTS if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc not in SERVERS}
    )
    assert elsewhere == []


CHART_PAGES = ["targets/", "progress/", "tasks/", "agencies/"] + [
    f"targets/{i['id']}/" for i in load.records()["indicators"]
]

ON_SCREEN_TEXT = """() => [...document.querySelectorAll('figure.chart svg')].filter(s => s.getBoundingClientRect().width > 0).flatMap(svg => {
    const box = svg.viewBox.baseVal, drawn = svg.getBoundingClientRect().width;
    const scale = drawn / (box && box.width ? box.width : svg.width.baseVal.value);
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
        .map(t => [t.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(t).fontSize) * scale]);
})"""


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_reads_on_a_phone_without_zooming(phone_reader, server, prefix, path):
    """At 360 px each chart shows its phone layout at full size: every text at least 12 CSS px on screen, nothing italic."""
    phone_reader.goto(server + prefix + path)
    sizes = phone_reader.evaluate(ON_SCREEN_TEXT)
    assert sizes, "no chart visible"
    small = [(text, round(size, 1)) for text, size in sizes if size < 11.99]
    assert small == []
    assert (
        phone_reader.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # wide charts scroll in their own box
    italic = phone_reader.eval_on_selector_all(
        "article figure *",
        """nodes => nodes.filter(n => getComputedStyle(n).fontStyle === 'italic'
        && /[\\u3400-\\u9fff]/.test(n.textContent)).length""",
    )
    assert italic == 0
