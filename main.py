"""mkdocs-macros module: exposes the data package to hand-written pages.

Thin on purpose: it registers the page model and one macro that renders a
template fragment from scripts/templates; the pipeline does the work, so the
site can move off macros without touching the data. Each page sees the model
in its own language (index.md Chinese, index.en.md English).
"""

import sys
from pathlib import Path

# mkdocs loads this file by path; make the pipeline package importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scripts import generate, i18n, pages, paths, stage_cache  # noqa: E402


def define_env(env):
    # the same models the hook's generator uses (built once per state of the data)
    try:
        _, _, _, sites = generate.site_model(paths.ROOT, stage_cache.data_fingerprint(paths.ROOT))
    except Exception:  # noqa: BLE001 - invalid data: the hook's validation stops the build with file:row:field messages
        sites = {}
    env.variables["sites"] = sites

    env.filter(pages.escape_md, "md")  # data text in hand-written pages is escaped like everywhere else
    env.filter(pages.safe_url, "url")

    @env.macro
    def fragment(name: str) -> str:
        """Render scripts/templates/<name>.md.j2 for a page at the docs root, in the page's language."""
        return pages.fragment(f"{name}.md.j2", env.variables["site"], env.conf["extra"].get("repository", ""))


def on_pre_page_macros(env):
    """Point `site`, `document` and `rule` at the model in the page's language."""
    lang = getattr(env.page.file, "locale", None) or i18n.DEFAULT
    site = env.variables["sites"].get(lang)
    env.variables["site"] = site
    env.variables["document"] = site.document if site else {}
    env.variables["rule"] = site.rule if site else None
