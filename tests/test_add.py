"""The add commands: good input lands in canonical form; bad input is refused with a usable message."""

import argparse
import shlex
import shutil
import subprocess
import sys

import pytest

from scripts.contrib import add, add_observation, add_status
from scripts.core import csvio, forms, paths
from scripts.validate import validate
from tests import fixture

SOURCE = [
    "--source-title",
    "2023年全国科技经费投入统计公报",
    "--source-publisher",
    "国家统计局、科学技术部、财政部",
    "--source-publisher-en",
    "National Bureau of Statistics, Ministry of Science and Technology, Ministry of Finance",
    "--source-url",
    "https://www.stats.gov.cn/example",
    "--published",
    "2024-10-02",
    "--quote",
    "甘肃156.2亿元",
    "--source-kind",
    "official_statistics",
]


@pytest.fixture
def copy(tmp_path):
    shutil.copy(fixture.PACKAGE, tmp_path / "datapackage.json")
    shutil.copytree(fixture.DATA, tmp_path / "data")
    return tmp_path


def add_figure(root, argv):
    args = add_observation.parser().parse_args(argv)
    return add.add_row(
        "observations", lambda rows: add_observation.build_row(args, rows, root), lambda r: int(r["id"]), root=root
    )


def add_state(root, args):
    return add.add_row(
        "task_status",
        lambda rows: add_status.build_row(args, rows, root),
        lambda r: (int(r["task_id"]), str(r["as_of"])),
        root=root,
    )


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
        add_figure(
            copy, ["--indicator", "rd_expenditure", "--year", "2022", "--value", "144.1", "--preferred", *SOURCE]
        )
    row, problems = add_figure(
        copy,
        [
            "--indicator",
            "rd_expenditure",
            "--year",
            "2022",
            "--value",
            "144.1",
            "--preferred",
            "--note",
            "统计公报本身的数字",
            *SOURCE,
        ],
    )  # the note's English may follow
    assert problems == [] and row["note_en"] is None
    preferred = [
        r
        for r in csvio.read_rows(copy / "data/observations.csv")
        if r["indicator_id"] == "rd_expenditure" and r["year"] == "2022" and r["preferred"] == "true"
    ]
    assert [r["value"] for r in preferred] == ["144.1"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["--indicator", "rd_spending", "--year", "2023", "--value", "1", *SOURCE],
            "--indicator: 'rd_spending' is not an indicator; choose one of:",
        ),
        (
            ["--indicator", "rd_expenditure", "--year", "2023", "--value", "很多", *SOURCE],
            "--value: '很多' is not a number (in 亿元",
        ),
        (
            ["--indicator", "rd_expenditure", "--year", "1880", "--value", "1", *SOURCE],
            "--year: '1880' is not a year between 2000 and 2100",
        ),
        (
            ["--indicator", "rd_expenditure", "--year", "2023", "--value", "nan", *SOURCE],
            "--value: 'nan' is not a finite number",
        ),
        (
            ["--indicator", "rd_expenditure", "--year", "2023", "--value", "1"],
            "missing: --source-title, --source-publisher",
        ),
    ],
)
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
    values = {
        "task": "15",
        "as_of": "2025-04-02",
        "status": "on_track",
        "summary": "甘肃省科技招商联盟成立。",
        "summary_en": "The Gansu science and technology investment promotion alliance was founded.",
        "source_title": "推动优质成果从书架走向货架 甘肃省科技招商联盟成立",
        "source_publisher": "每日甘肃网/兰州晚报",
        "source_publisher_en": "Daily Gansu Net / Lanzhou Evening News",
        "source_url": "https://gansu.gansudaily.com.cn/system/2025/04/02/031162072.shtml",
        "published": "2025-04-02",
        "quote": "甘肃省科技招商联盟成立",
        "source_kind": "media_report",
    }
    values.update(overrides)
    return argparse.Namespace(**values)


def test_a_status_in_chinese_alone_with_chinese_dates_is_stored_in_iso_form(copy):
    row, problems = add_state(
        copy, status_args(as_of="2025年4月2日", published="２０２５年４月", summary_en="", source_publisher_en="")
    )
    assert problems == []
    assert (row["as_of"], row["published"], row["summary_en"], row["source_publisher_en"]) == (
        "2025-04-02",
        "2025-04",
        None,
        None,
    )


