"""The one command line: `python -m scripts <command> [options]`; `python -m scripts` alone lists the commands.

Each command is the `main(argv)` of one module; `python -m scripts <command> --help` shows its options.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {  # command -> (module, what it does)
    "validate": ("scripts.validate.validate", "check the whole data package; exit 1 on any problem"),
    "generate": ("scripts.site.generate", "validate, then write the pages, charts and downloads into docs/"),
    "build": ("scripts.site.build", "validate, generate and build the site with MkDocs or Zensical"),
    "add_observation": ("scripts.contrib.add_observation", "add a sourced figure for an indicator"),
    "add_status": ("scripts.contrib.add_status", "add a dated, sourced status for a task"),
    "issue_form": ("scripts.contrib.issue_form", "turn a data issue's answers into a row (the issue workflow)"),
    "review": ("scripts.contrib.review", "summarise what a data change does, for its reviewer"),
    "overdue": ("scripts.contrib.overdue", "list the figures past their usual release that the site has not found"),
    "extract": ("scripts.tools.extract", "rewrite data/ from the seed (or --check that it would not change)"),
    "readme": ("scripts.tools.readme", "rewrite the generated blocks of README.md and data/README.md"),
    "contract": ("scripts.validate.contract", "check, or --write, the schema contract the code is written for"),
    "statuses": ("scripts.core.statuses", "rewrite the stylesheet's status block from the status table"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {what}" for name, (_, what) in COMMANDS.items()]
    return "usage: python -m scripts <command> [options]\n\ncommands:\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0
    command, *rest = argv
    if command not in COMMANDS:
        print(f"python -m scripts: no command {command!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
