"""Search finds what readers type: the synonym table (data/synonyms.csv) is validated like any data, and the index
built from it lets a reader's word reach the page that uses another (issue 27). Built from the tests' own package."""

import io
import json
import zipfile

import pytest

from scripts.contrib import problem_zh
from scripts.render import downloads, search_index
from scripts.validate import validate
from tests import fixture
from tests.conftest import edit


def messages(root):
    return [str(problem) for problem in validate.problems_in(root)]


def index(lang, synonyms=None):
    """The fixture's search index in one language, with the fixture's synonyms unless others are given."""
    rows = fixture.records()["synonyms"] if synonyms is None else synonyms
    return json.loads(search_index.index_json(fixture.site(lang), rows))["docs"]


def found(docs, query):
    """The pages a query finds, as search.js finds them: every word, in any case, somewhere in a page's words (its
    title and text, and the synonyms and names that find it unseen)."""

    def words(doc):
        return " ".join(doc.get(key, "") for key in ("t", "a", "x", "k")).lower()

    return [doc["u"] for doc in docs if all(term in words(doc) for term in query.lower().split())]


# --- the table ----------------------------------------------------------------------------------


def test_the_fixture_synonyms_are_read_and_valid(package_copy):
    assert fixture.records()["synonyms"] and messages(package_copy) == []


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "兰大,zh-Hans,",
            "兰大,en,",
            "data/synonyms.csv:4:lang: is en, but the synonym holds Chinese characters (zh-Hans for a synonym with Chinese characters, "
            "en for one without)",
        ),
        (
            "spending,en,",
            "spending,zh-Hans,",
            "data/synonyms.csv:2:lang: is zh-Hans, but the synonym holds no Chinese character (zh-Hans for a synonym with Chinese "
            "characters, en for one without)",
        ),
        (
            "high-tech,hightech,",
            "high-tech,TECH,",
            "data/synonyms.csv:3:synonym: “TECH” is already part of the term “high-tech” (a word the term does not contain: the search "
            "already finds any part of it)",
        ),
        (
            "兰大,zh-Hans,",
            "兰大,fr,",
            "data/synonyms.csv:4:lang: 'fr' is not an allowed value (one of ['en', 'zh-Hans'])",
        ),
        ("high-tech,hightech,", "high-tech,,", "data/synonyms.csv:3:synonym: is empty (a value is required)"),
    ],
)
def test_a_bad_synonym_row_gets_one_clear_line_in_english_and_chinese(package_copy, old, new, message):
    edit(package_copy / "data/synonyms.csv", old, new)
    found_messages = messages(package_copy)
    assert message in found_messages
    assert problem_zh.UNKNOWN not in problem_zh.in_chinese(message)


def test_the_same_term_and_synonym_twice_is_refused(package_copy):
    path = package_copy / "data/synonyms.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:3] + [lines[2]] + lines[3:]), encoding="utf-8")
    assert "data/synonyms.csv:4:term, synonym: the same key is used twice (unique; already on row 3)" in messages(
        package_copy
    )


def test_every_resource_is_downloaded_the_synonyms_too():
    package, records = fixture.descriptor(), fixture.records()
    files = downloads.files(package, records)  # the files beside the data (CITATION.cff) are the project's
    members = zipfile.ZipFile(io.BytesIO(files[f"{package['name']}.zip"])).namelist()
    for resource in package["resources"]:
        assert {f"{resource['name']}.csv", f"{resource['name']}.json"} <= set(files) and resource["path"] in members
    assert json.loads(files["synonyms.json"]) == records["synonyms"]


# --- the index ----------------------------------------------------------------------------------


def test_synonyms_are_found_in_any_case_once_and_only_where_missing():
    rows = [
        {"term": "R&D", "synonym": "研发"},
        {"term": "r&d", "synonym": "研发"},
        {"term": "expenditure", "synonym": "spending"},
        {"term": "high-tech", "synonym": "hightech"},
    ]
    assert search_index.synonyms_found("Total R&D Expenditure", rows) == ["研发", "spending"]
    assert search_index.synonyms_found("研发 r&d spending on expenditure", rows) == []


def test_yanfa_finds_the_rd_page_as_if_its_title_said_it():
    rd = "targets/rd_expenditure/"
    assert rd in found(index("zh"), "研发")
    page = next(doc for doc in index("zh") if doc["u"] == rd)
    assert "研究与试验发展" in page["t"] and "研发" in page["a"]  # search.js ranks a match in `a` as one in the title
    assert "a" not in next(doc for doc in index("zh", synonyms=[]) if doc["u"] == rd)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rd_spending_finds_the_rd_page_in_both_languages(lang):
    assert "targets/rd_expenditure/" in found(index(lang), "R&D spending")
    assert "targets/rd_expenditure/" not in found(index(lang, synonyms=[]), "R&D spending")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hightech_finds_the_high_tech_page(lang):
    assert "targets/hightech_enterprises/" in found(index(lang), "hightech")


@pytest.mark.parametrize("lang, query", [("zh", "兰州大学"), ("en", "Lanzhou University")])
def test_the_university_named_in_task_17s_evidence_finds_task_17(lang, query):
    evidence = [row for row in fixture.records()["milestone_evidence"] if row["task_id"] == 17]
    assert any("兰州大学" in row["summary"] and "Lanzhou University" in row["summary_en"] for row in evidence)
    assert "tasks/17/" in found(index(lang, synonyms=[]), query)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_task_is_indexed_with_its_evidence_and_every_figure_with_its_source(lang):
    docs = {doc["u"]: doc["x"] for doc in index(lang)}
    site = fixture.site(lang)
    for task in site.tasks:
        for status in (*task.evidence, *task.history):
            for part in (status.summary, status.source_title, status.source_publisher):
                assert not part or part in docs[f"tasks/{task.id}/"], (task.id, part)
    for indicator in site.indicators:
        for observation in indicator.observations:
            assert observation.source_title in docs[f"targets/{indicator.id}/"], (indicator.id, observation.id)


def test_the_english_name_finds_a_chinese_indicator_page_without_ending_its_snippet():
    docs = {doc["u"]: doc for doc in index("zh")}
    for indicator in fixture.site("zh").indicators:
        page = docs[f"targets/{indicator.id}/"]
        assert indicator.name_en not in page["x"] and indicator.name_en in page["k"], indicator.id
