"""The data files are exactly what the extraction writes from the seed."""

import pytest

from scripts.core import csvio, load, paths
from scripts.source import document
from scripts.tools import extract

PACKAGE = load.read_descriptor()
OUTPUTS = extract.build(paths.SEED.read_text(encoding="utf-8"), PACKAGE, paths.DATA)
RECORDS = load.records()


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_committed_file_is_what_extraction_writes(name):
    assert (paths.ROOT / name).read_text(encoding="utf-8") == OUTPUTS[name], f"run make extract: {name} drifted"


def test_extraction_is_deterministic():
    again = extract.build(paths.SEED.read_text(encoding="utf-8"), PACKAGE, paths.DATA)
    assert again == OUTPUTS


def test_round_trip_data_to_text_equals_clean_text_byte_for_byte():
    text = paths.PLAN_TEXT.read_text(encoding="utf-8")
    rebuilt = document.render(
        PACKAGE["document"]["title"],
        RECORDS["sections"],
        RECORDS["tasks"],
        RECORDS["task_agencies"],
        RECORDS["agencies"],
    )
    assert rebuilt.encode("utf-8") == text.encode("utf-8")


def test_counts_match_the_plan():
    assert len(RECORDS["tasks"]) == 26
    assert len(RECORDS["agencies"]) == 29
    assert len(RECORDS["indicators"]) == 8
    assert len(RECORDS["targets"]) == 16
    assert len(RECORDS["milestones"]) == 10
    levels = [s["level"] for s in RECORDS["sections"]]
    assert levels.count(1) == 4 and levels.count(2) == 9


def test_tasks_sit_in_their_highlands_and_channels():
    section_of = {t["id"]: t["section_id"] for t in RECORDS["tasks"]}
    assert [section_of[i] for i in (1, 3, 4, 17, 18, 26)] == ["2-1", "2-1", "2-2", "2-5", "3-1", "3-4"]


def target(target_id):
    return next(t for t in RECORDS["targets"] if t["id"] == target_id)


def test_the_odd_targets():
    assert (target("innovation_rank-2025")["comparator"], target("innovation_rank-2025")["value"]) == ("improve_by", 1)
    assert (target("innovation_rank-2030")["comparator"], target("innovation_rank-2030")["value"]) == ("within_top", 20)
    assert target("platform_listed_achievements-2025")["value"] == 500
    assert target("platform_listed_achievements-2025")["cumulative"] is False
    assert target("platform_listed_achievements-2030")["value"] == 3000
    assert target("platform_listed_achievements-2030")["cumulative"] is True
    assert target("hv_patents_per_10k-2030")["value"] == 4.5
    assert target("rd_expenditure-2030")["phrase"] == "R&D经费投入达到280亿元"


def test_milestones_with_their_comparators():
    by_task = {m["task_id"]: (m["comparator"], m["value"], m["unit"]) for m in RECORDS["milestones"]}
    assert by_task == {
        1: ("at_least", 20, "项"),
        4: ("at_least", 30, "个"),
        8: ("reach", 1800, "家"),
        11: ("at_least", 20, "人"),
        12: ("reach", 50, "%"),
        17: ("unqualified", 1, "家"),
        18: ("about", 10, "项"),
        21: ("at_least", 6, "场次"),
        24: ("at_least", 15, "家"),
        25: ("unqualified", 200, "人次"),
    }
    assert {m["task_id"] for m in RECORDS["milestones"] if m["aspiration"]} == {17, 24}


def test_first_listed_unit_leads_and_local_governments_follow_from_the_note():
    links = RECORDS["task_agencies"]
    lead = {link["task_id"]: link["agency_id"] for link in links if link["position"] == 1}
    assert lead[1] == "science-technology" and lead[5] == "development-reform" and lead[26] == "market-regulation"
    local = {"prefecture-governments", "lanzhou-new-area"}
    task1 = {link["agency_id"]: (link["basis"], link["position"]) for link in links if link["task_id"] == 1}
    assert task1["prefecture-governments"] == ("listed", 10) and task1["lanzhou-new-area"] == ("listed", 11)
    for task_id in range(2, 27):
        noted = {link["agency_id"] for link in links if link["task_id"] == task_id and link["basis"] == "general_note"}
        assert noted == local, task_id


def test_responsibility_note_is_kept_verbatim():
    task1 = next(t for t in RECORDS["tasks"] if t["id"] == 1)
    assert task1["responsibility_note"] == "以下任务均需各市州政府、兰州新区管委会落实，不再一一列出"


def test_milestone_sentence_is_the_2025_sentence():
    task21 = next(t for t in RECORDS["tasks"] if t["id"] == 21)
    assert task21["milestone"] == "2025年，举办较大规模科技成果推介沙龙、技术需求发布、技术交易对接等活动6场次以上。"


def test_an_unknown_unit_in_the_text_stops_extraction(tmp_path):
    agencies = csvio.read_rows(paths.DATA / "agencies.csv")
    (tmp_path / "indicators.csv").write_text(
        (paths.DATA / "indicators.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    csvio.write_rows(
        tmp_path / "agencies.csv", list(agencies[0]), [a for a in agencies if a["short_name"] != "省公安厅"]
    )
    with pytest.raises(extract.ExtractError, match="省公安厅.*agencies.csv"):
        extract.build(paths.SEED.read_text(encoding="utf-8"), PACKAGE, tmp_path)


def test_check_mode_reports_no_drift(capsys):
    assert extract.main(["--check"]) == 0


def test_damage_left_after_cleaning_is_reported_against_the_seed_line(monkeypatch, capsys):
    from scripts.source import clean

    monkeypatch.setattr(clean, "REPAIRS", ())
    assert extract.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("data/source/000_402c73ac16c10c88.txt:10: still damaged after cleaning: stray '?'")
    assert "Traceback" not in err
