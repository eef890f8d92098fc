"""How the plan's lines and the data's lists are shaped: one place for the patterns the parser, the document
renderer, validation and the model share."""

import re

NUMERALS = "一二三四五六七八九十"
PART = re.compile(rf"^(?P<number>[{NUMERALS}]+)、(?P<title>.+)$")
SUBSECTION = re.compile(rf"^（(?P<number>[{NUMERALS}]+)）(?P<title>.+)。$")
TASK = re.compile(r"^(?P<id>\d+)\.(?P<text>.+)（责任单位：(?P<units>.+)）$")

UNIT_SEPARATOR = "、"
GROUP_SEPARATOR = "，"  # the plan sets the local governments apart with a comma


def numeral_value(numeral: str) -> int:
    """一..十 -> 1..10 (the plan never goes past ten)."""
    return NUMERALS.index(numeral) + 1


def markdown_line(line: str, is_title: bool = False) -> str:
    """The clean text as Markdown: the title and headings marked, nothing else changed."""
    if is_title:
        return f"# {line}"
    if PART.match(line):
        return f"## {line}"
    if SUBSECTION.match(line):
        return f"### {line}"
    return line


def markdown(lines: list[str]) -> str:
    return "\n\n".join(markdown_line(line, i == 0) for i, line in enumerate(lines)) + "\n"


def general_note_links(tasks: list[dict], listed: dict[int, set[str]], agencies: list[dict]) -> set[tuple[int, str]]:
    """(task, unit) pairs that a note puts on later tasks without listing them.

    Task 1's note "以下任务均需各市州政府、兰州新区管委会落实，不再一一列出" names
    units that every following task also falls to; a task that lists such a
    unit itself already has it.
    """
    links, noted = set(), []
    for task in sorted(tasks, key=lambda task: task["id"]):
        links |= {(task["id"], agency_id) for agency_id in noted if agency_id not in listed.get(task["id"], set())}
        if task.get("responsibility_note"):
            noted = [agency["id"] for agency in agencies if agency["short_name"] in task["responsibility_note"]]
    return links


BODY_SEPARATORS = re.compile(r"[；;、，,]")  # between the bodies of a `publisher` ("科学技术部；甘肃省科学技术厅")


def bodies(publisher: str) -> list[str]:
    """The bodies a `publisher` names, in its order: "国家统计局、科学技术部、财政部" -> three."""
    return [body.strip() for body in BODY_SEPARATORS.split(publisher or "") if body.strip()]
