"""The English edition's pieces: strings in both languages, localized records, and the checks on translations."""

import re
import string

import pytest

from scripts.core import i18n, paths
from scripts.model import model
from scripts.render import downloads, pages
from scripts.validate import validate
from tests import fixture
from tests.conftest import edit

RECORDS = fixture.records()
PACKAGE = fixture.descriptor()


def has_chinese(text: str) -> bool:
    return bool(i18n.HAN_CHARACTER.search(text))


def placeholders(value) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name} if isinstance(value, str) else set()


# English says "rank 23" where Chinese says "23位": the unit is a word of its own there.
UNUSED_IN_ENGLISH = {"amount_rank": {"unit"}}


def test_both_languages_have_the_same_strings_with_the_same_placeholders():
    strings = i18n.all_strings()
    assert set(strings) == set(i18n.LANGUAGES)
    zh, en = strings["zh"], strings["en"]
    assert set(zh) == set(en), set(zh) ^ set(en)
    for key in zh:
        assert type(zh[key]) is type(en[key]), key
        if key == "prose_units":  # how each language writes an amount in prose: English writes 亿元 in billions
            continue
        if isinstance(zh[key], dict):
            assert list(zh[key]) == list(en[key]), key  # the vocabularies list the same values in the same order
        elif isinstance(zh[key], list):
            assert len(zh[key]) == len(en[key]), key
        else:
            dropped = UNUSED_IN_ENGLISH.get(key, set())
            assert placeholders(zh[key]) == placeholders(en[key]) | dropped, key


def test_no_english_string_holds_chinese():
    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        else:
            yield str(value)

    offending = [text for text in walk(i18n.all_strings()["en"]) if has_chinese(text)]
    assert offending == []


@pytest.mark.parametrize(
    "path, english",
    [
        ("tasks/1.md", "tasks/1.en.md"),
        ("index.md", "index.en.md"),
        ("charts/target-x.vega.json", "charts/target-x.vega.en.json"),
        ("charts/target-x.png", "charts/target-x.en.png"),
        ("gansu.xlsx", "gansu.en.xlsx"),
        ("feed.xml", "feed.en.xml"),
    ],
)
def test_english_files_carry_the_language_before_the_last_extension(path, english):
    assert i18n.localized_path(path, "zh") == path
    assert i18n.localized_path(path, "en") == english


def test_localize_swaps_in_every_translated_field_and_leaves_chinese_records_alone():
    assert i18n.localize(RECORDS, PACKAGE, "zh") is RECORDS
    english = i18n.localize(RECORDS, PACKAGE, "en")
    task = next(t for t in english["tasks"] if t["id"] == 26)
    assert task["title"] == "Strengthen the operation of intellectual property"
    assert next(t for t in RECORDS["tasks"] if t["id"] == 26)["title"] == "加强知识产权运营"  # the input is not changed
    assert [s["number"] for s in english["sections"] if s["level"] == 1] == ["I", "II", "III", "IV"]
    assert i18n.translated_fields(PACKAGE)["agencies"] == ["short_name", "full_name"]
    assert i18n.localize_document(PACKAGE["document"], "en")["number"] == "Gan Zheng Ban Fa [2025] No. 20"


def test_every_chinese_text_in_the_data_has_its_english():
    for name, fields in i18n.translated_fields(PACKAGE).items():
        for row in RECORDS[name]:
            for field in fields:
                if row[field] and (name, field) != ("observations", "source_title"):
                    assert row[field + "_en"], (name, row, field)
                    assert not has_chinese(row[field + "_en"]), (name, field, row[field + "_en"])


def test_the_english_model_has_no_chinese_where_readers_see_words():
    site = model.build(RECORDS, PACKAGE, lang="en")
    words = [site.document["title"], *(line.text for line in site.plan)]
    for task in site.tasks:
        words += [
            task.title,
            task.text,
            task.part.heading,
            task.section.heading,
            task.status.label,
            *(u.short_name for u in task.units),
            *(u.full_name for u in task.units),
            *(u.role_label for u in task.units),
        ]
        if task.milestone:
            words += [
                task.milestone.sentence,
                task.milestone.phrase,
                task.milestone.unit,
                task.milestone.comparator_label,
            ]
    for indicator in site.indicators:
        words += [indicator.name, indicator.unit, indicator.definition, indicator.latest, indicator.better_label]
        words += [w for t in indicator.targets for w in (t.phrase, t.short, t.reason, t.progress_label, t.note or "")]
        words += [o.note or "" for o in indicator.observations]
    for agency in site.agencies:
        words += [agency.short_name, agency.full_name, agency.kind_label]
    assert [w for w in words if has_chinese(w)] == []


