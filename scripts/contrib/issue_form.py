"""A "new data" issue (.github/ISSUE_TEMPLATE/new-data.yml) turned into the row it proposes, by the same code as on the
command line (python -m scripts add_observation / add_status).

    python -m scripts issue_form --body-file issue.md [--author NAME] [--report report.md]

GitHub writes an issue form's answers into the issue's body as "### <label>" followed by the answer ("_No response_"
where none was given). The labels are read from the template itself, so the form and this parser cannot drift apart.
An issue body can be edited by hand, so the template's rules are enforced here as the form enforces them (the
dropdowns' options, the required fields), and a body that could mean one thing to a reader and another to this parser
(an HTML comment, a heading the form does not have, a question answered twice) is refused.
The body is untrusted: it is read as data, never run or pasted into a command line, and every message that quotes it
goes through the validator's own escaping. Exit status 0: the row was added; 1: it was refused (the report says why,
file:row:field, in Chinese and English).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core import paths, untrusted
from ..core.forms import (
    EMAIL_BEGIN,
    EMAIL_END,
    FIGURE_FIELDS,
    FIGURE_KIND,
    HIDDEN,
    LANGUAGE_FIELD,
    MARKUP,
    MAX_BODY,
    NO_RESPONSE,
    PROGRESS_FIELDS,
    PROGRESS_KIND,
    REPLY_LANGUAGES,
    SOURCE_FIELDS,
    TEMPLATE,
    UNANSWERED,
    form_items,
)
from . import add_observation, add_status, problem_zh


class FormError(ValueError):
    """The body is not an answered form: a message for the reporter, in Chinese and in English."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} · {en}")
        self.zh, self.en = zh, en

    @classmethod
    def every(cls, problems: list[FormError]) -> FormError:
        """One error saying each of several, a line each."""
        return cls("\n".join(problem.zh for problem in problems), "\n".join(problem.en for problem in problems))


def sections(body: str, known: dict[str, str]) -> tuple[dict[str, list[str]], list[str], list[FormError]]:
    """({field id: its answer's lines}, lines before the first heading, problems with the headings)."""
    found: dict[str, list[str]] = {}
    before: list[str] = []
    problems = []
    current = None
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            label = line[4:].strip()
            current = known.get(label)
            if current is None:
                shown = untrusted.printable(label, 80)
                problems.append(
                    FormError(
                        f"“{shown}”不是表单里的问题（看不见的字符也算不同）",
                        f"“{shown}” is not a question of the form (an invisible character makes it another)",
                    )
                )
            elif current in found:
                problems.append(FormError(f"问题“{label}”出现了两次", f"the question “{label}” is answered twice"))
            if current is not None:
                found[current] = []
            continue
        (found[current] if current is not None else before).append(line)
    return found, before, problems


QUOTE_PREFIX = re.compile(r"^(?:> ?)*")
QUOTED_PRINTABLE = re.compile(
    r"=\n|(?:=[0-9A-F]{2}){2}"
)  # a soft line break, or a Chinese character's bytes: =E7=94=98


def unquoted(line: str, depth: int) -> str | None:
    """The line without `depth` levels of "> " quoting, or None where it has fewer (a blank line may be quoted as ">")."""
    for _ in range(depth):
        if not line.startswith(">"):
            return None
        line = line[2:] if line.startswith("> ") else line[1:]
    return line


