"""The fast path of the text checks: every character of untrusted.PLAIN_TEXT passes each rule of a single character,
so text made only of them can skip reading character by character and be judged exactly as before."""

import re
import sys
import unicodedata

from scripts.core import untrusted
from tests import fixture


def plain_characters() -> list[str]:
    return [chr(code) for code in range(sys.maxunicode + 1) if untrusted.PLAIN_TEXT.fullmatch(chr(code))]


def test_every_plain_character_breaks_no_rule_of_one_character():
    characters = plain_characters()
    assert 20_000 < len(characters) < 22_000
    for char in characters:
        assert untrusted.why_forbidden(char) is None, untrusted.character_name(char)
        assert unicodedata.category(char) not in untrusted.COMBINING, untrusted.character_name(char)
        assert unicodedata.normalize("NFC", char) == char, untrusted.character_name(char)
        assert not unicodedata.name(char, "").startswith(("GREEK", "CYRILLIC")), untrusted.character_name(char)


SAMPLES = ["科技创新 R&D 2025年", "“成果”…·", "=SUM(A1)", "a\u0301", "раураl", "x\u200by", "全\u3000角", "行\n行", ""]


def test_the_fast_path_gives_the_verdicts_of_the_slow_one(monkeypatch):
    """Every text cell of the tests' data and a few hostile texts: the same problems with the fast path as without."""
    texts = SAMPLES + [value for rows in fixture.records().values() for row in rows for value in row.values()]
    texts = [text for text in texts if isinstance(text, str)]
    fast = [untrusted.text_problems(text, 500, multiline) for text in texts for multiline in (False, True)]
    monkeypatch.setattr(untrusted, "PLAIN_TEXT", re.compile(r"(?!)"))  # matches nothing: every text the slow way
    slow = [untrusted.text_problems(text, 500, multiline) for text in texts for multiline in (False, True)]
    assert fast == slow and len(texts) > 1000
    assert sum(bool(problems) for problems in fast) >= 2 * 6  # the hostile samples are refused either way
