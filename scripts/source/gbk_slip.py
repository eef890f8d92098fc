"""The one-byte GBK slip that garbled three spans of the copy, and its proof.

The copy was made from a Traditional-Chinese GBK byte stream. In three places
the decoder started one byte early: it paired the last byte of the intact
character before the span with the first byte of the span, and carried on
pairing bytes out of step until the span ended. `slipped()` replays that on a
candidate original text and renders what the copy would show; a repair is
proved when the rendering equals the damaged span character for character.

How the copy shows the out-of-step units (seen in all three spans):
- the first unit (previous character's last byte + span's first byte) became
  "?"; where the copy's converter annotates that character with pinyin, the
  annotation follows with its "(" swallowed by the "?";
- the span's last byte, left without a partner, became "?", again swallowing
  the "(" of the annotation the original last character carried;
- a pair that falls in GBK's user-defined area (no character) vanished;
- full-width punctuation became ASCII, as everywhere in the copy ("？" -> "?").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

CODEC = "gbk"


@dataclass(frozen=True)
class Unit:
    """One step of the out-of-step decoder: a character, or bytes that made none."""

    text: str  # the decoded character; "" when the bytes made none
    raw: bytes

    @property
    def is_character(self) -> bool:
        return bool(self.text)


def is_user_defined(pair: bytes) -> bool:
    """GBK's user-defined areas (AAA1-AFFE, F8A1-FEFE, A140-A7A0) hold no characters."""
    lead, trail = pair
    return (
        (0xAA <= lead <= 0xAF and trail >= 0xA1)
        or (0xF8 <= lead <= 0xFE and trail >= 0xA1)
        or (0xA1 <= lead <= 0xA7 and trail <= 0xA0)
    )


def decode_units(data: bytes) -> list[Unit]:
    """Decode GBK strictly in pairs from the first byte, never re-synchronising."""
    units: list[Unit] = []
    i = 0
    while i < len(data):
        if data[i] < 0x80:
            units.append(Unit(chr(data[i]), data[i : i + 1]))
            i += 1
            continue
        pair = data[i : i + 2]
        if len(pair) < 2:
            units.append(Unit("", pair))  # a stranded lead byte
            i += 1
            continue
        try:
            text = "" if is_user_defined(pair) else pair.decode(CODEC)
        except UnicodeDecodeError:
            text = ""
        units.append(Unit(text, pair))
        i += 2
    return units


def to_ascii_punctuation(char: str) -> str:
    """The copy's punctuation step: full-width forms became their ASCII twins."""
    if len(char) != 1 or unicodedata.east_asian_width(char) != "F":
        return char
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded.isascii() else char


def slipped(before: str, original: str, pinyin: Mapping[str, str]) -> str:
    """What the copy shows when `original`, following `before`, is read one GBK byte early.

    `pinyin` maps a character to the annotation the copy gives it (from the
    copy itself), so the rendering uses only evidence the copy holds.
    """
    stream = before.encode(CODEC)[-1:] + original.encode(CODEC)
    units = decode_units(stream)
    first, middle = units[0], units[1:]
    stranded = middle.pop() if middle and len(middle[-1].raw) == 1 and middle[-1].raw[0] >= 0x80 else None

    shown = "?" + annotation_tail(first.text, pinyin)
    for unit in middle:
        shown += to_ascii_punctuation(unit.text)
    if stranded is not None:
        shown += "?" + annotation_tail(original[-1], pinyin)
    return shown


def annotation_tail(char: str, pinyin: Mapping[str, str]) -> str:
    """The part of a pinyin annotation that survives a "?" which swallowed its "("."""
    return f"{pinyin[char]})" if char in pinyin else ""
