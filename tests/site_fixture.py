"""The built site, once per test session, in a temporary folder; or the site in TESTED_SITE, already built (the
deploy workflow tests the very artefact it then publishes)."""

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import build


class BuiltSite:
    def __init__(self, root: Path):
        self.root = root

    def path(self, url: str) -> Path:
        """A site URL path (tasks/1/) -> the file that serves it."""
        target = self.root / url.lstrip("/")
        return target / "index.html" if url.endswith("/") or target.is_dir() else target

    def html(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def built_site(tmp_path_factory, generator: str, given: str | None) -> BuiltSite:
    if given:
        root = Path(given).resolve()
        assert (root / "index.html").is_file() and (root / "en" / "index.html").is_file(), f"{given} holds no built site"
        return BuiltSite(root)
    target = tmp_path_factory.mktemp(f"built-{generator}") / "site"
    assert build.main(["--site-dir", str(target), "--generator", generator]) == 0, f"the site did not build with {generator}"
    return BuiltSite(target)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The site as the deploy builds it (MkDocs)."""
    return built_site(tmp_path_factory, "mkdocs", os.environ.get("TESTED_SITE"))


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> BuiltSite:
    """The same site built by Zensical (make site-zensical)."""
    return built_site(tmp_path_factory, "zensical", os.environ.get("TESTED_ZENSICAL_SITE"))


def each_generator(request) -> BuiltSite:
    """For a module's own `site` fixture, parametrised over build.GENERATORS: its tests run on both builds."""
    return request.getfixturevalue("site" if request.param == "mkdocs" else "zensical_site")
