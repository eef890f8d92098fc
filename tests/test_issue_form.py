"""A "new data" issue becomes the row it proposes through the same commands as the command line; recorded bodies."""

from pathlib import Path

import pytest

from scripts.contrib import issue_form, problem_zh
from scripts.core import csvio, forms
from tests.conftest import copy_package

BODIES = Path(__file__).with_name("issue_bodies")


def body(name: str) -> str:
    return (BODIES / name).read_text(encoding="utf-8")


def test_the_parser_reads_the_template_labels():
    fields = issue_form.answers(body("figure.md"))
    assert fields["indicator"] == "sci_progress_contribution" and fields["value"] == "62.5" and fields["task"] == ""
    assert issue_form.command(fields) == (
        "add_observation",
        [
            "--indicator",
            "sci_progress_contribution",
            "--year",
            "2024",
            "--value",
            "62.5",
            "--source-title",
            "2025年甘肃省政府工作报告",
            "--source-publisher",
            "甘肃省人民政府",
            "--source-publisher-en",
            "Gansu Provincial People's Government",
            "--source-url",
            "https://www.gansu.gov.cn/example",
            "--published",
            "2025-01-20",
            "--quote",
            "科技进步贡献率达到62.5%",
            "--source-kind",
            "government_statement",
        ],
    )


def test_a_valid_figure_is_added_and_the_author_credited(package_copy):
    outcome = issue_form.propose(body("figure.md"), package_copy)
    assert outcome.added, outcome.en
    row = csvio.read_rows(package_copy / "data/observations.csv")[-1]
    assert (row["indicator_id"], row["year"], row["value"], row["source_publisher_en"]) == (
        "sci_progress_contribution",
        "2024",
        "62.5",
        "Gansu Provincial People's Government",
    )
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
    assert (
        not outcome.added and "HTML comment or tag" in outcome.en and "Traceback" not in outcome.en
    )  # the <script> GitHub hides
    assert (package_copy / "data/observations.csv").read_bytes() == before
    markdown = issue_form.report(outcome)
    assert outcome.language == "en" and "nothing was written" in markdown and "没有写入" not in markdown
    block = markdown[markdown.index("\n`") + 1 :]
    fence = block.split("\n", 1)[0].removesuffix("text")
    inside = block.split("\n", 1)[1].rsplit(fence, 1)[0]
    assert fence.startswith("```") and fence not in inside  # nothing the reporter typed can close the block
    assert issue_form.fenced("a ```` b").startswith("`````")


def test_the_chinese_report_says_each_problem_in_chinese(package_copy):
    outcome = issue_form.propose(
        body("hostile.md")
        .replace("\nEnglish\n", "\n中文\n")
        .replace(" <script>alert(1)</script>", "")
        .replace("\n```\n", "\n"),
        package_copy,
    )
    assert outcome.language == "zh"
    assert outcome.zh.splitlines() == [
        "没有写入任何内容；加入这一行后，数据包会有以下问题：",
        "  data/observations.csv:25:quote：第27个字符是U+000A，属于控制字符（只能是可见文字；只有多行字段可以换行；请删去这个字符，粘贴来的文字请重新输入）",
        "  data/observations.csv:25:quote：以“=”开头，电子表格会把它当作公式执行（开头、开头的空格或引号之后、“;”或“|”之后，都不能是 = + - @ 或全角的 ＝ ＋ － ＠）",
    ]


def test_a_form_without_a_reply_language_is_answered_in_both(package_copy):
    markdown = issue_form.report(issue_form.propose(body("status.md"), package_copy))
    assert "已按表单加入数据" in markdown and "The row was added" in markdown


def test_the_site_form_and_the_issue_form_offer_the_same_reply_languages():
    item = next(item for item in forms.form_items() if item["id"] == forms.LANGUAGE_FIELD)
    assert item["attributes"]["options"] == list(forms.REPLY_LANGUAGES)
    assert (forms.reply_option("zh"), forms.reply_option("en")) == ("中文", "English")


def test_an_unknown_message_is_kept_in_english_and_marked():
    assert (
        problem_zh.in_chinese("data/x.csv:3:y: something new (a rule)")
        == f"{problem_zh.UNKNOWN}data/x.csv:3:y: something new (a rule)"
    )


@pytest.mark.parametrize(
    "text, zh, en",
    [
        ("just some words", "不是用“新数据”表单", "new data"),
        ("### 类别 · Kind\n\n_No response_\n", "“类别 · Kind”必须填写", "“类别 · Kind” is required"),
        ("x" * 70_000, "超过", "longer than"),
    ],
)
def test_a_body_that_is_not_an_answered_form_is_refused(package_copy, text, zh, en):
    outcome = issue_form.propose(text, package_copy)
    assert not outcome.added and zh in outcome.zh and en in outcome.en
    assert zh in issue_form.report(outcome) and en in issue_form.report(outcome)


