"""How the plan's lines are shaped: one place for the patterns the parser and
the document renderer share."""

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


def part_heading(number: str, title: str) -> str:
    return f"{number}、{title}"


def subsection_heading(number: str, title: str) -> str:
    return f"（{number}）{title}。"


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
