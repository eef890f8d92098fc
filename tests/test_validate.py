"""make validate: the real package passes; each class of bad input gets a clear message."""

import json
import subprocess
import sys

import pytest

from scripts.core import paths
from scripts.validate import validate
from tests.conftest import edit


def messages(root):
    return [str(problem) for problem in validate.problems_in(root)]


def test_the_real_package_is_valid():
    assert messages(paths.ROOT) == []


def test_command_exits_zero_on_the_real_package():
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "validate"], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_duplicate_id(package_copy):
    edit(package_copy / "data/agencies.csv", "\neducation,", "\ncommerce,")
    assert "data/agencies.csv:8:id: 'commerce' is used twice (unique; already on row 3)" in messages(package_copy)


def test_unknown_agency(package_copy):
    edit(package_copy / "data/task_agencies.csv", "\n1,education,listed,2\n", "\n1,educaton,listed,2\n")
    assert (
        "data/task_agencies.csv:5:agency_id: 'educaton' is not an id in data/agencies.csv (expected an existing id)"
    ) in messages(package_copy)


def test_wrong_type(package_copy):
    edit(package_copy / "data/targets.csv", ",reach,2600,false,", ",reach,2600家,false,")
    assert "data/targets.csv:2:value: '2600家' has the wrong type (expected a number such as 12 or 4.5)" in messages(
        package_copy
    )


def test_not_a_boolean(package_copy):
    edit(
        package_copy / "data/milestones.csv",
        "\n6,17,2025,unqualified,1,家,laboratory,true,",
        "\n6,17,2025,unqualified,1,家,laboratory,yes,",
    )
    assert "data/milestones.csv:7:aspiration: 'yes' has the wrong type (expected true or false)" in messages(
        package_copy
    )


def test_missing_column(package_copy):
    path = package_copy / "data/indicators.csv"
    lines = [line.rsplit(",", 1)[0] if "," in line else line for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert messages(package_copy)[0] == (
        "data/indicators.csv:1:sources_searched: column is missing "
        "(columns: id, position, name, name_en, short_name, short_name_en, unit, unit_en, better, definition, definition_en, statistic, "
        "statistic_en, publisher, publisher_en, frequency, release_lag_years, release_month, release_note, "
        "release_note_en, sources_searched)"
    )


def test_extra_column(package_copy):
    path = package_copy / "data/milestones.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",source"] + [line + "," for line in lines[1:]]) + "\n", encoding="utf-8")
    assert messages(package_copy) == [
        "data/milestones.csv:1:source: column is not in the schema "
        "(columns: id, task_id, year, comparator, value, unit, unit_en, aspiration, phrase, phrase_en)"
    ]


def test_renamed_column(package_copy):
    edit(package_copy / "data/agencies.csv", "id,short_name,", "id,shortname,")
    found = messages(package_copy)
    assert (
        "data/agencies.csv:1:short_name: column is missing (columns: id, short_name, short_name_en, full_name, full_name_en, kind)"
        in found
    )
    assert (
        "data/agencies.csv:1:shortname: column is not in the schema (columns: id, short_name, short_name_en, full_name, full_name_en, kind)"
        in found
    )


def test_empty_required_cell(package_copy):
    edit(package_copy / "data/indicators.csv", ",person-years,higher,", ",person-years,,")
    assert "data/indicators.csv:7:better: is empty (a value is required)" in messages(package_copy)


def test_value_outside_the_allowed_set(package_copy):
    edit(package_copy / "data/agencies.csv", ",local_government\n", ",city\n")
    assert any(
        m.startswith("data/agencies.csv:") and ":kind: 'city' is not an allowed value (one of" in m
        for m in messages(package_copy)
    )


def test_non_utf8_file(package_copy):
    path = package_copy / "data/tasks.csv"
    path.write_bytes(
        path.read_bytes().replace("推进实验室体系建设。".encode(), "推进实验室体系建设。".encode("gbk"), 1)
    )
    assert messages(package_copy) == ["data/tasks.csv:3: byte 0xcd is not UTF-8 (save the file as UTF-8)"]


def test_broken_json(package_copy):
    path = package_copy / "datapackage.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"version": "1.0.0",', '"version": "1.0.0"', 1), encoding="utf-8"
    )
    found = messages(package_copy)
    assert len(found) == 1 and found[0].startswith(
        "datapackage.json:7: not valid JSON: Expecting ',' delimiter at column 3"
    )


