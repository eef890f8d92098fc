"""The trust boundary: what a value from data/ or datapackage.json may be before anything reads or publishes it.

Anyone can send a pull request, and `make validate` passing is what a reviewer
trusts, so every rule that keeps a contributed value harmless lives here:

- text: no control characters (a newline only in fields marked "multiline"),
  no line or paragraph separators, no invisible formatting (zero-width, bidi
  overrides), no private-use characters or noncharacters, no characters
  outside the Basic Multilingual Plane (emoji: the chart renderer fails on
  them), no more characters than the field's `maxLength`, and no text cell
  that a spreadsheet would run as a formula (starting with = + - @);
- URLs: http or https with a host, nothing else;
- paths: relative, inside data/, no symlinks: validation never opens a file
  that is not the project's, so no message can echo one;
- the descriptor: only the keys this package uses, each of the expected type,
  so Frictionless is never sent to fetch a schema, a profile or a file;
- size: caps on the descriptor and each data file, checked before parsing.

Messages that quote a value go through `printable`, so nothing a contributor
types can forge a line of CI output.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from . import i18n

# Caps checked before anything is parsed: the parsers themselves must never see more (not settings; see SECURITY.md).
MAX_DESCRIPTOR_BYTES = 1_000_000
MAX_DATA_FILE_BYTES = 16_000_000
MAX_DESCRIPTOR_TEXT = 2_000  # characters in any one string of datapackage.json
MAX_DESCRIPTOR_DEPTH = 12  # levels of objects and lists; this package's deepest (resources…constraints.enum[0]) is 7
CSV_FIELD_LIMIT = 131_072  # Python's csv module (and so Frictionless) fails on a longer cell
DATA_FOLDER = "data"

FORBIDDEN_CATEGORIES = {
    "Cc": "a control character",
    "Cf": "an invisible formatting character (zero-width, bidi override, …)",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
    "Co": "a private-use character",
    "Cs": "a lone surrogate",
    "Cn": "an unassigned code point",
}
# Unicode's Default_Ignorable_Code_Point characters outside Cf (which is refused whole): they draw as nothing, so
# "甘肃省统计局\u3164" looks like "甘肃省统计局", and "一带\u034f一路" slips past the glossary check.
# U+2800 BRAILLE PATTERN BLANK is not one, but draws as nothing all the same.
INVISIBLE = frozenset(
    {
        0x034F,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        *range(0x180B, 0x1810),
        0x2065,
        0x2800,
        0x3164,
        *range(0xFE00, 0xFE10),
        0xFFA0,
        *range(0xFFF0, 0xFFF9),
    }
)
# CJK and Kangxi radicals and CJK strokes: "⼀带⼀路" or "㇐带㇐路" reads as 一带一路 but is other text to every check.
RADICALS = range(0x2E80, 0x2FE0)
STROKES = range(0x31C0, 0x31F0)
SPACES = {" ", "\u3000"}  # the spaces text may hold: a hair or thin space reads as none ("一带\u200a一路")
LOOKALIKE_SCRIPTS = (
    "LATIN",
    "CYRILLIC",
    "GREEK",
)  # letters of one look like the others' ("Nо response" with a Cyrillic о)
REPLACEMENT = "\ufffd"  # what a decoder puts where bytes were not UTF-8: the mark of mangled text
COMBINING = {"Mn", "Me"}  # marks drawn on the letter before them
MAX_COMBINING = 4  # on one letter; a longer stack ("Zalgo" text) draws over the lines around it and breaks the column
# Text made only of these characters breaks no rule of a single character (printable ASCII, the common Han block, CJK
# punctuation and full-width forms; no mark, no lookalike alphabet, unchanged by NFC), so the checks that read a
# text character by character pass it at once: most of the data is such text. tests/test_untrusted.py holds every
# character of the class to that.
PLAIN_TEXT = re.compile(f"[\x20-\x7e{i18n.UNIFIED}\u3001-\u3029\u3030-\u303f\uff01-\uff5e‘’“”…·]*")
# = + - @ and every character that Unicode's compatibility mapping (NFKC) turns into text starting with one: the
# full-width forms a Chinese input method types, the small, super- and subscript forms, ⩵ (tests/test_hostile.py checks).
FORMULA_START = "=+-@＝＋－＠﹦﹢﹣﹫⁼⁺₌₊⩵⩶﬩"
# A spreadsheet that splits cells on ";" or "|" (Excel's separator in many locales), trims spaces or reads a quoted
# cell ("=1+1" after a ";") starts a cell there. \s: U+3000 and U+00A0 too; the page's script uses the pattern as is.
FORMULA_INSIDE = re.compile(r"""(?:^\s*["']\s*|^\s+|[;|]\s*["']?\s*)([""" + FORMULA_START.replace("-", "\\-") + "])")
SHOWN_CHARACTERS = 80  # of a quoted value in a message
# A link a contributor gave (a source): search engines do not take it as ours, and the page it opens cannot reach back.
CONTRIBUTED_LINK_REL = "nofollow ugc noopener"

NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")  # resource and field names: file names, sheet names, JSON keys
PACKAGE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
VERSION = re.compile(r"^[0-9]{1,4}\.[0-9]{1,4}\.[0-9]{1,4}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PLAIN_NUMBER = re.compile(
    r"^-?[0-9]+(\.[0-9]+)?$"
)  # as a spreadsheet, a reader and a diff all see it: no +, no exponent
# A URL's host (and port) as it reads: no lookalike of "/" or ".", and a name, not a number (browsers read
# "010.010.010.010" in octal: it goes elsewhere than it reads).
PLAIN_HOST = re.compile(r"(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*\.?(:[0-9]{1,5})?")
SAFE_PATH = re.compile(r"^[A-Za-z0-9._/-]+$")  # published in links and code spans: nothing that markup could read

# The descriptor's shape: every key this package uses, and nothing else (Frictionless would follow a URL or a path).
PACKAGE_KEYS = {
    "profile",
    "name",
    "title",
    "description",
    "version",
    "keywords",
    "licenses",
    "sources",
    "document",
    "sources_searched",
    "progress_rule",
    "resources",
}
RESOURCE_KEYS = {
    "name",
    "path",
    "title",
    "title_zh",
    "description",
    "description_zh",
    "format",
    "mediatype",
    "encoding",
    "profile",
    "schema",
}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
FIELD_KEYS = {
    "name",
    "type",
    "title",
    "title_zh",
    "description",
    "description_zh",
    "constraints",
    "optional",
    "translation_may_wait",
    "multiline",
}
CONSTRAINT_KEYS = {"required", "unique", "enum", "pattern", "minimum", "maximum", "maxLength"}
FIELD_TYPES = {"string", "integer", "number", "boolean", "date"}
PACKAGE_PROFILE = "tabular-data-package"
RESOURCE_VALUES = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
LICENSE_KEYS, SOURCE_KEYS = {"name", "title", "path"}, {"title", "path", "description", "sha256"}
RULE_RANGES = {
    "min_observations": (1, 100),
    "min_span_years": (0, 100),
    "max_latest_age_years": (0, 100),
    "max_share_age_years": (0, 100),
    "baseline_before_year": (1900, 2100),
}
RULE_KEYS = {"description", "version", *RULE_RANGES}
SEARCHED = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?")  # sources_searched: a day, or a month


# --- Text -------------------------------------------------------------------------------------


def character_name(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" {unicodedata.name(char)}" if unicodedata.name(char, "") else "")


def is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def why_forbidden(char: str) -> str | None:
    """What makes a character unfit for published text, or None."""
    category = unicodedata.category(char)
    if is_noncharacter(char):
        return "a noncharacter"
    if category in FORBIDDEN_CATEGORIES:
        return FORBIDDEN_CATEGORIES[category]
    if ord(char) in INVISIBLE:
        return "an invisible character (a filler or variation selector)"
    if ord(char) in RADICALS or ord(char) in STROKES:
        return "a radical that looks like a character (type the character itself)"
    if category == "Zs" and char not in SPACES:
        return "a space other than the plain one (type a plain space)"
    if char == REPLACEMENT:
        return "the replacement character, left where text was not read as UTF-8"
    if ord(char) > 0xFFFF:  # vl-convert 1.9 splits such a character when it shortens a label, and fails
        return "outside the Basic Multilingual Plane, which the charts cannot draw"
    return None


def unfit(text: str):
    """(position from 1, character, what makes it unfit for published text or None) for each character: the character
    itself (why_forbidden), or its place, as a combining mark past the cap on one letter."""
    stacked = 0
    for index, char in enumerate(text, start=1):
        stacked = stacked + 1 if unicodedata.category(char) in COMBINING else 0
        stack = f"mark {stacked} on one letter (at most {MAX_COMBINING})" if stacked > MAX_COMBINING else None
        yield index, char, why_forbidden(char) or stack


def forbidden_character(text: str, multiline: bool = False) -> str | None:
    """What is wrong with the first character no published text may hold, or None."""
    if PLAIN_TEXT.fullmatch(text):
        return None
    for index, char, why in unfit(text):
        if why and not (char == "\n" and multiline):
            return f"character {index} is {character_name(char)}, {why}"
    return None


WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # a run of letters


def mixed_script_word(text: str) -> str | None:
    """The first word that mixes Latin, Cyrillic and Greek letters (a lookalike of another word), or None."""
    if PLAIN_TEXT.fullmatch(text):
        return None  # its only alphabet is ASCII's
    for word in WORD.finditer(text):
        scripts = {
            name for char in word[0] for name in LOOKALIKE_SCRIPTS if unicodedata.name(char, "").startswith(name)
        }
        if len(scripts) > 1:
            return word[0]
    return None


def text_problems(
    value: str, limit: int | None, multiline: bool = False, limit_named: str = "maxLength in datapackage.json"
) -> list[tuple[str, str]]:
    """(what, expected) for each rule a text breaks: too long, a forbidden character, a formula's first character."""
    problems = []
    if limit is not None and len(value) > limit:
        problems.append((f"has {len(value):,} characters", f"at most {limit:,} ({limit_named})"))
    found = forbidden_character(value, multiline)
    if found:
        newline = "a new line only in a multiline field; " if "\n" in value or "\r" in value else ""
        problems.append(
            (found, f"visible text only; {newline}remove the character, or retype the text if it was pasted")
        )
    elif not PLAIN_TEXT.fullmatch(value) and (
        unicodedata.normalize("NFC", value) != value
    ):  # "é" as e + U+0301 looks like "é" but is another name to a search
        problems.append(
            (
                "is not in composed form (Unicode NFC)",
                "the same text with each letter and its accents as one "
                "character; retype it, or the add commands write it so",
            )
        )
    elif mixed := mixed_script_word(value):
        problems.append(
            (
                f"mixes Latin, Cyrillic or Greek letters in the word {shown(mixed)}",
                "each word in one alphabet: a Cyrillic о looks like a Latin o; retype the word",
            )
        )
    return problems + formula_problems(value)


def number_problems(value: str, field: dict) -> list[tuple[str, str]]:
    """A number cell written plainly: "+1E+2", "1e-300", "NaN" or full-width digits are numbers to a parser, not to a reader."""
    if not value or PLAIN_NUMBER.match(value) and (field.get("type") == "number" or "." not in value):
        return []
    try:
        float(value)
    except ValueError:
        return []  # not a number at all: Frictionless says it has the wrong type
    return [(f"{shown(value)} is not a usable number", "digits with at most one decimal point, such as 144.15")]


def formula_problems(value: str) -> list[tuple[str, str]]:
    """A cell a spreadsheet would run: one that starts with = + - @ (OWASP's CSV injection list), full-width ones
    included, or that has one after leading spaces or after a ";" or "|" (where a spreadsheet may start a cell)."""
    expected = "no = + - @ (nor ＝ ＋ － ＠) at the start, after leading spaces or a quote, or after ; or |"
    if value and value[0] in FORMULA_START:
        return [(f"starts with “{value[0]}”, which a spreadsheet runs as a formula", expected)]
    inside = FORMULA_INSIDE.search(value)
    if inside:
        return [
            (
                f"has “{inside[1]}” at character {inside.start(1) + 1} after spaces, a quote, “;” or “|”, where a "
                f"spreadsheet may start a cell and run it as a formula",
                expected,
            )
        ]
    return []


def field_text_problems(value: str, field: dict) -> list[tuple[str, str]]:
    """A data cell: the field's maxLength, and line breaks only where the schema marks the field multiline."""
    return text_problems(value, field.get("constraints", {}).get("maxLength"), bool(field.get("multiline")))


def printable(value: object, limit: int | None = None) -> str:
    """Text safe to print on one line: every character unfit for published text (and every combining mark past the
    cap on one letter) shown as \\uXXXX, long text cut."""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = text[:limit] + f"… ({len(text):,} characters)"
    return "".join(
        (f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}") if why else char
        for _, char, why in unfit(text)
    )


def shown(value: object) -> str:
    """A contributor's value quoted in a message: repr-style, escaped, cut to a readable length (a long list or a
    309-digit number as much as a long text)."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # nested past Python's limit, or an int too long to print
        text = f"<{type(value).__name__}>"
    return printable(text, SHOWN_CHARACTERS)


# --- URLs and paths ---------------------------------------------------------------------------


def url_problem(value: object) -> str | None:
    """Why this is not a web link a reader can safely follow, or None."""
    if not isinstance(value, str):
        return "is not text"
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
    except ValueError:
        return "is not a URL"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return "is not an http(s) link"
    if "@" in parts.netloc:  # https://www.stats.gov.cn@evil.example/ reads as one host and goes to another
        return "names a user before its host (user@host)"
    if not PLAIN_HOST.fullmatch(parts.netloc):  # "www.gansu.gov.cn∕x.evil.example" is a host under evil.example
        return "has a host that is not a name in plain letters, digits, dots and hyphens (an internationalised name in its xn-- form)"
    if any(char.isspace() for char in value) or forbidden_character(value):
        return "holds spaces or invisible characters (percent-encode them)"
    return None


def path_problem(root: Path, value: object, folder: str = DATA_FOLDER) -> str | None:
    """Why a path from the descriptor may not be opened, or None: it must name a file inside root/folder."""
    if not isinstance(value, str) or not value:
        return "is not a path"
    pure = PurePosixPath(value)
    if not SAFE_PATH.match(value) or pure.is_absolute() or ".." in pure.parts or pure.parts[0] != folder:
        return f"is not a relative path inside {folder}/ (letters, digits, . _ - and /)"
    inside = (root / folder).resolve()
    if not inside.is_relative_to(root.resolve()) or not (root / value).resolve().is_relative_to(inside):
        return f"leads outside {folder}/ (through a symbolic link)"
    return None


def symlinks_in(root: Path, folder: str = DATA_FOLDER) -> list[str]:
    """Symbolic links under data/: git carries them, and one could point anywhere on the machine."""
    base = root / folder
    if base.is_symlink():
        return [folder]
    found = []
    for directory, subfolders, files in os.walk(base):  # os.walk does not follow symbolic links
        found += [
            Path(directory, name).relative_to(root).as_posix()
            for name in [*subfolders, *files]
            if Path(directory, name).is_symlink()
        ]
    return sorted(found)


# --- The descriptor ---------------------------------------------------------------------------


def too_deep(value: object, limit: int = MAX_DESCRIPTOR_DEPTH) -> str | None:
    """Where the descriptor first goes more than `limit` levels deep, or None. Walked without recursion, so a
    descriptor nested hundreds deep gets a located message rather than Python's recursion limit."""
    stack = [(value, "", 0)]
    while stack:
        item, where, depth = stack.pop()
        if depth > limit:
            return where
        if isinstance(item, dict):
            stack += [(inner, f"{where}.{printable(key, 40)}".lstrip("."), depth + 1) for key, inner in item.items()]
        elif isinstance(item, list):
            stack += [(inner, f"{where}[{index}]", depth + 1) for index, inner in enumerate(item)]
    return None


def unknown_keys(where: str, found: dict, allowed: set[str], noun: str = "key") -> list[tuple[str, str, str | None]]:
    """Keys Frictionless might act on (a schema or dialect path, a profile URL) but this package does not use."""
    return [
        (f"{where}.{key}".lstrip("."), f"is not a {noun} this package uses", f"only: {', '.join(sorted(allowed))}")
        for key in sorted(set(found) - allowed)
    ]


def plain_name(value: object, where: str) -> list[tuple[str, str, str | None]]:
    """Resource and field names become file names, sheet names and JSON keys."""
    if isinstance(value, str) and NAME.match(value):
        return []
    return [(where, f"{shown(value)} has the wrong form", "lower-case letters, digits and _, at most 31")]


def prose(item: dict, where: str) -> list[tuple[str, str, str | None]]:
    """Titles and descriptions are text: a list there reached a spreadsheet's column label and stopped the build."""
    return [
        (f"{where}.{key}", f"{shown(item[key])} is not text", "a string")
        for key in ("title", "title_zh", "description", "description_zh")
        if key in item and not isinstance(item[key], str)
    ]


def descriptor_problems(descriptor: dict, root: Path) -> list[tuple[str, str, str | None]]:
    """(field, what, expected) for every way datapackage.json leaves the shape this package uses: until these are
    mended nothing is opened. Its links, dates and text: content_problems."""
    out = unknown_keys("", descriptor, PACKAGE_KEYS)
    if descriptor.get("profile", PACKAGE_PROFILE) != PACKAGE_PROFILE:
        out.append(("profile", f"{shown(descriptor['profile'])} is not supported", PACKAGE_PROFILE))
    for key, pattern, expected in (
        ("name", PACKAGE_NAME, "lower-case words joined by -"),
        ("version", VERSION, "MAJOR.MINOR.PATCH"),
    ):
        if not isinstance(descriptor.get(key), str) or not pattern.match(descriptor[key]):
            out.append((key, f"{shown(descriptor.get(key))} has the wrong form", expected))
    for index, licence in enumerate(listed(descriptor, "licenses", out)):
        out += unknown_keys(f"licenses[{index}]", licence, LICENSE_KEYS)
    for index, source in enumerate(listed(descriptor, "sources", out)):
        out += unknown_keys(f"sources[{index}]", source, SOURCE_KEYS)
        if "sha256" in source:  # the raw input kept in the repository
            if not SHA256.match(str(source["sha256"])):
                out.append((f"sources[{index}].sha256", "is not a sha256", "64 lower-case hex digits"))
            if path_problem(root, source.get("path")):
                out.append((f"sources[{index}].path", path_problem(root, source.get("path")), "a file under data/"))
    texts = {
        "title": descriptor.get("title", ""),
        "description": descriptor.get("description", ""),
        **{f"keywords[{i}]": word for i, word in enumerate(descriptor.get("keywords") or [])},
    }
    document = descriptor.get("document")
    if isinstance(document, dict):
        texts.update({f"document.{key}": value for key, value in document.items()})
        if path_problem(root, document.get("text")):
            out.append(("document.text", path_problem(root, document.get("text")), "a file under data/"))
    out += [
        (where, f"{shown(value)} is not text", "a string")
        for where, value in texts.items()
        if not isinstance(value, str)
    ]
    for index, resource in enumerate(descriptor.get("resources") or []):
        out += resource_problems(resource, index, root)
    return out


def content_problems(descriptor: dict) -> list[tuple[str, str, str | None]]:
    """Links, dates, the progress rule's figures and every string: reported together with whatever else the data holds."""

    def items(key: str) -> list:
        value = descriptor.get(key)
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []

    out = [
        (f"licenses[{index}].path", url_problem(licence.get("path")), "the licence's https:// address")
        for index, licence in items("licenses")
        if url_problem(licence.get("path"))
    ]
    out += [
        (f"sources[{index}].path", url_problem(source.get("path")), "the source's http(s) address")
        for index, source in items("sources")
        if "sha256" not in source and url_problem(source.get("path"))
    ]
    document = descriptor.get("document") if isinstance(descriptor.get("document"), dict) else {}
    for key in ("signed", "published"):
        if key in document and not (isinstance(document[key], str) and DATE.match(document[key])):
            out.append((f"document.{key}", f"{shown(document[key])} is not a date", "YYYY-MM-DD"))
    if url_problem(document.get("source_url")):
        out.append(("document.source_url", url_problem(document.get("source_url")), "the document's http(s) address"))
    searched = descriptor.get("sources_searched")
    if not (isinstance(searched, str) and SEARCHED.fullmatch(searched)):
        out.append(
            (
                "sources_searched",
                f"{shown(searched)} is not the date sources were last searched",
                "YYYY-MM-DD or YYYY-MM",
            )
        )
    rule = descriptor.get("progress_rule")
    if isinstance(rule, dict):
        out += unknown_keys("progress_rule", rule, RULE_KEYS)
        for key, (low, high) in RULE_RANGES.items():
            if type(rule.get(key)) is not int or not low <= rule[key] <= high:
                out.append(
                    (f"progress_rule.{key}", f"{shown(rule.get(key))} is not a whole number from {low} to {high}", None)
                )
    return out + text_in_descriptor(descriptor)


def listed(descriptor: dict, key: str, out: list) -> list[dict]:
    value = descriptor.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        out.append((key, "is not a list of objects", None))
        return []
    return value


def resource_problems(resource: dict, index: int, root: Path) -> list[tuple[str, str, str | None]]:
    where = f"resources[{index}]"
    if not isinstance(resource, dict):
        return [(where, "is not an object", None)]
    out = (
        unknown_keys(where, resource, RESOURCE_KEYS)
        + plain_name(resource.get("name"), f"{where}.name")
        + prose(resource, where)
    )
    if path_problem(root, resource.get("path")):
        out.append(
            (
                f"{where}.path",
                f"{shown(resource.get('path'))} {path_problem(root, resource.get('path'))}",
                "data/NAME.csv",
            )
        )
    out += [
        (f"{where}.{key}", f"{shown(resource[key])} is not supported", value)
        for key, value in RESOURCE_VALUES.items()
        if key in resource and resource[key] != value
    ]
    schema = resource.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return out + [
            (f"{where}.schema", "is not an inline schema with a list of fields", "an object, never a path or URL")
        ]
    out += unknown_keys(f"{where}.schema", schema, SCHEMA_KEYS)
    for number, field in enumerate(schema["fields"]):
        out += field_problems(field, f"{where}.schema.fields[{number}]")
    return out + key_problems(schema, where)


def key_problems(schema: dict, where: str) -> list[tuple[str, str, str | None]]:
    """Primary and foreign keys name fields and resources by plain names (Frictionless checks they exist)."""

    def names(value: object) -> bool:
        return (
            isinstance(value, list)
            and bool(value)
            and all(isinstance(name, str) and NAME.match(name) for name in value)
        )

    out = (
        []
        if names(schema.get("primaryKey"))
        else [(f"{where}.schema.primaryKey", "is not a list of field names", None)]
    )
    foreign = schema.get("foreignKeys", [])
    for index, key in enumerate(foreign if isinstance(foreign, list) else [None]):
        reference = key.get("reference") if isinstance(key, dict) else None
        if not (
            isinstance(reference, dict)
            and names(key.get("fields"))
            and names(reference.get("fields"))
            and isinstance(reference.get("resource"), str)
            and (reference["resource"] == "" or NAME.match(reference["resource"]))
        ):
            out.append(
                (
                    f"{where}.schema.foreignKeys[{index}]",
                    "is not fields with a reference to a resource's fields",
                    '{"fields": [...], "reference": {"resource": "name", "fields": [...]}}',
                )
            )
    return out


def field_problems(field: object, where: str) -> list[tuple[str, str, str | None]]:
    if not isinstance(field, dict):
        return [(where, "is not an object", None)]
    out = unknown_keys(where, field, FIELD_KEYS) + plain_name(field.get("name"), f"{where}.name") + prose(field, where)
    if field.get("type") not in FIELD_TYPES:
        out.append(
            (
                f"{where}.type",
                f"{shown(field.get('type'))} is not supported",
                "one of " + ", ".join(sorted(FIELD_TYPES)),
            )
        )
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return out + [(f"{where}.constraints", "is not an object", None)]
    out += unknown_keys(f"{where}.constraints", constraints, CONSTRAINT_KEYS, noun="constraint")
    if field.get("type") == "string":
        limit = constraints.get("maxLength")
        if type(limit) is not int or not 1 <= limit < CSV_FIELD_LIMIT:
            out.append(
                (
                    f"{where}.constraints.maxLength",
                    f"{shown(limit)} is not a whole number from 1 to {CSV_FIELD_LIMIT - 1:,}",
                    "every text field states its longest value, below the cell size a CSV reader takes",
                )
            )
    return out


def text_in_descriptor(value: object, where: str = "") -> list[tuple[str, str, str | None]]:
    """Every string anywhere in the descriptor, keys included: the same rules as a data cell, one length for all."""
    if isinstance(value, str):
        return [
            (where, what, expected)
            for what, expected in text_problems(
                value, MAX_DESCRIPTOR_TEXT, limit_named="for any text in datapackage.json"
            )
        ]
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if text_problems(str(key), 100):
                out.append((f"{where}.{printable(key, 40)}".lstrip("."), "is not a plain key", "short, visible text"))
            out += text_in_descriptor(item, f"{where}.{key}".lstrip("."))
        return out
    if isinstance(value, list):
        return [
            problem for index, item in enumerate(value) for problem in text_in_descriptor(item, f"{where}[{index}]")
        ]
    return []


# --- GitHub Actions ---------------------------------------------------------------------------


def workflow_data(text: str) -> str:
    """A workflow command's message: GitHub's escapes for %, CR and LF (docs: workflow commands)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A workflow command's property (file=, title=): the message's escapes, and : and , too."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
