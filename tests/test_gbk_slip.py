"""Each repair of a garbled span, proved by replaying the one-byte GBK slip."""

import pytest

from scripts.core import paths
from scripts.source import clean
from scripts.source.gbk_slip import decode_units, slipped

SEED = paths.SEED.read_text(encoding="utf-8")
PINYIN = clean.copy_pinyin(SEED)


@pytest.mark.parametrize("repair", clean.REPAIRS, ids=lambda r: r.official)
def test_slip_of_the_repair_reproduces_the_damage(repair):
    assert slipped(repair.before, repair.original, PINYIN) == repair.damaged


@pytest.mark.parametrize("repair", clean.REPAIRS, ids=lambda r: r.official)
def test_repair_becomes_the_official_simplified_text(repair):
    assert clean.to_simplified(repair.original) == repair.official


@pytest.mark.parametrize(
    "before, wrong_original, damaged",
    [
        ("規", "模科技成果推介會", "??萍汲晒平樯除?"),  # a plausible guess from context: 推介会
        ("規", "模科技成果推介活動", "??萍汲晒平樯除?"),
        ("域", "實行重大應", "?qū)嵤┲卮髴?yīng)"),
        ("鏈", "條”突破與", "?zhǔn)健蓖黄婆c"),
    ],
)
def test_a_guess_that_is_not_the_original_is_refuted(before, wrong_original, damaged):
    assert slipped(before, wrong_original, PINYIN) != damaged


def test_the_slip_pairs_bytes_out_of_step():
    # 域 = D3 F2, 實 = 8C 8D: starting at F2 pairs F2 8C (驅) and 8D CA (嵤).
    units = decode_units("域實施".encode("gbk")[1:])
    assert [u.text for u in units] == ["驅", "嵤", ""] and units[-1].raw == b"\xa9"


def test_gbk_user_defined_area_decodes_to_nothing():
    assert [u.text for u in decode_units(b"\xfb\xcd")] == [""]


def test_every_question_mark_in_the_copy_lies_in_a_repaired_span():
    rest = SEED
    for repair in clean.REPAIRS:
        rest = rest.replace(repair.damaged, "")
    assert "?" not in rest


def test_without_the_repairs_the_damage_check_stops_at_the_first_span(monkeypatch):
    monkeypatch.setattr(clean, "REPAIRS", ())
    with pytest.raises(clean.DamageError) as caught:
        clean.clean(SEED)
    # Line 9 of the clean text is task 1; the first garbled unit sits after 领域.
    assert caught.value.line == 9
    assert "领域" in caught.value.text and "stray '?'" in caught.value.what


def test_each_repair_is_applied_exactly_once():
    repaired = clean.repair_spans(SEED)
    for repair in clean.REPAIRS:
        assert repair.damaged not in repaired
        assert repaired.count(repair.original) >= 1


def test_an_unproved_repair_is_refused(monkeypatch):
    bad = clean.Repair(before="規", damaged="??萍汲晒平樯除?", original="模科技成果推介會", official="")
    monkeypatch.setattr(clean, "REPAIRS", (bad,))
    with pytest.raises(ValueError, match="not proved"):
        clean.repair_spans(SEED)
