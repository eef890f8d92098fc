"""MkDocs and Zensical build the same site from the same docs/ (issue 17).

The two builds must have the same pages, each with the same main text; test_site.py and test_browser.py run every one
of their tests on both builds (links, anchors, policy, outside requests, charts, search, phones). What may differ is
listed in ARCHITECTURE.md ("Two generators"), and each difference is pinned here so that a new one fails.
"""

import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from scripts.core import i18n, paths
from scripts.site import build, finish, generate


def page_files(root: Path) -> set[str]:
    return {
        path.relative_to(root).as_posix() for path in root.rglob("*.html") if path.name in ("index.html", "404.html")
    }


def main_text(path: Path) -> str:
    """The page's article as a reader reads it, whitespace collapsed; markup (e.g. each generator's code highlighting)
    is not compared."""
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
    assert article is not None, f"{path} has no article"
    return re.sub(r"\s+", " ", article.get_text("")).strip()


def test_both_builds_have_the_same_pages(site, zensical_site):
    mkdocs_pages, zensical_pages = page_files(site.root), page_files(zensical_site.root)
    assert mkdocs_pages == zensical_pages
    assert len(mkdocs_pages) > 150 and "en/tasks/26/index.html" in mkdocs_pages


def test_each_page_has_the_same_main_text_in_both_builds(site, zensical_site):
    different = [
        page
        for page in sorted(page_files(site.root))
        if main_text(site.root / page) != main_text(zensical_site.root / page)
    ]
    assert different == []


def test_the_text_comparison_can_fail(tmp_path):
    one, other = tmp_path / "one.html", tmp_path / "other.html"
    one.write_text("<article><h1>任务26</h1> <p>加强 知识产权保护</p></article>", encoding="utf-8")
    other.write_text("<article><h1>任务26</h1>\n<p>加强  知识产权<span>保护</span></p></article>", encoding="utf-8")
    assert main_text(one) == main_text(other)  # whitespace and inline markup only
    other.write_text("<article><h1>任务26</h1><p>加强知识产权保护</p></article>", encoding="utf-8")
    assert main_text(one) != main_text(other)


def built_path(relative: str) -> str:
    """Where a file of docs/ is served: downloads/x.csv as it is, feed.en.xml at en/feed.xml."""
    for lang in i18n.LANGUAGES:
        if lang != i18n.DEFAULT and f".{lang}." in Path(relative).name:
            return f"{lang}/" + relative.replace(f".{lang}.", ".", 1)
    return relative


def test_every_file_from_docs_is_the_same_in_both_builds(site, zensical_site):
    """Downloads, API files, charts, feeds, our scripts and styles: byte for byte. Zensical's i18n also copies the shared
    ones under en/ (English pages link to those copies); each copy is the file itself."""
    docs = site.project / "docs"
    served = [
        built_path(path.relative_to(docs).as_posix())
        for path in docs.rglob("*")
        if path.is_file() and path.suffix != ".md"
    ]
    assert len(served) > 300
    assert [
        name for name in served if (site.root / name).read_bytes() != (zensical_site.root / name).read_bytes()
    ] == []
    copies = [
        name
        for name in served
        if not name.startswith("en/")
        and (zensical_site.root / "en" / name).is_file()
        and not (docs / i18n.localized_path(name, "en")).is_file()
    ]  # en/feed.xml is the English feed, not a copy
    assert copies, (
        "zensical-i18n no longer copies the shared files under en/: update the list of differences in ARCHITECTURE.md"
    )
    assert [
        name
        for name in copies
        if (zensical_site.root / "en" / name).read_bytes() != (zensical_site.root / name).read_bytes()
    ] == []


def test_the_files_only_one_build_has_are_those_the_readme_lists(site, zensical_site):
    """Beyond each theme's own assets: MkDocs' sitemap.xml.gz; Zensical's empty search.json, its language switcher's
    zensical-i18n.json, and the copies of shared files under en/ (ARCHITECTURE.md, "Two generators")."""
    docs = site.project / "docs"

    def files(root: Path) -> set[str]:
        theme = ("assets/", "en/assets/")
        return {
            name
            for path in root.rglob("*")
            if path.is_file()
            for name in [path.relative_to(root).as_posix()]
            if not (name.startswith(theme) and not (docs / name.removeprefix("en/")).is_file())
        }

    mkdocs_files, zensical_files = files(site.root), files(zensical_site.root)
    assert mkdocs_files - zensical_files == {"sitemap.xml.gz"}
    only_zensical = zensical_files - mkdocs_files
    copies = {name for name in only_zensical if name.startswith("en/") and name.removeprefix("en/") in mkdocs_files}
    assert only_zensical - copies == {"search.json", "zensical-i18n.json", "en/search.json", "en/zensical-i18n.json"}
    assert (zensical_site.root / "search.json").stat().st_size < 200  # empty: Zensical's search is turned off


def test_only_the_default_language_has_a_404_page(zensical_site):
    assert (zensical_site.root / "404.html").is_file()
    assert [lang for lang in i18n.LANGUAGES if (zensical_site.root / lang / "404.html").exists()] == []
    assert "找不到" in (zensical_site.root / "404.html").read_text(encoding="utf-8")


