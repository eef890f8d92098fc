"""The CI workflows: valid YAML, the triggers and the job order the project promises."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from scripts.contrib import overdue
from scripts.core import paths, problems
from scripts.validate import validate
from tests import fixture

WORKFLOWS = paths.ROOT / ".github/workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def chain(workflow: dict) -> list[str]:
    """Jobs in order, following needs; fails if a job does not need exactly the one before."""
    jobs = workflow["jobs"]
    first = [name for name, job in jobs.items() if "needs" not in job]
    assert len(first) == 1, "exactly one job starts the chain"
    order = first
    while True:
        following = [name for name, job in jobs.items() if job.get("needs") in (order[-1], [order[-1]])]
        if not following:
            return order
        assert len(following) == 1
        order += following


def test_every_workflow_is_valid_yaml():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert len(workflows) >= 3  # pull request, deploy, issue to pull request: a wrong folder reads nothing
    for path in workflows:
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path


def test_pull_requests_validate_then_build_then_test():
    workflow = load("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request", "workflow_dispatch"}  # dispatched for the issue form's pull requests
    assert chain(workflow) == ["validate", "build", "test"]
    jobs = workflow["jobs"]
    assert runs(jobs["validate"]) == ["make validate"] and runs(jobs["test"]) == ["make test"]
    assert runs(jobs["build"])[0] == "make site"
    assert workflow["permissions"] == {"contents": "read"}


def test_a_pull_request_shows_what_its_data_change_does_and_its_preview():
    """The build job writes the row-by-row summary to the job summary (the base ref through the environment, never
    interpolated into the shell) and uploads the built site for the reviewer to open."""
    steps = load("pull-request.yml")["jobs"]["build"]["steps"]
    summary = next(step for step in steps if "scripts review" in step.get("run", ""))
    assert "${{" not in summary["run"] and summary["env"] == {
        "BASE_REF": "${{ github.base_ref || github.event.repository.default_branch }}"
    }
    assert '--out "$GITHUB_STEP_SUMMARY"' in summary["run"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and upload["with"]["if-no-files-found"] == "error"


def test_main_deploys_through_the_pages_artifact_after_every_check():
    workflow = load("deploy.yml")
    push = workflow["on"]["push"]
    assert push["branches"] == ["main"]
    assert {"data/**", "datapackage.json", "docs/**", "scripts/**"} <= set(push["paths"])
    assert chain(workflow) == [
        "validate",
        "build",
        "test",
        "deploy",
        "overdue-issue",
    ]  # the last only on the weekly run
    jobs = workflow["jobs"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in jobs["build"]["steps"])
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in jobs["deploy"]["steps"])
    assert workflow["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert runs(jobs["test"])[-1] == "make test"  # after unpacking the build job's artifact


def test_the_deploy_runs_weekly_and_then_keeps_one_issue_of_figures_past_their_release():
    """Labels turn with the date (issue 26): a weekly run rebuilds the site, and, on that run or one started by hand,
    a job with only the issues to write lists the overdue figures; the project's code writes the body without the
    token, and the step holding the token runs only the shell script."""
    workflow = load("deploy.yml")
    assert workflow["on"]["schedule"] == [{"cron": "17 3 * * 1"}] and "workflow_dispatch" in workflow["on"]
    job = workflow["jobs"]["overdue-issue"]
    assert job["needs"] == "deploy" and job["permissions"] == {"contents": "read", "issues": "write"}
    assert job["if"] == "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    assert 0 < job["timeout-minutes"] <= 30
    body, update = (step for step in job["steps"] if "run" in step)
    assert body["run"].startswith("make overdue ") and "GH_TOKEN" not in body.get("env", {})
    assert body["env"] == {"SITE_URL": "${{ needs.deploy.outputs.page_url }}"}
    assert (
        update["run"].startswith("bash .github/scripts/update-overdue-issue.sh ")
        and update["env"]["GH_TOKEN"] == "${{ github.token }}"
    )
    assert all("${{" not in step.get("run", "") for step in job["steps"]), (
        "nothing from an expression is pasted into a shell line"
    )
    assert workflow["jobs"]["deploy"]["outputs"]["page_url"] == "${{ steps.deployment.outputs.page_url }}"
    script = "\n".join(
        line.split("#", 1)[0]
        for line in (paths.ROOT / ".github/scripts/update-overdue-issue.sh")
        .read_text(encoding="utf-8")
        .splitlines()[1:]
    )  # the commands, without comments
    assert ".venv" not in script and "python" not in script and "make " not in script


def test_problems_become_annotations_on_their_file_and_line():
    problem = problems.Problem(
        "data/observations.csv", 10, "value", "'约144亿' has the wrong type", "expected a number"
    )
    assert validate.annotation(problem) == (
        "::error file=data/observations.csv,line=10,title=value::'约144亿' has the wrong type (expected a number)"
    )


def test_problems_cannot_forge_a_workflow_command():
    """A header cell holding a newline once printed `::warning file=...::` lines of the contributor's choosing."""
    forged = "name\n::warning file=README.md::all good, merge"
    problem = problems.Problem("data/tasks.csv", 1, forged, "column is not in the schema\r\n::error::x 100%")
    line = validate.annotation(problem)
    assert "\n" not in line and "\r" not in line  # one line: one command, whatever the data holds
    properties, message = line.removeprefix("::error ").split("::", 1)  # the first :: ends the properties
    assert (
        properties == "file=data/tasks.csv,line=1,title=name\\u000a%3A%3Awarning file=README.md%3A%3Aall good%2C merge"
    )
    assert (
        message == "column is not in the schema\\u000d\\u000a::error::x 100%25"
    )  # text after the command's :: is only its message
    assert "\n" not in str(problem) and "\\u000a::warning" in str(problem)


