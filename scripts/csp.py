"""A Content-Security-Policy for every built page, as <meta http-equiv>: the second wall behind escaping.

Scripts run only from this site, or inline where the page's own bytes hold
them and their sha256 is listed (Material's few inline scripts; their text
varies with the page's depth, so each page lists its own). An injected
<script>, an event handler attribute or a javascript: link would be refused
by the browser even if it ever got past the escaping. The fixed directives are
in mkdocs.yml (extra.content_security_policy); no outside host is named.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
DATA_TYPES = ("application/json", "application/ld+json")  # data blocks: the browser never runs them
CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.I)


def script_hashes(html: str) -> list[str]:
    """'sha256-…' for every inline script the page runs, in order of first appearance."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attributes = match["attributes"].lower()
        if re.search(r"\bsrc\s*=", attributes) or any(kind in attributes for kind in DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy(directives: dict[str, str], html: str) -> str:
    sources = {name: str(value) for name, value in directives.items()}
    sources["script-src"] = " ".join([sources.get("script-src", "'self'"), *script_hashes(html)])
    return "; ".join(f"{name} {value}" for name, value in sources.items())


def with_policy(html: str, directives: dict[str, str]) -> str:
    """The page with its policy as the first thing after <meta charset>, so it governs everything after it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(directives, html)}">'
    found = CHARSET.search(html)
    if not found:
        raise ValueError("a page without <meta charset> cannot carry its policy first")
    return html[: found.end()] + meta + html[found.end():]
