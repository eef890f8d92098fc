"""The data dictionary, generated from the schemas in datapackage.json: the files a package holds and every file's
columns, in either language. The site's /dictionary/ page and data/README.md are both written from it
(scripts/tools/readme.py writes the repository's copies).
"""

from __future__ import annotations

from ..core import descriptor as package
from ..core import i18n


def plain_code(text: object) -> str:
    return f"`{text}`"


def words(lang: str = "en") -> dict:
    """The dictionary's own words in `lang` (scripts/core/strings.yml, dictionary_words)."""
    return i18n.text(lang)["dictionary_words"]


def constraint_text(field: dict, code=plain_code, said: dict | None = None) -> str:
    said = said or words()
    constraints = field.get("constraints", {})
    parts = []
    if constraints.get("required"):
        parts.append(said["required"])
    if constraints.get("unique"):
        parts.append(said["unique"])
    if "enum" in constraints:
        parts.append(
            said["one_of"].format(values=said["value_separator"].join(code(value) for value in constraints["enum"]))
        )
    if "pattern" in constraints:
        parts.append(said["pattern"].format(pattern=code(constraints["pattern"])))
    for key, word in (("minimum", "≥"), ("maximum", "≤")):
        if key in constraints:
            parts.append(f"{word} {constraints[key]}")
    if "maxLength" in constraints:
        parts.append(said["at_most"].format(count=f"{constraints['maxLength']:,}"))
    if field.get("multiline"):
        parts.append(said["multiline"])
    return said["rule_separator"].join(parts)


def keys_text(schema: dict, code=plain_code, said: dict | None = None) -> str:
    said = said or words()
    lines = [said["primary_key"].format(fields=code(", ".join(schema["primaryKey"])))]
    for key in schema.get("foreignKeys", []):
        target = key["reference"]["resource"]
        lines.append(
            said["refers_to"].format(
                fields=code(", ".join(key["fields"])),
                target=code(f"data/{target}.csv") if target else said["this_file"],
                target_fields=code(", ".join(key["reference"]["fields"])),
            )
        )
    return said["sentence_separator"].join(lines)


in_language = package.in_language


def files_table(descriptor: dict, link, prose, code, said: dict, lang: str, rows: dict[str, int] | None) -> list[str]:
    counted = rows is not None
    out = [
        f"| {said['file']} | {said['holds']} |" + (f" {said['rows']} |" if counted else ""),
        "| --- | --- |" + (" --- |" if counted else ""),
    ]
    for resource in descriptor["resources"]:
        description = prose(in_language(resource, "description", lang)).replace("|", "\\|")
        count = f" {rows.get(resource['name'], 0):,} |" if counted else ""
        out.append(f"| [{code(resource['path'])}]({link(resource['path'])}) | {description} |{count}")
    return out + [""]


def dictionary(
    descriptor: dict,
    link=lambda path: path,
    prose=lambda text: text,
    code=plain_code,
    lang: str = "en",
    rows: dict[str, int] | None = None,
) -> str:
    """Markdown: the files (with their row counts, where `rows` gives them by resource name), then each file's columns,
    in `lang` (the README's is English, without counts: a contribution changes them, and the README is not rebuilt).
    `link` maps a data path to a URL; `prose` and `code` make the descriptor's words safe where they are published (the
    site escapes them; GitHub sanitizes the README)."""
    said = words(lang)
    out = files_table(descriptor, link, prose, code, said, lang, rows)
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        out += [
            f"### {code(resource['path'])} — {prose(in_language(resource, 'title', lang))}",
            "",
            prose(in_language(resource, "description", lang)),
            "",
            keys_text(schema, code, said),
            "",
            f"| {said['column']} | {said['type']} | {said['rules']} | {said['meaning']} |",
            "| --- | --- | --- | --- |",
        ]
        for field in schema["fields"]:
            rules, meaning = (
                text.replace("|", "\\|")
                for text in (constraint_text(field, code, said), prose(in_language(field, "description", lang)))
            )
            out.append(
                f"| {code(field['name'])} | {said['types'].get(field['type'], field['type'])} | {rules} | {meaning} |"
            )
        out.append("")
    return "\n".join(out).rstrip("\n")
