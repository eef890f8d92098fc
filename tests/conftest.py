"""Shared fixtures: a fresh copy of the data package for each test that breaks one."""

import shutil
from pathlib import Path

import pytest

from scripts import paths


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """The repository's datapackage.json and data/ copied into a temporary root."""
    shutil.copy(paths.PACKAGE, tmp_path / "datapackage.json")
    shutil.copytree(paths.DATA, tmp_path / "data")
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


from tests.site_fixture import site  # noqa: E402,F401  (session-scoped built site)
