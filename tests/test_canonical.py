"""One canonical form per data file: rewriting it changes no byte."""

import pytest

from scripts.core import csvio, load, paths

DESCRIPTOR = load.read_descriptor()
RESOURCES = DESCRIPTOR["resources"]


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r["name"])
def test_rewriting_the_file_changes_nothing(resource):
    path = paths.ROOT / resource["path"]
    raw = path.read_bytes()
    fields = [field["name"] for field in resource["schema"]["fields"]]
    rows = csvio.read_rows(path)
    key = resource["schema"]["primaryKey"]
    integer = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "integer"}

    def order(row):
        return tuple(int(row[k]) if k in integer else row[k] for k in key)

    rewritten = csvio.render_rows(fields, sorted(rows, key=order)).encode("utf-8")
    assert raw == rewritten, f"{resource['path']} is not in canonical form (column order, row order, quoting)"


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r["name"])
def test_utf8_without_bom_and_lf_only(resource):
    raw = (paths.ROOT / resource["path"]).read_bytes()
    raw.decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")


def test_a_file_out_of_canonical_form_is_detected(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,name\n2,"b"\n1,a\n', encoding="utf-8")
    rows = csvio.read_rows(path)
    assert csvio.render_rows(["id", "name"], sorted(rows, key=lambda r: int(r["id"]))) != path.read_text(
        encoding="utf-8"
    )


def test_plan_text_is_utf8_lf():
    raw = paths.PLAN_TEXT.read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n") and not raw.startswith(b"\xef\xbb\xbf")
