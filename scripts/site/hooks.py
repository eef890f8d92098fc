"""MkDocs hooks: run the generation step before every build; the policy, dates and budgets of the built pages.

Loaded by MkDocs from mkdocs.yml (hooks:), for `mkdocs build` and for every
rebuild of `mkdocs serve`, so an edit to data/ or content/ shows on the next
reload. Zensical runs no hooks: scripts/site/build.py runs the generation step
before it and scripts/site/finish.py after it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # MkDocs loads this file by its path

from mkdocs.exceptions import PluginError  # noqa: E402

from scripts.core.problems import unexpected  # noqa: E402
from scripts.render import table_cards  # noqa: E402
from scripts.site import budgets, csp, generate, site_config  # noqa: E402

CHINESE_404: bytes | None = (
    None  # the default language's 404 page, kept from its build for the English build to leave in place
)
SERVING = False  # set by on_startup: `mkdocs serve` adds its own inline live-reload script to every page


def on_startup(command, dirty, **kwargs):
    global SERVING
    SERVING = command == "serve"


def on_pre_build(config, **kwargs):
    try:
        generate.generate(
            Path(config.docs_dir),
            config.extra.get("repository", ""),
            budgets.Budgets.from_config(config.extra),
            site_url=config.site_url or "",
            contact_email=site_config.contact_email(config.extra),
        )
    except (generate.GenerateError, budgets.OverBudget, site_config.SettingError) as error:
        raise PluginError(str(error)) from None
    except Exception as error:  # noqa: BLE001 - one line, not a traceback, for whatever no check foresaw
        raise PluginError(unexpected("build", error)) from None


def on_post_build(config, **kwargs):
    """The built site within its budgets, or the build fails (and scripts/site/build.py publishes nothing)."""
    global CHINESE_404
    language_root = (config.extra.get("ui") or {}).get("root", "")
    not_found = Path(config.site_dir) / "404.html"
    if not language_root:
        CHINESE_404 = not_found.read_bytes() if not_found.exists() else None
    else:  # the English build runs after the Chinese one, into the same folder
        write_language_sitemap(Path(config.site_dir), config.site_url or "", language_root)
        if CHINESE_404 is not None:  # it rewrote the site's one 404 page in English: the site's is Chinese
            not_found.write_bytes(CHINESE_404)
    over = budgets.site_over(Path(config.site_dir), budgets.Budgets.from_config(config.extra))
    if over:
        raise PluginError("the data would make the site too large; nothing was published:\n" + "\n".join(over))


def write_language_sitemap(site_dir: Path, site_url: str, language_root: str) -> None:
    """en/sitemap.xml: the site's sitemap entries under /en/. Material's script fetches the sitemap next to any
    rel="alternate" link (the changes page announces its feed so), and without this file that is a 404."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    head, _, rest = text.partition("<url>")
    prefix = f"<loc>{site_url.rstrip('/')}/{language_root}"
    entries = [
        "<url>" + entry.split("</urlset>")[0] for entry in rest.split("<url>") if entry.lstrip().startswith(prefix)
    ]
    (site_dir / language_root / "sitemap.xml").write_text(
        head + "".join(entries).rstrip() + "\n</urlset>\n", encoding="utf-8"
    )


def on_page_markdown(markdown, page, config, files, **kwargs):
    """The sitemap's <lastmod> is the page's content date (front matter `updated`, written by the generation step for
    every page), not the day of the build."""
    if page.meta.get("updated"):
        page.update_date = str(page.meta["updated"])
    return markdown


def on_post_page(output, page, config, **kwargs):
    """Every built page carries its Content-Security-Policy (scripts/site/csp.py). Not under `mkdocs serve`: its live-reload
    script differs on every request, so no policy could name it; the preview relies on escaping alone."""
    output = table_cards.with_cell_labels(output)
    if SERVING:
        return output
    return policed(output, config, page.file.dest_uri)


def on_post_template(output_content, template_name, config, **kwargs):
    """The theme's own pages (404.html) carry the policy too; sitemap.xml and the like are not HTML."""
    if SERVING or not template_name.endswith(".html"):
        return output_content
    return policed(output_content, config, template_name)


def policed(html: str, config, where: str) -> str:
    """The page with its policy, or the build stops on an inline script no template emits (scripts/site/csp.py)."""
    try:
        return csp.with_policy(html, config.extra["content_security_policy"], where)
    except csp.UnknownScript as error:
        raise PluginError(str(error)) from None
