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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    given = os.environ.get("TESTED_SITE")
    if given:
        root = Path(given).resolve()
        assert (root / "index.html").is_file() and (root / "en" / "index.html").is_file(), f"TESTED_SITE={given} holds no built site"
        return BuiltSite(root)
    target = tmp_path_factory.mktemp("built") / "site"
    assert build.main(["--site-dir", str(target)]) == 0, "the site did not build"
    return BuiltSite(target)
