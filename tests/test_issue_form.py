"""A "new data" issue becomes the row it proposes through the same commands as the command line; recorded bodies."""

from pathlib import Path

import pytest

from scripts import csvio, issue_form, problem_zh

BODIES = Path(__file__).with_name("issue_bodies")


def body(name: str) -> str:
    return (BODIES / name).read_text(encoding="utf-8")


def test_the_parser_reads_the_template_labels():
    fields = issue_form.answers(body("figure.md"))
    assert fields["indicator"] == "sci_progress_contribution" and fields["value"] == "62.5" and fields["task"] == ""
    assert issue_form.command(fields) == ("add_observation", [
        "--indicator", "sci_progress_contribution", "--year", "2024", "--value", "62.5", "--source-title", "2025年甘肃省政府工作报告",
        "--source-publisher", "甘肃省人民政府", "--source-publisher-en", "Gansu Provincial People's Government",
        "--source-url", "https://www.gansu.gov.cn/example", "--published", "2025-01-20", "--quote", "科技进步贡献率达到62.5%",
        "--source-kind", "government_statement"])


def test_a_valid_figure_is_added_and_the_author_credited(package_copy):
    outcome = issue_form.propose(body("figure.md"), package_copy)
    assert outcome.added, outcome.en
    row = csvio.read_rows(package_copy / "data/observations.csv")[-1]
    assert (row["indicator_id"], row["year"], row["value"], row["source_publisher_en"]) == (
        "sci_progress_contribution", "2024", "62.5", "Gansu Provincial People's Government")
    assert outcome.language == "zh" and "已在data/observations.csv中加入第" in outcome.zh
    pull_request = issue_form.report(outcome, "octo")
    assert "数据由 @octo 提供" in pull_request and "Data contributed by @octo" in pull_request  # reporter and reviewers


def test_a_valid_status_is_added(package_copy):
    outcome = issue_form.propose(body("status.md"), package_copy)
    assert outcome.added, outcome.en
    rows = csvio.read_rows(package_copy / "data/task_status.csv")
    assert [(r["task_id"], r["status"]) for r in rows if r["as_of"] == "2026-12-01"] == [("17", "completed")]


def test_an_invalid_figure_is_refused_in_the_reporters_language_and_nothing_is_written(package_copy):
    before = (package_copy / "data/observations.csv").read_bytes()
    outcome = issue_form.propose(body("invalid.md"), package_copy)
    assert not outcome.added and "--value" in outcome.en and "六十二" in outcome.en and "Traceback" not in outcome.en
    assert (package_copy / "data/observations.csv").read_bytes() == before
    markdown = issue_form.report(outcome)
    assert outcome.language == "zh" and "没有写入任何内容" in markdown and "nothing was written" not in markdown
    assert "--value：'六十二'不是数字（使用指标的单位%，例如156.2）" in markdown


def test_a_hostile_quote_is_refused_and_reported_inert_in_english(package_copy):
    before = (package_copy / "data/observations.csv").read_bytes()
    outcome = issue_form.propose(body("hostile.md"), package_copy)
    assert not outcome.added and "quote" in outcome.en and "Traceback" not in outcome.en
    assert (package_copy / "data/observations.csv").read_bytes() == before
    markdown = issue_form.report(outcome)
    assert outcome.language == "en" and "nothing was written" in markdown and "没有写入" not in markdown
    block = markdown[markdown.index("\n`") + 1:]
    fence = block.split("\n", 1)[0].removesuffix("text")
    inside = block.split("\n", 1)[1].rsplit(fence, 1)[0]
    assert fence.startswith("```") and fence not in inside  # nothing the reporter typed can close the block
    assert issue_form.fenced("a ```` b").startswith("`````")


def test_the_chinese_report_says_each_problem_in_chinese(package_copy):
    outcome = issue_form.propose(body("hostile.md").replace("\nEnglish\n", "\n中文\n"), package_copy)
    assert outcome.language == "zh"
    assert outcome.zh.splitlines() == [
        "没有写入任何内容；加入这一行后，数据包会有以下问题：",
        "  data/observations.csv:25:quote：第27个字符是U+000A，属于控制字符（只能是可见文字；只有多行字段可以换行；请删去这个字符，粘贴来的文字请重新输入）",
        "  data/observations.csv:25:quote：以“=”开头，电子表格会把它当作公式执行（开头不能是 = + - @）"]


def test_a_form_without_a_reply_language_is_answered_in_both(package_copy):
    markdown = issue_form.report(issue_form.propose(body("status.md"), package_copy))
    assert "已按表单加入数据" in markdown and "The row was added" in markdown


def test_the_site_form_and_the_issue_form_offer_the_same_reply_languages():
    item = next(item for item in issue_form.form_items() if item["id"] == issue_form.LANGUAGE_FIELD)
    assert item["attributes"]["options"] == list(issue_form.REPLY_LANGUAGES)
    assert (issue_form.reply_option("zh"), issue_form.reply_option("en")) == ("中文", "English")


def test_an_unknown_message_is_kept_in_english_and_marked():
    assert problem_zh.in_chinese("data/x.csv:3:y: something new (a rule)") == f"{problem_zh.UNKNOWN}data/x.csv:3:y: something new (a rule)"


@pytest.mark.parametrize("text, zh, en", [("just some words", "不是用“新数据”表单", "new data"),
                                          ("### 类别 · Kind\n\n_No response_\n", "请选择类别", "choose a kind"),
                                          ("x" * 70_000, "超过", "longer than")])
def test_a_body_that_is_not_an_answered_form_is_refused(package_copy, text, zh, en):
    outcome = issue_form.propose(text, package_copy)
    assert not outcome.added and zh in outcome.zh and en in outcome.en
    assert zh in issue_form.report(outcome) and en in issue_form.report(outcome)


def test_the_command_exits_one_with_a_report(package_copy, tmp_path):
    (tmp_path / "body.md").write_text(body("invalid.md"), encoding="utf-8")
    code = issue_form.main(["--body-file", str(tmp_path / "body.md"), "--report", str(tmp_path / "r.md"), "--root", str(package_copy)])
    assert code == 1 and "六十二" in (tmp_path / "r.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("field, value, zh", [("task", "99", "--task：'99'不是任务编号；请用1到26"),
                                              ("as_of", "2026-13-01", "--as-of：'2026-13-01'不是写作YYYY-MM-DD的日期"),
                                              ("summary_en", "", "缺少：--summary-en（每条进展都要有中文和英文摘要，以及来源）"),
                                              ("source_publisher", "甘肃省;科技厅", "中文里用了半角“;”")])
def test_a_refused_status_is_said_in_chinese(package_copy, field, value, zh):
    added, text = issue_form.run({**issue_form.answers(body("status.md")), field: value}, package_copy)
    said = problem_zh.in_chinese(text)
    assert not added and zh in said and problem_zh.UNKNOWN not in said, said
