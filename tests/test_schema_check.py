"""The foreign keys are checked once for the whole package (schema_check.key_errors) rather than by Frictionless
opening every referenced file again for each file: the problems are exactly those Frictionless's own package
validation gives, in its order, for keys broken every way a key can break."""

import json

from frictionless import Package

from scripts.core import csvio
from scripts.validate import schema_check
from tests.conftest import copy_package


def as_frictionless_reads_them(root, descriptor) -> list[str]:
    """What schema_problems said when Frictionless validated the whole package, keys and all."""
    problems, starts = [], {}
    for resource in descriptor["resources"]:
        found, starts[resource["name"]], _ = schema_check.structure_problems(root, resource)
        problems += found
    reported = {(problem.file, problem.row, problem.field) for problem in problems}
    report = Package(descriptor, basepath=str(root)).validate()
    by_name = {resource["name"]: resource for resource in descriptor["resources"]}
    for task in report.tasks:
        resource = by_name[task.name]
        for error in task.errors:
            problem = schema_check.translate(
                resource["path"], error, starts[task.name], resource["schema"].get("primaryKey", [])
            )
            if problem and (problem.file, problem.row, problem.field) not in reported:
                problems.append(problem)
    return [str(problem) for problem in problems]


def change(root, name, index, **values):
    path = root / f"data/{name}.csv"
    rows = csvio.read_rows(path)
    rows[index].update(values)
    csvio.write_rows(path, list(rows[0]), rows)


def test_broken_keys_are_named_as_frictionless_names_them(tmp_path):
    root = copy_package(tmp_path / "package")
    change(root, "task_agencies", 3, agency_id="educaton")  # a name misspelt
    change(root, "task_agencies", 5, task_id="99")  # a task that does not exist
    change(root, "task_agencies", 6, task_id="abc")  # not a number: a type error, and no key to look up
    change(root, "sections", 3, parent_id="77")  # the file refers to itself
    change(root, "sections", 4, parent_id="")  # an empty key refers to nothing: no problem
    change(root, "milestone_evidence", 0, task_id="2")  # a task with no milestone: a key that is not a primary key
    change(root, "observations", 2, indicator_id="rd_spending", value="x")  # two problems in one row
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    ours = [str(problem) for problem in schema_check.schema_problems(root, descriptor)]
    assert ours == as_frictionless_reads_them(root, descriptor)
    assert sum(" is not a" in problem for problem in ours) == 5, ours
    assert "data/sections.csv:9:parent_id: '77' is not an id in data/sections.csv (expected an existing id)" in ours


def test_a_sound_package_has_no_key_problem(tmp_path):
    root = copy_package(tmp_path / "package")
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert schema_check.schema_problems(root, descriptor) == []
    assert schema_check.key_errors(root, descriptor["resources"]) == {}