def test_the_english_full_text_follows_the_chinese_line_for_line():
    chinese = (paths.ROOT / PACKAGE["document"]["text"]).read_text(encoding="utf-8").split("\n\n")
    english = downloads.english_plan(PACKAGE, RECORDS).split("\n\n")
    assert len(english) == len(chinese)
    assert (
        english[0]
        == "# Action Plan of Gansu Province for Building a National Regional Base for Science and Technology Innovation and Transformation"
    )
    assert (
        "## I. General requirements" in english
        and "### (1) Work hard to build an important highland in western China as a source of innovation" in english
    )
    task_26 = next(line for line in english if line.startswith("26. "))
    assert task_26.startswith("26. Strengthen the operation of intellectual property.")
    assert task_26.endswith(
        "(Responsible units: Provincial Administration for Market Regulation, Provincial Department of Science and "
        "Technology, Provincial SASAC)"
    )
    task_1 = next(line for line in english if line.startswith("1. "))
    assert (
        "; Governments of the prefecture-level cities and autonomous prefectures, Lanzhou New Area Administrative Committee. All the following"
        in task_1
    )


def messages(root) -> list[str]:
    return [str(problem) for problem in validate.problems_in(root)]


def test_a_missing_translation_names_file_row_and_field(package_copy):
    edit(
        package_copy / "data/tasks.csv",
        "26,3-4,加强知识产权运营,Strengthen the operation of intellectual property,",
        "26,3-4,加强知识产权运营,,",
    )
    found = messages(package_copy)
    assert (
        "data/tasks.csv:27:title_en: is empty: title has no English translation (a faithful, plain English translation of title "
        "(terms as in data/glossary.csv))" in found
    )


def test_english_without_its_chinese_is_refused(package_copy):
    edit(
        package_copy / "data/task_status.csv",
        "\n3,2026-11-29,not_assessed,,,",
        "\n3,2026-11-29,not_assessed,,Nothing to report yet.,",
    )
    assert (
        "data/task_status.csv:4:summary_en: has English but summary is empty (the Chinese summary it translates)"
        in messages(package_copy)
    )


def test_a_translation_that_ignores_the_glossary_is_named(package_copy):
    edit(
        package_copy / "data/tasks.csv",
        "Strengthen the operation of intellectual property,",
        "Strengthen IP operations,",
    )
    assert (
        "data/tasks.csv:27:title_en: title has “知识产权” but this has no “intellectual property” "
        "(“知识产权” rendered as in data/glossary.csv, or the glossary changed)" in messages(package_copy)
    )


def test_the_documents_english_title_is_required(package_copy):
    edit(package_copy / "datapackage.json", '"title_en": "Action Plan', '"title_ignored": "Action Plan')
    assert "datapackage.json:document.title_en: is missing (the English of document.title)" in messages(package_copy)


def test_english_pages_mark_chinese_for_readers_and_keep_code_literal():
    assert (
        pages.mark_chinese("repost of 中国甘肃网 / 西部商报")
        == 'repost of <span lang="zh-Hans">中国甘肃网</span> / <span lang="zh-Hans">西部商报</span>'
    )
    assert (
        pages.mark_chinese("pattern `^[一二]+$` and `id`") == 'pattern <code lang="zh-Hans">^[一二]+$</code> and `id`'
    )


def test_a_line_that_starts_like_a_list_item_stays_text():
    assert pages.escape_md("26. Strengthen") == "26\\. Strengthen"
    assert pages.escape_md("- not a list") == "\\- not a list"
    assert pages.escape_md("in 2025. More") == "in 2025. More"


def test_no_string_is_defined_twice():
    """YAML keeps the last of two equal keys silently: the progress page once showed the chart's description as its own."""
    import yaml

    seen: list[str] = []

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
        seen.extend(
            f"{key} (line {k.start_mark.line + 1})" for key, (k, _) in zip(keys, node.value) if keys.count(key) > 1
        )
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load((paths.ROOT / "scripts/core/strings.yml").read_text(encoding="utf-8"), Loader=Strict)
    assert seen == []


def test_chinese_characters_are_defined_once():
    """Ideographs, Chinese punctuation and wide characters: i18n says what they are, every module asks it."""
    assert i18n.HAN_CHARACTER.fullmatch("研") and i18n.HAN_CHARACTER.fullmatch("\uf900")  # a compatibility ideograph
    assert not i18n.HAN_CHARACTER.search("，。R&D")
    assert [run for run in i18n.CHINESE_RUN.findall("R&D 研发，支出 spending")] == ["研发，支出"]
    written_out = re.compile(r"\\u3400|\\u4e00|\\u9fff")  # a range typed again instead of taken from i18n
    elsewhere = [
        path.name
        for path in (paths.ROOT / "scripts").rglob("*.py")
        if path.name != "i18n.py" and written_out.search(path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []
