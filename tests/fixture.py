"""The tests' own data package (tests/fixture-package/): a frozen copy of the data, so that unit and page tests may
pin a figure, a row number or a verdict that no contribution to data/ can change. Tests of the real data/ check only
properties that hold for any valid data."""

from functools import cache
from pathlib import Path

from scripts.core import load
from scripts.model import model

ROOT = Path(__file__).resolve().parent / "fixture-package"
PACKAGE = ROOT / "datapackage.json"
DATA = ROOT / "data"


@cache
def _records() -> load.Records:
    return load.records(PACKAGE)


def records() -> load.Records:
    """The fixture's typed rows: a fresh copy each time, so a test may change its own."""
    return {name: [dict(row) for row in rows] for name, rows in _records().items()}


def descriptor() -> dict:
    return load.read_descriptor(PACKAGE)


def site(lang: str = "zh", **options) -> model.Site:
    """The fixture's page model in one language."""
    return model.build(records(), descriptor(), lang=lang, **options)
