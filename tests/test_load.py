"""load.records reads each file on its own, without its foreign keys: the values are those Frictionless gives when it
reads the whole package, keys and all (the keys only add checks, which validation has made)."""

import pytest
from frictionless import Package

from scripts.core import load, paths
from tests import fixture


def read_as_a_package(descriptor_path) -> load.Records:
    package = Package(str(descriptor_path.resolve()), basepath=str(descriptor_path.resolve().parent))
    out = {}
    for resource in package.resources:
        with resource:
            out[resource.name] = [{key: load.plain(value) for key, value in row.items()} for row in resource.row_stream]
    return out


@pytest.mark.parametrize("descriptor_path", [paths.PACKAGE, fixture.PACKAGE], ids=["data", "tests' package"])
def test_records_are_what_the_whole_package_reads(descriptor_path):
    records = load.records(descriptor_path)
    assert records == read_as_a_package(descriptor_path)
    assert all(records[name] for name in ("tasks", "indicators", "observations"))
    assert any(isinstance(row["value"], (int, float)) for row in records["observations"])  # typed, not text
