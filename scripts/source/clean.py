"""Damaged Traditional-Chinese copy -> clean Simplified-Chinese text, line by line.

Each step is a pure function of text; `clean()` chains them and then refuses
to return anything that still looks damaged. The steps, in order:
1. drop the capture timestamp on the first line (not part of the document);
2. repair the garbled spans, each proved by replaying the GBK slip;
3. strip the pinyin annotations the converter added, keeping real parentheses;
4. convert Traditional -> Simplified with OpenCC, then the reviewed exceptions;
5. restore full-width Chinese punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.i18n import HAN
from .gbk_slip import slipped

# Pinyin syllables as the converter wrote them: lower-case Latin with tone marks.
PINYIN = r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*"
ANNOTATED = re.compile(rf"(?P<char>[{HAN}])\((?P<pinyin>{PINYIN})\)")
TIMESTAMP = re.compile(r"\A\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\n")


class DamageError(ValueError):
    """Text that still looks damaged, with where it is."""

    def __init__(self, line: int, column: int, text: str, what: str):
        self.line, self.column, self.text, self.what = line, column, text, what
        super().__init__(f"line {line}, column {column}: {what}: …{text}…")


@dataclass(frozen=True)
class Repair:
    """One garbled span: the intact character before it, the damage, the original."""

    before: str
    damaged: str
    original: str  # in the copy's Traditional script; OpenCC converts it like the rest
    official: str  # the Simplified text this must become (checked by the tests)


# Found by scanning the copy for "?" (the only three clusters); each is proved by
# `slipped(before, original) == damaged` before it is applied.
REPAIRS = (
    Repair(before="域", damaged="?qū)嵤┲卮髴?yīng)", original="實施重大應", official="实施重大应"),
    Repair(before="鏈", damaged="?zhǔn)健蓖黄婆c", original="式”突破與", official="式”突破与"),
    Repair(before="規", damaged="??萍汲晒平樯除?", original="模科技成果推介沙龍", official="模科技成果推介沙龙"),
)

# Words OpenCC's t2s converts correctly in general but not as this document
# writes them. Reviewed against the official text; each must be used.
OPENCC_EXCEPTIONS = {
    # 著 has two simplified forms; "着力" (make efforts) is the official spelling.
    "著力": "着力",
}

# ASCII punctuation the copy introduced -> the official full-width forms.
FULL_WIDTH = {",": "，", ":": "：", "(": "（", ")": "）", ";": "；"}


def copy_pinyin(text: str) -> dict[str, str]:
    """The annotation the copy gives each character, read from the copy itself."""
    table: dict[str, str] = {}
    for match in ANNOTATED.finditer(text):
        table.setdefault(match["char"], match["pinyin"])
    return table


def drop_timestamp(text: str) -> str:
    return TIMESTAMP.sub("", text, count=1)


def repair_spans(text: str) -> str:
    pinyin = copy_pinyin(text)
    for repair in REPAIRS:
        # The copy shows the intact character with its own annotation, if any.
        before = repair.before + (f"({pinyin[repair.before]})" if repair.before in pinyin else "")
        found = text.count(before + repair.damaged)
        if found != 1:
            raise ValueError(f"repair {repair.damaged!r}: expected once in the copy, found {found} times")
        shown = slipped(repair.before, repair.original, pinyin)
        if shown != repair.damaged:
            raise ValueError(
                f"repair {repair.damaged!r} is not proved: the slip of {repair.original!r} shows {shown!r}"
            )
        text = text.replace(before + repair.damaged, before + repair.original)
    return text


def strip_pinyin(text: str) -> str:
    """Remove "(pinyin)" after a Chinese character; "(R&D)", "(一)", "市(州)" stay."""
    return ANNOTATED.sub(r"\g<char>", text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Only to tell which characters are Simplified-only (a quote must not mix the two scripts)."""
    return _s2t().convert(text)


def to_simplified(text: str) -> str:
    simplified = _t2s().convert(text)
    for wrong, right in OPENCC_EXCEPTIONS.items():
        simplified = simplified.replace(wrong, right)
    return simplified


def full_width_punctuation(text: str) -> str:
    """ASCII , : ; ( ) -> full width, except a comma or colon between digits."""
    out = []
    for i, char in enumerate(text):
        between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        out.append(char if char in ",:" and between_digits else FULL_WIDTH.get(char, char))
    return "".join(out)


def clean(raw: str) -> str:
    text = drop_timestamp(raw)
    text = repair_spans(text)
    text = strip_pinyin(text)
    text = to_simplified(text)
    text = full_width_punctuation(text)
    check_undamaged(text)
    return text


# --- what damage looks like -------------------------------------------------

ALLOWED_LATIN = re.compile(r"R&D")
PAIRS = {"（": "）", "“": "”", "《": "》", "〔": "〕", "【": "】"}


def check_undamaged(text: str) -> None:
    """Raise DamageError at the first thing that does not belong in the clean text."""
    for number, line in enumerate(text.split("\n"), start=1):
        for column, char in enumerate(line, start=1):
            what = damage_of(char, line, column - 1)
            if what:
                raise DamageError(number, column, line[max(0, column - 9) : column + 8], what)
        check_brackets(number, line)


def damage_of(char: str, line: str, index: int) -> str | None:
    code = ord(char)
    if char in "?？\ufffd":
        return f"stray {char!r}"
    if 0x2500 <= code <= 0x257F:
        return f"box-drawing character {char!r}"
    if char in ",:;()":
        return f"ASCII punctuation {char!r} left in Chinese text"
    if char.isascii() and char.isalpha() and not in_allowed_latin(line, index):
        return f"Latin letter {char!r} (pinyin left over?)"
    if not char.isascii() and char not in "，：；（）、。“”《》〔〕" and not is_simplified_standard(char):
        return f"character {char!r} is not standard Simplified Chinese"
    return None


def in_allowed_latin(line: str, index: int) -> bool:
    return any(m.start() <= index < m.end() for m in ALLOWED_LATIN.finditer(line))


def is_simplified_standard(char: str) -> bool:
    """In GB 2312 (the common Simplified set) and unchanged by Traditional->Simplified."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return _t2s().convert(char) == char


def check_brackets(number: int, line: str) -> None:
    closers = {close: open_ for open_, close in PAIRS.items()}
    stack: list[tuple[str, int]] = []
    for column, char in enumerate(line, start=1):
        if char in PAIRS:
            stack.append((char, column))
        elif char in closers:
            if not stack or stack[-1][0] != closers[char]:
                raise DamageError(number, column, line[max(0, column - 9) : column + 8], f"unpaired {char!r}")
            stack.pop()
    if stack:
        char, column = stack[-1]
        raise DamageError(number, column, line[max(0, column - 9) : column + 8], f"unpaired {char!r}")
