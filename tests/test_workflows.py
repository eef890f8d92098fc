"""The CI workflows: valid YAML, the triggers and the job order the project promises."""

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
    assert set(workflow["on"]) == {"pull_request"}
    assert chain(workflow) == ["validate", "build", "test"]
    jobs = workflow["jobs"]
    assert runs(jobs["validate"]) == ["make validate"] and runs(jobs["build"]) == ["make site"] and runs(jobs["test"]) == ["make test"]
    assert workflow["permissions"] == {"contents": "read"}


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
    assert runs(jobs["test"]) == ["make test"]


def test_problems_become_annotations_on_their_file_and_line():
    problem = problems.Problem("data/observations.csv", 10, "value", "'约144亿' has the wrong type", "expected a number")
    assert validate.annotation(problem) == ("::error file=data/observations.csv,line=10,title=value::"
                                            "'约144亿' has the wrong type (expected a number)")
