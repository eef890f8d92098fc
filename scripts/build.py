"""make site: validate, then build the whole site, then publish it into site/ in one step.

    python -m scripts.build [--site-dir site]

The build goes into a fresh folder beside the target; only a build that
succeeded (no warning, strict mode, within budgets) replaces site/, and it
does so in one step: the two folders are exchanged by a single
renameat2(RENAME_EXCHANGE), so site/ is at every moment either the whole old
build or the whole new one. A failed build leaves the previous site/
untouched and says why.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import generate, paths, stage_cache, validate
from .problems import unexpected


def last_commit_epoch() -> str:
    """The last commit's time in seconds, or a fixed epoch outside git: never the wall clock."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, timeout=10)
        return result.stdout.strip() or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


AT_FDCWD, RENAME_EXCHANGE = -100, 2  # <fcntl.h>, <linux/fs.h>


def exchange(first: Path, second: Path) -> None:
    """Swap two folders in one atomic step (Linux renameat2 with RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error), str(first), None, str(second))


def swap(built: Path, target: Path) -> None:
    """Where renameat2 is missing (not Linux) or the file system cannot exchange: two renames, the old build put back
    if the second fails; site/ is then briefly absent, but never half-made."""
    try:
        exchange(built, target)
        return
    except (AttributeError, OSError) as error:
        if isinstance(error, OSError) and error.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise
    aside = built.with_name(built.name + "-old")
    os.rename(target, aside)
    try:
        os.rename(built, target)
    except OSError:
        os.rename(aside, target)
        raise
    os.rename(aside, built)


def publish(built: Path, target: Path) -> None:
    """Put the new build at `target`; the previous one, if any, ends up at `built` for the caller to remove."""
    if not target.exists():
        os.rename(built, target)  # nothing to replace: one rename is already atomic
        return
    swap(built, target)


def mkdocs_build(arguments: list[str], environment: dict[str, str]) -> int:
    """`mkdocs <arguments>` in this process, which has already imported and validated everything the hook needs (a
    second Python would import it all again); its exit status. The environment is set for the build only."""
    from mkdocs.__main__ import cli

    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        cli.main(args=arguments, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate and build the site.")
    parser.add_argument("--site-dir", type=Path, default=paths.ROOT / "site")
    args = parser.parse_args(argv)
    target = args.site_dir.resolve()

    clock = time.perf_counter()
    try:
        data = stage_cache.data_fingerprint(paths.ROOT)
        problems = validate.problems_remembered(paths.ROOT, data)  # `make validate` always checks afresh
    except Exception as error:  # noqa: BLE001 - no traceback for contributors
        print(unexpected("build", error), file=sys.stderr)
        return 2
    generate.record_time("validate", time.perf_counter() - clock)
    validate.print_problems(problems)
    if problems:
        print(f"\n{len(problems)} {'problem' if len(problems) == 1 else 'problems'} in the data; the site was not built and {target.name}/ is unchanged.", file=sys.stderr)
        return 1

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent))
    environment = {"NO_MKDOCS_2_WARNING": "1", generate.VALIDATED: data}  # the hook need not validate again
    # Reproducible builds: MkDocs dates the build (sitemap, gzip) from SOURCE_DATE_EPOCH when set.
    environment["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH") or last_commit_epoch()
    code = mkdocs_build(["build", "--strict", "--clean", "--config-file", str(paths.ROOT / "mkdocs.yml"),
                         "--site-dir", str(staging / "site")], environment)
    if code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nThe build failed; {target.name}/ is unchanged.", file=sys.stderr)
        return 1
    try:
        publish(staging / "site", target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nCould not put the new build in place ({error.strerror}); {target.name}/ is unchanged.", file=sys.stderr)
        return 1
    shutil.rmtree(staging, ignore_errors=True)  # the previous build; if it cannot be removed, the new site is in place all the same
    print(f"site built into {paths.relative(target)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