def test_plain_output_on_github_runs_with_workflow_commands_off(capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    validate.print_problems([problems.Problem("data/tasks.csv", 2, "title", "::error::forged")])
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("::error file=data/tasks.csv,line=2,title=title::")
    token = lines[1].removeprefix("::stop-commands::")
    assert len(token) == 32 and lines[2] == f"::{token}::"
    assert err.strip() == "data/tasks.csv:2:title: ::error::forged"


# --- supply chain -----------------------------------------------------------------------------

PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}$")  # owner/repo[/sub-action]@sha


def steps():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        for job in yaml.safe_load(text)["jobs"].values():
            for step in job["steps"]:
                yield path.name, step, text


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it():
    uses = [(name, step["uses"], text) for name, step, text in steps() if "uses" in step]
    assert uses
    for name, reference, text in uses:
        assert PINNED.match(reference), f"{name}: {reference} is not pinned to a full commit SHA"
        assert re.search(re.escape(reference) + r"\s+# v\d+\.\d+\.\d+\n", text), (
            f"{name}: {reference} has no # vX.Y.Z comment"
        )


def test_no_checkout_keeps_the_token_in_git_config():
    checkouts = [(name, step) for name, step, _ in steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step.get("with", {}).get("persist-credentials") is False for _, step in checkouts), (
        checkouts
    )


def test_every_job_is_bounded_in_time():
    jobs = [
        (path.name, name, job)
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items()
    ]
    assert len(jobs) >= 3
    for workflow, name, job in jobs:
        assert 0 < job.get("timeout-minutes", 0) <= 30, f"{workflow}: job {name}"


def test_a_change_to_how_the_site_is_built_deploys():
    assert {"Makefile", "requirements.txt", "mkdocs.yml", "content/**", "overrides/**"} <= set(
        load("deploy.yml")["on"]["push"]["paths"]
    )


def test_every_requirement_is_pinned_with_hashes_and_installed_with_require_hashes():
    for name in ("requirements.txt", "requirements-actionlint.txt"):
        text = (paths.ROOT / name).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z])", text.split("\n", 1)[1] if text.startswith("#") else text)
        requirements = [entry for entry in entries if re.match(r"[A-Za-z]", entry)]
        assert requirements, name
        for entry in requirements:
            assert re.match(r"^[A-Za-z0-9._-]+==\S+ \\\n", entry) and "--hash=sha256:" in entry, (
                f"{name}: {entry.splitlines()[0]}"
            )
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes" in line for line in installs), installs


