"""make site: publish nothing half-made; a macro error fails the build."""

import subprocess
import sys

from scripts import build, problems, validate


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
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_macro_error_fails_the_build(tmp_path, project_copy):
    project = project_copy
    (project / "docs/about.md").write_text("---\nrender_macros: true\n---\n# 关于\n\n{{ no_such_variable }}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert "no_such_variable" in result.stdout + result.stderr
