"""A Content-Security-Policy for every built page, as <meta http-equiv>: the second wall behind escaping.

Scripts run only from this site, or inline where a template of the theme emits them. The inline scripts allowed are
read from the templates' sources (ours in overrides/, Material's, Zensical's and zensical-i18n's), never from the
page: a script whose text varies with the page (an expression such as the site's root, relative to the page) is
allowed where its text is the template's with a plain URL path in each expression. Each page lists the sha256 of the
allowed scripts it holds; a page holding any other inline script fails the build, so nothing that reached a page by
any road (a data value, a cache entry, a plugin) runs or is published. An event handler attribute or a javascript:
link is refused by the browser all the same. The fixed directives are in mkdocs.yml (extra.content_security_policy);
no outside host is named.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import re
from pathlib import Path

from ..core import paths, untrusted

# As a browser reads a script element: "<script/x>" opens one too, and "</script >" closes it.
INLINE_SCRIPT = re.compile(r"<script(?P<attributes>(?:[\s/][^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
SOURCE = re.compile(r"(?:^|[\s/])src\s*=", re.I)  # the attribute itself, not data-src
TYPE = re.compile(
    r"""(?:^|[\s/])type\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.I
)  # the attribute itself, not class="…json"
DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: the browser never runs them
CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.I)
THEME_PACKAGES = ("material", "zensical", "zensical_i18n")  # each keeps its templates in <package>/templates
EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
# What an expression may stand for: a path on this site ("../..", "/gansu-sti-plan/"): no quote, no bracket, nothing
# that ends the string, and no "//", which would name another host.
URL_PATH = "(?:/?[A-Za-z0-9._~-]+)*/?"


class UnknownScript(ValueError):
    """A page holds an inline script that no template emits."""


def runs(attributes: str) -> bool:
    """Whether a <script> with these attributes is inline code the browser runs (not a src, not a data block)."""
    kind = TYPE.search(attributes)
    return not SOURCE.search(attributes) and not (kind and kind["type"].lower() in DATA_TYPES)


def template_roots() -> list[Path]:
    roots = [paths.ROOT / "overrides"]
    for package in THEME_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is not None:
            roots += [Path(location) / "templates" for location in spec.submodule_search_locations or []]
    return [root for root in roots if root.is_dir()]


@functools.cache
def allowed_scripts() -> tuple[re.Pattern, ...]:
    """One pattern per inline script in the templates' sources: its text, with a URL path for each {{ expression }}.
    A script with template logic ({% … %}) inside it is never allowed: no page of this site has one."""
    shapes = set()
    for root in template_roots():
        for template in sorted(root.rglob("*.html")):
            for match in INLINE_SCRIPT.finditer(template.read_text(encoding="utf-8")):
                if runs(match["attributes"]) and "{%" not in match["body"] and "{#" not in match["body"]:
                    shapes.add(URL_PATH.join(re.escape(part) for part in EXPRESSION.split(match["body"])))
    return tuple(re.compile(shape, re.S) for shape in sorted(shapes))


def script_hashes(html: str, where: str = "a page") -> list[str]:
    """'sha256-…' for every inline script the page runs, in order of first appearance; UnknownScript if one of them
    is not a template's."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if not runs(match["attributes"]):
            continue
        if not any(shape.fullmatch(match["body"]) for shape in allowed_scripts()):
            raise UnknownScript(
                f"{where} holds an inline script that no template of the theme emits "
                f"({untrusted.printable(match['body'], 60)!s}); nothing was published"
            )
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy(directives: dict[str, str], html: str, where: str = "a page") -> str:
    sources = {name: str(value) for name, value in directives.items()}
    sources["script-src"] = " ".join([sources.get("script-src", "'self'"), *script_hashes(html, where)])
    return "; ".join(f"{name} {value}" for name, value in sources.items())


def with_policy(html: str, directives: dict[str, str], where: str = "a page") -> str:
    """The page with its policy as the first thing after <meta charset>, so it governs everything after it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(directives, html, where)}">'
    found = CHARSET.search(html)
    if not found:
        raise ValueError("a page without <meta charset> cannot carry its policy first")
    return html[: found.end()] + meta + html[found.end() :]
