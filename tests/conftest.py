"""Shared fixtures: a fresh copy of the tests' data package (tests/fixture-package/) for each test that breaks one, and
buildable copies of the project."""

import os
import shutil
from pathlib import Path

import pytest

from scripts.core import paths
from tests import fixture

# The address that receives emailed contributions (mkdocs.yml extra.contact_email, none published yet): the sites the
# tests build have one of the domain reserved for examples, unless one is set, so the mailto: route is tested too.
os.environ.setdefault("CONTACT_EMAIL", "contribute@example.org")


def copy_package(root: Path) -> Path:
    """The tests' datapackage.json and data/ copied into `root`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture.PACKAGE, root / "datapackage.json")
    shutil.copytree(fixture.DATA, root / "data")
    return root


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """The tests' datapackage.json and data/ copied into a temporary root."""
    return copy_package(tmp_path)


def copy_project(project: Path, data_from: Path = fixture.ROOT) -> Path:
    """A buildable copy of the whole project (pipeline, theme, pages) with the data package of `data_from` (the tests'
    own, unless a test needs the real one), for end-to-end builds of altered data."""
    project.mkdir()
    for name in (
        "scripts",
        "content",
        "overrides",
        "docs",
        ".github/ISSUE_TEMPLATE",
    ):  # the contribute form reads the issue form
        shutil.copytree(paths.ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data_from / "data", project / "data")
    shutil.copy(data_from / "datapackage.json", project / "datapackage.json")
    for name in ("mkdocs.yml", "CITATION.cff", "LICENSE-DATA.md"):
        shutil.copy(paths.ROOT / name, project / name)
    # The caches are content-addressed and written whole (scripts/core/stage_cache.py), so every copy shares ours: a
    # chart drawn for one build of the run is not drawn again for the next, whichever copy or worker drew it.
    (paths.ROOT / ".cache").mkdir(exist_ok=True)
    (project / ".cache").symlink_to(paths.ROOT / ".cache", target_is_directory=True)
    return project


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


from tests.browser_fixture import browser  # noqa: E402,F401  (session-scoped chromium)
from tests.site_fixture import site, tested_project, zensical_site  # noqa: E402,F401  (session-scoped built sites)

# Fixtures that wait for a whole site to be built (once per run, by whichever worker asks first; see site_fixture.shared).
SITE_FIXTURES = {"site", "zensical_site", "tested_project", "hostile_project", "hostile_site"}


def pytest_collection_modifyitems(session, config, items):
    """The test files that read a built site run after those that do not, each file's tests kept together and in order:
    xdist deals the list out in halves, so one worker starts on the site builds while the other runs the tests that
    need none, instead of both waiting for the same build."""
    needs_site = {item.module.__name__ for item in items if SITE_FIXTURES & set(item.fixturenames)}
    items.sort(key=lambda item: item.module.__name__ in needs_site)  # a stable sort: the order within each group stays
