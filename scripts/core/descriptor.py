"""Look-ups in the data package's descriptor (datapackage.json), written once: a resource by name, its field names and
primary key, and a resource's or a field's title or description in a language."""

from __future__ import annotations


def resource(descriptor: dict, name: str) -> dict:
    """The resource called `name` (KeyError naming it when there is none)."""
    found = next((r for r in descriptor["resources"] if r["name"] == name), None)
    if found is None:
        raise KeyError(f"datapackage.json describes no resource {name!r}")
    return found


def field_names(descriptor: dict, name: str) -> list[str]:
    return [field["name"] for field in resource(descriptor, name)["schema"]["fields"]]


def primary_key(descriptor: dict, name: str) -> list[str]:
    key = resource(descriptor, name)["schema"]["primaryKey"]
    return [key] if isinstance(key, str) else list(key)


def in_language(item: dict, key: str, lang: str) -> str:
    """A resource's or field's `key` (title, description) in `lang`: `key`_zh on a Chinese page where it is given."""
    return (item.get(f"{key}_zh") or item[key]) if lang == "zh" else item[key]


def titles(descriptor: dict, lang: str) -> dict[str, str]:
    """{resource name: its title in `lang`}."""
    return {r["name"]: in_language(r, "title", lang) for r in descriptor["resources"]}
