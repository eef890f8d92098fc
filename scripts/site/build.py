"""make site: validate, generate, build the whole site, then publish it into site/ in one step.

    python -m scripts build [--site-dir site] [--generator mkdocs|zensical]

The generator is MkDocs (whose hook runs the generation step) or Zensical
(after which scripts/site/finish.py adds what the hooks add); both read the same
docs/ and mkdocs.yml. The build goes into a fresh folder beside the target;
only a build that succeeded (no warning, strict mode, within budgets) replaces
the target, and it does so in one step: the two folders are exchanged by a single
renameat2(RENAME_EXCHANGE), so site/ is at every moment either the whole old
build or the whole new one. A failed build leaves the previous site/
untouched and says why.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..core import paths
from ..core.problems import unexpected
from . import finish, generate, site_config


def last_commit_epoch() -> str:
    """The last commit's time in seconds, or a fixed epoch outside git: never the wall clock."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=paths.ROOT, capture_output=True, text=True, timeout=10
        )
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


GENERATORS = ("mkdocs", "zensical")
ZENSICAL_OUTPUT = "build-zensical"  # zensical-i18n writes only inside the project, and never into a hidden folder
ZENSICAL_CONFIG = ".zensical.yml"  # mkdocs.yml with that output folder
ZENSICAL_LOCK = ".zensical.lock"  # one Zensical build at a time: they share .zensical-i18n/ and the output folder
# mkdocs.yml, with the output folder, and without the search Zensical turns on unless told not to: it would write its
# own search.json over ours (MkDocs has no search plugin unless one is listed). The list is appended to mkdocs.yml's.
ZENSICAL_SETTINGS = f"INHERIT: mkdocs.yml\nsite_dir: {ZENSICAL_OUTPUT}\nplugins:\n  - search:\n      enabled: false\n"


@contextlib.contextmanager
def environment_set(environment: dict[str, str]):
    """These environment variables for the duration of the block, then as they were."""
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def mkdocs_build(arguments: list[str], environment: dict[str, str]) -> int:
    """`mkdocs <arguments>` in this process, which has already imported and validated everything the hook needs (a
    second Python would import it all again); its exit status. The environment is set for the build only."""
    from mkdocs.__main__ import cli

    with environment_set(environment):
        try:
            cli.main(args=arguments, prog_name="mkdocs", standalone_mode=True)
        except SystemExit as exit_:
            return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


def without_traceback(output: str) -> str:
    """Zensical's output, with a Python traceback cut down to its last line (what went wrong)."""
    head, marker, rest = output.partition("Traceback (most recent call last):")
    if not marker:
        return output
    lines = [line for line in rest.splitlines() if line.strip()]
    last = next((line for line in reversed(lines) if not line.startswith((" ", "Error: Build of"))), "")
    return head + last + "\n" + "\n".join(line for line in lines if line.startswith("Error: Build of")) + "\n"


def zensical_build(site_dir: Path, environment: dict[str, str]) -> int:
    """Generate docs/, build both languages with zensical-i18n into `site_dir`, and add what the MkDocs hooks add."""
    settings = site_config.settings()
    with environment_set(environment):
        code = generate.generate_into(settings, settings.docs_dir)
    if code:
        return code
    output, config = paths.ROOT / ZENSICAL_OUTPUT, paths.ROOT / ZENSICAL_CONFIG
    with open(paths.ROOT / ZENSICAL_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            config.write_text(ZENSICAL_SETTINGS, encoding="utf-8")
            shutil.rmtree(output, ignore_errors=True)
            result = subprocess.run(
                [sys.executable, "-m", "zensical_i18n", "build", "--strict", "--config-file", str(config)],
                cwd=paths.ROOT,
                env={**os.environ, **environment, "NO_COLOR": "1"},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
            )
            print(without_traceback(result.stdout), end="", file=sys.stdout if result.returncode == 0 else sys.stderr)
            if result.returncode != 0:
                return 1
            refused = finish.finish(output, settings.docs_dir, settings.content_security_policy, settings.budgets)
            if refused:
                print("\n".join(refused), file=sys.stderr)
                return 1
            shutil.move(output, site_dir)
        finally:
            config.unlink(missing_ok=True)
            shutil.rmtree(output, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts build", description="Validate and build the site.")
    parser.add_argument("--site-dir", type=Path, default=paths.ROOT / "site")
    parser.add_argument("--generator", choices=GENERATORS, default="mkdocs")
    args = parser.parse_args(argv)
    target = args.site_dir.resolve()

    code, data = generate.validated_data(paths.ROOT, f"the site was not built and {target.name}/ is unchanged.")
    if code:
        return code

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent))
    environment = {"NO_MKDOCS_2_WARNING": "1", generate.VALIDATED: data}  # the hook need not validate again
    # Reproducible builds: MkDocs dates the build (sitemap, gzip) from SOURCE_DATE_EPOCH when set.
    environment["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH") or last_commit_epoch()
    if args.generator == "zensical":
        try:
            code = zensical_build(staging / "site", environment)
        except Exception as error:  # noqa: BLE001 - one line, not a traceback, for whatever no check foresaw
            print(unexpected("build", error), file=sys.stderr)
            code = 1
    else:
        code = mkdocs_build(
            [
                "build",
                "--strict",
                "--clean",
                "--config-file",
                str(paths.ROOT / "mkdocs.yml"),
                "--site-dir",
                str(staging / "site"),
            ],
            environment,
        )
    if code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nThe build failed; {target.name}/ is unchanged.", file=sys.stderr)
        return 1
    try:
        publish(staging / "site", target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            f"\nCould not put the new build in place ({error.strerror}); {target.name}/ is unchanged.", file=sys.stderr
        )
        return 1
    shutil.rmtree(
        staging, ignore_errors=True
    )  # the previous build; if it cannot be removed, the new site is in place all the same
    print(f"site built into {paths.relative(target)}/")
    return 0
