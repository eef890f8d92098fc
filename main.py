"""mkdocs-macros module: exposes the data package to hand-written pages.

Thin on purpose: it only registers variables; the pipeline in scripts/ does
the work, so the site can move off macros without touching the data.
"""

import sys
from pathlib import Path

# mkdocs loads this file by path; make the pipeline package importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scripts import load, paths  # noqa: E402


def define_env(env):
    env.variables["document"] = load.read_descriptor(paths.PACKAGE)["document"]
    env.variables["data"] = load.records(paths.PACKAGE)
