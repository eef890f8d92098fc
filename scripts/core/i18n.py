"""The site's languages: reader-facing strings, and the data in each language.

Chinese is the plan's language and the site's default; English is a faithful
translation held in the data itself: every text field `x` whose schema has a
sibling `x_en` is translated there. `localize` swaps those fields in, so one
model, one set of templates and one chart module serve both languages.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from . import structure

# Chinese text: one definition of its characters for every module (ranges for a regex class, without brackets).
UNIFIED = "\u4e00-\u9fff"  # the unified ideographs: nearly every character of modern Chinese text
HAN = "\u3400-\u9fff\uf900-\ufaff"  # ideographs: extension A, the unified block, compatibility ideographs
CHINESE_MARKS = "\u3000-\u303f\uff00-\uffef"  # CJK punctuation (。、「」) and full-width forms (，：（）)
WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # drawn about an em wide: radicals, kana, ideographs, full-width forms
HAN_CHARACTER = re.compile(f"[{HAN}]")
CHINESE_RUN = re.compile(f"[{CHINESE_MARKS}{HAN}]+")  # a run of Chinese with its punctuation, marked lang="zh-Hans"

STRINGS = Path(__file__).parent / "strings.yml"
DEFAULT = "zh"
LANGUAGES = ("zh", "en")
SUFFIX = "_en"
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Text:
    """The strings of one language: `text.home`, `text("task", id=3)`, `text.task_status["on_track"]`."""

    def __init__(self, lang: str, strings: dict):
        self.lang = lang
        self._strings = strings

    def __getattr__(self, key: str):
        try:
            return self._strings[key]
        except KeyError:
            raise AttributeError(f"scripts/core/strings.yml has no {key!r} for {self.lang}") from None

    def __getitem__(self, key: str):
        """Always a string, even where a key shares its name with a method (t["date"] is the word, t.date formats)."""
        try:
            return self._strings[key]
        except KeyError:
            raise KeyError(f"scripts/core/strings.yml has no {key!r} for {self.lang}") from None

    def __call__(self, key: str, **values) -> str:
        """A string with its {placeholders} filled; a string given in {one, other} forms takes the form for `count`."""
        template = self._strings[key]
        if isinstance(template, dict):
            template = template["one" if values.get("count") == 1 else "other"]
        return template.format(**values)

    def date(self, iso: str) -> str:
        """2025-03-03 -> 2025年3月3日 / 3 March 2025."""
        year, month, day = (int(part) for part in str(iso).split("-"))
        return self("date_format", year=year, month=month if self.lang == "zh" else MONTHS_EN[month - 1], day=day)

    def month(self, year: int, month: int) -> str:
        """2026, 10 -> 2026年10月 / October 2026."""
        return self("month_format", year=year, month=month if self.lang == "zh" else MONTHS_EN[month - 1])

    def when(self, value: object) -> str:
        """A date known to the day, the month or the year, as readers write it: 2026-11 -> 2026年11月 / November 2026."""
        parts = [int(part) for part in str(value).split("-")]
        if len(parts) == 3:
            return self.date(str(value))
        if len(parts) == 2:
            return self.month(*parts)
        return self("year_label", year=parts[0])

    def source_date(self, value: object) -> str:
        """A source's publication date as the data give it: a year or a month in words (2024年, 2024年5月 / 2024, May 2024);
        a full date stays YYYY-MM-DD."""
        parts = str(value).split("-")
        if not all(part.isdigit() for part in parts) or len(parts) > 2:
            return str(value)
        return self.when(value)

    def amount(self, value: object, unit: str, rank: bool = False) -> str:
        """A figure with its unit as readers write it: 180亿元, 62%, 23位; 18 billion yuan, 62%, rank 23."""
        key = "amount_rank" if rank else "amount_percent" if unit == "%" else "amount"
        value = grouped(value, self.lang)
        prose = self._strings.get("prose_units", {}).get(unit)
        if prose:
            value, unit = scaled(value, prose["divide_by"]), prose["unit"]
        return self(key, value=value, unit=unit)

    def join(self, items) -> str:
        return self.list_separator.join(items)


NUMBER_IN_TEXT = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def grouped(value: object, lang: str) -> str:
    """The number in a value written one way wherever it comes from (a template's 2463, progress.fmt's 2,463): English
    groups thousands (1,052; 2,463); Chinese writes a number of up to four digits without a separator (2463家) and
    groups a longer one."""

    def group(match: re.Match) -> str:
        whole, dot, fraction = match.group(0).replace(",", "").partition(".")
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        if not digits.isdigit() or (lang == DEFAULT and len(digits) <= 4):
            return f"{sign}{digits}{dot}{fraction}"
        return f"{sign}{int(digits):,}{dot}{fraction}"

    return NUMBER_IN_TEXT.sub(group, str(value), count=1)


def scaled(value: object, divisor: int) -> str:
    """The number in a formatted value divided exactly (decimal, not float): "1,440.5" / 10 -> "144.05"."""

    def divide(match: re.Match) -> str:
        quotient = Decimal(match.group(0).replace(",", "")) / divisor
        text = f"{quotient:,f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    return NUMBER_IN_TEXT.sub(divide, str(value), count=1)


@lru_cache(maxsize=1)
def all_strings() -> dict:
    return yaml.safe_load(STRINGS.read_text(encoding="utf-8"))


def text(lang: str) -> Text:
    return Text(lang, all_strings()[lang])


def suffix(lang: str) -> str:
    """The file-name suffix of a language's pages and assets (mkdocs-static-i18n's suffix structure)."""
    return "" if lang == DEFAULT else f".{lang}"


def localized_path(path: str, lang: str) -> str:
    """tasks/1.md -> tasks/1.en.md; charts/x.vega.json -> charts/x.vega.en.json.

    The language goes just before the last extension, where mkdocs-static-i18n looks for it. That is
    also why no file name may end in a two-letter part such as .vl.json or .zh-Hans.txt before its
    extension: the plugin would take it for a language and leave the file out.
    """
    if lang == DEFAULT:
        return path
    stem, dot, extension = path.rpartition(".")
    return f"{stem}{suffix(lang)}.{extension}"


def translated_fields(descriptor: dict, shown_alongside: bool = True) -> dict[str, list[str]]:
    """{resource: [field, …]} for every field that has an English twin `field_en` in its schema.

    A twin marked "optional" (a source's title) is shown next to the original, never instead of it:
    `shown_alongside=False` leaves those out.
    """
    out = {}
    for resource in descriptor["resources"]:
        fields = {field["name"]: field for field in resource["schema"]["fields"]}
        pairs = [
            name
            for name in fields
            if name + SUFFIX in fields and (shown_alongside or not fields[name + SUFFIX].get("optional"))
        ]
        if pairs:
            out[resource["name"]] = pairs
    return out


def translations_may_wait(descriptor: dict) -> dict[str, list[str]]:
    """{resource: [field, …]} for the contributed texts whose English twin may follow later ("translation_may_wait" in
    the schema): a row may hold the Chinese alone until a maintainer or a later contribution translates it."""
    out = {}
    for resource in descriptor["resources"]:
        waiting = [
            field["name"][: -len(SUFFIX)] for field in resource["schema"]["fields"] if field.get("translation_may_wait")
        ]
        if waiting:
            out[resource["name"]] = waiting
    return out


def awaiting_translation(row: dict, fields: list[str]) -> tuple[str, ...]:
    """The fields of `fields` whose Chinese has text and whose English twin has none."""
    return tuple(field for field in fields if row.get(field) and not row.get(field + SUFFIX))


UNTRANSLATED = "untranslated"  # the key, in a localized row, naming the fields shown in Chinese for want of English


def awaits_translation(item, field: str, lang: str) -> bool:
    """Whether `item` (a page model's figure, status or evidence) shows `field` in Chinese on a `lang` page while its
    English is pending."""
    return lang != DEFAULT and field in getattr(item, UNTRANSLATED, ())


def pending(value: str, item, field: str, text: Text) -> str:
    """A field as plain text (a chart's data table, a search snippet): followed by the words saying its translation is
    pending wherever it awaits one. Pages mark it in HTML instead (pages.awaiting_marker)."""
    return f"{value} {text.translation_pending}" if value and awaits_translation(item, field, text.lang) else value


def localize(records: dict[str, list[dict]], descriptor: dict, lang: str) -> dict[str, list[dict]]:
    """The records as a reader of `lang` sees them: each translated field holds its translation. Where a translation
    may wait and has not come, the field holds the Chinese, and the row names it under UNTRANSLATED, so a page marks it
    as Chinese awaiting translation rather than passing it off as English."""
    if lang == DEFAULT:
        return records
    fields = translated_fields(descriptor, shown_alongside=False)
    out = dict(records)
    for name, pairs in fields.items():
        out[name] = [
            {
                **row,
                **{field: row.get(field + SUFFIX) or row.get(field) for field in pairs},
                UNTRANSLATED: awaiting_translation(row, pairs),
            }
            for row in records[name]
        ]
    out["sections"] = [{**row, "number": english_numeral(row)} for row in out["sections"]]
    return out


def localize_document(document: dict, lang: str) -> dict:
    """The plan's metadata in `lang`: `key_en` replaces `key` where the descriptor has it."""
    if lang == DEFAULT:
        return dict(document)
    return {**document, **{key[: -len(SUFFIX)]: value for key, value in document.items() if key.endswith(SUFFIX)}}


def english_numeral(section: dict) -> str | None:
    """Parts are numbered I, II, …; subsections (1), (2), …, as English translations of Chinese documents do."""
    if not section.get("number"):
        return section.get("number")
    value = structure.numeral_value(section["number"])
    return ROMAN[value - 1] if section["level"] == 1 else str(value)
