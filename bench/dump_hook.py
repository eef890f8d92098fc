"""Bench only: save hand-written pages as Markdown after macros ran, for the floor build."""

import os
from pathlib import Path


def on_page_markdown(markdown, page, config, files, **kwargs):
    target = Path(os.environ["BENCH_DUMP"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