def test_a_good_status_is_added(copy):
    _, problems = add_state(copy, status_args())
    assert problems == []
    rows = [r for r in csvio.read_rows(copy / "data/task_status.csv") if r["task_id"] == "15"]
    assert [r["status"] for r in rows] == ["on_track", "not_assessed"]  # a history, in date order


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"task": "27"}, "--task: '27' is not a task number"),
        ({"as_of": "2025/04/02"}, "--as-of: '2025/04/02' is not a date"),
        ({"status": "done"}, "--status: 'done' is not a status; choose one of: not_assessed"),
        ({"source_url": "", "quote": ""}, "missing: --source-url, --quote"),
        ({"summary": ""}, "missing: --summary"),
        ({"as_of": "2025年2月30日"}, "--as-of: '2025年2月30日' is not a real day of the calendar"),
        ({"as_of": "2025年4月"}, "--as-of: '2025年4月' needs the day"),
        ({"published": "2025年13月"}, "--published: '2025年13月' is not a real day of the calendar"),
    ],
)
def test_bad_statuses_are_refused(copy, overrides, message):
    with pytest.raises(add.InputError) as caught:
        add_status.build_row(status_args(**overrides), root=copy)
    assert str(caught.value).startswith(message)


def test_a_status_in_the_future_is_rejected_by_validation(copy, monkeypatch):
    monkeypatch.setenv("TODAY", "2026-12-31")
    _, problems = add_state(copy, status_args(as_of="2027-01-01"))
    assert any("as_of: 2027-01-01 is in the future" in p for p in problems)


def test_the_command_line_reports_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "add_observation", "--indicator", "nope", "--year", "2023", "--value", "1"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("add_observation: --indicator: 'nope' is not an indicator")


