"""Checks on how the words read: the English keeps the plan's bounds, Chinese text is set in Chinese punctuation,
and a quote carries none of the damage of the copy it came through.

Each check takes the typed rows, each paired with the line it starts on (as cross_check does), and returns Problems.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core import i18n
from ..core.problems import Problem
from ..source import clean

Located = dict[str, list[tuple[int, dict]]]

# What each qualifier of a target or milestone must say in English. 以上 includes the number itself (Civil Code
# art. 1259): "at least 20", "20 or more", never "more than 20".
QUALIFIER_WORDS = {
    "at_least": (r"\bat least\b|\bor more\b|\bor above\b|\bno (?:fewer|less) than\b", "“at least N” or “N or more”"),
    "reach": (r"\breach", "“reach N”"),
    "about": (r"\b(?:about|around|approximately|roughly)\b", "“about N”"),
    "improve_by": (r"\bmoves? up\b", "“move up N places” (a smaller rank number is better)"),
    "within_top": (r"\btop\b", "“among the top N”"),
}
INCLUSIVE = re.compile(
    r"\bor (?:more|above|over|under|below|less|fewer|younger|older)\b|\bno (?:more|fewer|less) than\b"
    r"|\bat (?:least|most)\b"
)
STRICT = re.compile(
    r"\b(?:more|greater|fewer|less|higher|lower) than\b|\bover\b|\babove\b|\bexceed\w*|\bunder\b|\bbelow\b"
)

# A number, a few words of unit, then 以上 / 以下 (the bound includes the number).
BOUND = re.compile(r"(?P<number>\d[\d,.]*)[^\d，。；、：“”]{0,6}?(?P<bound>以上|以下)")
STRICT_BEFORE = {
    "以上": r"(?:more than|greater than|over|above|exceeding)",
    "以下": r"(?:under|below|less than|fewer than)",
}

CJK = i18n.HAN
# , : ; between two Chinese characters; ( after or before one, ) after one ("alert(5) 符号" is code beside Chinese: allowed).
HALF_WIDTH_BETWEEN_CJK = re.compile(
    rf"(?<=[{CJK}])\s?[;:,]\s?(?=[{CJK}])|(?<=[{CJK}])\s?\(|\((?=[{CJK}])|(?<=[{CJK}])\)"
)
CODE_SPAN = re.compile(r"`[^`]*`")
FULL_WIDTH = {";": "；", ":": "：", ",": "，", "(": "（", ")": "）"}


def resource_paths(descriptor: dict) -> dict[str, str]:
    return {resource["name"]: resource["path"] for resource in descriptor["resources"]}


def qualifier_problem(comparator: str, english: str) -> str | None:
    """Why an English phrase does not say its qualifier, or None when it does."""
    required = QUALIFIER_WORDS.get(comparator)
    if required and not re.search(required[0], english, re.IGNORECASE):
        return f"does not say its qualifier {comparator}: expected {required[1]}"
    strict = STRICT.search(INCLUSIVE.sub("", english.lower()))
    if strict:
        return f"says “{strict.group(0)}”, which excludes the number; the qualifier {comparator} " + (
            "includes it" if comparator == "at_least" else "says no such thing"
        )
    if comparator == "unqualified":
        other = next(
            (word for _, (pattern, word) in QUALIFIER_WORDS.items() if re.search(pattern, english, re.IGNORECASE)), None
        )
        if other:
            return f"adds a qualifier ({other}) that the Chinese does not have"
    return None


def english_says_each_qualifier(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    """A target's or milestone's phrase_en agrees with its comparator."""
    where = resource_paths(descriptor)
    return [
        Problem(where[name], line, "phrase_en", why, "the English that says the qualifier exactly")
        for name in ("targets", "milestones")
        for line, row in located.get(name, [])
        if row.get("phrase_en") and (why := qualifier_problem(row["comparator"], row["phrase_en"]))
    ]


def bound_problems(chinese: str, english: str) -> list[str]:
    """“20项以上” must not become “more than 20 projects”, nor “45岁以下” “under 45”."""
    found = []
    for match in BOUND.finditer(chinese):
        number = match["number"].rstrip(".")
        digits = re.escape(number).replace(",", ",?")
        if re.search(rf"\b{STRICT_BEFORE[match['bound']]}\s+(?:the\s+)?{digits}\b(?!\s*or\b)", english, re.IGNORECASE):
            found.append(f"{match.group(0)} includes {number}, but the English excludes it")
        if (
            match["bound"] == "以下"
            and re.search(rf"\b{digits}\b[^.;,]{{0,20}}\b(?<!or )(?:under|below)\b", english)
            and not re.search(rf"\b{digits}\b[^.;,]{{0,20}}\bor (?:under|below|younger|less)\b", english)
        ):
            found.append(f"{match.group(0)} includes {number}, but the English excludes it")
    return found


def english_keeps_inclusive_bounds(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    where = resource_paths(descriptor)
    problems = []
    for name, fields in i18n.translated_fields(descriptor).items():
        for line, row in located.get(name, []):
            for field in fields:
                for why in bound_problems(row.get(field) or "", row.get(field + i18n.SUFFIX) or ""):
                    problems.append(
                        Problem(
                            where[name],
                            line,
                            field + i18n.SUFFIX,
                            why,
                            "“at least N” / “N or more” for 以上, “N or under” / “at most N” for 以下",
                        )
                    )
    return problems


def chinese_fields(descriptor: dict) -> dict[str, list[str]]:
    """Fields whose text a Chinese page shows as written by us: the Chinese of each translated pair, and the source's
    publisher and title as cited (a quote is the source's own words, checked below for damage only)."""
    fields = {name: list(names) for name, names in i18n.translated_fields(descriptor).items()}
    for resource in descriptor["resources"]:
        names = {field["name"] for field in resource["schema"]["fields"]}
        for cited in ("source_publisher", "source_title"):
            if cited in names and cited not in fields.setdefault(resource["name"], []):
                fields[resource["name"]].append(cited)
    return fields


def half_width_problem(text: str) -> str | None:
    match = HALF_WIDTH_BETWEEN_CJK.search(text)
    if not match:
        return None
    mark = match.group(0).strip()
    start = max(0, match.start() - 6)
    return f"half-width “{mark}” in Chinese text (…{text[start : match.end() + 6]}…): write “{FULL_WIDTH[mark]}”"


def described(descriptor: dict) -> list[tuple[str, dict]]:
    """Each resource and each field of the descriptor, with where it sits."""
    return [(f"resources.{resource['name']}", resource) for resource in descriptor["resources"]] + [
        (f"resources.{resource['name']}.fields.{field['name']}", field)
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
    ]


def chinese_is_set_in_chinese_punctuation(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    where = resource_paths(descriptor)
    problems = [
        Problem(where[name], line, field, why, "full-width punctuation between Chinese characters")
        for name, fields in chinese_fields(descriptor).items()
        for line, row in located.get(name, [])
        for field in fields
        if isinstance(row.get(field), str) and (why := half_width_problem(row[field]))
    ]
    for place, item in described(descriptor):  # the Chinese data dictionary; `code` in it is code, not Chinese text
        text = CODE_SPAN.sub(" ", item.get("description_zh") or "")
        if why := half_width_problem(text):
            problems.append(Problem("datapackage.json", None, f"{place}.description_zh", why, "full-width punctuation"))
    return problems


def script_of(char: str) -> str | None:
    """ "traditional" for a character Traditional->Simplified conversion changes, "simplified" for one that is only
    Simplified (it has a different Traditional form), None for one both scripts share."""
    if not re.match(rf"[{CJK}]", char):
        return None
    if clean.to_simplified(char) != char:
        return "traditional"
    return "simplified" if clean.to_traditional(char) != char else None


def script_of_text(text: str) -> set[str]:
    """The scripts a text's characters belong to: {"traditional"}, {"simplified"}, both, or none (shared only)."""
    return {script for char in text if (script := script_of(char))}


def damage_in_quote(quote: str) -> str | None:
    annotated = clean.ANNOTATED.search(quote)
    if annotated:
        return f"carries a pinyin annotation “{annotated.group(0)}” from a damaged copy: quote the characters only"
    if script_of_text(quote) == {"traditional", "simplified"}:
        return "mixes Traditional and Simplified characters: quote the source in one script, as it reads"
    return None


def quotes_carry_no_damage(located: Located, descriptor: dict, root: Path) -> list[Problem]:
    where = resource_paths(descriptor)
    return [
        Problem(where[name], line, "quote", why, "the source's words as it prints them")
        for name in ("observations", "milestone_evidence", "task_status")
        for line, row in located.get(name, [])
        if row.get("quote") and (why := damage_in_quote(row["quote"]))
    ]


CHECKS = [
    english_says_each_qualifier,
    english_keeps_inclusive_bounds,
    chinese_is_set_in_chinese_punctuation,
    quotes_carry_no_damage,
]
