"""make site: publish nothing half-made; a macro error fails the build."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.core import problems, stage_cache
from scripts.site import build
from scripts.validate import validate


@pytest.fixture(autouse=True)
def nothing_remembered(tmp_path_factory, monkeypatch):
    """No validation passed before: each test's build checks its data afresh."""
    monkeypatch.setattr(stage_cache, "CACHE", tmp_path_factory.mktemp("stages"))
    monkeypatch.setattr(stage_cache, "MEMORY", {})


def test_invalid_data_leaves_the_previous_site_untouched(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    monkeypatch.setattr(validate, "problems_in", lambda root: [problems.Problem("data/tasks.csv", 3, "id", "broken")])
    assert build.main(["--site-dir", str(site)]) == 1
    assert (site / "index.html").read_text() == "previous build"
    assert "data/tasks.csv:3:id: broken" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_publish_swaps_in_the_new_build(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site/old.html").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new/index.html").write_text("new")
    build.publish(tmp_path / "new", tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == [
        "old.html"
    ]  # the previous build, for the caller to remove


def fake_mkdocs(returncode=0):
    """Stands in for `mkdocs build` (run in the build's own process): writes a one-page site into its --site-dir."""

    def run(arguments, environment):
        site = Path(arguments[arguments.index("--site-dir") + 1])
        site.mkdir(parents=True)
        (site / "index.html").write_text("new build")
        return returncode

    return run


def previous_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    return site


def failing(*args, **kwargs):
    raise OSError(errno.EIO, "Input/output error")


@pytest.mark.parametrize("step", ["mkdocs", "exchange", "second rename"])
def test_a_failure_at_any_step_leaves_the_previous_site_whole(tmp_path, monkeypatch, capsys, step):
    site = previous_site(tmp_path)
    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(returncode=1 if step == "mkdocs" else 0))
    if step == "exchange":
        monkeypatch.setattr(build, "exchange", failing)
    if step == "second rename":  # the fallback where the file system cannot exchange: the old site is put back
        monkeypatch.setattr(
            build, "exchange", lambda *paths: (_ for _ in ()).throw(OSError(errno.EINVAL, "Invalid argument"))
        )
        real_rename, calls = os.rename, []

        def rename(source, destination):
            calls.append(source)
            if len(calls) == 2:
                raise OSError(errno.EIO, "Input/output error")
            return real_rename(source, destination)

        monkeypatch.setattr(build.os, "rename", rename)
    assert build.main(["--site-dir", str(site)]) == 1
    assert (site / "index.html").read_text() == "previous build"
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "a half-made or leftover build"
    assert "site/ is unchanged" in capsys.readouterr().err


def test_a_failure_removing_the_previous_build_still_publishes_the_new_one(tmp_path, monkeypatch):
    site = previous_site(tmp_path)
    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs())
    monkeypatch.setattr(build.shutil, "rmtree", lambda *args, **kwargs: None)  # as if it failed (ignore_errors)
    assert build.main(["--site-dir", str(site)]) == 0
    assert (site / "index.html").read_text() == "new build"


def test_a_reader_always_sees_one_whole_build(tmp_path):
    """While builds are swapped in again and again, every read of site/ finds a whole build, never nothing."""
    import threading

    site = tmp_path / "site"
    site.mkdir()
    (site / "page").write_text("build 0")
    seen, stop = set(), threading.Event()

    def read():
        while not stop.is_set():
            try:
                seen.add((site / "page").read_text())
            except OSError:
                seen.add("missing")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in range(1, 300):
            built = tmp_path / f"new-{number}"
            built.mkdir()
            (built / "page").write_text(f"build {number}")
            build.publish(built, site)
            shutil.rmtree(built)
    finally:
        stop.set()
        reader.join()
    assert "missing" not in seen and (site / "page").read_text() == "build 299"


@pytest.mark.parametrize(
    "command",
    [["scripts", "generate"], ["scripts", "build", "--generator", "zensical"], ["mkdocs", "build", "--strict"]],
)
def test_an_error_in_a_hand_written_page_stops_every_build_with_its_file_and_line(tmp_path, project_copy, command):
    """content/ pages are rendered by the generation step, whichever generator follows it (or the MkDocs hook runs it)."""
    project = project_copy
    (project / "content/about.md").write_text(
        "---\ntitle: 关于\n---\n# 关于\n\n{{ no_such_variable }}\n", encoding="utf-8"
    )
    arguments = ["--site-dir", str(tmp_path / "out")] if command != ["scripts", "generate"] else []
    result = subprocess.run([sys.executable, "-m", *command, *arguments], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0 and not (tmp_path / "out").exists()
    assert "content/about.md" in result.stderr and "no_such_variable" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_hand_written_page_says_what_its_front_matter_lacks(tmp_path, project_copy):
    (project_copy / "content/about.en.md").write_text(
        "---\ndescription: no title\nrender_macros: true\n---\n# About\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "generate"], cwd=project_copy, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        "content/about.en.md: front matter needs a title and may have title, description, image, scripts, not render_macros"
        in result.stderr
    )


def test_generate_writes_docs_on_its_own_and_a_second_run_changes_nothing(project_copy):
    """`python -m scripts generate`: the step any generator follows (issue 17)."""
    (project_copy / "docs/index.md").unlink(missing_ok=True)
    first = subprocess.run(
        [sys.executable, "-m", "scripts", "generate"], cwd=project_copy, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    home = (project_copy / "docs/index.md").read_text(encoding="utf-8")
    assert (
        home.startswith('---\n"title": "首页"') and "\nrender_macros: true\n---\n" in home
    )  # the macros plugin renders it
    assert "{{ document.title | md }}" in home  # as content/index.md writes it
    before = {path: path.stat().st_mtime_ns for path in (project_copy / "docs").rglob("*") if path.is_file()}
    assert (
        subprocess.run([sys.executable, "-m", "scripts", "generate"], cwd=project_copy, capture_output=True).returncode
        == 0
    )
    assert {path: path.stat().st_mtime_ns for path in (project_copy / "docs").rglob("*") if path.is_file()} == before


def test_a_failure_no_check_foresaw_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    def broken(root):
        raise RuntimeError("a pattern Frictionless could not compile\n::error::forged")

    monkeypatch.setattr(validate, "problems_in", broken)
    assert build.main(["--site-dir", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert err == (
        "build: unexpected failure (RuntimeError: a pattern Frictionless could not compile\\u000a::error::forged); "
        "please report it, and run it again with DEBUG=1 for details\n"
    )


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_page_with_an_inline_script_no_template_emits_is_never_published(tmp_path, project_copy, generator):
    """The policy lists only the scripts the theme's templates emit (scripts/site/csp.py): a script that reached a page by any
    road, here a hand-written page's raw HTML, stops the build instead of being allowed by its hash (attack finding 3)."""
    about = project_copy / "content/about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + '\n<script>fetch("/?leak=" + location.href)</script>\n', encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "build", "--site-dir", str(tmp_path / "out"), "--generator", generator],
        cwd=project_copy,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and not (tmp_path / "out").exists()
    assert (
        'holds an inline script that no template of the theme emits (fetch("/?leak=" + location.href))' in result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr
