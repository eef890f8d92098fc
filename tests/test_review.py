"""The pull-request summary (scripts/contrib/review.py): what a data change does, row by row, on a two-commit repository."""

import json
import subprocess

import markdown_it
import pytest
from bs4 import BeautifulSoup

from scripts.contrib import review
from scripts.core import csvio
from tests import fixture
from tests.conftest import copy_project


def git(root, *args):
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(root),
            "PATH": "/usr/bin:/bin",
        },
    )


@pytest.fixture
def repository(tmp_path):
    """The project in a fresh repository with one commit: the base."""
    root = copy_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit_rows(path, change):
    rows = csvio.read_rows(path)
    fields = list(rows[0])
    rows = change(rows)
    csvio.write_rows(path, fields, rows)


def test_an_unchanged_tree_says_so(repository):
    assert "No row of any data file and no key of `datapackage.json` differs from `main`." in review.review(
        "main", repository
    )


def test_rows_added_changed_and_removed_and_the_verdicts_they_move(repository):
    def observations(rows):
        rows[13]["value"] = "58.3"  # row 14: 2023's contribution rate
        new = {
            **rows[-1],
            "id": "24",
            "indicator_id": "sci_progress_contribution",
            "year": "2024",
            "value": "62.5",
            "preferred": "true",
            "note": "",
            "note_en": "",
            "quote": "科技进步贡献率达到62.5%",
        }
        return [row for row in rows if row["id"] != "23"] + [new]

    edit_rows(repository / "data/observations.csv", observations)
    git(repository, "commit", "-q", "-am", "a new figure")
    summary = review.review("HEAD~1", repository)
    assert "| `data/observations.csv` | 1 | 1 | 1 |" in summary
    added = summary.split("Added row `24`:", 1)[1].split("\n\n", 2)[1].splitlines()
    fields = [
        field["name"]
        for resource in fixture.descriptor()["resources"]
        if resource["name"] == "observations"
        for field in resource["schema"]["fields"]
    ]
    assert [line.split(" | ")[0] for line in added[2:]] == [
        f"| `{field}`" for field in fields
    ]  # every field, empty ones too
    assert (
        "| `source_url` | `https://" in summary.split("Added row `24`:", 1)[1] and "| `note` | *(empty)* |" in summary
    )
    assert "Removed row `23`:" in summary
    assert "| `14` | `value` | `58.2` | `58.3` |" in summary
    assert "Pages affected: `targets/sci_progress_contribution/`" in summary
    assert (
        "| `scorecard sci_progress_contribution` | `Past usual release — not found here` |" in summary
    )  # 62.5 ≥ 62: the 2025 outcome moves
    assert "data/tasks.csv" not in summary and "### `datapackage.json`" not in summary  # only what differs


