"""The README: generated data dictionary up to date, the two commands, the repairs."""

from scripts import clean, load, paths, readme

README = paths.README.read_text(encoding="utf-8")
DESCRIPTOR = load.read_descriptor()


def test_data_dictionary_has_not_drifted():
    assert readme.with_dictionary(README, DESCRIPTOR) == README, "run: make readme"


def test_dictionary_documents_every_field():
    for resource in DESCRIPTOR["resources"]:
        assert f"`{resource['path']}`" in README
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in README


def test_the_two_commands_are_shown():
    assert "make serve" in README and "make test" in README


def test_ci_runs_the_readme_test_command():
    assert "make test" in (paths.ROOT / ".ci/run").read_text(encoding="utf-8")


def test_every_repair_is_disclosed():
    for repair in clean.REPAIRS:
        assert repair.damaged in README
        assert repair.official in README
    for wrong, right in clean.OPENCC_EXCEPTIONS.items():
        assert f"{wrong} → {right}" in README


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
