"""The CI workflows: valid YAML, the triggers and the job order the project promises."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import paths, problems, validate

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
    for path in WORKFLOWS.glob("*.yml"):
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
    summary = next(step for step in steps if "scripts.review" in step.get("run", ""))
    assert "${{" not in summary["run"] and summary["env"] == {
        "BASE_REF": "${{ github.base_ref || github.event.repository.default_branch }}"}
    assert '--out "$GITHUB_STEP_SUMMARY"' in summary["run"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and upload["with"]["if-no-files-found"] == "error"


def test_main_deploys_through_the_pages_artifact_after_every_check():
    workflow = load("deploy.yml")
    push = workflow["on"]["push"]
    assert push["branches"] == ["main"]
    assert {"data/**", "datapackage.json", "docs/**", "scripts/**"} <= set(push["paths"])
    assert chain(workflow) == ["validate", "build", "test", "deploy"]
    jobs = workflow["jobs"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in jobs["build"]["steps"])
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in jobs["deploy"]["steps"])
    assert workflow["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert runs(jobs["test"])[-1] == "make test"  # after unpacking the build job's artifact


def test_problems_become_annotations_on_their_file_and_line():
    problem = problems.Problem("data/observations.csv", 10, "value", "'约144亿' has the wrong type", "expected a number")
    assert validate.annotation(problem) == ("::error file=data/observations.csv,line=10,title=value::"
                                            "'约144亿' has the wrong type (expected a number)")


def test_problems_cannot_forge_a_workflow_command():
    """A header cell holding a newline once printed `::warning file=...::` lines of the contributor's choosing."""
    forged = "name\n::warning file=README.md::all good, merge"
    problem = problems.Problem("data/tasks.csv", 1, forged, "column is not in the schema\r\n::error::x 100%")
    line = validate.annotation(problem)
    assert "\n" not in line and "\r" not in line  # one line: one command, whatever the data holds
    properties, message = line.removeprefix("::error ").split("::", 1)  # the first :: ends the properties
    assert properties == "file=data/tasks.csv,line=1,title=name\\u000a%3A%3Awarning file=README.md%3A%3Aall good%2C merge"
    assert message == "column is not in the schema\\u000d\\u000a::error::x 100%25"  # text after the command's :: is only its message
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
        assert re.search(re.escape(reference) + r"\s+# v\d+\.\d+\.\d+\n", text), f"{name}: {reference} has no # vX.Y.Z comment"


def test_no_checkout_keeps_the_token_in_git_config():
    checkouts = [(name, step) for name, step, _ in steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(step.get("with", {}).get("persist-credentials") is False for _, step in checkouts), checkouts


def test_every_job_is_bounded_in_time():
    for path in WORKFLOWS.glob("*.yml"):
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            assert 0 < job.get("timeout-minutes", 0) <= 30, f"{path.name}: job {name}"


def test_a_change_to_how_the_site_is_built_deploys():
    assert {"Makefile", "requirements.txt", "mkdocs.yml", "content/**", "overrides/**"} <= set(load("deploy.yml")["on"]["push"]["paths"])


def test_every_requirement_is_pinned_with_hashes_and_installed_with_require_hashes():
    for name in ("requirements.txt", "requirements-actionlint.txt"):
        text = (paths.ROOT / name).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z])", text.split("\n", 1)[1] if text.startswith("#") else text)
        requirements = [entry for entry in entries if re.match(r"[A-Za-z]", entry)]
        assert requirements, name
        for entry in requirements:
            assert re.match(r"^[A-Za-z0-9._-]+==\S+ \\\n", entry) and "--hash=sha256:" in entry, f"{name}: {entry.splitlines()[0]}"
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes" in line for line in installs), installs


def tool(name: str) -> str:
    """A lint tool installed by `make test` (zizmor from requirements.txt, actionlint from requirements-actionlint.txt)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: run the tests with `make test`, which installs it"
    return found


def test_zizmor_finds_nothing_high_in_the_workflows():
    result = subprocess.run([tool("zizmor"), "--offline", "--format=json", "--min-severity=high", str(WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 13, 14), result.stderr[-2000:]  # zizmor exits 1x when it has findings, 0 when none
    findings = json.loads(result.stdout)
    assert findings == [], json.dumps(findings, indent=1)[:3000]


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("actionlint"), "-no-color", *map(str, paths)], capture_output=True, text=True, timeout=120)


def test_actionlint_finds_nothing():
    result = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


def test_actionlint_and_its_shellcheck_catch_an_injected_title_and_an_unquoted_variable(tmp_path):
    """The lint is live: an issue title pasted into a run: line, and shell that splits a variable, are reported."""
    assert shutil.which("shellcheck"), "shellcheck is not installed: run the tests with `make test`, which installs it"
    bad = tmp_path / "bad.yml"
    bad.write_text("on: issues\npermissions: {}\njobs:\n  echo:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.issue.title }}\"\n"
                   "      - run: ls $HOME\n", encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout and "shellcheck reported issue" in result.stdout, result.stdout


def test_a_new_data_issue_becomes_a_pull_request_or_a_comment():
    """The issue body reaches the parser only through the environment; the job has only the permissions it uses."""
    workflow = load("issue-to-pull-request.yml")
    assert set(workflow["on"]) == {"issues"} and workflow["permissions"] == {}
    job = workflow["jobs"]["propose"]
    assert "'new data'" in job["if"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write", "actions": "write"}
    steps = job["steps"]
    assert all("${{" not in step.get("run", "") for step in steps), "nothing from the event is pasted into a shell line"
    form = next(step for step in steps if "scripts.issue_form" in step.get("run", ""))
    assert form["env"]["BODY"] == "${{ github.event.issue.body }}"
    opened = next(step for step in steps if "gh pr create" in step.get("run", ""))["run"]
    # one reviewer's summary per pull request, updated on an edit; the checks started by hand, as the token's own
    # pull request starts none
    assert "scripts.review" in opened and "gh pr comment" in opened and "--edit-last --create-if-none" in opened
    assert "gh workflow run pull-request.yml --ref" in opened
    started = load("pull-request.yml")
    assert "workflow_dispatch" in started["on"] and "github.ref" in started["concurrency"]["group"]
    assert any("gh issue comment" in step.get("run", "") for step in steps)


def test_a_pull_request_reads_the_build_cache_and_never_writes_it():
    """A fork's pull request must not plant chart or stage entries that main's deploy build would take as its own."""
    pull = [step for _, step, _ in steps() if "cache" in step.get("uses", "")]
    caches = {(name, step["uses"].split("@")[0]) for name, step, _ in steps() if step.get("uses", "").startswith("actions/cache")}
    assert caches == {("pull-request.yml", "actions/cache/restore"), ("deploy.yml", "actions/cache")}, caches
    assert all(step["with"]["path"] == ".cache" for step in pull)
    # pip's downloads are cached where the site is built and tested (pip still checks every hash on install)
    setups = [step for name, step, _ in steps() if step.get("uses", "").startswith("actions/setup-python@")
              and name in ("pull-request.yml", "deploy.yml")]
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