def test_missing_file(package_copy):
    (package_copy / "data/milestones.csv").unlink()
    assert "data/milestones.csv: file is missing (datapackage.json lists it as resource 'milestones')" in messages(
        package_copy
    )


def test_a_changed_sentence_fails_the_round_trip(package_copy):
    edit(package_copy / "data/tasks.csv", "稳定提高基础研究经费投入。", "大幅提高基础研究经费投入。", count=2)
    assert any(
        m.startswith("data/plan.zh-Hans.md:17: the data files do not reassemble to this line")
        for m in messages(package_copy)
    )


def test_an_unused_agency_is_reported(package_copy):
    edit(package_copy / "data/task_agencies.csv", "\n14,public-security,listed,5\n", "\n")
    found = messages(package_copy)
    assert (
        "data/agencies.csv:26:id: 'public-security' is responsible for no task (every unit is named by at least one task)"
        in found
    )


def test_gap_in_task_ids(package_copy):
    path = package_copy / "data/milestones.csv"
    edit(path, "\n10,25,", "\n11,25,")
    assert (
        "data/milestones.csv:11:id: 11 breaks the sequence (expected 10: numbered 1, 2, 3 … with no gap)"
        in messages(package_copy)
    )


def test_target_for_an_unknown_indicator(package_copy):
    edit(
        package_copy / "data/targets.csv",
        "\nhightech_enterprises-2025,hightech_enterprises,",
        "\nhightech_enterprises-2025,hightech_firms,",
    )
    found = messages(package_copy)
    assert (
        "data/targets.csv:2:indicator_id: 'hightech_firms' is not an id in data/indicators.csv (expected an existing id)"
        in found
    )


def test_a_phrase_that_is_not_in_the_plan(package_copy):
    edit(package_copy / "data/targets.csv", "高新技术企业达到2600家", "高新技术企业达到2700家")
    found = messages(package_copy)
    assert (
        "data/targets.csv:2:phrase: not found in the plan's targets (section 1) (the words exactly as in the plan)"
        in found
    )
    assert "data/targets.csv:2:value: 2600 does not appear in the phrase (the number the phrase states)" in found


def test_changed_seed_is_caught_by_its_checksum(package_copy):
    (package_copy / "data/source/000_402c73ac16c10c88.txt").write_text("tampered", encoding="utf-8")
    assert any(m.startswith("data/source/000_402c73ac16c10c88.txt: sha256 is") for m in messages(package_copy))


def test_every_problem_is_reported_not_just_the_first(package_copy):
    edit(package_copy / "data/indicators.csv", ",person-years,higher,", ",person-years,,")
    edit(package_copy / "data/tasks.csv", "\n2,2-1,", "\n2,9-9,")
    found = messages(package_copy)
    assert any(m.startswith("data/indicators.csv:7:better:") for m in found)
    assert any(m.startswith("data/tasks.csv:3:section_id:") for m in found)


@pytest.mark.parametrize("breakage", ["json", "encoding", "missing", "header"])
def test_command_exits_one_without_a_traceback(package_copy, breakage):
    if breakage == "json":
        (package_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    elif breakage == "encoding":
        (package_copy / "data/tasks.csv").write_bytes(b"\xff\xfe" + (package_copy / "data/tasks.csv").read_bytes())
    elif breakage == "missing":
        (package_copy / "data/tasks.csv").unlink()
    else:
        edit(package_copy / "data/tasks.csv", "id,section_id", "task,section_id")
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "validate", "--root", str(package_copy)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "nothing was published" in result.stderr
    assert result.stderr.splitlines()[0].startswith(("datapackage.json", "data/tasks.csv"))


def test_descriptor_metadata_dates_are_checked(package_copy):
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["document"]["published"] = "2025-24-10"
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert "datapackage.json:document.published: '2025-24-10' is not a date (YYYY-MM-DD)" in messages(package_copy)


def test_a_missing_general_note_row_is_reported(package_copy):
    edit(package_copy / "data/task_agencies.csv", "\n7,lanzhou-new-area,general_note,\n", "\n")
    assert (
        "data/task_agencies.csv:basis: task 7: no general_note row for 'lanzhou-new-area' "
        "(the units named by the note in task 1 are on every later task)"
    ) in messages(package_copy)


def test_last_line_without_line_ending(package_copy):
    path = package_copy / "data/milestones.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    assert messages(package_copy) == [
        "data/milestones.csv:11: the last line has no line ending (end the file with a newline)"
    ]


def test_package_without_licence(package_copy):
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    del descriptor["licenses"]
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert "datapackage.json:licenses: is missing (needed to publish and cite the package)" in messages(package_copy)


