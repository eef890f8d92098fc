"""The add commands: good input lands in canonical form; bad input is refused with a usable message."""

import argparse
import shutil
import subprocess
import sys

import pytest

from scripts import add, add_observation, add_status, csvio, paths, validate

SOURCE = ["--source-title", "2023年全国科技经费投入统计公报", "--source-publisher", "国家统计局、科学技术部、财政部",
          "--source-url", "https://www.stats.gov.cn/example", "--published", "2024-10-02",
          "--quote", "甘肃156.2亿元", "--source-kind", "official_statistics"]


@pytest.fixture
def copy(tmp_path):
    shutil.copy(paths.PACKAGE, tmp_path / "datapackage.json")
    shutil.copytree(paths.DATA, tmp_path / "data")
    return tmp_path


def add_figure(root, argv):
    args = add_observation.parser().parse_args(argv)
    row, demoted = add_observation.build_row(args, root)

    def demote(rows):
        for existing in rows:
            if existing["id"] in demoted:
                existing["preferred"] = "false"

    return row, add.add_row("observations", row, lambda r: int(r["id"]), root=root, edit=demote)


def test_a_good_figure_is_added_in_canonical_form(copy):
    before = (copy / "data/observations.csv").read_text(encoding="utf-8")
    row, problems = add_figure(copy, ["--indicator", "rd_expenditure", "--year", "2023", "--value", "156.2", *SOURCE])
    assert problems == []
    after = (copy / "data/observations.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1
    assert after.splitlines()[-1].startswith(f"{row['id']},rd_expenditure,2023,156.2,亿元,")
    rows = csvio.read_rows(copy / "data/observations.csv")
    assert csvio.render_rows(list(rows[0]), rows) == after  # canonical
    assert validate.problems_in(copy) == []


def test_a_second_figure_for_a_year_is_not_preferred_unless_asked_with_a_reason(copy):
    row, problems = add_figure(copy, ["--indicator", "rd_expenditure", "--year", "2022", "--value", "144.1", *SOURCE])
    assert problems == [] and row["preferred"] is False
    with pytest.raises(add.InputError, match="--note: say why"):
        add_figure(copy, ["--indicator", "rd_expenditure", "--year", "2022", "--value", "144.1", "--preferred", *SOURCE])
    with pytest.raises(add.InputError) as refused:
        add_figure(copy, ["--indicator", "rd_expenditure", "--year", "2022", "--value", "144.1", "--preferred",
                          "--note", "统计公报本身的数字", *SOURCE])
    assert "--note-en" in str(refused.value)
    row, problems = add_figure(copy, ["--indicator", "rd_expenditure", "--year", "2022", "--value", "144.1", "--preferred",
                                      "--note", "统计公报本身的数字", "--note-en", "the statistical bulletin's own figure", *SOURCE])
    assert problems == []
    preferred = [r for r in csvio.read_rows(copy / "data/observations.csv")
                 if r["indicator_id"] == "rd_expenditure" and r["year"] == "2022" and r["preferred"] == "true"]
    assert [r["value"] for r in preferred] == ["144.1"]


@pytest.mark.parametrize("argv, message", [
    (["--indicator", "rd_spending", "--year", "2023", "--value", "1", *SOURCE], "--indicator: 'rd_spending' is not an indicator; choose one of:"),
    (["--indicator", "rd_expenditure", "--year", "2023", "--value", "很多", *SOURCE], "--value: '很多' is not a number (in 亿元"),
    (["--indicator", "rd_expenditure", "--year", "1880", "--value", "1", *SOURCE], "--year: '1880' is not a year between 2000 and 2100"),
    (["--indicator", "rd_expenditure", "--year", "2023", "--value", "nan", *SOURCE], "--value: 'nan' is not a finite number"),
    (["--indicator", "rd_expenditure", "--year", "2023", "--value", "1"], "missing: --source-title, --source-publisher"),
])
def test_bad_figures_are_refused_before_anything_is_written(copy, argv, message):
    before = (copy / "data/observations.csv").read_bytes()
    with pytest.raises(add.InputError) as caught:
        add_figure(copy, argv)
    assert str(caught.value).startswith(message)
    assert (copy / "data/observations.csv").read_bytes() == before


def test_a_figure_the_validator_rejects_is_not_written(copy):
    before = (copy / "data/observations.csv").read_bytes()
    argv = ["--indicator", "rd_expenditure", "--year", "2023", "--value", "1", *SOURCE]
    argv[argv.index("--source-url") + 1] = "not a url"
    _, problems = add_figure(copy, argv)
    assert any(":source_url: 'not a url' is not an http(s) link" in p for p in problems)
    assert (copy / "data/observations.csv").read_bytes() == before


def status_args(**overrides):
    values = {"task": "15", "as_of": "2025-04-02", "status": "on_track", "summary": "甘肃省科技招商联盟成立。",
              "summary_en": "The Gansu science and technology investment promotion alliance was founded.",
              "source_title": "推动优质成果从书架走向货架 甘肃省科技招商联盟成立", "source_publisher": "每日甘肃网 / 兰州晚报",
              "source_url": "https://gansu.gansudaily.com.cn/system/2025/04/02/031162072.shtml", "published": "2025-04-02",
              "quote": "甘肃省科技招商联盟成立", "source_kind": "media_report"}
    values.update(overrides)
    return argparse.Namespace(**values)


def test_a_good_status_is_added(copy):
    row = add_status.build_row(status_args(), copy)
    problems = add.add_row("task_status", row, lambda r: (int(r["task_id"]), str(r["as_of"])), root=copy)
    assert problems == []
    rows = [r for r in csvio.read_rows(copy / "data/task_status.csv") if r["task_id"] == "15"]
    assert [r["status"] for r in rows] == ["on_track", "not_assessed"]  # a history, in date order


@pytest.mark.parametrize("overrides, message", [
    ({"task": "27"}, "--task: '27' is not a task number"),
    ({"as_of": "2025/04/02"}, "--as-of: '2025/04/02' is not a date"),
    ({"status": "done"}, "--status: 'done' is not a status; choose one of: not_assessed"),
    ({"source_url": "", "quote": ""}, "missing: --source-url, --quote"),
    ({"summary": ""}, "missing: --summary"),
    ({"summary_en": ""}, "missing: --summary-en"),
])
def test_bad_statuses_are_refused(copy, overrides, message):
    with pytest.raises(add.InputError) as caught:
        add_status.build_row(status_args(**overrides), copy)
    assert str(caught.value).startswith(message)


def test_a_status_in_the_future_is_rejected_by_validation(copy, monkeypatch):
    monkeypatch.setenv("TODAY", "2026-11-29")
    row = add_status.build_row(status_args(as_of="2027-01-01"), copy)
    problems = add.add_row("task_status", row, lambda r: (int(r["task_id"]), str(r["as_of"])), root=copy)
    assert any("as_of: 2027-01-01 is in the future" in p for p in problems)


def test_the_command_line_reports_without_a_traceback():
    result = subprocess.run([sys.executable, "-m", "scripts.add_observation", "--indicator", "nope", "--year", "2023", "--value", "1"],
                            cwd=paths.ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("add_observation: --indicator: 'nope' is not an indicator")


def test_the_worked_example_in_contributing_reproduces_row_9():
    import re
    import shlex

    text = (paths.ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command = re.search(r"\.venv/bin/python -m scripts\.add_observation \\\n(.*?)```", text, re.S)[1]
    argv = shlex.split(command.replace("\\\n", " "))
    row, _ = add_observation.build_row(add_observation.parser().parse_args(argv))
    existing = next(r for r in csvio.read_rows(paths.DATA / "observations.csv") if r["id"] == "9")
    for field in ("indicator_id", "year", "value", "unit", *add_observation.SOURCE_OPTIONS):
        assert str(row[field]) == existing[field], field