def test_the_command_exits_one_with_a_report(package_copy, tmp_path):
    (tmp_path / "body.md").write_text(body("invalid.md"), encoding="utf-8")
    code = issue_form.main(
        ["--body-file", str(tmp_path / "body.md"), "--report", str(tmp_path / "r.md"), "--root", str(package_copy)]
    )
    assert code == 1 and "六十二" in (tmp_path / "r.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "field, value, zh",
    [
        ("task", "99", "--task：'99'不是任务编号；请用1到26"),
        ("as_of", "2026-13-01", "--as-of：'2026-13-01'不是日历上存在的日期"),
        ("as_of", "2026年3月", "--as-of：'2026年3月'缺少日（请写作2026-03-15或2026年3月15日）"),
        ("source_publisher", "甘肃省;科技厅", "中文里用了半角“;”"),
    ],
)
def test_a_refused_status_is_said_in_chinese(package_copy, field, value, zh):
    added, text = issue_form.run({**issue_form.answers(body("status.md")), field: value}, package_copy)
    said = problem_zh.in_chinese(text)
    assert not added and zh in said and problem_zh.UNKNOWN not in said, said


def figure_with(replace: dict[str, str] | None = None, append: str = "") -> str:
    text = body("figure.md")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text + append


@pytest.mark.parametrize(
    "text, zh, en",
    [
        # Text a reader of the issue does not see decides nothing: an HTML comment holding another answer (attack finding 5).
        (
            figure_with(
                append="\n<!--\n### 网址 · URL\n\nhttps://evil.example/phish\n\n### 说明（英文，可选）· Note in English (optional)\n\n-->\n"
            ),
            "HTML注释或HTML标签",
            "HTML comment or tag",
        ),
        # The visible label written with a zero-width space: the parser would read another answer than the one shown.
        (
            figure_with({"### 网址 · URL": "### 网址\u200b · URL"}),
            "“网址\\u200b · URL”不是表单里的问题",
            "“网址\\u200b · URL” is not a question",
        ),
        (
            figure_with(append="\n### Anything else\n\nsome text\n"),
            "“Anything else”不是表单里的问题",
            "is not a question of the form",
        ),
        (figure_with(append="\n### 网址 · URL\n\nhttps://evil.example/x\n"), "出现了两次", "answered twice"),
        ("Some words first.\n\n" + figure_with(), "第一个问题之前有文字", "text before the first question"),
        (figure_with({"\ngovernment_statement\n": "\nrumour\n"}), "不是表单的选项", "is not one of the form's options"),
        (
            figure_with({"\nhttps://www.gansu.gov.cn/example\n": "\n_No response_\n"}),
            "“网址 · URL”必须填写",
            "“网址 · URL” is required",
        ),
        # Markup inside an answer that GitHub shows otherwise than the parser reads it: a link reference definition renders
        # as nothing, "*No response*" as GitHub's own "no answer", a character reference as the character.
        (
            figure_with(
                append="\n### 说明（英文，可选）· Note in English (optional)\n\n[x]: https://evil.example/verify 'Verified'\n"
            ),
            "会被显示成格式的写法",
            "holds markup GitHub shows as something else",
        ),
        (
            figure_with({"\nGansu Provincial People's Government\n": "\n*No response*\n"}),
            "会被显示成格式的写法",
            "holds markup",
        ),
        (figure_with({"\n甘肃省人民政府\n": "\n&#29976;肃省人民政府\n"}), "会被显示成格式的写法", "holds markup"),
        (
            figure_with({"\n甘肃省人民政府\n": '\n甘肃省人民政府[](https://evil.example/ "隐藏")\n'}),
            "会被显示成格式的写法",
            "holds markup",
        ),
        # A code fence hides a question from the reader, and a heading written with a tab is still a heading on GitHub.
        (
            figure_with(
                {
                    "(for progress, in Chinese)\n\n_No response_": "(for progress, in Chinese)\n\n```\n### 网址 · URL\n\n"
                    "https://evil.example/phish\n```"
                }
            ),
            "会被显示成格式的写法",
            "holds markup",
        ),
        (figure_with({"### 网址 · URL": "###\t网址 · URL"}), "会被显示成格式的写法", "holds markup"),
        (figure_with({"\n2024\n": "\n2024\n2025\n"}), "只能填一行", "must be one line"),
        (
            figure_with(
                {
                    "### 任务编号（任务进展）· Task number, 1–26 (for progress)\n\n_No response_": "### 任务编号（任务进展）· Task number, 1–26 (for progress)\n\n17"
                }
            ),
            "不属于所选的类别",
            "is not asked for the kind chosen",
        ),
    ],
)
def test_an_issue_is_held_to_the_form_as_the_form_holds_it(package_copy, text, zh, en):
    before = (package_copy / "data/observations.csv").read_bytes()
    outcome = issue_form.propose(text, package_copy)
    assert not outcome.added and zh in outcome.zh and en in outcome.en, outcome
    assert (package_copy / "data/observations.csv").read_bytes() == before