def test_package_without_a_resource(package_copy):
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "targets"]
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert messages(package_copy) == [
        "datapackage.json:resources.targets: is missing "
        "(the code is written for scripts/validate/schema_contract.json: see scripts/validate/contract.py)"
    ]


def test_a_task_indicator_link_must_quote_the_task(package_copy):
    edit(package_copy / "data/task_indicators.csv", "培育高价值发明专利", "培育发明专利")
    assert (
        "data/task_indicators.csv:6:basis: not found in task 26's text (words copied exactly from the task's text)"
        in messages(package_copy)
    )


def test_a_task_indicator_link_must_quote_the_tasks_english_too(package_copy):
    edit(package_copy / "data/task_indicators.csv", "cultivate high-value invention patents", "grow patents")
    assert (
        "data/task_indicators.csv:6:basis_en: not found in task 26's text_en (words copied exactly from the task's text_en)"
        in messages(package_copy)
    )


OBSERVATION = "\n9,rd_expenditure,2022,144.15,亿元,"


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "http://gansu.gscn.com.cn/system/2023/10/08/013035523.shtml",
            "",
            "data/observations.csv:10:source_url: is empty (a value is required)",
        ),
        (
            OBSERVATION,
            "\n9,rd_spending,2022,144.15,亿元,",
            "data/observations.csv:10:indicator_id: 'rd_spending' is not an id in data/indicators.csv",
        ),
        (
            OBSERVATION,
            "\n9,rd_expenditure,2022,约144亿,亿元,",
            "data/observations.csv:10:value: '约144亿' has the wrong type (expected a number",
        ),
        (
            OBSERVATION,
            "\n9,rd_expenditure,1999,144.15,亿元,",
            "data/observations.csv:10:year: '1999' is too small (at least 2000)",
        ),
        (
            OBSERVATION,
            "\n9,rd_expenditure,2099,144.15,亿元,",
            "data/observations.csv:10:year: 2099 is in the future (a year up to 2026)",
        ),
        (
            OBSERVATION,
            "\n9,rd_expenditure,2022,144.15,万元,",
            "data/observations.csv:10:unit: '万元' is not the indicator's unit",
        ),
    ],
)
def test_broken_observations_are_rejected(package_copy, monkeypatch, old, new, message):
    monkeypatch.setenv("TODAY", "2026-12-31")
    path = package_copy / "data/observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    found = messages(package_copy)
    assert any(m.startswith(message) for m in found), found


def test_two_preferred_figures_for_one_year_are_rejected(package_copy):
    path = package_copy / "data/observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[10] = lines[10].replace(",false,", ",true,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        "data/observations.csv:11:preferred: rd_expenditure 2022 has 2 preferred figures "
        "(exactly one preferred figure per indicator and year; say why in note)"
    ) in messages(package_copy)


def test_a_status_without_evidence_is_rejected(package_copy):
    edit(package_copy / "data/task_status.csv", "\n15,2026-11-29,not_assessed,", "\n15,2026-11-29,on_track,")
    found = messages(package_copy)
    assert (
        "data/task_status.csv:16:source_url: is empty but status is on_track (every status but not_assessed cites its evidence)"
        in found
    )
    assert (
        "data/task_status.csv:16:summary: is empty but status is on_track (every status but not_assessed cites its evidence)"
        in found
    )


@pytest.mark.parametrize("value", ["NaN", "1e309", "-inf", "Infinity"])
def test_non_finite_numbers_are_rejected(package_copy, value):
    edit(package_copy / "data/observations.csv", "\n9,rd_expenditure,2022,144.15,", f"\n9,rd_expenditure,2022,{value},")
    found = messages(package_copy)
    assert any(m.startswith("data/observations.csv:10:value:") and "is not a usable number" in m for m in found), found


def test_a_negative_year_is_rejected(package_copy):
    edit(package_copy / "data/observations.csv", "\n9,rd_expenditure,2022,", "\n9,rd_expenditure,-2022,")
    assert "data/observations.csv:10:year: '-2022' is too small (at least 2000)" in messages(package_copy)


def test_the_schema_contract_matches_the_package_and_names_a_departure(package_copy):
    assert subprocess.run([sys.executable, "-m", "scripts", "contract"], cwd=paths.ROOT).returncode == 0
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in descriptor["resources"] if r["name"] == "indicators")["schema"]["fields"]
    next(f for f in fields if f["name"] == "better")["constraints"]["enum"].append("neutral")
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    assert [str(p) for p in validate.problems_in(package_copy)] == [
        "datapackage.json:resources.indicators.fields.better.constraints.enum: is ['higher', 'lower', 'neutral'], "
        "where the code expects ['higher', 'lower'] (the code is written for scripts/validate/schema_contract.json: see scripts/validate/contract.py)"
    ]


