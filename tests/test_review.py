"""The pull-request summary (scripts/review.py): what a data change does, row by row, on a two-commit repository."""

import subprocess

import pytest

from scripts import csvio, review
from tests.conftest import copy_project


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(root), "PATH": "/usr/bin:/bin"})


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
    assert "No row of any data file differs from `main`" in review.review("main", repository)


def test_rows_added_changed_and_removed_and_the_verdicts_they_move(repository):
    def observations(rows):
        rows[13]["value"] = "58.3"  # row 14: 2023's contribution rate
        new = {**rows[-1], "id": "24", "indicator_id": "sci_progress_contribution", "year": "2024", "value": "62.5",
               "preferred": "true", "note": "", "note_en": "", "quote": "科技进步贡献率达到62.5%"}
        return [row for row in rows if row["id"] != "23"] + [new]

    edit_rows(repository / "data/observations.csv", observations)
    git(repository, "commit", "-q", "-am", "a new figure")
    summary = review.review("HEAD~1", repository)
    assert "| `data/observations.csv` | 1 | 1 | 1 |" in summary
    assert "- Added row 24: id: 24; indicator\\_id: sci\\_progress\\_contribution; year: 2024; value: 62.5" in summary
    assert "- Removed row 23:" in summary
    assert "| 14 | `value` | 58.2 | 58.3 |" in summary
    assert "Pages affected: `targets/sci_progress_contribution/`" in summary
    assert "| scorecard sci\\_progress\\_contribution | Official figure overdue |" in summary  # 62.5 ≥ 62: the 2025 outcome moves
    assert "data/tasks.csv" not in summary  # only files whose rows differ


def test_the_working_tree_is_compared_with_the_base(repository):
    edit_rows(repository / "data/task_status.csv", lambda rows: [{**row, "status": "not_started"} if row["task_id"] == "3" else row
                                                                 for row in rows])
    summary = review.review("main", repository)
    assert "| 3/2026-11-29 | `status` | not\\_assessed | not\\_started |" in summary
    assert "| task 3 | Not yet assessed | Not started |" in summary


def test_a_hostile_value_is_shown_inert(repository):
    payload = "<script>alert(1)</script> | [x](javascript:alert(2)) `code` =cmd|"
    edit_rows(repository / "data/observations.csv", lambda rows: [{**row, "note": payload} if row["id"] == "2" else row
                                                                  for row in rows])
    summary = review.review("main", repository)
    line = next(line for line in summary.splitlines() if line.startswith("| 2 | `note`"))
    assert "<script>" not in line and "&lt;script&gt;" in line
    assert "[x](javascript" not in line and "\\[x\\]" in line and line.count(" | ") == 3  # still four cells


def test_the_command_never_fails_the_run(repository, capsys, monkeypatch):
    monkeypatch.setattr(review, "review", lambda base: 1 / 0)
    assert review.main(["--base", "main"]) == 0
    assert "The summary could not be made: division by zero" in capsys.readouterr().out