def test_a_status_the_form_does_not_offer_cannot_erase_a_sourced_one(package_copy):
    """An anonymous "not_assessed" with no source once replaced task 17's only sourced status (attack finding 4)."""
    text = body("status.md").replace("\ncompleted\n", "\nnot_assessed\n")
    for label in ("来源标题 · Source title", "网址 · URL", "原文引语 · The quoted phrase, as written"):
        head, tail = text.split(f"### {label}\n\n", 1)
        text = f"{head}### {label}\n\n_No response_\n\n" + tail.split("\n\n", 1)[1]
    outcome = issue_form.propose(text + "\n### 回复语言 · Reply in\n\n中文\n", package_copy)
    assert not outcome.added and outcome.language == "zh"
    assert "“状态（任务进展）· Status (for progress)”的回答“not_assessed”不是表单的选项" in outcome.zh
    assert "“网址 · URL”必须填写" in outcome.zh and "is required" not in issue_form.report(outcome)


def test_a_look_alike_of_no_response_is_refused(package_copy):
    """ "_Nо response_" with a Cyrillic о renders as GitHub's own "no answer" but would be stored as a note."""
    text = figure_with(append="")
    text = text.replace(
        "### 说明（可选，中文）· Note (optional, in Chinese)\n\n_No response_",
        "### 说明（可选，中文）· Note (optional, in Chinese)\n\n说明。",
    )
    text = text.replace(
        "### 说明（英文，可选）· Note in English (optional)\n\n_No response_",
        "### 说明（英文，可选）· Note in English (optional)\n\n_N\u043e response_",
    )
    outcome = issue_form.propose(text, package_copy)
    assert not outcome.added and "mixes Latin, Cyrillic or Greek letters in the word" in outcome.en


# The contribute page's way without GitHub: the same text by email, pasted by a maintainer into an issue.


def emailed(text: str) -> str:
    """The issue's body as the contribute page puts it into an email."""
    return f"{forms.EMAIL_BEGIN}\n\n{text.strip()}\n\n{forms.EMAIL_END}"


def mail_damaged(text: str) -> str:
    """As a mail program hands it on: a greeting, CRLF line ends, every line quoted "> " by a reply or a forward, the web
    address broken over two lines, and a signature after it."""
    url = "https://www.gansu.gov.cn/example"
    text = text.replace(url, url[:20] + "\n" + url[20:])
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
    return "您好，转发一条数据。\r\n\r\n" + quoted.replace("\n", "\r\n") + "\r\n\r\n-- \r\n张三\r\n发自我的手机\r\n"


def added_row(text: str, root: Path, resource: str = "observations") -> dict:
    outcome = issue_form.propose(text, root)
    assert outcome.added, outcome.en
    return csvio.read_rows(root / f"data/{resource}.csv")[-1]


@pytest.mark.parametrize("name, resource", [("figure.md", "observations"), ("status.md", "task_status")])
def test_the_emailed_text_pasted_with_mail_damage_adds_the_same_row(tmp_path, name, resource):
    rows = [
        added_row(text, copy_package(tmp_path / str(index)), resource)
        for index, text in enumerate((body(name), emailed(body(name)), mail_damaged(emailed(body(name)))))
    ]
    assert rows[0] == rows[1] == rows[2]


@pytest.mark.parametrize(
    "damage, zh",
    [
        (lambda text: text.replace("62.5", "=E7=94=98"), "传输编码"),  # quoted-printable left undecoded
        (lambda text: text.replace("科技进步", "=\n科技进步"), "传输编码"),  # a soft line break
        (lambda text: text.rsplit("\n", 1)[0], "各一次"),  # cut off before its last line
        (
            lambda text: "\n".join("> " + line for line in text.split("\n")).replace("> ### 来源标题", "### 来源标题"),
            "引用符号",
        ),  # unevenly
        (lambda text: "### 数值\n\n1\n\n" + text, "像问题标题"),  # a question outside the emailed text
        (lambda text: text + "\n" + text, "各一次"),  # two copies
    ],
)
def test_emailed_text_the_mail_damaged_past_repair_is_refused_with_a_clear_message(package_copy, damage, zh):
    before = (package_copy / "data/observations.csv").read_bytes()
    outcome = issue_form.propose(damage(emailed(body("figure.md"))), package_copy)
    assert not outcome.added and zh in outcome.zh and "Traceback" not in outcome.en
    assert (package_copy / "data/observations.csv").read_bytes() == before


def test_a_wrapped_answer_other_than_the_address_is_refused_not_guessed(package_copy):
    text = emailed(body("figure.md")).replace("2025年甘肃省政府工作报告", "2025年甘肃省\n政府工作报告")
    outcome = issue_form.propose(text, package_copy)
    assert not outcome.added and "只能填一行" in outcome.zh