def emailed_form(body: str) -> tuple[str, bool]:
    """(the form's text, whether it came by email): the text between the emailed markers, unquoted; a body without
    them as it is. FormError where the mail has changed it in a way that cannot be undone with certainty."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    begins = [i for i, line in enumerate(lines) if QUOTE_PREFIX.sub("", line).strip() == EMAIL_BEGIN]
    if not begins:
        return body, False
    if QUOTED_PRINTABLE.search(text):
        raise FormError(
            "邮件文字仍是传输编码（如 =E7=94=98 或行末的 =）：请复制邮件中显示出来的文字，而不是邮件的源代码",
            "the emailed text is still in its transfer encoding (=E7=94=98, or = at a line's end): copy the text "
            "as the mail shows it, not the message's source",
        )
    ends = [i for i, line in enumerate(lines) if QUOTE_PREFIX.sub("", line).strip() == EMAIL_END and i > begins[0]]
    if len(begins) > 1 or not ends:
        raise FormError(
            f"邮件文字应当从“{EMAIL_BEGIN}”一行开始，到“{EMAIL_END}”一行结束，各一次：请粘贴完整的一份",
            f"the emailed text must run once from the line “{EMAIL_BEGIN}” to the line “{EMAIL_END}”: paste one whole copy",
        )
    first, last = begins[0], ends[0]
    depth = QUOTE_PREFIX.match(lines[first])[0].count(">")
    inside = [unquoted(line, depth) for line in lines[first + 1 : last]]
    if any(line is None for line in inside):
        raise FormError(
            "邮件文字的引用符号“>”有的行有、有的行没有：请粘贴原来的邮件文字",
            "the emailed text is quoted (“>”) on some lines and not on others: paste the text as it was sent",
        )
    outside = lines[:first] + lines[last + 1 :]
    if any(QUOTE_PREFIX.sub("", line).startswith("### ") for line in outside):
        raise FormError(
            "邮件文字的开始行之前或结束行之后有像问题标题的行（### ）：请删去",
            "a line before the emailed text's first line or after its last reads as a question (### ): delete it",
        )
    return "\n".join(inside), True


def unwrapped_address(answer: str) -> str:
    """A web address a mail client broke over lines, put back together: it holds no space, so the lines join with none."""
    joined = "".join(line.strip() for line in answer.split("\n"))
    return joined if "\n" in answer and not re.search(r"\s", joined) else answer


def read_form(body: str, template: Path = TEMPLATE) -> tuple[dict[str, str], list[FormError]]:
    """({field id: answer}, every way the body is not the form answered as the form allows). A missing or unanswered
    field is "". Refused: text a reader of the issue cannot see or reads otherwise (an HTML comment or tag, a heading
    with an invisible character, markup inside an answer), text outside the answers, a question the form does not ask
    or asks once, an answer that is not one of a dropdown's options, a required field left empty, a one-line answer on
    several lines, an answer to a question of the other kind."""
    if len(body) > MAX_BODY:
        raise FormError(f"问题正文超过{MAX_BODY:,}个字符", f"the issue body is longer than {MAX_BODY:,} characters")
    body, emailed = emailed_form(body)
    items = form_items(template)
    found, before, problems = sections(body, {item["attributes"]["label"]: item["id"] for item in items})
    if "kind" not in found:
        raise FormError("这个问题不是用“新数据”表单填写的", "this issue was not written with the “new data” form")
    if HIDDEN.search(body):
        problems.insert(
            0,
            FormError(
                "正文含有HTML注释或HTML标签：读者看不见的文字不能决定写入的内容",
                "the body holds an HTML comment or tag: text a reader cannot see may not decide what is written",
            ),
        )
    if "".join(before).strip():
        problems.insert(
            0,
            FormError(
                "第一个问题之前有文字：只填写表单的回答",
                "there is text before the first question: answer the form only",
            ),
        )
    fields = {
        field: "" if "\n".join(lines).strip() == NO_RESPONSE else "\n".join(lines).strip()
        for field, lines in found.items()
    }
    if emailed and fields.get("source_url"):
        fields["source_url"] = unwrapped_address(fields["source_url"])
    other_kind = {FIGURE_KIND: PROGRESS_FIELDS, PROGRESS_KIND: FIGURE_FIELDS}.get(fields.get("kind", ""), ())
    for item in items:
        answer, label = fields.get(item["id"], ""), item["attributes"]["label"]
        if MARKUP.search(answer) or UNANSWERED.fullmatch(answer):
            problems.append(
                FormError(
                    f"“{label}”的回答含有会被显示成格式的写法（标题、代码块、链接、链接定义、字符引用或“No response”字样），"
                    "读者看到的和写入的会不一样",
                    f"the answer to “{label}” holds markup GitHub shows as something "
                    "else (a heading, a code fence, a link or link definition, a character reference, or “No response”)",
                )
            )
        if "\n" in answer and item["type"] in ("input", "dropdown"):
            problems.append(FormError(f"“{label}”只能填一行", f"the answer to “{label}” must be one line"))
        if answer and item["id"] in other_kind:
            problems.append(
                FormError(
                    f"“{label}”不属于所选的类别，请留空", f"“{label}” is not asked for the kind chosen: leave it empty"
                )
            )
        options = item["attributes"].get("options") if item["type"] == "dropdown" else None
        if options and answer and answer not in options:
            problems.append(
                FormError(
                    f"“{label}”的回答“{untrusted.printable(answer, 80)}”不是表单的选项（可选：{'、'.join(options)}）",
                    f"the answer to “{label}”, “{untrusted.printable(answer, 80)}”, is not one of the form's "
                    f"options ({', '.join(options)})",
                )
            )
        if item.get("validations", {}).get("required") and not answer:
            problems.append(FormError(f"“{label}”必须填写", f"“{label}” is required"))
    return {item["id"]: fields.get(item["id"], "") for item in items}, problems


def answers(body: str, template: Path = TEMPLATE) -> dict[str, str]:
    """{field id: answer} from an issue body that answers the form as it allows; FormError with every problem if not."""
    fields, problems = read_form(body, template)
    if problems:
        raise FormError.every(problems)
    return fields


def command(fields: dict[str, str]) -> tuple[str, list[str]]:
    """("add_observation" or "add_status", its arguments) for the answers (the reply language is not one)."""
    kind = fields.get("kind", "")
    if kind == FIGURE_KIND:
        names, module = FIGURE_FIELDS + SOURCE_FIELDS, "add_observation"
    elif kind == PROGRESS_KIND:
        names, module = PROGRESS_FIELDS + SOURCE_FIELDS, "add_status"
    else:
        raise FormError("请选择类别：指标数值或任务进展", "choose a kind: an indicator figure or task progress")
    argv = []
    for name in names:
        if fields.get(name):
            argv += ["--" + name.replace("_", "-"), fields[name]]
    return module, argv


RUNNERS = {"add_observation": add_observation.main, "add_status": add_status.main}


def run(fields: dict[str, str], root: Path = paths.ROOT) -> tuple[bool, str]:
    """(added, what the command printed) for a form's answers: the row added to data/, or why it was refused."""
    module, argv = command(fields)
    messages = io.StringIO()
    with contextlib.redirect_stdout(messages), contextlib.redirect_stderr(messages):
        try:
            code = RUNNERS[module]([*argv, "--root", str(root)])
        except SystemExit as exit_:  # argparse's own refusal: an option it cannot read
            code = exit_.code if isinstance(exit_.code, int) else 2
    return code == 0, messages.getvalue().strip()


