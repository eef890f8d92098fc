"""Size budgets: the build refuses data that would make a chart, a page or the site explode, and says which.

The figures are set in mkdocs.yml (extra.budgets). Each field's longest value
is capped in datapackage.json (maxLength), which keeps honest data far inside
these budgets; they catch what the caps alone cannot: many long values
together, or many rows.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path


class OverBudget(RuntimeError):
    """What exceeded which budget, in words a contributor can act on."""


@dataclass(frozen=True)
class Budgets:
    chart_pixels: int  # the wider side of a chart, in CSS pixels (its PNG is twice that)
    page_bytes: int  # one page, as Markdown generated into docs/ and as built HTML
    site_bytes: int  # the whole built site

    @classmethod
    def from_config(cls, extra: dict) -> Budgets:
        given = extra.get("budgets") or {}
        names = [field.name for field in fields(cls)]
        if set(given) != set(names) or not all(type(value) is int and value > 0 for value in given.values()):
            raise OverBudget(
                f"mkdocs.yml: extra.budgets needs exactly {', '.join(names)}, each a positive whole number"
            )
        return cls(**given)


def pages_over(files: dict[str, bytes], budgets: Budgets) -> list[str]:
    """Generated pages (Markdown) larger than a page may be."""
    return [
        f"docs/{name} would be {len(data):,} bytes, over the page budget of {budgets.page_bytes:,} (mkdocs.yml extra.budgets.page_bytes)"
        for name, data in sorted(files.items())
        if name.endswith(".md") and len(data) > budgets.page_bytes
    ]


def site_over(site_dir: Path, budgets: Budgets) -> list[str]:
    """Built HTML pages larger than a page may be, and the whole site if it is larger than the site may be."""
    sizes = {path: path.stat().st_size for path in site_dir.rglob("*") if path.is_file()}
    out = [
        f"{path.relative_to(site_dir).as_posix()} is {size:,} bytes, over the page budget of {budgets.page_bytes:,} "
        "(mkdocs.yml extra.budgets.page_bytes)"
        for path, size in sorted(sizes.items())
        if path.suffix == ".html" and size > budgets.page_bytes
    ]
    total = sum(sizes.values())
    if total > budgets.site_bytes:
        out.append(
            f"the site is {total:,} bytes, over the site budget of {budgets.site_bytes:,} (mkdocs.yml extra.budgets.site_bytes)"
        )
    return out
