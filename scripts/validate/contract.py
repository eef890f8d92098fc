"""The shape of the data package the pipeline's code is written for, pinned in scripts/validate/schema_contract.json.

A data pull request may change rows, prose (titles and descriptions) and a
field's maxLength. It may not change what the code relies on: the resources
and their paths, the fields, their order and types, the constraints
(required, unique, enum, pattern, minimum, maximum), the keys, the multiline
and optional flags, and the progress rule's keys. A new allowed value or a
dropped `required` reaches code that cannot handle it; a loosened id pattern
lets an id leave its folder; a new pattern could take forever to match. Such
a change is a change to the code: make it with the code that handles it, and
write the new contract with `make contract`.

    python -m scripts contract --write    # after changing the schema together with the code
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core import load, paths, untrusted

CONTRACT = Path(__file__).with_name("schema_contract.json")
PROSE = ("title", "title_zh", "description", "description_zh")
FREE_CONSTRAINTS = ("maxLength",)  # bounded by untrusted.CSV_FIELD_LIMIT and the budgets


def shape(descriptor: dict) -> dict:
    """Everything the code relies on, and nothing a contributor may change; call once the descriptor's own shape is sound."""
    resources = {}
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        fields = {}
        for field in schema["fields"]:
            spec = {key: value for key, value in field.items() if key not in (*PROSE, "name", "constraints")}
            spec["constraints"] = {
                key: value for key, value in field.get("constraints", {}).items() if key not in FREE_CONSTRAINTS
            }
            fields[field["name"]] = spec
        resources[resource["name"]] = {
            "path": resource["path"],
            "columns": [field["name"] for field in schema["fields"]],
            "fields": fields,
            **{key: schema.get(key) for key in ("primaryKey", "foreignKeys", "missingValues")},
        }
    rule = descriptor.get("progress_rule")
    return {"resources": resources, "progress_rule": sorted(rule) if isinstance(rule, dict) else rule}


def differences(expected: object, found: object, where: str) -> list[tuple[str, str]]:
    """(where, what) for each place the found shape departs from the expected one."""
    if isinstance(expected, dict) and isinstance(found, dict):
        out = [(f"{where}.{key}", "is missing") for key in expected if key not in found]
        out += [
            (f"{where}.{key}", "is not in the schema the code is written for") for key in found if key not in expected
        ]
        return out + [
            problem
            for key in expected
            if key in found
            for problem in differences(expected[key], found[key], f"{where}.{key}")
        ]
    if expected != found:
        return [(where, f"is {untrusted.shown(found)}, where the code expects {untrusted.shown(expected)}")]
    return []


def problems(descriptor: dict) -> list[tuple[str, str, str]]:
    """(field, what, expected) for every departure from the contract."""
    expected = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return [
        (
            where.lstrip("."),
            what,
            "the code is written for scripts/validate/schema_contract.json: see scripts/validate/contract.py",
        )
        for where, what in differences(expected, shape(descriptor), "")
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts contract",
        description="Check or write the schema contract (scripts/validate/schema_contract.json).",
    )
    parser.add_argument("--write", action="store_true", help="write the contract from datapackage.json")
    args = parser.parse_args(argv)
    current = shape(load.read_descriptor(paths.PACKAGE))
    if args.write:
        CONTRACT.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {paths.relative(CONTRACT)}")
        return 0
    found = differences(json.loads(CONTRACT.read_text(encoding="utf-8")), current, "")
    for where, what in found:
        print(f"datapackage.json:{where.lstrip('.')}: {what}", file=sys.stderr)
    return 1 if found else 0