@dataclass(frozen=True)
class Outcome:
    added: bool
    en: str  # what the command said (or why the form could not be read), in English
    zh: str  # the same in Chinese
    language: str  # the reporter's: "zh", "en", or "" where the form does not say


def propose(body: str, root: Path = paths.ROOT, template: Path = TEMPLATE) -> Outcome:
    """The row the issue proposes, added to data/ under root, or the reasons it was refused (nothing written), in the
    reply language the form names, even where the form itself is what is refused."""
    language = ""
    try:
        fields, problems = read_form(body, template)
        language = REPLY_LANGUAGES.get(fields.get(LANGUAGE_FIELD, ""), "")
        if problems:
            raise FormError.every(problems)
        added, text = run(fields, root)
    except FormError as error:
        return Outcome(False, error.en, error.zh, language)
    return Outcome(added, text, problem_zh.in_chinese(text), language)


REPORT_WORDS = {
    "zh": {
        "credit": "数据由 @{author} 提供。",
        "added": "已按表单加入数据，等待审核。",
        "refused": "表单中的数据未通过检查，没有写入任何内容。请修改问题后重新提交。\n\n下面每一行是一个问题，格式为“文件:行号:字段：问题"
        "（应当是什么）”；字段名对应表单中的同名项（例如 quote 是原文引语，source_url 是网址）。",
    },
    "en": {
        "credit": "Data contributed by @{author}.",
        "added": "The row was added from the form and awaits review.",
        "refused": "The data in the form did not pass the checks; nothing was written. Please edit the issue.\n\nEach line below "
        "is one problem: file:row:field: what is wrong (what was expected); the field is the form's answer of that "
        "name (quote is the quoted phrase, source_url the URL).",
    },
}


def report(outcome: Outcome, author: str = "") -> str:
    """Markdown for the pull request (both languages: the reporter's and the reviewers') or for the refusal on the
    issue (the reporter's language; both where it is not known). The command's lines are shown as a code block: inert."""
    language = "" if outcome.added else outcome.language
    said = {
        lang: in_language(lang, outcome.added, outcome.zh if lang == "zh" else outcome.en, author)
        for lang in REPORT_WORDS
    }
    return said.get(language, said["zh"] + "\n---\n\n" + said["en"])


def in_language(lang: str, added: bool, text: str, author: str) -> str:
    words = REPORT_WORDS[lang]
    credit = "\n\n" + words["credit"].format(author=untrusted.printable(author, 40)) if author else ""
    return f"{words['added'] + credit if added else words['refused']}\n\n{fenced(text)}\n"


def fenced(text: str) -> str:
    fence = "`" * max(
        3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1
    )  # nothing inside can close it
    return f"{fence}text\n{text}\n{fence}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts issue_form", description="Add the row a new-data issue proposes."
    )
    parser.add_argument("--body-file", required=True, help="the issue's body, as a file")
    parser.add_argument("--author", default="", help="the issue's author, credited in the report")
    parser.add_argument("--report", help="write the Markdown report here")
    parser.add_argument("--root", type=Path, default=paths.ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    body = Path(args.body_file).read_text(encoding="utf-8", errors="replace")
    outcome = propose(body, args.root)
    markdown = report(outcome, args.author)
    if args.report:
        Path(args.report).write_text(markdown, encoding="utf-8")
    else:
        sys.stdout.write(markdown)
    return 0 if outcome.added else 1
