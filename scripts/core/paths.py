"""Every path the pipeline uses, resolved once from the repository root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # scripts/core/paths.py -> the project
DATA = ROOT / "data"
SOURCE_DIR = DATA / "source"
SEED = SOURCE_DIR / "000_402c73ac16c10c88.txt"
PACKAGE = ROOT / "datapackage.json"
PLAN_TEXT = DATA / "plan.zh-Hans.md"
README = ROOT / "README.md"
DATA_README = ROOT / "data" / "README.md"  # the data dictionary, for readers of the repository
CONTENT = ROOT / "content"  # hand-written pages, rendered into docs/ by scripts/render/content.py
DOCS = ROOT / "docs"


def relative(path: Path) -> str:
    """A path as contributors see it in messages: relative to the repository root."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
