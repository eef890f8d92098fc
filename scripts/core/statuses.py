"""How every status looks, in one table: a verdict on a target (progress.LABELS), a milestone's verdict
(progress.MILESTONE_STATUSES) and a task's status (strings.yml task_status). Each has a tone (its colour family, the
same five in light and dark mode), an icon (a status is never told by colour alone) and its colour in a chart. The
words are in scripts/core/strings.yml. The stylesheet's status block is written from this table:

    python -m scripts statuses    # rewrite the block in docs/assets/stylesheets/extra.css (a test checks it)
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass

from . import paths


@dataclass(frozen=True)
class Tone:
    light: tuple[str, str]  # text and background of a chip in light mode
    dark: tuple[str, str]  # the same hue, light on a dark tint (≥ 4.5:1)
    chart: str  # a mark's colour on a chart's white background


TONES = {
    "good": Tone(("#1b5e20", "#e3f1e4"), ("#8fd694", "#1f3a24"), "#2e7d32"),
    "bad": Tone(("#a31515", "#fbe6e6"), ("#ff9e9e", "#4a1f22"), "#c62828"),
    "late": Tone(("#8a4b00", "#fdf0dc"), ("#ffc66e", "#45321a"), "#b26a00"),
    "ahead": Tone(("#0b4f8a", "#e4eefa"), ("#9cc8ff", "#1d3350"), "#1565c0"),
    "none": Tone(("#4a4a4a", "#ececec"), ("#d0d0d0", "#383a40"), "#8a8a8a"),
}

# 24-unit SVG paths (Material Design shapes).
ICONS = {
    "check": "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z",
    "cross": "M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z",
    "warning": "M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z",
    "search": "M15.5 14h-.8l-.3-.3A6.5 6.5 0 1 0 9.5 16a6.5 6.5 0 0 0 4.2-1.6l.3.3v.8l5 5 1.5-1.5zm-6 0a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9",
    "dash": "M19 13H5v-2h14z",
    "down": "m20 12-1.4-1.4-5.6 5.6V4h-2v12.2l-5.6-5.6L4 12l8 8z",
    "clock": "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20m0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16m.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7z",
    "up": "m4 12 1.4 1.4L11 7.8V20h2V7.8l5.6 5.6L20 12l-8-8z",
    "half": "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20m0 18V4a8 8 0 0 1 0 16",
}


@dataclass(frozen=True)
class Look:
    tone: str
    icon: str
    chart: str | None = None  # where a chart must tell it from another status of its tone


LOOKS = {
    # a target whose year is over, and the forecast for one still ahead
    "met": Look("good", "check"),
    "achieved": Look("good", "check"),
    "missed": Look("bad", "cross"),
    "overdue": Look("late", "warning"),
    "released_not_found": Look("late", "search"),
    "off_track": Look("late", "down"),
    "on_track": Look("ahead", "up"),
    "awaiting": Look("none", "clock"),
    "no_source": Look("none", "dash"),
    "insufficient_data": Look("none", "dash", chart="#c4c4c4"),  # paler than awaiting on the progress chart
    # a milestone's verdict
    "not_met": Look("bad", "cross"),
    "partly": Look("ahead", "half"),
    "no_evidence": Look("none", "dash"),
    # a task's status
    "completed": Look("good", "dash"),
    "completed_modified": Look("good", "dash"),
    "with_difficulties": Look("late", "dash"),
    "not_pursued": Look("bad", "dash"),
    "not_started": Look("none", "dash"),
    "not_assessed": Look("none", "dash"),
}
FALLBACK = Look("none", "dash")


def icon_path(status: str) -> str:
    return ICONS[LOOKS.get(status, FALLBACK).icon]


def chart_colour(status: str) -> str:
    look = LOOKS.get(status, FALLBACK)
    return look.chart or TONES[look.tone].chart


START, END = "/* statuses:start (written by scripts/core/statuses.py; do not edit) */", "/* statuses:end */"


def css() -> str:
    """The stylesheet's rules: every status's chip (.outcome--KEY) and tile (.tile--KEY) in its tone, light and dark."""
    rules = []
    for scheme in ("light", "dark"):
        for name, tone in TONES.items():
            keys = [key for key, look in LOOKS.items() if look.tone == name]
            selector = ", ".join(f".{kind}--{key}" for kind in ("outcome", "tile") for key in keys)
            fg, bg = getattr(tone, scheme)
            if scheme == "dark":
                selector = f'[data-md-color-scheme="slate"] :is({selector})'
            rules.append(f"{selector} {{ --outcome-fg: {fg}; --outcome-bg: {bg}; }}")
    return "\n".join(rules)


def with_css(stylesheet: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(stylesheet):
        raise ValueError(f"extra.css needs the markers {START} and {END}")
    return pattern.sub(lambda _: f"{START}\n{css()}\n{END}", stylesheet)


STYLESHEET = paths.ROOT / "docs/assets/stylesheets/extra.css"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts statuses",
        description="Rewrite the status block of docs/assets/stylesheets/extra.css from the status table.",
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the block is stale")
    args = parser.parse_args(argv)
    current = STYLESHEET.read_text(encoding="utf-8")
    fresh = with_css(current)
    if fresh == current:
        return 0
    if args.check:
        print(
            "docs/assets/stylesheets/extra.css: the status block is stale (run: python -m scripts statuses)",
            file=sys.stderr,
        )
        return 1
    STYLESHEET.write_text(fresh, encoding="utf-8")
    print("wrote docs/assets/stylesheets/extra.css")
    return 0
