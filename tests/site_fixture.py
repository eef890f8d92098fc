"""The built site, once per test session, in a temporary folder; or the site in TESTED_SITE, already built (the
deploy workflow tests the very artefact it then publishes).

Built here, the site is made from a copy of the project whose data is today's data plus one figure and one status,
added by the commands CONTRIBUTING.md documents: every test of a built site must hold for any valid data, and one
that holds only for today's counts or values fails here, not on a contributor's pull request.
"""

import datetime as dt
import fcntl
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.core import csvio, load, paths
from scripts.validate import cross_check
from tests.conftest import copy_project


@functools.cache
def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class BuiltSite:
    def __init__(self, root: Path, project: Path):
        self.root = root
        self.project = project  # the project it was built from: its data/ is what the pages show

    def path(self, url: str) -> Path:
        """A site URL path (tasks/1/) -> the file that serves it."""
        target = self.root / url.lstrip("/")
        return target / "index.html" if url.endswith("/") or target.is_dir() else target

    def html(self, url: str) -> BeautifulSoup:
        """The page parsed afresh: the caller's own to change."""
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def soup(self, page: str | Path) -> BeautifulSoup:
        """The page (a URL path or its file) parsed once for the whole worker and shared: read it, never change it
        (`html` gives a copy to change). Parsing the site is most of what a test that reads every page costs."""
        return parsed(page if isinstance(page, Path) else self.path(page))

    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    @functools.cached_property
    def records(self) -> load.Records:
        """The typed rows of the data the site was built from."""
        return load.records(self.project / "datapackage.json")

    @functools.cached_property
    def descriptor(self) -> dict:
        return load.read_descriptor(self.project / "datapackage.json")

    @functools.cached_property
    def assessed(self) -> str:
        """The date the site judged its outcomes on (an input of its build), as its assessments download records it."""
        return csvio.read_rows(self.root / "downloads" / "assessments.csv")[0]["assessed_on"]


def contribute(project: Path) -> None:
    """One figure and one status, added to `project` as a contributor adds them (CONTRIBUTING.md): each must be accepted."""
    today = cross_check.today()
    indicator = csvio.read_rows(project / "data/indicators.csv")[0]["id"]
    dated_today = {
        row["task_id"] for row in csvio.read_rows(project / "data/task_status.csv") if row["as_of"] == today.isoformat()
    }
    task = next(row["id"] for row in csvio.read_rows(project / "data/tasks.csv") if row["id"] not in dated_today)
    source = [
        "--source-title",
        "测试用的来源",
        "--source-publisher",
        "测试机构",
        "--source-publisher-en",
        "A test body",
        "--source-url",
        "https://example.org/contribution",
        "--published",
        today.isoformat(),
        "--quote",
        "测试数值1",
        "--source-kind",
        "media_report",
    ]
    for command in (
        [
            "scripts",
            "add_observation",
            "--indicator",
            indicator,
            "--year",
            str(today.year - 1),
            "--value",
            "1",
            *source,
        ],
        [
            "scripts",
            "add_status",
            "--task",
            task,
            "--as-of",
            today.isoformat(),
            "--status",
            "on_track",
            "--summary",
            "一条测试用的说明。",
            "--summary-en",
            "A note for the tests.",
            *source,
        ],
    ):
        result = subprocess.run([sys.executable, "-m", *command], cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, f"a valid contribution was refused: {command[0]}\n{result.stdout}{result.stderr}"


def with_history(project: Path) -> None:
    """The project's git history under the copy, for its dates and its changes page (the contribution is not committed)."""
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.ROOT, capture_output=True).returncode != 0:
        return  # not a git checkout: the copy has no history either
    for command in (
        ["init", "-q"],
        ["fetch", "-q", "--no-tags", str(paths.ROOT), "HEAD"],
        ["update-ref", "HEAD", "FETCH_HEAD"],
    ):
        subprocess.run(["git", *command], cwd=project, check=True, capture_output=True)


def shared(tmp_path_factory, name: str, make) -> Path:
    """A folder made once for the whole run by `make(folder)`, whichever xdist worker asks first; the others wait for it
    and reuse it (a session fixture is otherwise made once per worker: every site built twice on two cores)."""
    base = tmp_path_factory.getbasetemp()
    base = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's folder, above each worker's
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            done.touch()
    return folder


def make_tested_project(folder: Path) -> None:
    project = copy_project(folder / "project", data_from=paths.ROOT)
    with_history(project)
    contribute(project)


@pytest.fixture(scope="session")
def tested_project(tmp_path_factory) -> Path:
    """The project the tested sites are built from: this one where TESTED_SITE is given, else a contributed copy."""
    if os.environ.get("TESTED_SITE"):
        return paths.ROOT
    return shared(tmp_path_factory, "contributed", make_tested_project) / "project"


SESSION_DATE = dt.datetime.now(dt.UTC).date().isoformat()


def build_project(project: Path, generator: str, folder: Path, environment: dict | None = None) -> None:
    """`make site` of `project` by `generator` into folder/site, as the deploy runs it; a failed build fails the test."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "build", "--site-dir", str(folder / "site"), "--generator", generator],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.returncode == 0, (
        f"the site did not build with {generator}:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
    )


def built_in_turn(tmp_path_factory, name: str, project: Path, generator: str, environment: dict | None = None) -> Path:
    """The site of `project` by `generator`, built once for the run (shared, as `name`-`generator`). Zensical's build
    waits for MkDocs's and reuses the pages it generated: two builds at once in one project would each generate them,
    charts and all."""
    if generator != "mkdocs":
        built_in_turn(tmp_path_factory, name, project, "mkdocs", environment)
    built = shared(
        tmp_path_factory, f"{name}-{generator}", lambda folder: build_project(project, generator, folder, environment)
    )
    return built / "site"


def built_site(tmp_path_factory, project: Path, generator: str, given: str | None) -> BuiltSite:
    if given:
        root = Path(given).resolve()
        assert (root / "index.html").is_file() and (root / "en" / "index.html").is_file(), (
            f"{given} holds no built site"
        )
        return BuiltSite(root, paths.ROOT)
    # One assessment date for every build of the session (the date is an input of the build; see generate.py).
    environment = {**os.environ, "ASSESSMENT_DATE": os.environ.get("ASSESSMENT_DATE") or SESSION_DATE}
    return BuiltSite(built_in_turn(tmp_path_factory, "built", project, generator, environment), project)


@pytest.fixture(scope="session")
def site(tmp_path_factory, tested_project) -> BuiltSite:
    """The site as the deploy builds it (MkDocs)."""
    return built_site(tmp_path_factory, tested_project, "mkdocs", os.environ.get("TESTED_SITE"))


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory, tested_project) -> BuiltSite:
    """The same site built by Zensical (make site-zensical)."""
    return built_site(tmp_path_factory, tested_project, "zensical", os.environ.get("TESTED_ZENSICAL_SITE"))


def each_generator(request) -> BuiltSite:
    """For a module's own `site` fixture, parametrised over build.GENERATORS: its tests run on both builds."""
    return request.getfixturevalue("site" if request.param == "mkdocs" else "zensical_site")
