"""Page models: pure functions from records, tested without building a site."""

import datetime as dt

from scripts.core import i18n
from scripts.model import model, progress
from tests import fixture

RECORDS = fixture.records()
SITE = model.build(RECORDS, fixture.descriptor())


def task(task_id):
    return next(t for t in SITE.tasks if t.id == task_id)


def test_the_first_listed_unit_leads_and_order_is_kept():
    roles = task(22).units
    assert [(r.short_name, r.role) for r in roles[:2]] == [("省委金融办", "lead"), ("省科技厅", "participant")]
    assert [r.position for r in roles if r.role != "noted"] == list(range(1, 8))


def test_units_added_by_the_note_follow_in_the_notes_order():
    noted = [r.short_name for r in task(2).units if r.role == "noted"]
    assert noted == ["各市州政府", "兰州新区管委会"]
    assert task(2).general_note_task == 1 and task(2).general_note.startswith("以下任务均需")
    assert [r.role for r in task(1).units][-2:] == ["participant", "participant"]
    assert task(1).general_note is None


def test_breadcrumb_parts():
    assert (task(18).part.id, task(18).section.id) == ("3", "3-1")
    assert task(18).section.heading == "（一）畅通政策通道。"


def test_previous_and_next():
    assert (task(1).previous_id, task(1).next_id) == (None, 2)
    assert (task(26).previous_id, task(26).next_id) == (25, None)


def test_agency_pages_split_lead_join_and_noted():
    sci = next(a for a in SITE.agencies if a.id == "science-technology")
    assert len(sci.leads) == 16 and len(sci.joins) == 10 and sci.noted == ()
    local = next(a for a in SITE.agencies if a.id == "lanzhou-new-area")
    assert [t.id for t in local.joins] == [1] and len(local.noted) == 25


def test_involvement_order_puts_local_governments_last():
    order = [a.id for a in SITE.agencies_by_involvement]
    assert order[0] == "science-technology" and set(order[-2:]) == {"prefecture-governments", "lanzhou-new-area"}


def test_themes_and_dates():
    assert [p.theme for p in SITE.parts] == [None, "五大高地", "四大通道", None]
    assert SITE.document["signed_zh"] == "2025年3月3日"
    assert (
        i18n.text("zh").date("2030-12-01") == "2030年12月1日"
        and i18n.text("en").date("2030-12-01") == "1 December 2030"
    )


def test_plan_lines_mark_headings_and_task_anchors():
    levels = [line.level for line in SITE.plan]
    assert levels[0] == 1 and levels.count(2) == 4 and levels.count(3) == 9
    assert [line.anchor for line in SITE.plan if line.anchor][:2] == ["task-1", "task-2"]


def test_indicators_carry_targets_and_no_invented_figure():
    rank = next(i for i in SITE.indicators if i.id == "innovation_rank")
    assert [t.comparator for t in rank.targets] == ["improve_by", "within_top"]
    latest = {i.id: i.latest for i in SITE.indicators}
    assert (
        latest["rd_personnel_per_10k"]
        == latest["hv_patents_per_10k"]
        == latest["platform_listed_achievements"]
        == "暂无数据"
    )
    assert latest["sci_progress_contribution"] == "60%（2023年）"  # the 2024 figure of unknown year is not preferred
    assert [t.id for t in next(i for i in SITE.indicators if i.id == "platform_listed_achievements").tasks] == [21]


def test_short_phrase_keeps_the_plans_words_from_the_comparator_on():
    assert model.short_phrase("科技进步贡献率达到62%") == "达到62%"
    assert model.short_phrase("综合科技创新水平进入全国前20位") == "进入全国前20位"
    assert model.short_phrase("省科技成果转化综合服务平台挂牌交易科技成果累计达到3000项") == "累计达到3000项"
    assert model.short_phrase("全社会研究与试验发展（R&D）经费投入达到180亿元") == "达到180亿元"
    assert model.short_phrase("省科技成果转化综合服务平台挂牌交易科技成果500项") == "500项"


def test_only_preferred_figures_make_the_series_and_conflicts_stay_visible():
    sci = next(i for i in SITE.indicators if i.id == "sci_progress_contribution")
    assert [o.year for o in sci.series] == [2017, 2019, 2020, 2022, 2023]
    assert {o.value for o in sci.observations if o.year == 2022} == {58.2, 65.84}
    assert [o.value for o in sci.series if o.year == 2022] == [58.2]


