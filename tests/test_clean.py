"""The cleaning steps one by one, and the clean text as a whole."""

import pytest

from scripts.core import paths
from scripts.source import clean

SEED = paths.SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "copy, stripped",
    [
        ("區(qū)域", "區域"),
        ("創(chuàng)新驅(qū)動", "創新驅動"),
        ("研究與試驗發(fā)展(R&D)經(jīng)費", "研究與試驗發展(R&D)經費"),
        ("(一)奮力建設(shè)", "(一)奮力建設"),
        ("推進(jìn)省、市(州)、縣(市、區(qū))三級", "推進省、市(州)、縣(市、區)三級"),
        ("技術(shù)經(jīng)紀(jì)(經(jīng)理)人", "技術經紀(經理)人"),
        ("(責(zé)任單位:省科技廳)", "(責任單位:省科技廳)"),
        ("“1+4”省屬高校", "“1+4”省屬高校"),
    ],
)
def test_pinyin_is_stripped_and_real_parentheses_stay(copy, stripped):
    assert clean.strip_pinyin(copy) == stripped


def test_all_pinyin_is_gone_and_every_real_parenthesis_survives():
    stripped = clean.strip_pinyin(clean.repair_spans(clean.drop_timestamp(SEED)))
    assert not clean.ANNOTATED.search(stripped)
    # Real parentheses in the copy: (R&D), (一)…(五) twice, 市(州), 县(市、区), 经纪(经理) x3, and 26 unit lists.
    assert stripped.count("(") == stripped.count(")") == 1 + 5 + 4 + 2 + 3 + 26


def test_opencc_alone_gets_the_exceptions_wrong_and_the_table_fixes_them():
    text = clean.strip_pinyin(clean.repair_spans(clean.drop_timestamp(SEED)))
    raw = clean._t2s().convert(text)
    fixed = clean.to_simplified(text)
    for wrong, right in clean.OPENCC_EXCEPTIONS.items():
        assert wrong in raw, f"exception {wrong}->{right} is never needed: remove it"
        assert wrong not in fixed and right in fixed
    assert fixed.count("着力") == 2  # 着力畅通成果转化, 着力建设西部地区


def test_full_width_punctuation_leaves_numbers_and_latin_alone():
    assert (
        clean.full_width_punctuation("主要目标是:2025年,研究(R&D)经费4.5件,50%,“1+4”")
        == "主要目标是：2025年，研究（R&D）经费4.5件，50%，“1+4”"
    )
    assert clean.full_width_punctuation("3,000 and 16:22") == "3,000 and 16:22"


def test_timestamp_line_is_dropped():
    assert clean.drop_timestamp(SEED).startswith("甘肅省打造")


@pytest.mark.parametrize(
    "text, what, column",
    [
        ("科技创新?水平", "stray '?'", 5),
        ("科技┲创新", "box-drawing", 3),
        ("科技（创新", "unpaired '（'", 3),
        ("科技创新）", "unpaired '）'", 5),
        ("“五大高地””", "unpaired '”'", 7),
        ("科技創新", "not standard Simplified", 3),
        ("科技qu创新", "Latin letter", 3),
        ("科技,创新", "ASCII punctuation", 3),
    ],
)
def test_damage_is_reported_with_its_location(text, what, column):
    with pytest.raises(clean.DamageError) as caught:
        clean.check_undamaged("第一行\n" + text)
    assert caught.value.line == 2 and caught.value.column == column
    assert what in str(caught.value)


def test_clean_text_passes_the_damage_check_and_keeps_r_and_d():
    text = clean.clean(SEED)
    clean.check_undamaged(text)
    assert "全社会研究与试验发展（R&D）经费投入达到180亿元" in text
    assert "“1+4”" in text and "4.5件" in text


def test_cleaning_is_deterministic():
    assert clean.clean(SEED) == clean.clean(SEED)