def test_a_change_to_the_descriptor_alone_shows_each_key_and_the_verdicts_it_moves(repository):
    """An attack once went unseen: the summary said "No row differs" while the official link moved to a lookalike host
    and five verdicts flipped."""
    descriptor = json.loads((repository / "datapackage.json").read_text(encoding="utf-8"))
    before = descriptor["document"]["source_url"]
    descriptor["document"]["source_url"] = "https://www.gansu.gov.cn.evil.example/gsszf/x.shtml"
    descriptor["progress_rule"].update(min_observations=1, min_span_years=0, max_latest_age_years=100)
    descriptor["resources"][0]["schema"]["fields"][0]["description"] += " Changed."
    (repository / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    summary = review.review("main", repository)
    assert "No row" not in summary and "| `data/" not in summary
    assert f"| `document.source_url` | `{before}` | `https://www.gansu.gov.cn.evil.example/gsszf/x.shtml` |" in summary
    assert "| `progress_rule.min_observations` | `3` | `1` |" in summary
    name = descriptor["resources"][0]["name"]
    assert f"| `resources[{name}].schema.fields[id].description` |" in summary  # named, not numbered
    verdicts = summary.split("## What readers will see change", 1)[1]
    assert "| `target rd_expenditure 2030` | `Insufficient data` | `On track by trend` |" in verdicts


def changed_line(repository, field: str, value: str) -> str:
    """The summary's line for `field` of observation 2 set to `value` in the working tree."""
    edit_rows(
        repository / "data/observations.csv",
        lambda rows: [{**row, field: value} if row["id"] == "2" else row for row in rows],
    )
    return next(
        line for line in review.review("main", repository).splitlines() if line.startswith(f"| `2` | `{field}`")
    )


def test_nothing_a_contributor_writes_can_mention_link_or_format_in_the_comment(repository):
    payload = "cc @github/security #1 :white_check_mark: ~~pending~~ **ok** see www.evil.example/verify $x$ <b>x</b> a|b ``x``"
    table = "| row | field | before | after |\n| --- | --- | --- | --- |\n" + changed_line(
        repository, "source_title", payload
    )
    cells = BeautifulSoup(markdown_it.MarkdownIt("commonmark").enable("table").render(table), "html.parser").select(
        "tbody td"
    )
    assert len(cells) == 4  # the value's "|" splits no cell (GitHub reads a table as GFM does)
    assert [child.name for child in cells[3].children] == ["code"]  # one code span: no link, no emphasis, no HTML
    assert cells[3].code.get_text() == payload


def test_the_working_tree_is_compared_with_the_base(repository):
    edit_rows(
        repository / "data/task_status.csv",
        lambda rows: [{**row, "status": "not_started"} if row["task_id"] == "3" else row for row in rows],
    )
    summary = review.review("main", repository)
    assert "| `3/2026-11-29` | `status` | `not_assessed` | `not_started` |" in summary
    assert "| `task 3` | `Not yet assessed` | `Not started` |" in summary


def test_a_hostile_value_is_shown_inert(repository):
    line = changed_line(repository, "note", "<script>alert(1)</script> | [x](javascript:alert(2)) `code` =cmd|\u200b")
    assert line.endswith("| `` <script>alert(1)</script> \\| [x](javascript:alert(2)) `code` =cmd\\|\\u200b `` |")


def test_the_command_never_fails_the_run(repository, capsys, monkeypatch):
    monkeypatch.setattr(review, "review", lambda base: 1 / 0)
    assert review.main(["--base", "main"]) == 0
    assert "The summary could not be made: `division by zero`" in capsys.readouterr().out


def test_rows_whose_keys_begin_alike_are_each_shown_in_full(repository):
    """Keys once were cut to 60 characters before the rows were looked up: of two added rows whose keys began alike,
    one was shown twice and the other never."""
    long = "https://example.org/" + "a" * 60
    edit_rows(
        repository / "data/milestone_evidence.csv",
        lambda rows: (
            rows
            + [
                {**rows[0], "source_url": f"{long}/3.shtml", "note": "HIDDEN ROW"},
                {**rows[0], "source_url": f"{long}/4.shtml"},
            ]
        ),
    )
    summary = review.review("main", repository)
    assert f"Added row `{rows_key(repository)}/{long}/3.shtml`:" in summary and f"/{long}/4.shtml`:" in summary
    assert "HIDDEN ROW" in summary


def rows_key(repository) -> str:
    return csvio.read_rows(repository / "data/milestone_evidence.csv")[0]["task_id"]


def test_a_long_summary_cuts_rows_never_the_verdicts(repository, monkeypatch):
    monkeypatch.setattr(review, "SUMMARY_LENGTH", 3_000)
    edit_rows(repository / "data/observations.csv", lambda rows: [{**row, "note": "说明" * 200} for row in rows])
    edit_rows(
        repository / "data/task_status.csv",
        lambda rows: [{**row, "status": "not_started"} if row["task_id"] == "3" else row for row in rows],
    )
    summary = review.review("main", repository)
    assert len(summary) < 3_200 and "| `task 3` | `Not yet assessed` | `Not started` |" in summary
    assert (
        summary.index("## What readers will see change") < summary.index("## `data/")
        and "The rows are cut here" in summary
    )


def test_a_change_of_spaces_alone_shows(repository):
    """A code span drops a space at each end and a page merges several: the change would read the same before and after."""
    line = changed_line(repository, "note", " 报道2020年全省科技工作会议。  ")
    assert line == "| `2` | `note` | `报道2020年全省科技工作会议。` | `␠报道2020年全省科技工作会议。␠␠` |"


def test_a_row_in_chinese_alone_is_listed_as_awaiting_translation_not_as_a_problem(repository):
    edit_rows(
        repository / "data/observations.csv",
        lambda rows: [{**row, "note_en": "", "source_publisher_en": ""} if row["id"] == "2" else row for row in rows],
    )
    summary = review.review("main", repository)
    assert "## Awaiting translation" in summary
    assert (
        "| `data/observations.csv` | `2` | `note_en` |" in summary
        and "| `data/observations.csv` | `2` | `source_publisher_en` |" in summary
    )
    assert "| `data/observations.csv` | `1` |" not in summary  # only the rows this change touches


def test_a_translated_change_awaits_nothing(repository):
    edit_rows(
        repository / "data/task_status.csv",
        lambda rows: [{**row, "status": "not_started"} if row["task_id"] == "3" else row for row in rows],
    )
    assert "Awaiting translation" not in review.review("main", repository)
