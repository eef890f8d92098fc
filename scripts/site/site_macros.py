"""The hand-written pages' variables for the macros plugin: mkdocs-macros-plugin under MkDocs, and Zensical's macros
extension, which reads the same `plugins: - macros:` entry of mkdocs.yml. One `define_env` serves both.

Only the pages copied from content/ are templates: their front matter says `render_macros: true` (scripts/render/content.py),
and mkdocs.yml sets `render_by_default: false`, so a page generated from the data is never rendered. Each page gets
content.variables for its language (the page model, built once per process from the data the generation step has
just validated) and the filters `md` and `url`.

MkDocs calls define_env once per language build and on_pre_page_macros before each page; Zensical calls define_env
before each page and never that hook. The language comes from the page where MkDocs names it (page.file.locale),
else from extra.ui.root, which mkdocs.yml sets per language ("" or "en/").
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project this copy of the module belongs to
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # Zensical loads this file by its path, not as part of the package

from scripts.core import i18n, stage_cache  # noqa: E402
from scripts.core.problems import unexpected  # noqa: E402
from scripts.render import content  # noqa: E402
from scripts.site import generate  # noqa: E402


class MacrosError(RuntimeError):
    """The model could not be built for the macros plugin: one line, never a traceback."""


def language(env) -> str:
    locale = getattr(getattr(getattr(env, "page", None), "file", None), "locale", None)
    if locale in i18n.LANGUAGES:
        return locale
    root = ((env.conf.get("extra") or {}).get("ui") or {}).get("root") or ""
    return next((lang for lang in i18n.LANGUAGES if root == f"{lang}/"), i18n.DEFAULT)


def point_at(env, lang: str) -> None:
    """The variables of a page in `lang`."""
    try:
        _, _, _, sites = generate.site_model(ROOT, stage_cache.data_fingerprint(ROOT))
    except Exception as error:  # noqa: BLE001 - one line for whichever generator is running
        raise MacrosError(unexpected("scripts/site/site_macros.py", error)) from None
    repository = (env.conf.get("extra") or {}).get("repository", "")
    env.variables.update(content.variables(sites[lang], repository))


def define_env(env) -> None:
    for name, function in content.FILTERS.items():
        env.filter(function, name)
    point_at(env, language(env))


def on_pre_page_macros(env) -> None:  # MkDocs only
    point_at(env, language(env))