def tool(name: str) -> str:
    """A lint tool installed by `make test` (zizmor from requirements.txt, actionlint from requirements-actionlint.txt)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: run the tests with `make test`, which installs it"
    return found


def test_zizmor_finds_nothing_high_in_the_workflows():
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--format=json", "--min-severity=high", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 13, 14), result.stderr[-2000:]  # zizmor exits 1x when it has findings, 0 when none
    findings = json.loads(result.stdout)
    assert findings == [], json.dumps(findings, indent=1)[:3000]


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("actionlint"), "-no-color", *map(str, paths)], capture_output=True, text=True, timeout=120
    )


def test_actionlint_finds_nothing():
    result = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


def test_actionlint_and_its_shellcheck_catch_an_injected_title_and_an_unquoted_variable(tmp_path):
    """The lint is live: an issue title pasted into a run: line, and shell that splits a variable, are reported."""
    assert shutil.which("shellcheck"), "shellcheck is not installed: run the tests with `make test`, which installs it"
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: issues\npermissions: {}\njobs:\n  echo:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.issue.title }}"\n'
        "      - run: ls $HOME\n",
        encoding="utf-8",
    )
    result = actionlint(bad)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout and "shellcheck reported issue" in result.stdout, result.stdout


def test_a_new_data_issue_is_read_without_the_write_token_and_proposed_by_a_job_that_runs_no_project_code():
    """The issue body reaches the parser only through the environment, in a job with a read-only token; the job with
    the write token runs only the proposal script (attack finding 12). Closed issues, issues without the form's label
    and a maintainer's labelling start nothing (finding 2)."""
    workflow = load("issue-to-pull-request.yml")
    assert workflow["on"] == {"issues": {"types": ["opened", "edited"]}} and workflow["permissions"] == {}
    assert (
        workflow["concurrency"]["cancel-in-progress"] is False
    )  # a run is never cut short between push and pull request
    read, propose = workflow["jobs"]["read"], workflow["jobs"]["propose"]
    assert (
        "github.event.issue.state == 'open'" in read["if"] and "'new data'" in read["if"] and propose["needs"] == "read"
    )
    assert read["permissions"] == {"contents": "read"}
    assert propose["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
        "actions": "write",
    }
    for job in (read, propose):
        assert all("${{" not in step.get("run", "") for step in job["steps"]), (
            "nothing from the event is pasted into a shell line"
        )
    form = next(step for step in read["steps"] if "scripts issue_form" in step.get("run", ""))
    assert form["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert runs(propose) == ['bash .github/scripts/open-pull-request.sh "$RUNNER_TEMP/proposal" "$ADDED"']
    script = "\n".join(
        line.split("#", 1)[0]
        for line in (paths.ROOT / ".github/scripts/open-pull-request.sh").read_text(encoding="utf-8").splitlines()[1:]
    )  # the commands, without comments
    assert ".venv" not in script and "python" not in script and "make " not in script and "--force" not in script
    started = load("pull-request.yml")
    assert "workflow_dispatch" in started["on"] and "github.ref" in started["concurrency"]["group"]


class Proposal:
    """The proposal script run against a local bare repository standing in for GitHub, with a `gh` that records."""

    def __init__(self, tmp_path: Path):
        self.origin, self.work, self.bin = tmp_path / "origin.git", tmp_path / "work", tmp_path / "bin"
        self.calls, self.comments = tmp_path / "gh-calls", tmp_path / "gh-comments"
        tmp_path.mkdir(exist_ok=True)
        self.comments.write_text("", encoding="utf-8")
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
        subprocess.run(["git", "init", "-q", "--bare", str(self.origin)], check=True)
        self.work.mkdir()
        (self.work / "data").mkdir()
        (self.work / "data/observations.csv").write_text("id,value\n1,10\n", encoding="utf-8")
        shutil.copytree(paths.ROOT / ".github", self.work / ".github")
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=self.work, check=True)
        subprocess.run([*git, "add", "-A"], cwd=self.work, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "main"], cwd=self.work, check=True)
        subprocess.run(["git", "push", "-q", str(self.origin), "main"], cwd=self.work, check=True)
        self.bin.mkdir()
        self.pulls = tmp_path / "gh-pulls"  # how many pull requests `gh pr list --head` finds
        self.pulls.write_text("0\n", encoding="utf-8")
        (self.bin / "gh").write_text(
            '#!/bin/sh\necho "$*" >> "$GH_CALLS"\n[ "$1" = api ] && cat "$GH_COMMENTS"\n'
            '[ "$1 $2" = "pr list" ] && cat "$GH_PULLS"\nexit 0\n',
            encoding="utf-8",
        )
        (self.bin / "gh").chmod(0o755)
        self.proposal = tmp_path / "proposal"
        self.proposal.mkdir()
        for name in ("report.md", "review.md"):
            (self.proposal / name).write_text(f"{name}\n", encoding="utf-8")

    def patch(self, change: dict[str, str]) -> None:
        """The proposal's data.patch: these files of the work tree changed, as the read job's `git diff` writes it."""
        for name, text in change.items():
            (self.work / name).parent.mkdir(parents=True, exist_ok=True)
            (self.work / name).write_text(text, encoding="utf-8")
        subprocess.run(["git", "add", "-N", "."], cwd=self.work, check=True)
        diff = subprocess.run(
            ["git", "diff", "--binary"], cwd=self.work, check=True, capture_output=True, text=True
        ).stdout
        (self.proposal / "data.patch").write_text(diff, encoding="utf-8")
        subprocess.run(["git", "reset", "-q", "--hard"], cwd=self.work, check=True)
        subprocess.run(["git", "clean", "-qfd"], cwd=self.work, check=True)

    def run(self, added: str = "true") -> subprocess.CompletedProcess:
        environment = {
            **os.environ,
            "PATH": f"{self.bin}:{os.environ['PATH']}",
            "NUMBER": "7",
            "AUTHOR": "octo",
            "GH_TOKEN": "x",
            "GITHUB_REPOSITORY": "o/r",
            "PUSH_URL": str(self.origin),
            "GH_CALLS": str(self.calls),
            "GH_COMMENTS": str(self.comments),
            "GH_PULLS": str(self.pulls),
        }
        return subprocess.run(
            ["bash", ".github/scripts/open-pull-request.sh", str(self.proposal), added],
            cwd=self.work,
            env=environment,
            capture_output=True,
            text=True,
        )

    def gh(self) -> list[str]:
        """The calls that act (the look-ups, `gh pr list` and `gh api`, left out)."""
        calls = self.calls.read_text(encoding="utf-8").splitlines() if self.calls.exists() else []
        return [call for call in calls if not call.startswith(("pr list", "api "))]

    def branch(self) -> str:
        return subprocess.run(
            ["git", "log", "--format=%an %s", "data/issue-7"], cwd=self.origin, capture_output=True, text=True
        ).stdout


