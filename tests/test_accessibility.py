"""Every built page, both languages, embeds and the 404 page included, checked by axe-core against WCAG 2.1 AA,
at a desktop width and on a phone, in one browser session; and no Chinese set in italic.

axe-core comes from the npm registry, pinned in tests/axe/package.json (and its lock file); `make test` installs it
with `npm ci`. It is injected through the DevTools protocol, which the pages' Content-Security-Policy does not govern.
A page that logs a console error or fails to load one of its own files fails too.
"""

import json
import re
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
def test_every_page_passes_axe_at_wcag_21_aa(browser, site, published, axe_source, width):
    urls = page_urls(site.root)
    assert len(urls) > 150 and "404.html" in urls and any(url.startswith("embed/") for url in urls)
    assert any(url.startswith("en/") for url in urls)
    assert audit(browser, published, urls, VIEWPORTS[width], axe_source) == {}


def test_the_audit_catches_a_violation(browser, site, published, axe_source, tmp_path):
    """The check can fail: an image without a text alternative, added to a copy of a page, is reported."""
    html = site.path("tasks/1/").read_text(encoding="utf-8").replace("</h1>", '</h1><img src="x.png"><em>斜体</em>', 1)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "index.html").write_text(html, encoding="utf-8")
    with serving(tmp_path) as address:
        found = audit(browser, address, ["bad/"], VIEWPORTS["desktop"], axe_source)
    assert {"image-alt", "italic Chinese"} <= {problem[0] for problem in found["bad/"]}