# --- wording: the English keeps the plan's bounds; Chinese punctuation; quotes without damage -------------------


def test_more_than_for_an_at_least_milestone_is_refused(package_copy):
    edit(package_copy / "data/milestones.csv", "20项以上,at least 20 projects", "20项以上,more than 20 projects")
    found = [m for m in messages(package_copy) if m.startswith("data/milestones.csv:2:phrase_en:")]
    assert found and "“at least N” or “N or more”" in found[0]


def test_an_english_text_that_turns_yi_shang_into_more_than_is_refused(package_copy):
    edit(package_copy / "data/tasks.csv", "at least 20 major", "more than 20 major")
    assert any(
        m.startswith("data/tasks.csv:2:text_en: 20项以上 includes 20, but the English excludes it")
        for m in messages(package_copy)
    )


def test_half_width_punctuation_between_chinese_characters_is_refused(package_copy):
    edit(package_copy / "data/observations.csv", "每日甘肃网/兰州日报,", "每日甘肃网;兰州日报,")
    assert any(
        m.startswith("data/observations.csv:3:source_publisher: half-width “;” in Chinese text")
        for m in messages(package_copy)
    )


def test_a_quote_with_a_pinyin_annotation_is_refused(package_copy):
    edit(package_copy / "data/observations.csv", "研究與試驗發展", "研究與試驗發(fā)展")
    assert any(
        m.startswith("data/observations.csv:9:quote: carries a pinyin annotation “發(fā)”")
        for m in messages(package_copy)
    )


@pytest.mark.parametrize(
    "comparator, english, wrong",
    [
        ("at_least", "at least 20 projects", False),
        ("at_least", "20 projects or more", False),
        ("at_least", "more than 20 projects", True),
        ("at_least", "over 20 projects", True),
        ("at_least", "20 projects", True),
        ("reach", "reach 1,800 enterprises", False),
        ("reach", "exceed 1,800 enterprises", True),
        ("about", "about 10 projects", False),
        ("about", "10 projects", True),
        ("unqualified", "1 laboratory", False),
        ("unqualified", "at least 1 laboratory", True),
        ("improve_by", "the rank moves up one place", False),
        ("improve_by", "the rank rises by 1", True),
        ("within_top", "among the top 20", False),
    ],
)
def test_each_qualifier_has_its_english(comparator, english, wrong):
    from scripts.validate import wording

    assert (wording.qualifier_problem(comparator, english) is not None) == wrong


@pytest.mark.parametrize(
    "chinese, english, wrong",
    [
        ("45岁以下青年科技人才", "young talent aged 45 or under", False),
        ("45岁以下青年科技人才", "young talent under 45", True),
        ("引进20人以上", "bring in at least 20 people", False),
        ("引进20人以上", "bring in more than 20 people", True),
        ("超过20人", "more than 20 people", False),  # 超过 really is "more than"
    ],
)
def test_inclusive_bounds_in_prose(chinese, english, wrong):
    from scripts.validate import wording

    assert bool(wording.bound_problems(chinese, english)) == wrong


@pytest.mark.parametrize(
    "quote, damaged",
    [
        ("甘肅省2021年研究與試驗發展(R&D)經費投入為129.5億元", False),  # all Traditional, as the repost prints it
        ("2022年，甘肃省R&D经费达144.15亿元", False),
        ("研究與試驗發(fā)展", True),
        ("甘肅省研究与试验发展", True),  # 肅 Traditional beside 与 Simplified
    ],
)
def test_quotes_are_checked_for_damage(quote, damaged):
    from scripts.validate import wording

    assert (wording.damage_in_quote(quote) is not None) == damaged


def test_a_description_without_its_chinese_is_reported(package_copy):
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    del descriptor["resources"][1]["schema"]["fields"][2]["description_zh"]
    descriptor["resources"][2]["description_zh"] = "方案列明的全部责任单位(含地方政府)。"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    found = messages(package_copy)
    assert (
        "datapackage.json:resources.tasks.fields.title.description_zh: is missing (the Chinese of its description, for the Chinese data dictionary)"
        in found
    )
    assert any(
        m.startswith("datapackage.json:resources.agencies.description_zh: half-width “(” in Chinese text")
        for m in found
    ), found
