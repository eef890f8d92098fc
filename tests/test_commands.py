"""One command line, `python -m scripts <command>`: every command it lists runs a module's main, and every command the
Makefile, the workflows and the documents name is one it lists."""

import importlib
import re
import subprocess
import sys

import pytest

from scripts import __main__ as cli
from scripts.core import paths

NAMED_IN = ["Makefile", "README.md", "CONTRIBUTING.md", "ARCHITECTURE.md", "SECURITY.md", "data/README.md"]
NAMED_IN += [str(p.relative_to(paths.ROOT)) for p in (paths.ROOT / ".github").rglob("*") if p.is_file()]
COMMAND = re.compile(r"python -m scripts(?:\.(\w+)| (\w+))")


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_is_a_modules_main(command):
    module = importlib.import_module(cli.COMMANDS[command][0])
    assert callable(module.main)


def test_every_command_named_anywhere_is_one_the_entry_point_has():
    named = set()
    for name in NAMED_IN:
        for old, new in COMMAND.findall((paths.ROOT / name).read_text(encoding="utf-8")):
            assert not old, f"{name}: python -m scripts.{old} is gone; the command is python -m scripts {old}"
            named.add(new)
    assert named and named <= set(cli.COMMANDS), named - set(cli.COMMANDS)


def test_the_entry_point_lists_its_commands_and_refuses_an_unknown_one():
    listed = subprocess.run([sys.executable, "-m", "scripts"], cwd=paths.ROOT, capture_output=True, text=True)
    assert listed.returncode == 2 and all(f"  {command} " in listed.stdout for command in cli.COMMANDS)
    unknown = subprocess.run([sys.executable, "-m", "scripts", "nope"], cwd=paths.ROOT, capture_output=True, text=True)
    assert unknown.returncode == 2 and "no command 'nope'" in unknown.stderr and "Traceback" not in unknown.stderr
    helped = subprocess.run(
        [sys.executable, "-m", "scripts", "validate", "--help"], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert helped.returncode == 0 and helped.stdout.startswith("usage: python -m scripts validate")


def test_mkdocs_loads_the_hooks_and_the_macros_module_from_where_they_are():
    config = (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.search(r"^hooks:\n  - (\S+)", config, re.M).group(1)
    macros = re.search(r"module_name: (\S+)", config).group(1)
    assert (paths.ROOT / hooks).is_file() and (paths.ROOT / f"{macros}.py").is_file()
