"""The last pass over a site Zensical built: what the MkDocs hooks do page by page, done on the built files.

Zensical runs no MkDocs hooks, so the Content-Security-Policy (scripts/site/csp.py) and the tables' cell labels
(scripts/render/table_cards.py) are added here to every page it rendered, and the site is checked against its budgets.
Files that docs/ already held as HTML (the chart embeds) are copied as they are, as MkDocs copies them.
"""

from __future__ import annotations

from pathlib import Path

from ..core import i18n
from ..render import table_cards
from . import budgets, csp


def source_in_docs(relative: str, docs: Path) -> bool:
    """Whether a built file is a copy of a file in docs/ (an English copy sits under en/, from x.html or x.en.html)."""
    candidates = [relative]
    for lang in i18n.LANGUAGES:
        if lang != i18n.DEFAULT and relative.startswith(f"{lang}/"):
            inner = relative.removeprefix(f"{lang}/")
            candidates += [inner, i18n.localized_path(inner, lang)]
    return any((docs / candidate).is_file() for candidate in candidates)


def finish(site_dir: Path, docs: Path, policy: dict, limits: budgets.Budgets) -> list[str]:
    """Add the policy to every rendered page; what stops the site from being published (a page with an inline script no
    template emits, the budgets' complaints): empty when there is nothing."""
    for lang in (
        i18n.LANGUAGES
    ):  # one 404 page, the site's (default language), as MkDocs builds it: a host serves /404.html only
        if lang != i18n.DEFAULT:
            (site_dir / lang / "404.html").unlink(missing_ok=True)
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir).as_posix()
        if not source_in_docs(relative, docs):
            try:
                html = table_cards.with_cell_labels(page.read_text(encoding="utf-8"))
                page.write_text(csp.with_policy(html, policy, relative), encoding="utf-8")
            except csp.UnknownScript as error:
                return [str(error)]
    over = budgets.site_over(site_dir, limits)
    return ["the data would make the site too large; nothing was published:", *over] if over else []
