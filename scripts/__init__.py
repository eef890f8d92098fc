"""The build of the Gansu science-and-technology plan tracker, one folder per stage.

Imports flow one way, down this list (tests/test_layers.py fails on one that flows up):

    core      what every stage shares: paths, the untrusted-text rules, problems, CSV, i18n, routes, statuses
    source    the damaged seed text -> the plan's clean lines, and the plan's text back from the records
    validate  the data package -> problems, each naming its file, row and field
    model     validated records -> the page model: progress verdicts, targets, tasks, history
    render    the page model -> Markdown pages, charts, API, downloads, search index
    site      the whole build: generation, the generators (MkDocs hooks, Zensical), budgets, the built pages' policy
    contrib   contributor and pull-request commands: add a figure or a status, the issue form, the review, overdue
    tools     maintainer commands: the seed -> data/, the README's generated blocks

Every command is `python -m scripts <command>` (scripts/__main__.py lists them).
"""

import sys

# Run by its dotted name (python's -m with scripts.validate.validate), a command's module would be imported and exit 0
# having done nothing: the modules have no __main__ block, the one command line is above. A step or a habit left from
# the old layout fails instead.
if sys.orig_argv[1:2] == ["-m"] and sys.orig_argv[2:3] and sys.orig_argv[2].startswith("scripts."):
    sys.exit(
        f"python -m {sys.orig_argv[2]}: the commands are `python -m scripts <command>` (`python -m scripts` alone lists them)"
    )
