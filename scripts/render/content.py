"""Hand-written pages (content/) -> docs/, where the macros plugin renders them from the page model.

A page in content/ is Markdown with YAML front matter (title, description, image for link previews, scripts) and Jinja
expressions over the model (`variables`): `site`, `document`, `rule`, `repository`, `fragment(name)` (a template from
scripts/render/templates) and the filters `md` and `url`. This step copies each page into docs/ with its front matter
rewritten (its last change as `updated`, and `render_macros: true`); mkdocs-macros-plugin under MkDocs, and Zensical's
macros extension reading the same `plugins: - macros:` entry, render it at build time through scripts/site/site_macros.py,
with `render_by_default: false`, so only these pages are templates. Values from the data are passed in as variables
and escaped with `md`, never read as template text.

Before copying, each page is rendered once here, as the macros plugins render it (strict undefined, the same
variables and filters), and the result thrown away: a template error then stops every build with the page's file and
line (`content/about.md:8: UndefinedError: …`), before either generator runs; neither plugin's own message names both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml

from ..core import i18n
from ..model.model import Site
from . import pages

FRONT_FIELDS = ("title", "description", "image", "scripts")


class ContentError(ValueError):
    pass


def language_of(name: str) -> str:
    """about.en.md -> en; about.md -> the default language."""
    return next(
        (lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT and name.endswith(f".{lang}.md")), i18n.DEFAULT
    )


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
        raise ContentError(
            f"content/{name}: front matter needs a title and may have {', '.join(FRONT_FIELDS)}, not {', '.join(sorted(unknown))}"
        )
    return meta, text[end + 5 :], text[: end + 5].count("\n") + 1


def variables(site: Site, repository: str) -> dict:
    """What a hand-written page may use, in the page's language: here and in scripts/site/site_macros.py alike."""
    return {
        "site": site,
        "document": site.document,
        "rule": site.rule,
        "repository": repository,
        "fragment": lambda template: pages.fragment(f"{template}.md.j2", site, repository),
    }


FILTERS = {"md": pages.escape_md, "url": pages.safe_url}
# As the macros plugins render a page: strict about undefined names, no block trimming.
AS_MACROS_RENDER = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
AS_MACROS_RENDER.filters.update(FILTERS)


def check(name: str, body: str, first_line: int, site: Site, repository: str) -> None:
    """Render the page's body as the macros plugin will, raising ContentError with its file and line on any error."""
    try:
        AS_MACROS_RENDER.from_string(body).render(variables(site, repository))
    except jinja2.TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f"content/{name}:{first_line + line - 1}" if line else f"content/{name}"
        raise ContentError(f"{where}: {type(error).__name__}: {error}") from None


def render(name: str, text: str, site: Site, repository: str, updated: str | None) -> str:
    """The page as docs/ holds it: checked, its front matter rewritten, its body still the template."""
    meta, body, first_line = split_front_matter(name, text)
    check(name, body, first_line, site, repository)
    front = pages.front_matter(
        meta["title"],
        meta.get("description", ""),
        updated,
        meta.get("image"),
        tuple(meta.get("scripts") or ()),
        template=True,
    )
    return f"---\n{front}---\n{body}"


def page_files(
    content: Path, sites: dict[str, Site], repository: str, dated: Callable[[str], str | None]
) -> dict[str, bytes]:
    """{path under docs/: Markdown} for every page in content/; `dated(path)` is its last change (YYYY-MM-DD) or None."""
    files = {}
    for path in sorted(content.glob("*.md")):
        name = path.name
        files[name] = render(
            name, path.read_text(encoding="utf-8"), sites[language_of(name)], repository, dated(f"content/{name}")
        ).encode("utf-8")
    return files
