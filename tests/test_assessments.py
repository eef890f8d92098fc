"""The derived assessments table: every verdict the site shows, reproducible from the downloads, marked as computed."""

import datetime as dt
import io
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from scripts.core import i18n, paths
from scripts.model import assessments, model
from scripts.render import downloads
from scripts.site import generate, site_config
from tests import fixture

DAY = dt.date(2026, 12, 4)


def sites():
    return {lang: model.build(fixture.records(), fixture.descriptor(), lang=lang, known=DAY) for lang in i18n.LANGUAGES}


def test_every_target_and_milestone_verdict_is_a_row_with_its_date_and_rule():
    built = sites()
    rows = assessments.rows(built, "2026-11")
    targets = [row for row in rows if row["kind"] == "target"]
    assert len(targets) == sum(len(i.targets) for i in built["zh"].indicators)
    shown = {(i.id, t.year): t.status for i in built["zh"].indicators for t in i.targets}
    assert {(row["indicator_id"], row["year"]): row["label"] for row in targets} == shown
    milestones = [row for row in rows if row["kind"] == "milestone"]
    assert [row["task_id"] for row in milestones] == [m.task_id for m in built["zh"].scorecard.milestones]
    assert all(
        row["assessed_on"] == "2026-12-04"
        and row["rule_version"] == fixture.descriptor()["progress_rule"]["version"]
        and row["computed_by"] == assessments.COMPUTED_BY
        and row["label_en"]
        for row in rows
    )


def test_the_downloads_carry_it_beside_the_package_not_inside_it(tmp_path):
    rows = assessments.rows(sites(), "2026-11")
    root = tmp_path / "project"
    shutil.copytree(fixture.ROOT, root)
    for name in ("CITATION.cff", "LICENSE-DATA.md"):
        shutil.copy(paths.ROOT / name, root / name)
    files = downloads.files(fixture.descriptor(), fixture.records(), root, rows)
    assert files["assessments.csv"].decode().splitlines()[0] == ",".join(assessments.COLUMNS)
    with zipfile.ZipFile(io.BytesIO(files[f"{fixture.descriptor()['name']}.zip"])) as archive:
        names = archive.namelist()
        assert "derived/assessments.csv" in names and "not official" in archive.read("derived/README.md").decode()
        assert "derived/" not in archive.read("datapackage.json").decode()  # not a resource of the package
    book = load_workbook(io.BytesIO(files[downloads.workbook_name(fixture.descriptor(), "en")]))
    sheet = book["assessments"]
    assert "not an official assessment" in sheet["A1"].value and sheet.max_row == len(rows) + 2


def test_the_assessment_date_is_an_input_with_a_clear_error(monkeypatch):
    monkeypatch.setenv("ASSESSMENT_DATE", "2027-01-05")
    assert site_config.assessment_date() == dt.date(2027, 1, 5)
    monkeypatch.setenv("ASSESSMENT_DATE", "5 January")
    with pytest.raises(generate.GenerateError, match="ASSESSMENT_DATE: '5 January' is not a date written YYYY-MM-DD"):
        generate.assessment_date()
    monkeypatch.delenv("ASSESSMENT_DATE")
    assert site_config.assessment_date() == dt.datetime.now(dt.UTC).date()
