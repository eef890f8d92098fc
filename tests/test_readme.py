"""The README, a landing page: the two commands, the data files, how to cite, and a link to every file that holds
what it no longer does; the data dictionary (data/README.md) up to date; the repairs disclosed."""

import re

from scripts.core import load, paths
from scripts.source import clean
from scripts.tools import readme

README = paths.README.read_text(encoding="utf-8")
DATA_README = paths.DATA_README.read_text(encoding="utf-8")
DESCRIPTOR = load.read_descriptor()
MOVED_TO = ("ARCHITECTURE.md", "SECURITY.md", "bench/README.md", "data/README.md", "CONTRIBUTING.md")


def test_the_readme_fits_on_a_page_and_links_where_the_rest_went():
    assert len(README.splitlines()) <= 150
    linked = set(re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README))
    for path in MOVED_TO:
        assert path in linked and (paths.ROOT / path).is_file(), path


def test_data_dictionary_has_not_drifted():
    assert readme.with_files(README, DESCRIPTOR) == README, "run: make readme"
    assert readme.with_dictionary(DATA_README, DESCRIPTOR) == DATA_README, "run: make readme"


def test_dictionary_documents_every_field():
    for resource in DESCRIPTOR["resources"]:
        assert f"`{resource['path']}`" in README and f"`{resource['path']}`" in DATA_README
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in DATA_README


def test_a_stale_block_is_found():
    assert (
        readme.with_dictionary(DATA_README.replace("| `title_en` |", "| `title_english` |"), DESCRIPTOR) == DATA_README
    )
    assert readme.with_files(README.replace("data/tasks.csv", "data/chores.csv", 2), DESCRIPTOR) == README


def test_the_two_commands_are_shown():
    assert "make serve" in README and "make test" in README


def test_ci_runs_the_readme_test_command():
    assert "make test" in (paths.ROOT / ".ci/run").read_text(encoding="utf-8")


def test_every_repair_is_disclosed():
    for repair in clean.REPAIRS:
        assert repair.damaged in DATA_README
        assert repair.official in DATA_README
    for wrong, right in clean.OPENCC_EXCEPTIONS.items():
        assert f"{wrong} → {right}" in DATA_README


def test_citation_names_the_package_version():
    assert f"version {DESCRIPTOR['version']}" in README


def test_citation_file_matches_the_package():
    import yaml

    citation = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == DESCRIPTOR["version"]
    assert citation["license"] == DESCRIPTOR["licenses"][0]["name"]
    original = citation["references"][0]
    assert original["title"] == DESCRIPTOR["document"]["title"]
    assert original["number"] == DESCRIPTOR["document"]["number"]
    assert str(original["date-released"]) == DESCRIPTOR["document"]["published"]