def test_an_issue_opens_one_pull_request_and_an_edit_never_rewrites_it(tmp_path):
    proposal = Proposal(tmp_path)
    proposal.patch({"data/observations.csv": "id,value\n1,10\n2,20\n"})
    result = proposal.run()
    assert result.returncode == 0, result.stderr
    shown = subprocess.run(
        ["git", "show", "data/issue-7:data/observations.csv"], cwd=proposal.origin, capture_output=True, text=True
    )
    assert shown.stdout == "id,value\n1,10\n2,20\n"
    assert [call.split()[:2] for call in proposal.gh()] == [["pr", "create"], ["pr", "comment"], ["workflow", "run"]]
    body = proposal.gh()[0].split("--body-file ", 1)[1]
    assert Path(body).read_text(encoding="utf-8") == "report.md\n\nCloses #7\n"
    # A maintainer commits on the branch; the reporter edits the issue (finding 2: the maintainer's commit was erased).
    maintainer = tmp_path / "maintainer"
    subprocess.run(["git", "clone", "-q", "-b", "data/issue-7", str(proposal.origin), str(maintainer)], check=True)
    (maintainer / "data/observations.csv").write_text("id,value\n1,10\n2,21\n", encoding="utf-8")
    subprocess.run(
        ["git", "-c", "user.name=maintainer", "-c", "user.email=m@example.org", "commit", "-qam", "fix"],
        cwd=maintainer,
        check=True,
    )
    subprocess.run(["git", "push", "-q"], cwd=maintainer, check=True)
    before = proposal.branch()
    proposal.patch({"data/observations.csv": "id,value\n1,10\n2,250\n"})
    for _ in range(2):
        assert proposal.run().returncode == 0
    assert proposal.branch() == before and before.startswith("maintainer fix")
    assert [call for call in proposal.gh() if call.startswith("issue comment")] == [
        "issue comment 7 --body-file .github/issue-frozen.md"
    ] * 2
    proposal.comments.write_text(
        "<!-- issue-pull-request-frozen -->\n", encoding="utf-8"
    )  # the bot's comment is there now
    assert (
        proposal.run().returncode == 0
        and len([call for call in proposal.gh() if call.startswith("issue comment")]) == 2
    )
    # Merged, its branch deleted: the issue is still answered, never proposed again (attack review 2, W1).
    subprocess.run(["git", "branch", "-D", "data/issue-7"], cwd=proposal.origin, check=True, capture_output=True)
    proposal.pulls.write_text("1\n", encoding="utf-8")
    assert proposal.run().returncode == 0 and proposal.branch() == ""
    assert not any(call.startswith("pr create") for call in proposal.gh()[3:])


