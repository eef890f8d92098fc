"""Look-ups in datapackage.json, written once (scripts/core/descriptor.py)."""

import re

import pytest

from scripts.core import descriptor, paths
from tests import fixture

PACKAGE = fixture.descriptor()


def test_a_resource_its_fields_and_key_by_name():
    assert descriptor.resource(PACKAGE, "tasks")["path"] == "data/tasks.csv"
    assert descriptor.field_names(PACKAGE, "tasks")[0] == "id"
    assert descriptor.primary_key(PACKAGE, "task_agencies") == ["task_id", "agency_id"]
    with pytest.raises(KeyError, match="no resource 'chores'"):
        descriptor.resource(PACKAGE, "chores")


def test_titles_in_each_language_fall_back_to_english():
    assert descriptor.titles(PACKAGE, "zh")["tasks"] == "任务" and descriptor.titles(PACKAGE, "en")["tasks"] == "Tasks"
    assert descriptor.in_language({"title": "Only English"}, "title", "zh") == "Only English"


def test_no_module_looks_a_resource_up_by_hand():
    by_hand = re.compile(r'r\["name"\] == |"title_zh" if |title_zh"\] if ')
    found = [
        path.name
        for path in (paths.ROOT / "scripts").rglob("*.py")
        if path.name != "descriptor.py" and by_hand.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
