"""The contribution form's contract: the fields of the "new data" issue form (.github/ISSUE_TEMPLATE/new-data.yml), the
command-line options they become, and what an answer may hold. The contribute page (scripts/render/contribute.py), which
checks the same answers in the reader's browser, and the contributor tools (scripts/contrib/issue_form.py, add_observation,
add_status) read it here, so the site's renderer needs no contributor command.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import paths

# A source's fields and the options of the contributor commands that take them.
SOURCE_OPTIONS = {
    "source_title": "--source-title",
    "source_publisher": "--source-publisher",
    "source_publisher_en": "--source-publisher-en",
    "source_url": "--source-url",
    "published": "--published",
    "quote": "--quote",
    "source_kind": "--source-kind",
}
# What a source must give; its publisher's English may follow later (the English pages show the Chinese meanwhile).
REQUIRED_SOURCE = {field: option for field, option in SOURCE_OPTIONS.items() if field != "source_publisher_en"}


TEMPLATE = paths.ROOT / ".github" / "ISSUE_TEMPLATE" / "new-data.yml"
NO_RESPONSE = "_No response_"
MAX_BODY = 65_536  # GitHub's own limit on an issue body
FIGURE_KIND, PROGRESS_KIND = "指标数值 · Indicator figure", "任务进展 · Task progress"
FIGURE_FIELDS = ("indicator", "year", "value", "note", "note_en", "source_title_en")
PROGRESS_FIELDS = ("task", "as_of", "status", "summary", "summary_en")
SOURCE_FIELDS = tuple(SOURCE_OPTIONS)
REPLY_LANGUAGES = {
    "中文": "zh",
    "English": "en",
}  # the form's "reply in" options (the site's form sets it from its page)
LANGUAGE_FIELD = "language"


def reply_option(lang: str) -> str:
    """The "reply in" option for a page's language: "中文" or "English"."""
    return next(option for option, code in REPLY_LANGUAGES.items() if code == lang)


def form_items(template: Path = TEMPLATE) -> list[dict]:
    """The form's fields as the template declares them (markdown blocks, which have no id, left out)."""
    return [item for item in yaml.safe_load(template.read_text(encoding="utf-8"))["body"] if "id" in item]


def labels(template: Path = TEMPLATE) -> dict[str, str]:
    """{label: field id} of the form's fields."""
    return {item["attributes"]["label"]: item["id"] for item in form_items(template)}


HIDDEN = re.compile(r"<!--|<[A-Za-z/!?]")  # an HTML comment or tag: GitHub shows neither as written
# In an answer, what GitHub renders as other than the text it holds: a heading (### x, or a line of = or - under text),
# a code fence (which can hide a question inside it), a link reference definition (which renders as nothing), a link or
# an image ("[](https://…)" renders as nothing at all), and a character reference (&#29976; reads as 甘).
MARKUP = re.compile(
    r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|`{3,}|~{3,}|\[[^\]]*\]:)|\]\s*[(\[]"
    r"|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);",
    re.M,
)
UNANSWERED = re.compile(r"[\s*_]*No[\s*_]+response[\s*_]*", re.I)  # what renders like GitHub's own "_No response_"


# The contribute page's way without GitHub: the body, between these two lines, sent by email; a maintainer pastes
# the message into an issue. Outside them, a greeting or a signature is left out; inside, the mail's damage that can be
# undone without guessing is undone (CRLF, a "> " quote on every line, one wrapped web address), and the rest refused.
EMAIL_BEGIN, EMAIL_END = "【新数据开始 · New data begins】", "【新数据结束 · New data ends】"
