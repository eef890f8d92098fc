"""A "new data" issue becomes the row it proposes through the same commands as the command line; recorded bodies."""

from pathlib import Path

import pytest

from scripts import csvio, issue_form

BODIES = Path(__file__).with_name("issue_bodies")


def body(name: str) -> str:
    return (BODIES / name).read_text(encoding="utf-8")


def test_the_parser_reads_the_template_labels():
    fields = issue_form.answers(body("figure.md"))
    assert fields["indicator"] == "sci_progress_contribution" and fields["value"] == "62.5" and fields["task"] == ""
    assert issue_form.command(fields) == ("add_observation", [
        "--indicator", "sci_progress_contribution", "--year", "2024", "--value", "62.5", "--source-title", "2025年甘肃省政府工作报告",
        "--source-publisher", "甘肃省人民政府", "--source-publisher-en", "Gansu Provincial People's Government",
        "--source-url", "https://www.gansu.gov.cn/example", "--published", "2025-01-20", "--quote", "科技进步贡献率达到62.5%",
        "--source-kind", "government_statement"])


def test_a_valid_figure_is_added_and_the_author_credited(package_copy):
    added, text = issue_form.propose(body("figure.md"), package_copy)
    assert added, text
    row = csvio.read_rows(package_copy / "data/observations.csv")[-1]
    assert (row["indicator_id"], row["year"], row["value"], row["source_publisher_en"]) == (
        "sci_progress_contribution", "2024", "62.5", "Gansu Provincial People's Government")
    assert "@octo" in issue_form.report(added, text, "octo")


def test_a_valid_status_is_added(package_copy):
    added, text = issue_form.propose(body("status.md"), package_copy)
    assert added, text
    rows = csvio.read_rows(package_copy / "data/task_status.csv")
    assert [(r["task_id"], r["status"]) for r in rows if r["as_of"] == "2026-12-01"] == [("17", "completed")]


def test_an_invalid_figure_is_refused_with_its_field_and_nothing_is_written(package_copy):
    before = (package_copy / "data/observations.csv").read_bytes()
    added, text = issue_form.propose(body("invalid.md"), package_copy)
    assert not added and "--value" in text and "六十二" in text and "Traceback" not in text
    assert (package_copy / "data/observations.csv").read_bytes() == before
    assert "nothing was written" in issue_form.report(added, text)


def test_a_hostile_quote_is_refused_and_reported_inert(package_copy):
    before = (package_copy / "data/observations.csv").read_bytes()
    added, text = issue_form.propose(body("hostile.md"), package_copy)
    assert not added and "quote" in text and "Traceback" not in text
    assert (package_copy / "data/observations.csv").read_bytes() == before
    markdown = issue_form.report(added, text)
    block = markdown[markdown.index("\n`") + 1:]
    fence = block.split("\n", 1)[0].removesuffix("text")
    inside = block.split("\n", 1)[1].rsplit(fence, 1)[0]
    assert fence.startswith("```") and fence not in inside  # nothing the reporter typed can close the block
    assert issue_form.fenced("a ```` b").startswith("`````")


@pytest.mark.parametrize("text, why", [("just some words", "new data"), ("### 类别 · Kind\n\n_No response_\n", "choose a kind"),
                                       ("x" * 70_000, "longer than")])
def test_a_body_that_is_not_an_answered_form_is_refused(package_copy, text, why):
    added, report = issue_form.propose(text, package_copy)
    assert not added and why in report


def test_the_command_exits_one_with_a_report(package_copy, tmp_path):
    (tmp_path / "body.md").write_text(body("invalid.md"), encoding="utf-8")
    code = issue_form.main(["--body-file", str(tmp_path / "body.md"), "--report", str(tmp_path / "r.md"), "--root", str(package_copy)])
    assert code == 1 and "六十二" in (tmp_path / "r.md").read_text(encoding="utf-8")
