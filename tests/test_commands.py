"""One command line, `python -m scripts <command>`: every command it lists is a module's main with its own --help, every
command the repository names anywhere is one it lists, and the old `python -m scripts.<module>` fails instead of
silently doing nothing."""

import importlib
import re
import subprocess
import sys

import pytest

from scripts import __main__ as cli
from scripts.core import paths

OLD_STYLE = re.compile(r"-m\s+scripts\.\w|\"-m\",\s*\"scripts\.\w")  # python -m scripts.x, or ["-m", "scripts.x"]
NAMED = re.compile(r"python3? -m scripts (\w+)")
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".sh", ".toml", ".cfg", ".txt", ".json", ".js", ".html", ""}


def tracked_text_files() -> list:
    listed = subprocess.run(["git", "ls-files"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    files = [paths.ROOT / name for name in listed.split()]
    return [
        path for path in files if path.suffix in TEXT_SUFFIXES and path.is_file() and path.stat().st_size < 2_000_000
    ]


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_is_a_modules_main_with_its_own_help(command, capsys):
    module = importlib.import_module(cli.COMMANDS[command][0])
    with pytest.raises(SystemExit) as exit_:
        module.main(["--help"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith(f"usage: python -m scripts {command}")


def test_every_command_named_anywhere_is_one_the_entry_point_has():
    named, old = set(), []
    for path in tracked_text_files():
        if path.name == "test_commands.py":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        named |= set(NAMED.findall(text))
        old += [f"{path.relative_to(paths.ROOT)}: {match[0]}" for match in OLD_STYLE.finditer(text)]
    assert old == []  # the module commands are gone: python -m scripts <command>
    assert {"validate", "build", "add_observation", "review", "issue_form"} <= named
    assert named <= set(cli.COMMANDS), named - set(cli.COMMANDS)


def test_the_entry_point_lists_its_commands_and_refuses_an_unknown_one():
    listed = subprocess.run([sys.executable, "-m", "scripts"], cwd=paths.ROOT, capture_output=True, text=True)
    assert listed.returncode == 0 and all(f"  {command} " in listed.stdout for command in cli.COMMANDS)
    unknown = subprocess.run([sys.executable, "-m", "scripts", "nope"], cwd=paths.ROOT, capture_output=True, text=True)
    assert unknown.returncode == 2 and "no command 'nope'" in unknown.stderr and "Traceback" not in unknown.stderr


@pytest.mark.parametrize("module", ["scripts.validate.validate", "scripts.site.build"])
def test_running_a_module_the_old_way_fails_and_says_how(module):
    """A workflow step left from the old layout would otherwise import the module and exit 0 having checked nothing."""
    old = subprocess.run([sys.executable, "-m", module], cwd=paths.ROOT, capture_output=True, text=True)
    assert old.returncode == 1 and "python -m scripts <command>" in old.stderr and "Traceback" not in old.stderr


def test_mkdocs_loads_the_hooks_and_the_macros_module_from_where_they_are():
    config = (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.search(r"^hooks:\n  - (\S+)", config, re.M).group(1)
    macros = re.search(r"module_name: (\S+)", config).group(1)
    assert (paths.ROOT / hooks).is_file() and (paths.ROOT / f"{macros}.py").is_file()
