"""The build's folders import one way: each from its own folder or the folders before it (scripts/__init__.py lists
them), so a stage never reaches up into one that runs after it, and the renderer needs no contributor command."""

import ast
from pathlib import Path

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
    for path in sorted(root.glob("*/*.py")):
        own = path.relative_to(root).parts[0]
        for line, folder in imported_folders(path, own):
            if folder not in ORDER or ORDER.index(folder) > ORDER.index(own):
                wrong.append(f"{path.relative_to(root.parent)}:{line}: {own} imports from {folder}")
    return wrong


def test_every_stage_imports_only_from_itself_or_the_stages_before_it():
    assert upward_imports() == []


def test_the_layering_check_catches_an_upward_import(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "paths.py").write_text("from ..render import pages\nfrom . import untrusted\n")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.py").write_text("from scripts.contrib import add\nfrom ..core import i18n\n")
    assert upward_imports(tmp_path) == [
        f"{tmp_path.name}/core/paths.py:1: core imports from render",
        f"{tmp_path.name}/model/model.py:1: model imports from contrib",
    ]


def test_every_folder_is_a_stage_and_few_modules_sit_at_the_top():
    folders = {path.name for path in SCRIPTS.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == set(ORDER)
    assert len(list(SCRIPTS.glob("*.py"))) <= TOP_LEVEL_MODULES


def test_the_package_docstring_lists_the_stages_in_their_order():
    doc = ast.get_docstring(ast.parse((SCRIPTS / "__init__.py").read_text(encoding="utf-8")))
    listed = [line.split()[0] for line in doc.splitlines() if line.startswith("    ")]
    assert listed == list(ORDER)