def test_the_worked_example_in_contributing_reproduces_row_9():
    import re
    import shlex

    text = (paths.ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command = re.search(r"\.venv/bin/python -m scripts add_observation \\\n(.*?)```", text, re.S)[1]
    argv = shlex.split(command.replace("\\\n", " "))
    row = add_observation.build_row(
        add_observation.parser().parse_args(argv), csvio.read_rows(fixture.DATA / "observations.csv")
    )
    existing = next(r for r in csvio.read_rows(fixture.DATA / "observations.csv") if r["id"] == "9")
    for field in ("indicator_id", "year", "value", "unit", *forms.SOURCE_OPTIONS):
        assert str(row[field]) == existing[field], field


# --- never lose a row ---------------------------------------------------------------------------

FIGURE = ["--indicator", "rd_expenditure", "--year", "2023", "--value", "156.2", *SOURCE]


def run_command(copy, *argv, command="add_observation"):
    return subprocess.run(
        [sys.executable, "-m", "scripts", command, *argv, "--root", str(copy)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )


def strays(copy):
    return sorted(p.name for p in (copy / "data").iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_full_disk_leaves_the_file_as_it_was(copy, monkeypatch, capsys, step):
    """ENOSPC at each step of writing the real file: the old file stays whole, no temporary file is left, no traceback."""
    import errno
    import os
    import tempfile

    target = str((copy / "data").resolve())
    full = OSError(errno.ENOSPC, "No space left on device")

    def in_target(path):
        return str(path).startswith(target)

    real_fsync, real_replace, real_temporary = os.fsync, os.replace, tempfile.NamedTemporaryFile

    def fsync(fd):
        if step == "fsync" and in_target(os.readlink(f"/proc/self/fd/{fd}")):
            raise full
        return real_fsync(fd)

    def replace(source, destination):
        if step == "replace" and in_target(destination):
            raise full
        return real_replace(source, destination)

    class HalfWritten:  # writes half the bytes, then the disk is full
        def __init__(self, handle):
            self.handle, self.name = handle, handle.name

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise full

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def temporary(*args, **kwargs):
        handle = real_temporary(*args, **kwargs)
        return HalfWritten(handle) if step == "write" and in_target(kwargs.get("dir", "")) else handle

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", temporary)
    before = (copy / "data/observations.csv").read_bytes()
    assert add_observation.main([*FIGURE, "--root", str(copy)]) == 1
    err = capsys.readouterr().err
    assert (
        "could not write the data (No space left on device); observations is unchanged" in err
        and "Traceback" not in err
    )
    assert (copy / "data/observations.csv").read_bytes() == before
    assert strays(copy) == []


def test_two_runs_at_once_both_land(copy):
    """Without the lock both runs read the same rows, both said "added row 22" (then), and one row was lost."""
    existing = len(csvio.read_rows(copy / "data/observations.csv"))
    second = [*FIGURE]
    second[second.index("--year") + 1] = "2021"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "scripts", "add_observation", *argv, "--root", str(copy)],
            cwd=paths.ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in (FIGURE, second)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    said = sorted(out.split("added row ")[1].split(" ")[0] for out, _ in outputs)
    rows = csvio.read_rows(copy / "data/observations.csv")
    new = [str(existing + 1), str(existing + 2)]
    assert said == new and [r["id"] for r in rows[-2:]] == new
    assert len(rows) == existing + 2 and validate.problems_in(copy) == [] and strays(copy) == []


@pytest.mark.parametrize(
    "damage, message",
    [
        (
            lambda text: text.replace("source_title_en", "source_title_english", 1),
            "data/observations.csv:1:source_title_en: column is missing",
        ),
        (lambda text: "\ufeff" + text, "data/observations.csv:1: starts with a byte-order mark"),
    ],
)
def test_a_damaged_file_is_refused_not_rewritten(copy, damage, message):
    """A renamed column once "succeeded" and deleted every English source title; a BOM gave a KeyError traceback."""
    path = copy / "data/observations.csv"
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = path.read_bytes()
    for command, argv in (
        ("add_observation", FIGURE),
        ("add_status", ["--task", "15", "--as-of", "2025-04-02", "--status", "not_assessed"]),
    ):
        result = run_command(copy, *argv, command=command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "the data package has these problems already" in result.stderr and message in result.stderr
        assert path.read_bytes() == before


def test_a_command_failure_no_check_foresaw_is_one_line(copy, monkeypatch, capsys):
    monkeypatch.setattr(validate, "problems_remembered", lambda root: 1 / 0)  # what the command runs first
    assert add_observation.main([*FIGURE, "--root", str(copy)]) == 2
    assert capsys.readouterr().err.startswith(
        "add_observation: unexpected failure (ZeroDivisionError: division by zero); please report it"
    )


def documented_command(module) -> list[str]:
    """The example command in a contributor command's docstring, as a contributor would paste it."""
    text = module.__doc__.split("\n\n")[1].replace("\\\n", " ")
    words = shlex.split(text)
    return words[words.index("-m") + 2 :]


@pytest.mark.parametrize("module", [add_observation, add_status], ids=lambda module: module.__name__)
def test_the_documented_example_adds_a_row(copy, module):
    """A contribution made exactly as the command documents it is accepted (on the tests' own data: on data/ the same
    example may already have been added, and a second copy of a row is rightly refused; the built site's tests run on
    data/ with a contribution added, tests/site_fixture.py)."""
    rows = lambda: sum(len(csvio.read_rows(path)) for path in (copy / "data").glob("*.csv"))  # noqa: E731
    before = rows()
    result = subprocess.run(
        [sys.executable, "-m", "scripts", *documented_command(module), "--root", str(copy)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.startswith("added "), result.stdout + result.stderr
    assert rows() == before + 1 and validate.problems_in(copy) == []


def test_an_answer_typed_in_decomposed_form_is_written_composed(copy):
    """ "é" pasted as e + U+0301 looks the same but is another text to a search; the command composes it, and
    validation refuses text that is not composed."""
    argv = [*FIGURE]
    argv[argv.index("--source-publisher-en") + 1] = "Cafe\u0301 Bureau of Statistics"
    assert add_observation.main([*argv, "--root", str(copy)]) == 0
    assert (
        csvio.read_rows(copy / "data/observations.csv")[-1]["source_publisher_en"] == "Caf\u00e9 Bureau of Statistics"
    )
    path = copy / "data/observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Caf\u00e9 Bureau", "Cafe\u0301 Bureau"), encoding="utf-8")
    found = [str(problem) for problem in validate.problems_in(copy)]
    assert any(":source_publisher_en: is not in composed form (Unicode NFC)" in problem for problem in found), found
