"""Hand-written pages (content/) -> Markdown in docs/, rendered from the page model in each page's language.

A page in content/ is Markdown with YAML front matter (title, description, image for link previews, scripts) and Jinja
expressions over the model: `site`, `document`, `rule`, `repository`, `fragment(name)` (a template from
scripts/templates) and the filters `md` and `url`. The generation step renders them like every other page, so MkDocs
and Zensical read the same plain Markdown and neither needs a macros plugin (mkdocs-macros' per-page hook, which gave
each page the model in its language, has no counterpart in Zensical). Only these files are templates: values from
the data are passed in as variables and escaped with `md`, never read as template text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml

from . import i18n, pages
from .model import Site

FRONT_FIELDS = ("title", "description", "image", "scripts")


class ContentError(ValueError):
    pass


def language_of(name: str) -> str:
    """about.en.md -> en; about.md -> the default language."""
    return next((lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT and name.endswith(f".{lang}.md")), i18n.DEFAULT)


def split_front_matter(name: str, text: str) -> tuple[dict, str, int]:
    """(front matter, body, the body's first line number) of a content page."""
    if not text.startswith("---\n"):
        raise ContentError(f"content/{name}: starts with no front matter (--- title, description ---)")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ContentError(f"content/{name}: its front matter is not closed by a line ---")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"content/{name}: front matter is not YAML ({error})") from None
    unknown = set(meta) - set(FRONT_FIELDS) if isinstance(meta, dict) else {"(not a mapping)"}
    if unknown or not meta.get("title"):
        raise ContentError(f"content/{name}: front matter needs a title and may have {', '.join(FRONT_FIELDS)}, not {', '.join(sorted(unknown))}")
    return meta, text[end + 5:], text[:end + 5].count("\n") + 1


def render(name: str, text: str, site: Site, repository: str, updated: str | None) -> str:
    meta, body, first_line = split_front_matter(name, text)
    variables = {"site": site, "document": site.document, "rule": site.rule, "repository": repository,
                 "fragment": lambda template: pages.fragment(f"{template}.md.j2", site, repository)}
    try:
        rendered = pages.ENVIRONMENT.from_string(body).render(variables)  # the pages' own: strict, |md and |url
    except jinja2.TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f"content/{name}:{first_line + line - 1}" if line else f"content/{name}"
        raise ContentError(f"{where}: {type(error).__name__}: {error}") from None
    front = pages.front_matter(meta["title"], meta.get("description", ""), updated, meta.get("image"), tuple(meta.get("scripts") or ()))
    return f"---\n{front}---\n{rendered}"


def page_files(content: Path, sites: dict[str, Site], repository: str, dated: Callable[[str], str | None]) -> dict[str, bytes]:
    """{path under docs/: Markdown} for every page in content/; `dated(path)` is its last change (YYYY-MM-DD) or None."""
    files = {}
    for path in sorted(content.glob("*.md")):
        name = path.name
        files[name] = render(name, path.read_text(encoding="utf-8"), sites[language_of(name)], repository,
                             dated(f"content/{name}")).encode("utf-8")
    return files
