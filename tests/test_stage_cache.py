"""The build remembers its expensive stages under the content of their inputs: an unchanged input does no work, and a
changed byte anywhere in an input is a new key (scripts/core/stage_cache.py)."""

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from scripts.core import i18n, paths, stage_cache
from scripts.model import model
from scripts.render import charts
from scripts.validate import validate
from tests import fixture


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache, on disk and in memory, for one test."""
    folder = tmp_path / "stages"
    monkeypatch.setattr(stage_cache, "CACHE", folder)
    monkeypatch.setattr(stage_cache, "MEMORY", {})
    return folder


def entries(folder) -> set[str]:
    return {path.name for path in folder.glob("*.json")} if folder.exists() else set()


def test_the_code_version_changes_with_any_byte_of_the_code(tmp_path, monkeypatch):
    code = tmp_path / "scripts"
    (code / "templates").mkdir(parents=True)
    (code / "charts.py").write_text("A = 1\n")
    (code / "templates" / "page.md.j2").write_text("{{ x }}\n")
    monkeypatch.setattr(stage_cache, "CODE", code)
    versions = []
    for change in (None, ("charts.py", "A = 2\n"), ("templates/page.md.j2", "{{ y }}\n"), ("strings.yml", "a: b\n")):
        if change:
            (code / change[0]).write_text(change[1])
        stage_cache.code_version.cache_clear()
        versions.append(stage_cache.code_version())
    stage_cache.code_version.cache_clear()
    assert len(set(versions)) == 4
    assert stage_cache.key("chart", "x") != stage_cache.key("chart", "y") != stage_cache.key("panel", "x")


def test_the_data_fingerprint_changes_with_any_byte_of_any_data_file(package_copy):
    before = stage_cache.data_fingerprint(package_copy)
    assert stage_cache.data_fingerprint(package_copy) == before
    for path in [package_copy / "datapackage.json", *sorted((package_copy / "data").rglob("*.*"))]:
        original = path.read_bytes()
        path.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))  # one bit of the last byte
        assert stage_cache.data_fingerprint(package_copy) != before, path.name
        path.write_bytes(original)
    assert stage_cache.data_fingerprint(package_copy) == before


def test_the_models_text_form_is_the_same_in_every_process():
    """Sets in the model iterate in a different order under each PYTHONHASHSEED; the key must not."""
    script = (
        "import hashlib; from scripts.site import generate; from scripts.core import paths, stage_cache; "
        "sites = generate.site_model(paths.ROOT, stage_cache.data_fingerprint(paths.ROOT))[3]; "
        "print(hashlib.sha256(stage_cache.canonical(sites['zh']).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
    assert stage_cache.canonical({"b", "a"}) == stage_cache.canonical({"a", "b"}) == "{'a', 'b'}"


def sites_with(records) -> dict:
    return {lang: model.build(records, fixture.descriptor(), lang=lang) for lang in i18n.LANGUAGES}


def test_a_chart_is_drawn_again_exactly_when_its_model_data_changes(cache):
    records = fixture.records()
    first = {lang: charts.all_charts(site) for lang, site in sites_with(records).items()}
    assert (
        len(entries(cache)) == sum(len(made) for made in first.values()) + 2 * 2 * 8
    )  # charts, and 8 panels per layout and language
    stage_cache.MEMORY.clear()
    again = {lang: charts.all_charts(site) for lang, site in sites_with(records).items()}
    assert (
        again == first and len(entries(cache)) == sum(len(made) for made in first.values()) + 32
    )  # all read back, none drawn

    known = entries(cache)
    changed = [dict(row) for row in records["observations"]]
    row = next(row for row in changed if row["indicator_id"] == "rd_expenditure" and row["preferred"])
    row["value"] = row["value"] + 0.01
    edited = {lang: charts.all_charts(site) for lang, site in sites_with({**records, "observations": changed}).items()}
    drawn = entries(cache) - known
    # per language: the indicator's own chart, its two overview panels and the two overviews, which read the indicators;
    # every other indicator's chart, and the charts of tasks and units, are the ones remembered
    assert len(drawn) == 2 * (1 + 2 + 2)
    for lang in i18n.LANGUAGES:
        by_name = {chart.name: chart for chart in edited[lang]}
        before = {chart.name: chart for chart in first[lang]}
        for name in ("responsibility-matrix", "tasks-per-unit", "tasks-per-section", "target-hightech_enterprises"):
            assert by_name[name] is before[name] or by_name[name] == before[name]
        assert by_name["targets-overview"] != before["targets-overview"]
        shown = (
            row["value"] if lang == i18n.DEFAULT else float(Decimal(str(row["value"])) / 10)
        )  # English charts: billions
        assert json.dumps(shown) in json.dumps(by_name["target-rd_expenditure"].spec)
        assert by_name["target-rd_expenditure"] != {c.name: c for c in first[lang]}["target-rd_expenditure"]


def test_every_chart_reads_back_from_its_cache_file_unchanged():
    for site in sites_with(fixture.records()).values():
        for chart in charts.all_charts(site):
            assert (
                charts.chart_from_json(json.loads(json.dumps(charts.chart_to_json(chart), ensure_ascii=False))) == chart
            )


def test_a_corrupt_or_foreign_cache_entry_is_computed_again(cache):
    name = stage_cache.key("test", "input")
    cache.mkdir()
    for garbage in ("{not json", '{"unexpected": 1}', "", "null"):
        (cache / f"{name}.json").write_text(garbage)
        stage_cache.MEMORY.clear()
        value = stage_cache.remembered(
            name, lambda: {"answer": 42}, lambda v: v, lambda data: {"answer": data["answer"]}
        )
        assert value == {"answer": 42}
        assert json.loads((cache / f"{name}.json").read_text()) == {"answer": 42}


def test_a_pass_of_the_validator_is_remembered_and_any_change_checks_again(cache, package_copy, monkeypatch):
    runs = []
    real = validate.problems_in
    monkeypatch.setattr(validate, "problems_in", lambda root: runs.append(root) or real(root))
    assert validate.problems_remembered(package_copy) == [] and len(runs) == 1
    assert validate.problems_remembered(package_copy) == [] and len(runs) == 1  # remembered
    observations = package_copy / "data/observations.csv"
    original = observations.read_text(encoding="utf-8")
    observations.write_text(
        original.replace("\n1,hightech_enterprises,2017,612,", "\n1,hightech_enterprises,2017,six hundred,"),
        encoding="utf-8",
    )
    assert validate.problems_remembered(package_copy) and len(runs) == 2  # a failure is never remembered
    assert validate.problems_remembered(package_copy) and len(runs) == 3
    observations.write_text(original, encoding="utf-8")
    assert validate.problems_remembered(package_copy) == [] and len(runs) == 3
    monkeypatch.setenv("TODAY", "2031-01-01")  # the date checks judge another day
    assert validate.problems_remembered(package_copy) == [] and len(runs) == 4


def test_a_raw_input_outside_data_is_read_for_the_key_only_when_it_is_a_plain_file_inside_the_project(package_copy):
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["sources"] = [
        {"path": "/dev/zero", "sha256": "0" * 64},
        {"path": "../../etc/passwd", "sha256": "0" * 64},
        {"path": "data/a\u0000b", "sha256": "0" * 64},
        {"path": "x" * 5000, "sha256": "0" * 64},
    ]
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    first, second = validate.referenced_files(package_copy), validate.referenced_files(package_copy)
    assert first != second  # never read, so never a known pass
    assert validate.problems_remembered(package_copy)  # the validator, not the key, says what is wrong with them


def test_a_chart_that_reads_a_part_of_the_site_it_is_not_keyed_on_fails_loudly():
    site = model.build(fixture.records(), fixture.descriptor())
    parts = charts.SiteParts(site, "document")
    assert parts.document is site.document
    with pytest.raises(AttributeError, match="site.indicators"):
        charts.targets_overview(parts, i18n.text("zh"))


def test_no_cache_file_is_ever_committed():
    """A cache entry is trusted as the result of its key; one committed by a pull request (git add -f) could claim a
    pass for invalid data or carry an SVG of its own. The repository holds none, and CI fails if one is added."""
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".cache"], cwd=paths.ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == ""
    assert ".cache/" in (paths.ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_generation_is_skipped_only_while_docs_holds_exactly_what_these_inputs_generate(
    cache, project_copy, monkeypatch
):
    from scripts.site import budgets, generate

    package_copy, docs = project_copy, project_copy / "docs"
    limits = budgets.Budgets(chart_pixels=10_000, page_bytes=10**8, site_bytes=10**10)
    generate.generate(docs, "https://example.org/r", limits, package_copy)
    real = generate.outputs_for
    computed = []
    monkeypatch.setattr(generate, "outputs_for", lambda *args: computed.append(args) or real(*args))

    assert generate.generate(docs, "https://example.org/r", limits, package_copy) == [] and computed == []  # in place
    page = docs / "tasks/1.md"
    page.write_bytes(page.read_bytes()[:-1] + b"!")  # one byte of one generated file
    assert (
        generate.generate(docs, "https://example.org/r", limits, package_copy) == ["tasks/1.md"] and len(computed) == 1
    )
    (docs / "tasks/stray.md").write_text("left over")  # a generated folder holding a file it should not
    assert (
        generate.generate(docs, "https://example.org/r", limits, package_copy) == ["tasks/stray.md"]
        and len(computed) == 2
    )
    assert (
        generate.generate(docs, "https://example.org/other", limits, package_copy) and len(computed) == 3
    )  # another input
    data = package_copy / "data/observations.csv"
    data.write_text(data.read_text(encoding="utf-8").replace(",144.15,", ",144.17,"), encoding="utf-8")
    assert "targets/rd_expenditure.md" in generate.generate(docs, "https://example.org/other", limits, package_copy)
    assert len(computed) == 4 and "144.17" in (docs / "targets/rd_expenditure.md").read_text(encoding="utf-8")