def test_every_task_has_a_status_history_and_only_evidence_moves_it():
    assert all(len(t.history) >= 1 for t in SITE.tasks)
    assessed = {t.id: t.status for t in SITE.tasks if t.status.status != "not_assessed"}
    assert assessed and all(status.source_url and status.quote for status in assessed.values())


def labels_as_of(day: str) -> dict:
    site = model.build(RECORDS, fixture.descriptor(), known=dt.date.fromisoformat(day))
    return {(i.id, t.year): t.progress.label for i in site.indicators for t in i.targets}


def test_progress_labels_come_from_the_rule():
    labels = labels_as_of("2025-06-30")  # before 2025 is over: verdicts
    assert labels[("rd_personnel_per_10k", 2025)] == "insufficient_data"
    assert labels[("tech_contract_turnover", 2025)] == "insufficient_data"  # latest figure is from 2019
    assert labels[("rd_expenditure", 2030)] in ("on_track", "off_track")  # latest 2022, 3 years old in 2025: a trend
    after = labels_as_of("2026-11-30")  # 2025 is over: outcomes
    assert {after[(i.id, 2025)] for i in SITE.indicators} <= set(progress.OUTCOMES)
    assert (
        after[("innovation_rank", 2025)] == "released_not_found"
    )  # the 2025 report is out, Gansu's rank not yet found
    assert after[("rd_personnel_per_10k", 2025)] == "no_source"  # nothing found for any year
    assert after[("rd_expenditure", 2025)] == "overdue"  # due by the end of October 2026
    assert labels_as_of("2026-12-04")[("rd_expenditure", 2030)] == "insufficient_data"  # latest 2022: 4 years old


def test_the_scorecard_has_every_target_and_milestone_of_its_year():
    card = model.build(RECORDS, fixture.descriptor(), known=dt.date(2026, 11, 30)).scorecard
    assert card.year == 2025 and len(card.tiles) == 8
    assert sum(count for _, _, count in card.totals) == 8
    assert [m.task_id for m in card.milestones] == [1, 4, 8, 11, 12, 17, 18, 21, 24, 25]
    by_task = {m.task_id: m for m in card.milestones}
    assert by_task[17].status == "met" and by_task[17].source_url and by_task[17].others == 1
    assert by_task[8].status == "awaiting" and "98" in by_task[8].detail  # a 2024 figure says nothing yet about 2025
    assert by_task[8].status_label == "等待2025年数字"
    assert by_task[1].status == "no_evidence" and by_task[1].source_url is None
    assert sum(count for _, _, count in card.milestone_totals) == 10


def test_the_as_of_date_comes_from_the_data_not_the_clock():
    assert model.as_of(
        {"task_status": [{"as_of": dt.date(2026, 1, 2)}], "observations": [{"published": "2026-03"}]}
    ) == dt.date(2026, 3, 1)


def test_a_status_without_a_source_never_hides_one_with_a_source():
    """An anonymous, unsourced "not_assessed" once replaced task 17's sourced status (attack finding 4); and evidence dated
    before a task's "not yet assessed" row was hidden behind it. The current status is the latest sourced one."""
    records = fixture.records()
    sourced = next(row for row in records["task_status"] if row["task_id"] == 17 and row["status"] != "not_assessed")
    later = {"task_id": 17, "as_of": sourced["as_of"] + dt.timedelta(days=1), "status": "not_assessed"}
    earlier = {**sourced, "task_id": 15, "as_of": dt.date(2025, 4, 2)}  # before task 15's "not_assessed" row
    records["task_status"] += [later, earlier]
    site = model.build(records, fixture.descriptor())
    task_17, task_15 = (next(t for t in site.tasks if t.id == number) for number in (17, 15))
    assert (
        task_17.status.status == sourced["status"] and task_17.history[0].status == "not_assessed"
    )  # history keeps every row
    assert (task_15.status.status, task_15.status.as_of) == (sourced["status"], "2025-04-02")
    assert next(t for t in site.tasks if t.id == 3).status.status == "not_assessed"  # no source: not yet assessed
