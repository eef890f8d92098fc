"""make site: validate, then build the whole site, then publish it into site/ in one step.

    python -m scripts.build [--site-dir site]

The build goes into a fresh folder beside the target; only a build that
succeeded (no warning, strict mode) replaces site/, by renaming. A failed
build leaves the previous site/ untouched and says why.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import generate, paths, validate


def last_commit_epoch() -> str:
    """The last commit's time in seconds, or a fixed epoch outside git: never the wall clock."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, timeout=10)
        return result.stdout.strip() or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


def publish(built: Path, target: Path) -> None:
    """Swap the new build in: two renames on one filesystem, never a half-written site."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
        os.rename(target, old / "site")
    os.rename(built, target)
    if old is not None:
        shutil.rmtree(old)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate and build the site.")
    parser.add_argument("--site-dir", type=Path, default=paths.ROOT / "site")
    args = parser.parse_args(argv)
    target = args.site_dir.resolve()

    clock = time.perf_counter()
    problems = validate.problems_in(paths.ROOT)
    generate.record_time("validate", time.perf_counter() - clock)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s) in the data; the site was not built and {target.name}/ is unchanged.", file=sys.stderr)
        return 1

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent))
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Reproducible builds: MkDocs dates the build (sitemap, gzip) from SOURCE_DATE_EPOCH when set.
    environment.setdefault("SOURCE_DATE_EPOCH", last_commit_epoch())
    environment[generate.VALIDATED] = generate.fingerprint(paths.ROOT)  # the hook need not validate again
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staging / "site")],
                            cwd=paths.ROOT, env=environment)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nThe build failed; {target.name}/ is unchanged.", file=sys.stderr)
        return 1
    publish(staging / "site", target)
    shutil.rmtree(staging, ignore_errors=True)
    print(f"site built into {paths.relative(target)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