def test_a_refused_form_is_answered_on_the_issue_and_nothing_is_pushed(tmp_path):
    proposal = Proposal(tmp_path)
    assert proposal.run(added="false").returncode == 0
    assert proposal.gh() == [f"issue comment 7 --body-file {proposal.proposal}/report.md"] and proposal.branch() == ""


def test_a_proposal_changes_only_the_rows_of_data_files(tmp_path):
    proposal = Proposal(tmp_path)
    proposal.patch(
        {"data/observations.csv": "id,value\n1,10\n2,20\n", ".github/scripts/open-pull-request.sh": "echo owned\n"}
    )
    assert proposal.run().returncode == 0  # the script's change is left out
    changed = subprocess.run(
        ["git", "diff", "--name-only", "main", "data/issue-7"], cwd=proposal.origin, capture_output=True, text=True
    )
    assert changed.stdout == "data/observations.csv\n"
    again = Proposal(tmp_path / "again")
    again.patch({"data/new.csv": "id\n1\n"})
    result = again.run()
    assert (
        result.returncode == 1 and "changes more than the rows of data/*.csv" in result.stderr and again.branch() == ""
    )


def test_a_pull_request_reads_the_build_cache_and_never_writes_it():
    """A fork's pull request must not plant chart or stage entries that main's deploy build would take as its own."""
    pull = [step for _, step, _ in steps() if "cache" in step.get("uses", "")]
    caches = {
        (name, step["uses"].split("@")[0])
        for name, step, _ in steps()
        if step.get("uses", "").startswith("actions/cache")
    }
    assert caches == {("pull-request.yml", "actions/cache/restore"), ("deploy.yml", "actions/cache")}, caches
    # only renderings, checked before use; records, specs and validation passes are never shared between runs
    assert all(step["with"]["path"] == ".cache/charts" for step in pull)
    # pip's downloads are cached where the site is built and tested (pip still checks every hash on install)
    setups = [
        step
        for name, step, _ in steps()
        if step.get("uses", "").startswith("actions/setup-python@") and name in ("pull-request.yml", "deploy.yml")
    ]
    assert setups and all(step["with"].get("cache") == "pip" for step in setups)


