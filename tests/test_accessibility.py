"""The built site checked by axe-core against WCAG 2.1 AA, at a desktop width and on a phone, in one browser session;
and no Chinese set in italic.

Which pages: every kind of element the site holds, in both languages. A page is drawn from its template, so two pages
of one template differ in their data, not their markup; axe's verdicts follow the markup and the stylesheet (an
element, its classes, roles and ARIA, inside its parent). Each page is read for those signatures, and the fewest
pages that hold every signature of the site between them are audited (about a fifth of the pages: every page kind,
both languages, embeds and the 404 page among them). What the data alone can break on any page (an id twice, a link or
button with no name, an image without text, an empty heading, a language or reference that is not valid) is checked
on every page without a browser (`data_dependent_problems`). Both checks are shown able to fail.

axe-core comes from the npm registry, pinned in tests/axe/package.json (and its lock file); `make test` installs it
with `npm ci`. It is injected through the DevTools protocol, which the pages' Content-Security-Policy does not govern.
A page that logs a console error or fails to load one of its own files fails too.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.core import paths
from tests.browser_fixture import serving

AXE_DIR = paths.ROOT / "tests" / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


def pinned_axe_version() -> str:
    return json.loads((AXE_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]["axe-core"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE_SCRIPT.exists(), "axe-core is missing: `make test` installs it (cd tests/axe && npm ci)"
    source = AXE_SCRIPT.read_text(encoding="utf-8")
    assert source.startswith(f"/*! axe v{pinned_axe_version()}"), "tests/axe/node_modules is not the pinned axe-core"
    return source


def site_prefix(site) -> str:
    """The path the site is published under (/gansu-sti-plan/): the 404 page links its styles absolutely from it."""
    stylesheet = re.search(r'href="(/[^"]*?)assets/stylesheets/', site.path("404.html").read_text(encoding="utf-8"))
    return stylesheet.group(1) if stylesheet else "/"


def page_urls(root: Path) -> list[str]:
    urls = []
    for page in sorted(root.rglob("*.html")):
        url = page.relative_to(root).as_posix()
        urls.append(url[: -len("index.html")] if url.endswith("index.html") else url)
    return urls


SIGNED_ATTRIBUTES = {"role", "type", "scope", "alt", "title", "hidden", "tabindex", "lang", "href", "for", "id", "open"}
SIGNED_ATTRIBUTES |= {"disabled", "style", "colspan", "rowspan", "headers", "name", "value", "src"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NAMES_ITSELF = ("aria-label", "aria-labelledby", "title")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")  # zh, zh-Hans, zh-CN, en, en-GB


class PageReader(HTMLParser):
    """One pass over a page: the signature of each element (its tag, classes, role, type and which attributes it has,
    in its parent's tag and classes), and what axe would fault in the page's own data."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.signatures: set[tuple] = set()
        self.stack: list[dict] = []
        self.ids: list[str] = []
        self.references: list[tuple[str, str]] = []
        self.problems: list[str] = []
        self.html_lang: str | None = None
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = tuple(sorted((attributes.get("class") or "").split()))
        named = tuple(
            sorted(name for name in attributes if name.startswith(("aria-", "data-")) or name in SIGNED_ATTRIBUTES)
        )
        parent = (self.stack[-1]["tag"], self.stack[-1]["classes"]) if self.stack else None
        self.signatures.add((tag, classes, attributes.get("role"), attributes.get("type"), named, parent))
        if attributes.get("id") is not None:
            self.ids.append(attributes["id"])
        for name in ("aria-labelledby", "aria-describedby"):  # axe: a reference must name an element
            self.references += [(name, target) for target in (attributes.get(name) or "").split()]
        if tag == "html":
            self.html_lang = attributes.get("lang") or ""
        if "lang" in attributes and not LANGUAGE_TAG.match(attributes["lang"] or ""):
            self.problems.append(f"lang={attributes['lang']!r} is not a language")
        if tag == "img" and "alt" not in attributes and attributes.get("role") not in ("presentation", "none"):
            self.problems.append(f"an image without alt: {attributes.get('src', '')[:60]}")
        if tag in ("img", "svg", "area") and self.stack:
            for holder in self.stack:
                holder["text"] += attributes.get("alt") or attributes.get("aria-label") or ""
        if tag not in VOID:
            self.stack.append({"tag": tag, "classes": classes, "attributes": attributes, "text": ""})

    def handle_endtag(self, tag):
        while self.stack:
            element = self.stack.pop()
            self.closed(element)
            if element["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self.stack:
            element["text"] += data
        if self.stack and self.stack[-1]["tag"] == "title":
            self.title += data

    def closed(self, element):
        attributes, text = element["attributes"], element["text"].strip()
        named = text or any((attributes.get(name) or "").strip() for name in NAMES_ITSELF)
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true"
        if element["tag"] == "a" and "href" in attributes and not named and not hidden:
            self.problems.append(f"a link with no name: href={attributes['href'][:60]!r}")
        if element["tag"] == "button" and not named and not hidden:
            self.problems.append(f"a button with no name: {element['classes']}")
        if re.fullmatch(r"h[1-6]", element["tag"]) and not named and not hidden:
            self.problems.append(f"an empty heading <{element['tag']}>")

    def page_problems(self) -> list[str]:
        problems = list(self.problems)
        problems += [f"id {name!r} twice" for name in sorted({i for i in self.ids if self.ids.count(i) > 1})]
        known = set(self.ids)
        problems += [f"{name}={target!r} names no element" for name, target in self.references if target not in known]
        if not self.html_lang or not LANGUAGE_TAG.match(self.html_lang):
            problems.append(f"<html lang={self.html_lang!r}>")
        if not self.title.strip():
            problems.append("no <title>")
        return problems


def read_page(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def page_kind(url: str) -> str:
    """tasks/3/ -> "tasks", en/tasks/3/ -> "en/tasks", 404.html -> "404.html", "" (the home page) -> ""."""
    parts = url.split("/")
    return "/".join(parts[:2]) if parts[0] == "en" else parts[0]


def covering_pages(signatures: dict[str, set], sizes: dict[str, int]) -> list[str]:
    """The smallest page of each kind (each template, in each language), then greedily, by signatures gained per byte
    (axe's time grows with the page), the pages that hold every signature those do not."""
    smallest = {}
    for url in sorted(signatures, key=lambda url: (sizes[url], url)):
        smallest.setdefault(page_kind(url), url)
    chosen = list(smallest.values())
    uncovered = set().union(*signatures.values()) - set().union(*(signatures[url] for url in chosen))
    while uncovered:
        best = max(sorted(signatures), key=lambda url: len(signatures[url] & uncovered) / sizes[url])
        chosen.append(best)
        uncovered -= signatures[best]
    return sorted(chosen)


@pytest.fixture(scope="module")
def site_pages(site) -> dict[str, PageReader]:
    """Every page of the built site, read once: {url: its reader}. A page's signatures carry its language edition."""
    return {url: read_page(site.path(url)) for url in page_urls(site.root)}


@pytest.fixture(scope="module")
def page_sizes(site, site_pages) -> dict[str, int]:
    return {url: site.path(url).stat().st_size for url in site_pages}


@pytest.fixture(scope="module")
def audited(site_pages, page_sizes) -> list[str]:
    signatures = {
        url: {("en" if url.startswith("en/") else "zh", *signature) for signature in reader.signatures}
        for url, reader in site_pages.items()
    }
    return covering_pages(signatures, page_sizes)


@pytest.fixture(scope="module")
def published(site, tmp_path_factory):
    """The built site served at its published path (a link, not a copy)."""
    prefix = site_prefix(site).strip("/")
    root = tmp_path_factory.mktemp("published")
    mount = root.joinpath(*prefix.split("/")) if prefix else root
    if prefix:
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site.root, target_is_directory=True)
    with serving(root) as address:
        yield address + (prefix + "/" if prefix else "")


# Chinese has no italic: a slanted Han character is a fault of the font, not emphasis.
ITALIC_CHINESE = """() => [...document.querySelectorAll("body *")].filter(node => getComputedStyle(node).fontStyle === "italic"
    && [...node.childNodes].some(child => child.nodeType === 3 && /[\u3400-\u9fff]/.test(child.textContent)))
    .map(node => node.tagName + ": " + node.textContent.trim().slice(0, 20)).slice(0, 3)"""


def audit(browser, base: str, urls: list[str], viewport: dict, axe: str) -> dict[str, list]:
    """{url: [problems]} for every page with an axe violation, a console error or a failed load of its own."""
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    problems: list = []
    page.on("console", lambda message: problems.append(("console", message.text)) if message.type == "error" else None)
    page.on(
        "response",
        lambda response: problems.append(("HTTP", response.status, response.url)) if response.status >= 400 else None,
    )
    found = {}
    try:
        for url in urls:
            problems.clear()
            page.goto(base + url, wait_until="load")
            page.evaluate(axe)
            page.wait_for_timeout(50)  # tables.js marks scrolling tables on the next animation frame
            result = page.evaluate("options => axe.run(document, options)", WCAG_21_AA)
            problems.extend((v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"])
            italic = page.evaluate(ITALIC_CHINESE)
            if italic:
                problems.append(("italic Chinese", italic))
            if problems:
                found[url] = list(problems)
    finally:
        context.close()
    return found


@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_kind_of_element_passes_axe_at_wcag_21_aa(browser, site_pages, published, audited, axe_source, width):
    assert len(site_pages) > 150 and "404.html" in audited and any(url.startswith("embed/") for url in audited)
    assert any(url.startswith("en/") for url in audited) and any(not url.startswith("en/") for url in audited)
    assert audit(browser, published, audited, VIEWPORTS[width], axe_source) == {}


def test_no_page_has_a_fault_its_data_alone_could_make(site_pages):
    found = {url: reader.page_problems() for url, reader in site_pages.items()}
    assert {url: problems for url, problems in found.items() if problems} == {}


def test_the_pages_audited_are_every_kind_of_page_and_hold_every_kind_of_element(site_pages, audited):
    assert {page_kind(url) for url in audited} == {page_kind(url) for url in site_pages}
    assert len(audited) < len(site_pages) / 2  # the point of choosing


def test_the_cover_takes_the_smallest_page_of_each_kind_and_a_page_for_a_signature_no_other_holds():
    pages = {"tasks/1/": {1, 2}, "tasks/2/": {2, 3}, "tasks/3/": {2}, "en/tasks/1/": {1}, "": {5}, "404.html": {6}}
    pages |= {"tasks/4/": {3}}  # holds what tasks/2/ adds, in a tenth of the bytes
    sizes = {"tasks/1/": 50, "tasks/2/": 100, "tasks/3/": 60, "en/tasks/1/": 50, "": 10, "404.html": 10, "tasks/4/": 10}
    assert covering_pages(pages, sizes) == ["", "404.html", "en/tasks/1/", "tasks/1/", "tasks/4/"]


def test_the_data_check_finds_what_data_could_break(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        '<html lang="zh-Hans"><head><title> </title></head><body><h2></h2><a href="/x"></a><a href="/y">名</a>'
        '<button></button><img src="c.png"><p id="a">1</p><p id="a" lang="中文">2</p>'
        '<span aria-labelledby="nowhere">3</span><a href="/z" aria-label="图表"><svg></svg></a></body></html>',
        encoding="utf-8",
    )
    assert sorted(read_page(page).page_problems()) == sorted(
        [
            "an image without alt: c.png",
            "lang='中文' is not a language",
            "an empty heading <h2>",
            "a link with no name: href='/x'",
            "a button with no name: ()",
            "id 'a' twice",
            "aria-labelledby='nowhere' names no element",
            "no <title>",
        ]
    )


def test_the_audit_catches_a_violation(browser, site, published, axe_source, tmp_path):
    """The check can fail: an image without a text alternative, added to a copy of a page, is reported."""
    html = site.path("tasks/1/").read_text(encoding="utf-8").replace("</h1>", '</h1><img src="x.png"><em>斜体</em>', 1)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "index.html").write_text(html, encoding="utf-8")
    with serving(tmp_path) as address:
        found = audit(browser, address, ["bad/"], VIEWPORTS["desktop"], axe_source)
    assert {"image-alt", "italic Chinese"} <= {problem[0] for problem in found["bad/"]}
