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


def test_a_file_is_read_again_exactly_when_its_bytes_change(tmp_path, monkeypatch):
    from tests.conftest import copy_package

    root = copy_package(tmp_path / "package")
    resource = next(r for r in load.read_descriptor(root / "datapackage.json")["resources"] if r["name"] == "tasks")
    first = load.file_rows(root, resource)
    assert load.file_rows(root, resource) is first  # the same bytes: remembered
    path = root / resource["path"]
    path.write_text(path.read_text(encoding="utf-8").replace("organized basic", "organised basic"), "utf-8")
    assert load.file_rows(root, resource) is not first
    monkeypatch.setattr(load, "READINGS_BYTES", 1)  # every file is over the bound: only the last reading is kept
    monkeypatch.setattr(load, "READINGS", {})
    monkeypatch.setattr(load, "READ_BYTES", [0])
    other = next(r for r in load.read_descriptor(root / "datapackage.json")["resources"] if r["name"] == "agencies")
    kept = load.file_rows(root, other)
    assert load.file_rows(root, other) is kept
    load.file_rows(root, resource)
    assert len(load.READINGS) == 1 and load.file_rows(root, other) is not kept


def test_validation_keeps_the_rows_of_a_valid_file_as_file_rows_reads_them(tmp_path, monkeypatch):
    """Validation reads every row of a file; a valid file's rows are kept, so the build does not read it again. An
    invalid file's rows are not: Frictionless may have stopped early."""
    import frictionless

    from scripts.validate import schema_check
    from tests.conftest import copy_package

    monkeypatch.setattr(load, "READINGS", {})
    monkeypatch.setattr(load, "READ_BYTES", [0])
    root = copy_package(tmp_path / "package")
    resources = {r["name"]: r for r in load.read_descriptor(root / "datapackage.json")["resources"]}
    tasks, observations = resources["tasks"], resources["observations"]
    path = root / observations["path"]
    path.write_text(path.read_text(encoding="utf-8").replace(",612,", ",six hundred,", 1), encoding="utf-8")
    assert schema_check.file_errors(root, tasks) == [] and schema_check.file_errors(root, observations)

    def opened(*args, **kwargs):
        raise AssertionError("read again")

    with monkeypatch.context() as patched:
        patched.setattr(frictionless, "Resource", opened)
        kept = load.file_rows(root, tasks)
        with pytest.raises(AssertionError, match="read again"):
            load.file_rows(root, observations)
    monkeypatch.setattr(load, "READINGS", {})
    assert kept == load.file_rows(root, tasks) and len(kept) == len(fixture.records()["tasks"])