def test_embeds_are_copied_as_they_are_and_pages_get_the_policy(tmp_path):
    docs, site_dir = tmp_path / "docs", tmp_path / "site"
    (docs / "embed").mkdir(parents=True)
    (docs / "embed/chart.en.html").write_text("<meta charset=utf-8><p>chart</p>", encoding="utf-8")
    for relative in ("embed/chart.html", "en/embed/chart.html", "en/tasks/index.html", "en/404.html"):
        (site_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / relative).write_text('<meta charset="utf-8"><p>page</p>', encoding="utf-8")
    from scripts.site import budgets

    assert finish.finish(site_dir, docs, {"default-src": "'self'"}, budgets.Budgets(2500, 10**6, 10**7)) == []
    assert "Content-Security-Policy" in (site_dir / "en/tasks/index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in (site_dir / "en/embed/chart.html").read_text(encoding="utf-8")
    assert not (site_dir / "en/404.html").exists()


def test_the_finishing_pass_refuses_a_page_with_a_script_no_template_emits(tmp_path):
    docs, site_dir = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (site_dir / "tasks").mkdir(parents=True)
    (site_dir / "tasks/index.html").write_text(
        '<meta charset="utf-8"><script>fetch("/?leak")</script>', encoding="utf-8"
    )
    from scripts.site import budgets

    refused = finish.finish(site_dir, docs, {"default-src": "'self'"}, budgets.Budgets(2500, 10**6, 10**7))
    assert refused == [
        'tasks/index.html holds an inline script that no template of the theme emits (fetch("/?leak")); '
        "nothing was published"
    ]


def test_zensical_output_loses_its_traceback_but_not_what_went_wrong():
    output = (
        "Building 'zh' (中文)\nTraceback (most recent call last):\n  File \"runner.py\", line 151, in main\n"
        "    run(config_file)\nRuntimeError: unknown method: string has no method named endswith (in main.html:73)\n"
        "Error: Build of 'zh' failed.\n"
    )
    shown = build.without_traceback(output)
    assert "Traceback" not in shown and "File " not in shown
    assert "RuntimeError: unknown method" in shown and "Build of 'zh' failed" in shown


def test_both_generators_read_one_macros_entry_that_renders_only_pages_that_ask():
    """The design card's mkdocs-macros-plugin, which Zensical's macros extension maps from the same entry: strict about
    undefined names, failing the build on an error, and rendering no page unless its front matter asks (only the
    pages scripts/render/content.py copies from content/ do)."""
    import yaml

    config = yaml.safe_load((paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    entries = {next(iter(p)): p[next(iter(p))] for p in config["plugins"] if isinstance(p, dict)}
    assert entries["macros"] == {
        "module_name": "scripts/site/site_macros",
        "render_by_default": False,
        "on_undefined": "strict",
        "on_error_fail": True,
    }
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names.index("macros") < names.index("i18n")  # each language's build gets its own variables
    assert (paths.ROOT / "scripts/site/site_macros.py").is_file() and not (paths.ROOT / "main.py").exists()


def test_both_generators_render_the_hand_written_pages_through_it(site, zensical_site):
    """No template text is left on a hand-written page, and each has its language's model (the plan's number on the
    Chinese home page, its English rendering on the English one). The pages' text is compared across builds above."""
    document = site.descriptor["document"]
    for built in (site, zensical_site):
        for page in (
            "index.html",
            "about/index.html",
            "search/index.html",
            "en/index.html",
            "en/about/index.html",
            "en/search/index.html",
        ):
            text = built.html(page).find("article").get_text()
            assert "{{" not in text and "{%" not in text, page
        assert document["number"] in built.html("index.html").find("article").get_text()
        assert document["number_en"] in built.html("en/index.html").find("article").get_text()


def test_the_deploy_generator_is_one_line_of_the_makefile():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.findall(r"^GENERATOR := (\w+)$", makefile, re.M) == [
        "mkdocs"
    ]  # until the parity test has passed for a release
    site_recipe = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert "--site-dir site --generator $(GENERATOR)" in site_recipe
    assert (
        "--site-dir site-zensical --generator zensical" in makefile.split("\nsite-zensical:", 1)[1].split("\n\n", 1)[0]
    )


def test_every_pull_request_builds_with_both_generators():
    import yaml

    workflow = yaml.safe_load((paths.ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "make site" in runs and "make site-zensical" in runs


def test_a_failure_in_the_zensical_build_is_one_line_and_nothing_is_published(tmp_path, monkeypatch, capsys):
    """A failure after Zensical has written its pages (in the step that adds the policy, dates and budgets). The
    generation and Zensical itself are stood in for: the site fixtures build them for real."""

    def broken(*args):
        raise ValueError("a page without <meta charset> cannot carry its policy first")

    run = subprocess.run

    def zensical_wrote_its_pages(command, **kwargs):
        if command[1:3] != ["-m", "zensical_i18n"]:
            return run(command, **kwargs)
        (paths.ROOT / build.ZENSICAL_OUTPUT).mkdir()
        (paths.ROOT / build.ZENSICAL_OUTPUT / "index.html").write_text("<p>built</p>", encoding="utf-8")
        return subprocess.CompletedProcess(command, 0, stdout="")

    monkeypatch.setattr(generate, "generate_into", lambda settings, docs: 0)
    monkeypatch.setattr(build.subprocess, "run", zensical_wrote_its_pages)
    monkeypatch.setattr(finish, "finish", broken)
    target = tmp_path / "site-zensical"
    assert build.main(["--site-dir", str(target), "--generator", "zensical"]) == 1
    err = capsys.readouterr().err
    assert "build: unexpected failure (ValueError: a page without <meta charset>" in err and "Traceback" not in err
    assert not target.exists() and not (paths.ROOT / build.ZENSICAL_OUTPUT).exists()