def test_the_deploy_tests_the_artifact_it_publishes():
    """The test job unpacks the build job's Pages artifact and the tests read it (TESTED_SITE), with the site address
    the build used; the deploy job publishes that same artifact without building again."""
    jobs = load("deploy.yml")["jobs"]
    steps_ = jobs["test"]["steps"]
    download = next(step for step in steps_ if step.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["name"] == "github-pages"
    test = next(step for step in steps_ if step.get("run") == "make test")
    assert test["env"]["TESTED_SITE"] == "${{ runner.temp }}/site" and "SITE_URL" in test["env"]
    assert jobs["test"]["needs"] == "build" and jobs["deploy"]["needs"] == "test"
    assert [step["uses"].split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


class OverdueIssue:
    """update-overdue-issue.sh with a `gh` that records each call and answers `gh issue list` with the open issues."""

    def __init__(self, tmp_path: Path, open_issues: str = ""):
        self.bin, self.calls, self.issues = tmp_path / "bin", tmp_path / "gh-calls", tmp_path / "gh-issues"
        self.bin.mkdir(parents=True)
        self.issues.write_text(open_issues, encoding="utf-8")  # one number a line, as the script's --jq writes them
        (self.bin / "gh").write_text(
            '#!/bin/sh\necho "$*" >> "$GH_CALLS"\n[ "$1 $2" = "issue list" ] && cat "$GH_ISSUES"\nexit 0\n',
            encoding="utf-8",
        )
        (self.bin / "gh").chmod(0o755)
        self.body = tmp_path / "body.md"

    def run(self, known: str) -> subprocess.CompletedProcess:
        """The script on the body `python -m scripts overdue` writes for the tests' data judged on `known`."""
        self.body.write_text(
            overdue.body(fixture.records(), fixture.descriptor(), dt.date.fromisoformat(known)), encoding="utf-8"
        )
        environment = {
            **os.environ,
            "PATH": f"{self.bin}:{os.environ['PATH']}",
            "GH_TOKEN": "x",
            "GH_REPO": "o/r",
            "GH_CALLS": str(self.calls),
            "GH_ISSUES": str(self.issues),
        }
        return subprocess.run(
            ["bash", str(paths.ROOT / ".github/scripts/update-overdue-issue.sh"), str(self.body)],
            env=environment,
            capture_output=True,
            text=True,
        )

    def gh(self) -> list[str]:
        """The calls that act (the label, made or kept, and the look-up left out)."""
        calls = self.calls.read_text(encoding="utf-8").splitlines() if self.calls.exists() else []
        return [
            call
            for call in calls
            if not call.startswith(("label create overdue-figures ", "issue list --label overdue-figures "))
        ]


OVERDUE_LATE, OVERDUE_NONE = "2030-01-01", "2025-06-01"  # the tests' data: figures past their release, and none


def test_with_no_open_issue_one_is_opened_with_the_body(tmp_path):
    issue = OverdueIssue(tmp_path)
    result = issue.run(OVERDUE_LATE)
    assert result.returncode == 0, result.stderr
    calls = issue.calls.read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("label create overdue-figures --force")  # idempotent: made, or kept as it is
    assert issue.gh() == [
        "issue create --title 官方数据：已过通常发布时间、本站尚未找到 / Figures past their usual release, not found here "
        f"--label overdue-figures --body-file {issue.body}"
    ]


def test_with_one_open_its_body_is_replaced_and_none_is_opened(tmp_path):
    issue = OverdueIssue(tmp_path, "12\n")
    assert issue.run(OVERDUE_LATE).returncode == 0
    assert issue.gh() == [f"issue edit 12 --body-file {issue.body}"]


def test_with_nothing_past_its_release_the_open_issue_is_closed_and_none_opened(tmp_path):
    issue = OverdueIssue(tmp_path, "12\n")
    assert issue.run(OVERDUE_NONE).returncode == 0
    assert issue.gh() == [f"issue comment 12 --body-file {issue.body}", "issue close 12 --reason completed"]
    nothing_open = OverdueIssue(tmp_path / "none")
    assert nothing_open.run(OVERDUE_NONE).returncode == 0 and nothing_open.gh() == []


def test_never_more_than_one_issue_stays_open(tmp_path):
    issue = OverdueIssue(tmp_path, "9\n14\n")
    assert issue.run(OVERDUE_LATE).returncode == 0
    assert issue.gh() == [
        f"issue edit 9 --body-file {issue.body}",
        "issue close 14 --reason not planned --comment The list is kept in #9. / 列表见 #9。",
    ]


def test_a_body_not_written_by_scripts_overdue_changes_no_issue(tmp_path):
    issue = OverdueIssue(tmp_path, "12\n")
    issue.body.write_text("", encoding="utf-8")
    result = subprocess.run(
        ["bash", str(paths.ROOT / ".github/scripts/update-overdue-issue.sh"), str(issue.body)],
        env={**os.environ, "PATH": f"{issue.bin}:{os.environ['PATH']}", "GH_CALLS": str(issue.calls)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "no issue was changed" in result.stderr and not issue.calls.exists()
