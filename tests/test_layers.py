"""The build's folders import one way: each from its own folder or the folders before it (scripts/__init__.py lists
them), so a stage never reaches up into one that runs after it, and the renderer needs no contributor command."""

import ast
from pathlib import Path

import pytest

from scripts.core import paths

SCRIPTS = paths.ROOT / "scripts"
ORDER = ("core", "source", "validate", "model", "render", "site", "contrib", "tools")
TOP_LEVEL_MODULES = 12  # at most this many modules directly in scripts/ (issue 28)


def imported_folders(path: Path, folder: str) -> list[tuple[int, str]]:
    """(line, folder) for every import of a module of the package, relative or absolute, in one file of `folder`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                found.append((node.lineno, folder))
            elif node.level == 2 and node.module:
                found.append((node.lineno, node.module.split(".")[0]))
            elif node.level == 2:
                found += [(node.lineno, alias.name) for alias in node.names]
            elif node.level == 0 and (node.module or "").startswith("scripts."):
                found.append((node.lineno, node.module.split(".")[1]))
            elif node.level == 0 and node.module == "scripts":
                found += [(node.lineno, alias.name) for alias in node.names]
            elif node.level > 2:
                found.append((node.lineno, "above the package"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[1]) for a in node.names if a.name.startswith("scripts.")]
    return found


def upward_imports(root: Path = SCRIPTS) -> list[str]:
    wrong = []
    for path in sorted(root.glob("*/**/*.py")):
        own = path.relative_to(root).parts[0]
        if own not in ORDER:
            wrong.append(f"{path.relative_to(root.parent)}: {own}/ is not a stage of the build")
            continue
        for line, folder in imported_folders(path, own):
            if folder not in ORDER or ORDER.index(folder) > ORDER.index(own):
                wrong.append(f"{path.relative_to(root.parent)}:{line}: {own} imports from {folder}")
    return wrong


def test_every_stage_imports_only_from_itself_or_the_stages_before_it():
    assert upward_imports() == []


UPWARD = [  # every way a module can name another, each reaching up from core/
    "from ..render import pages",
    "from ..render.pages import escape_md",
    "from .. import render",
    "from scripts.render import pages",
    "from scripts.render.pages import escape_md",
    "from scripts import render",
    "import scripts.render.pages",
    "import scripts.render.pages as pages",
    "def late():\n    from ..render import pages",
]


@pytest.mark.parametrize("statement", UPWARD)
def test_the_layering_check_catches_an_upward_import_written_any_way(tmp_path, statement):
    (tmp_path / "core" / "deeper").mkdir(parents=True)
    (tmp_path / "core" / "paths.py").write_text(f"from . import untrusted\nfrom ..core import i18n\n{statement}\n")
    (tmp_path / "core" / "deeper" / "x.py").write_text(statement + "\n")
    found = upward_imports(tmp_path)
    assert len(found) == 2 and all(problem.endswith("core imports from render") for problem in found), found


def test_the_layering_check_names_a_module_outside_the_stages(tmp_path):
    (tmp_path / "helpers").mkdir()
    (tmp_path / "helpers" / "misc.py").write_text("from ..core import paths\n")
    assert upward_imports(tmp_path) == [f"{tmp_path.name}/helpers/misc.py: helpers/ is not a stage of the build"]


def test_every_folder_is_a_stage_and_few_modules_sit_at_the_top():
    folders = {path.name for path in SCRIPTS.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == set(ORDER)
    assert len(list(SCRIPTS.glob("*.py"))) <= TOP_LEVEL_MODULES


def test_the_package_docstring_lists_the_stages_in_their_order():
    doc = ast.get_docstring(ast.parse((SCRIPTS / "__init__.py").read_text(encoding="utf-8")))
    listed = [line.split()[0] for line in doc.splitlines() if line.startswith("    ")]
    assert listed == list(ORDER)
