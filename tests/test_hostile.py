"""Hostile input, from the corpus in tests/hostile_corpus.json: refused with file:row:field, or published inert.

Every text case goes into every text field of every resource (and into the
descriptor's prose); `rejected` cases must come back from validate as a
message naming each file, row and field, `inert` cases are built into the
whole site, both languages, and must be found there as plain text: nothing in
any page (head included), the workbooks, the CSVs, the feeds or the API may
run, link to script, evaluate a template or hold a formula. Then the same
payloads go through the contributor commands, and Hypothesis throws random
text, control and bidi characters included, at every field.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from scripts.contrib import add_observation
from scripts.core import csvio, paths, untrusted
from scripts.render import pages
from scripts.site import build
from scripts.validate import schema_check, validate, wording
from tests import fixture
from tests.browser_fixture import serving
from tests.conftest import copy_project
from tests.site_fixture import built_in_turn, shared

CORPUS = json.loads((Path(__file__).parent / "hostile_corpus.json").read_text(encoding="utf-8"))["cases"]
DESCRIPTOR = fixture.descriptor()
TEXT_FIELDS = [
    (resource, field)
    for resource in DESCRIPTOR["resources"]
    for field in resource["schema"]["fields"]
    if field["type"] == "string"
]
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]  # the site's Markdown extensions


def payload(case: dict):
    if "payload_repeat" in case:
        text, count = case["payload_repeat"]
        return case.get("payload_prefix", "") + text * count + case.get("payload_suffix", "")
    return case["payload"]


def cases(where: str, expect: str | None = None) -> list:
    return [
        pytest.param(case, id=case["id"])
        for case in CORPUS
        if case["where"] == where and expect in (None, case["expect"])
    ]


def write_rows(path: Path, rows: list[dict], quote_all: bool = False) -> None:
    """As csvio writes, or with every cell quoted (a bare CR in a cell is then the cell's, not a line end)."""
    if not quote_all:
        path.write_text(csvio.render_rows(list(rows[0]), rows), encoding="utf-8", newline="")
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def rejected_location(problems: list[str], location: str, message: str) -> bool:
    return any(problem.startswith(location + ": ") and message in problem for problem in problems)


# --- validate: every rejected case, in every text field -----------------------------------------


@pytest.mark.parametrize("case", cases("text", "rejected"))
def test_rejected_text_is_named_in_every_text_field(package_copy, case):
    text, planted = payload(case), []
    for resource in DESCRIPTOR["resources"]:
        path = package_copy / resource["path"]
        rows = csvio.read_rows(path)
        for field in resource["schema"]["fields"]:
            if field["type"] == "string" and not (case.get("single_line_only") and field.get("multiline")):
                rows[0][field["name"]] = text
                planted.append(f"{resource['path']}:2:{field['name']}")
        write_rows(path, rows, quote_all=True)
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["document"]["title_en"] = text
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    problems = [str(problem) for problem in validate.problems_in(package_copy)]
    missed = [
        location
        for location in planted + ["datapackage.json:document.title_en"]
        if not rejected_location(problems, location, case["message"])
    ]
    assert not missed, f"not rejected with “{case['message']}”: {missed[:5]}\n" + "\n".join(problems[:5])
    assert all("\n" not in problem and "\r" not in problem and len(problem) < 1000 for problem in problems)
    assert not any(untrusted.forbidden_character(problem) for problem in problems), (
        "a message echoes an invisible character"
    )


@pytest.mark.parametrize("case", cases("url"))
def test_urls_are_http_links_or_rejected(package_copy, case):
    for resource, row_index in (("observations", 8), ("task_status", 0)):
        path = package_copy / f"data/{resource}.csv"
        rows = csvio.read_rows(path)
        rows[row_index]["source_url"] = payload(case)
        write_rows(path, rows)
    problems = [str(problem) for problem in validate.problems_in(package_copy)]
    if case["expect"] == "rejected":
        assert rejected_location(problems, "data/observations.csv:10:source_url", case["message"]), problems
        assert rejected_location(problems, "data/task_status.csv:2:source_url", case["message"]), problems
    else:
        assert not any(":source_url:" in problem for problem in problems), problems


@pytest.mark.parametrize("case", cases("rank"))
def test_ranks_are_places(package_copy, case):
    path = package_copy / "data/observations.csv"
    rows = csvio.read_rows(path)
    line = next(index for index, row in enumerate(rows, start=2) if row["indicator_id"] == "innovation_rank")
    rows[line - 2]["value"] = payload(case)
    write_rows(path, rows)
    problems = [str(problem) for problem in validate.problems_in(package_copy)]
    assert rejected_location(problems, f"data/observations.csv:{line}:value", case["message"]), problems


@pytest.mark.parametrize("case", cases("number", "rejected"))
def test_numbers_a_spreadsheet_would_run_are_refused(package_copy, case):
    path = package_copy / "data/observations.csv"
    rows = csvio.read_rows(path)
    rows[7]["value"] = payload(case)
    write_rows(path, rows)
    problems = [str(problem) for problem in validate.problems_in(package_copy)]
    assert rejected_location(problems, "data/observations.csv:9:value", case["message"]), problems


def test_every_other_number_is_carried_through_progress_charts_and_pages(project_copy):
    """The corpus's numbers that are fine to a spreadsheet, all in one build, each the first figure of its own
    indicator's trend: the tiny one in R&D's, where 1e-300 once overflowed the trend computation and stopped the build."""
    from scripts.site import budgets, generate

    inert = [payload(param.values[0]) for param in cases("number", "inert")]
    path = project_copy / "data/observations.csv"
    rows = csvio.read_rows(path)
    assert rows[7]["id"] == "8" and rows[7]["indicator_id"] == "rd_expenditure"  # the first figure of the trend to 2025
    firsts = [7] + [
        next(index for index, row in enumerate(rows) if row["indicator_id"] == indicator)
        for indicator in dict.fromkeys(row["indicator_id"] for row in rows)
        if indicator not in ("rd_expenditure", "innovation_rank")  # a rank is a place: its own cases above
    ]
    assert len(inert) >= 2 and len(firsts) >= len(inert)
    for index, value in zip(firsts, inert):
        rows[index]["value"] = value
    write_rows(path, rows)
    assert [str(problem) for problem in validate.problems_in(project_copy)] == []
    limits = budgets.Budgets(chart_pixels=2500, page_bytes=1_000_000, site_bytes=60_000_000)
    files = generate.outputs(project_copy, "", "", limits)
    refuse = lambda constant: pytest.fail(f"{constant} in the API")  # noqa: E731 - json.loads reads NaN unless told
    assert json.loads(files["api/v1/all.json"], parse_constant=refuse)  # no NaN or Infinity anywhere in the API
    for index in firsts[: len(inert)]:
        assert f"targets/{rows[index]['indicator_id']}.md" in files  # each indicator's page, chart and all


SECRET = "gansu-never-print-this"


@pytest.mark.parametrize("case", cases("path"))
@pytest.mark.parametrize("key", ["resource", "document.text", "raw input"])
def test_no_path_leads_outside_data(package_copy, tmp_path, case, key):
    """The validator opens no file outside data/, so no message can show a byte of one (here: a planted secret)."""
    target = case["payload"]
    if "symlink_to" in case:
        outside = tmp_path / "outside.csv"
        outside.write_text(f"id\n{SECRET}\n", encoding="utf-8")
        (package_copy / target).symlink_to(outside)
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    where = {
        "resource": (descriptor["resources"][1], "path", "resources[1].path"),
        "document.text": (descriptor["document"], "text", "document.text"),
        "raw input": (descriptor["sources"][1], "path", "sources[1].path"),
    }[key]
    where[0][where[1]] = target
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "validate", "--root", str(package_copy)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "true"},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert rejected_location(result.stderr.splitlines(), f"datapackage.json:{where[2]}", case["message"]), result.stderr
    assert SECRET not in result.stdout + result.stderr and "root:" not in result.stdout + result.stderr


@pytest.mark.parametrize("case", cases("descriptor"))
def test_the_descriptor_keeps_the_shape_this_package_uses(package_copy, case):
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    *parents, last = case["pointer"].strip("/").split("/")
    holder = descriptor
    for part in parents:
        holder = holder[int(part)] if isinstance(holder, list) else holder[part]
    if isinstance(holder, list) and int(last) == len(holder):
        holder.append(case["payload"])  # a new value at the end of a list (an enum)
    else:
        holder[int(last) if isinstance(holder, list) else last] = case["payload"]
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    problems = [str(problem) for problem in validate.problems_in(package_copy)]
    assert any(problem.startswith("datapackage.json:") and case["message"] in problem for problem in problems), problems
    assert all("\n" not in problem for problem in problems)


def test_a_huge_or_deeply_nested_descriptor_is_refused_before_it_is_parsed(package_copy):
    path = package_copy / "datapackage.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert [str(p) for p in validate.problems_in(package_copy)] == [
        "datapackage.json: is nested too deeply (the shape of datapackage.json)"
    ]
    path.write_text(" " * (untrusted.MAX_DESCRIPTOR_BYTES + 1) + "{}", encoding="utf-8")
    assert str(validate.problems_in(package_copy)[0]).startswith(
        "datapackage.json: is 1,000,003 bytes (at most 1,000,000)"
    )


@pytest.mark.parametrize("depth", [20, 600, 950])
def test_a_descriptor_nested_past_its_shape_is_named_where_it_goes_too_deep(package_copy, depth):
    """Nested 500 to 960 deep, it once stopped validation with "unexpected failure (RecursionError)" (attack finding 13)."""
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["keywords"] = functools.reduce(lambda inner, _: [inner], range(depth), "x")
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "validate", "--root", str(package_copy)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        "datapackage.json:keywords"
        + "[0]" * untrusted.MAX_DESCRIPTOR_DEPTH
        + f": is nested more than {untrusted.MAX_DESCRIPTOR_DEPTH} levels deep (the shape of datapackage.json)"
    )


def test_a_long_value_of_any_type_is_cut_in_a_message():
    assert len(untrusted.shown([["x" * 50] * 10])) < 120 and len(untrusted.shown(10**308)) < 120


def test_a_symbolic_link_anywhere_under_data_is_refused(package_copy, tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (package_copy / "data/source/notes.txt").symlink_to(tmp_path / "secret.txt")
    problems = [str(problem) for problem in validate.problems_in(package_copy)]
    assert problems == ["data/source/notes.txt: is a symbolic link (plain files only under data/)"]


# --- the whole site: every inert case, published --------------------------------------------------

# Text fields the plan's own words do not bind (validation would refuse a change elsewhere, as above).
FREE_FIELDS = {
    "sections": ["title_en", "text_en"],
    "tasks": ["title_en", "text_en", "milestone_en", "responsibility_note_en"],
    "agencies": ["short_name_en", "full_name", "full_name_en"],
    "indicators": ["name", "name_en", "unit_en", "definition", "definition_en"],
    "targets": ["phrase_en", "note", "note_en"],
    "milestones": ["unit_en", "phrase_en"],
    "observations": [
        "source_title",
        "source_title_en",
        "source_publisher",
        "source_publisher_en",
        "quote",
        "caveat",
        "caveat_en",
        "note",
        "note_en",
    ],
    "glossary": ["note"],
    "synonyms": ["note", "note_en"],
}
STATUS_FIELDS = ["summary", "summary_en", "source_title", "source_publisher", "source_publisher_en", "quote"]
DESCRIPTOR_PROSE = [
    ("description",),
    ("document", "issuer_en"),
    ("document", "published_by_en"),
    ("document", "addressed_to_en"),
    ("resources", 1, "description"),
    ("resources", 1, "title"),
    ("resources", 1, "title_zh"),
    ("resources", 1, "schema", "fields", 2, "description"),
    ("resources", 1, "schema", "fields", 2, "title"),
]
INERT = [payload(case) for case in CORPUS if case["where"] == "text" and case["expect"] == "inert"]
NEVER_SHOWN = [case["never_shown"] for case in CORPUS if case.get("never_shown")]
INERT_URL = next(payload(case) for case in CORPUS if case["where"] == "url" and case["expect"] == "inert")


def with_payloads(original: str, limit: int) -> str:
    """The original text with as many inert payloads after it as the field's length allows."""
    text = original
    for item in INERT:
        if len(text) + 1 + len(item) <= limit:
            text = f"{text} {item}".strip()
    return text


def plant_inert(project: Path) -> dict:
    """Every inert payload into every free text field (and a status, a URL and the descriptor's prose); returns what was planted."""
    planted = {}
    for resource in DESCRIPTOR["resources"]:
        names = FREE_FIELDS.get(resource["name"], [])
        if not names:
            continue
        path = project / resource["path"]
        rows = csvio.read_rows(path)
        limits = {
            field["name"]: field["constraints"]["maxLength"]
            for field in resource["schema"]["fields"]
            if field["name"] in names
        }
        for row in rows:
            for name in names:
                if name == "quote" and wording.script_of_text(row[name]) == {"traditional"}:
                    continue  # the payloads' Simplified characters would mix scripts in a Traditional quote, which validation refuses
                if (
                    row[name] and "”" in row[name]
                ):  # a quoted name (a part's theme) is shown on its own: payloads inside the quotes
                    head, tail = row[name].split("”", 1)
                    row[name] = with_payloads(head, limits[name] - len(tail) - 1) + "”" + tail
                elif row[name]:
                    row[name] = with_payloads(row[name], limits[name])
        planted[resource["name"]] = rows
        write_rows(path, rows)
    path = project / "data/task_status.csv"
    rows = csvio.read_rows(path)
    limits = {
        field["name"]: field["constraints"].get("maxLength")
        for field in next(r for r in DESCRIPTOR["resources"] if r["name"] == "task_status")["schema"]["fields"]
        if field["type"] == "string"
    }
    rows.insert(
        0,
        {
            **rows[0],
            "as_of": "2025-06-30",
            "status": "on_track",
            "source_url": INERT_URL,
            "published": "2025-06-30",
            "source_kind": "media_report",
            **{name: with_payloads("省科技厅", limits[name]) for name in STATUS_FIELDS},
        },
    )
    write_rows(path, rows)
    path = project / "data/observations.csv"
    rows = csvio.read_rows(path)
    rows[8]["source_url"] = INERT_URL
    write_rows(path, rows)
    descriptor = json.loads((project / "datapackage.json").read_text(encoding="utf-8"))
    for keys in DESCRIPTOR_PROSE:
        holder = descriptor
        for key in keys[:-1]:
            holder = holder[key]
        holder[keys[-1]] = with_payloads(holder[keys[-1]], untrusted.MAX_DESCRIPTOR_TEXT)
    (project / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    # a page whose front matter YAML cannot read (a DEL), with Jinja in its body
    (project / "docs/probe.md").write_text(
        "---\ntitle: \"\x7f\"\nrender_macros: false\n---\n# 探针\n\n{{ 'jinja' ~ 'ran' }}\n", encoding="utf-8"
    )
    return planted


def make_hostile_project(folder: Path) -> None:
    project = copy_project(folder / "project")
    plant_inert(project)
    assert [str(problem) for problem in validate.problems_in(project)] == [], "inert payloads must pass validation"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """The project with every inert payload planted, made once for the run (site_fixture.shared), and the rows planted."""
    project = shared(tmp_path_factory, "hostile", make_hostile_project) / "project"
    planted = {name: csvio.read_rows(project / f"data/{name}.csv") for name in FREE_FIELDS}
    return project, planted


@pytest.fixture(scope="module", params=build.GENERATORS)
def hostile_site(hostile_project, request, tmp_path_factory):
    """One build of the hostile project by each generator, once for the run (Zensical's after MkDocs's, reusing its
    generated pages); shared by the checks below and the browser check."""
    project, planted = hostile_project
    return project, built_in_turn(tmp_path_factory, "hostile", project, request.param), planted


def text_files(root: Path, *suffixes: str) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file() and path.suffix in suffixes)


def flat(text: str) -> str:
    return " ".join(text.split())


def dangerous_url(value: str) -> bool:
    squeezed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


def test_no_page_of_the_hostile_site_runs_anything(hostile_site, request):
    """Whole documents, head included: only the site's own scripts (those of the clean build by the same generator), no
    handler, no script link, no evaluated template."""
    _, out, _ = hostile_site
    site = request.getfixturevalue("site" if out.parent.name == "hostile-mkdocs" else "zensical_site")
    own_inline = {
        script.string
        for path in site.pages()
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("script")
        if not script.get("src")
    }
    own_sources = re.compile(r"(^|/)assets/javascripts/(bundle\.[0-9a-f]+\.min|charts|search|tables|contribute)\.js$")
    shown = []
    for path in text_files(out, ".html"):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            assert own_sources.search(script["src"]) if script.get("src") else script.string in own_inline, (
                path,
                str(script)[:200],
            )
        for tag in soup.find_all(True):
            assert not any(name.lower().startswith("on") for name in tag.attrs), (path, str(tag)[:200])
            for name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"):
                assert not (tag.get(name) and dangerous_url(str(tag.get(name)))), (path, str(tag)[:200])
            own_forms = ("site-search", "contribute-form")  # the site's search and contribute forms, not the data's
            assert (
                tag.name not in ("iframe", "object", "embed", "base", "form")
                or tag.name == "form"
                and any(own in tag.get("class", []) for own in own_forms)
                or tag.get("data-md-component") == "palette"
            ), (path, str(tag)[:200])
            assert (
                tag.name != "meta"
                or tag.get("http-equiv") in (None, "Content-Security-Policy")
                and tag.parent.name == "head"
            ), (path, str(tag)[:200])  # a refresh would take the reader elsewhere, script or no script
        assert not any(marker in html for marker in NEVER_SHOWN), path
        shown.append(flat(soup.get_text()))
    everything = " ".join(shown)
    for item in INERT:
        assert flat(item) in everything, f"{item!r} is not shown as written anywhere"


def test_the_page_head_shows_data_as_text(hostile_site):
    """Title, description and header title: the payload as text, whatever it holds (`"><script>` once ran here)."""
    project, out, planted = hostile_site
    indicator = planted["indicators"][0]
    for url, name, description in (
        (f"targets/{indicator['id']}/index.html", indicator["name"], indicator["definition"]),
        (f"en/targets/{indicator['id']}/index.html", indicator["name_en"], indicator["definition_en"]),
    ):
        soup = BeautifulSoup((out / url).read_text(encoding="utf-8"), "html.parser")
        assert soup.title.string.startswith(name + " - "), url
        assert soup.find("meta", attrs={"name": "description"})["content"] == description, url
        assert flat(
            soup.find(class_="md-header__topic", attrs={"data-md-component": "header-topic"}).get_text()
        ) == flat(name)
    agency = planted["agencies"][0]
    soup = BeautifulSoup((out / f"en/agencies/{agency['id']}/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.string.startswith(agency["short_name_en"] + " - ")
    assert soup.find("meta", attrs={"name": "description"})["content"] == agency["full_name_en"]


def test_every_generated_page_front_matter_reads_back_as_written(hostile_site):
    """Front matter from a YAML emitter: each generated page's title and description survive MkDocs' own reader."""
    project, out, _ = hostile_site
    generated = [
        path
        for path in (project / "docs").rglob("*.md")
        if "generated by scripts/render/pages.py" in path.read_text(encoding="utf-8")
    ]
    assert len(generated) > 150
    for path in generated:
        body, meta = get_data(path.read_text(encoding="utf-8"))
        assert set(meta) >= {"title", "description"} and "render_macros" not in meta, path
        assert body.startswith("<!-- generated by scripts/render/pages.py"), path
        relative = path.relative_to(project / "docs").as_posix()
        language = "en/" if relative.endswith(".en.md") else ""
        page = out / language / pages.page_url(relative.replace(".en.md", ".md")) / "index.html"
        title = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").title.string
        assert title.startswith(meta["title"] + " - "), (path, title)


def test_a_page_that_does_not_ask_is_never_a_template(hostile_site):
    """The DEL trick broke the front matter so MkDocs kept it as text and mkdocs-macros ran the page's Jinja. With
    render_by_default: false a page is a template only when its front matter reads render_macros: true, and only the
    pages copied from content/ say so (a generated page's front matter is emitted by YAML, never from data)."""
    _, out, _ = hostile_site
    html = (out / "probe/index.html").read_text(encoding="utf-8")
    assert "jinjaran" not in html and "{{ 'jinja' ~ 'ran' }}" in html


def test_downloads_hold_no_formula(hostile_site):
    """Both workbooks: every sheet without a single <f>; every CSV the site serves: no text cell a spreadsheet would run."""
    _, out, _ = hostile_site
    workbooks = text_files(out, ".xlsx")
    assert len(workbooks) == 2
    for path in workbooks:
        with zipfile.ZipFile(path) as book:
            sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/")]
            xml = "".join(book.read(name).decode("utf-8") for name in sheets)
        assert sheets and "<f>" not in xml and "<f " not in xml, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml, "the payload is in the workbook, as text"
    csvs = text_files(out, ".csv")
    assert len(csvs) > 100
    for path in csvs:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                if cell and cell[0] in untrusted.FORMULA_START:
                    assert re.fullmatch(r"-?[0-9.]+(e-?[0-9]+)?", cell), (
                        path,
                        cell,
                    )  # a negative number, not a formula


def test_a_workbook_keeps_an_error_literal_as_text():
    """ "#N/A" typed in a note is text, not Excel's error value (attack finding 9: a sum over the column failed)."""
    from openpyxl import load_workbook

    from scripts.render import downloads

    records = fixture.records()
    records["observations"][0] = {**records["observations"][0], "note": "#N/A", "note_en": "#REF!"}
    sheet = load_workbook(io.BytesIO(downloads.workbook(DESCRIPTOR, records)))["observations"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value in ("#N/A", "#REF!")]
    assert len(cells) == 2 and {cell.data_type for cell in cells} == {"s"}


def test_a_workbook_keeps_a_formula_as_text_even_if_one_got_past_validation():
    from scripts.render import downloads

    records = fixture.records()
    records["observations"][0] = {**records["observations"][0], "quote": '=HYPERLINK("https://example.org/","点击")'}
    with zipfile.ZipFile(io.BytesIO(downloads.workbook(DESCRIPTOR, records))) as book:
        xml = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.startswith("xl/worksheets/"))
    assert "<f>" not in xml and '<t>=HYPERLINK("https://example.org/","点击")</t>' in xml


def test_feeds_and_the_api_parse_and_carry_the_text(hostile_site):
    _, out, _ = hostile_site
    for path in text_files(out, ".xml"):
        ElementTree.parse(path)
    documents = text_files(out, ".json")
    assert len(documents) > 100
    for path in documents:
        json.loads(path.read_text(encoding="utf-8"))
    everything = (out / "api/v1/all.json").read_text(encoding="utf-8")
    for item in INERT:
        assert json.dumps(item, ensure_ascii=False)[1:-1] in everything


def test_the_hostile_site_runs_nothing_in_a_browser(hostile_site, browser):
    """Chromium on the hostile build: no dialog opens, no script is even refused (nothing tried to run), nothing is missing."""
    _, out, planted = hostile_site
    indicator, agency = planted["indicators"][0]["id"], planted["agencies"][0]["id"]
    urls = [
        "",
        f"targets/{indicator}/",
        f"en/targets/{indicator}/",
        f"agencies/{agency}/",
        f"en/agencies/{agency}/",
        "data/",
        "en/data/",
        "tasks/1/",
        "en/tasks/1/",
        "plan/",
        "progress/",
        f"embed/target-{indicator}.html",
        "search/?q=script",
    ]
    dialogs, errors, missing = [], [], []
    with serving(out) as server:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
        for url in urls:
            page.goto(server + url, wait_until="networkidle")
            page.mouse.move(200, 300)
        page.close()
    assert dialogs == [] and errors == [] and missing == [], (dialogs, errors, missing)


# --- the contributor commands -------------------------------------------------------------------

FIGURE = [
    "--indicator",
    "rd_expenditure",
    "--year",
    "2023",
    "--value",
    "156.2",
    "--source-title",
    "2023年全国科技经费投入统计公报",
    "--source-publisher",
    "国家统计局",
    "--source-publisher-en",
    "National Bureau of Statistics",
    "--source-url",
    "https://www.stats.gov.cn/example",
    "--published",
    "2024-10-02",
    "--quote",
    "甘肃156.2亿元",
    "--source-kind",
    "official_statistics",
]


@pytest.mark.parametrize("case", [case for case in cases("text") if len(payload(case.values[0])) < 20_000])
def test_the_contributor_commands_refuse_or_keep_each_payload(package_copy, capsys, case):
    """A payload as a figure's quote: refused at the new row's line (file:row:quote) and nothing written, or kept byte for byte."""
    line = (
        len((package_copy / "data/observations.csv").read_text(encoding="utf-8").splitlines()) + 1
    )  # the header is line 1
    argv = list(FIGURE)
    argv[argv.index("--quote") + 1] = payload(case)
    before = (package_copy / "data/observations.csv").read_bytes()
    code = add_observation.main([*argv, "--root", str(package_copy)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line.strip() for line in err.splitlines()]
    if case["expect"] == "rejected":  # csvio leaves a bare CR unquoted: a reader ends the line there, and says so
        assert code == 1 and (
            rejected_location(lines, f"data/observations.csv:{line}:quote", case["message"])
            or "unquoted" in case
            and rejected_location(lines, f"data/observations.csv:{line}", case["unquoted"])
        ), err
        assert (package_copy / "data/observations.csv").read_bytes() == before
    else:
        assert code == 0, err
        assert csvio.read_rows(package_copy / "data/observations.csv")[-1]["quote"] == payload(case)


# --- Hypothesis: any text, control and bidi characters included -----------------------------------

INVISIBLE = "\x00\x07\x08\x0b\x0c\x0d\x1b\x7f\x85\x9f\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2028\u2029\u2060\u2066\u2067\u2068\u2069\ufeff\ue000"
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)), st.sampled_from(INVISIBLE + "\n\t=+-@<>&\"'{}%`[]()")
    ),
    min_size=1,
    max_size=200,
)
FIELD = st.sampled_from([(resource, field["name"], bool(field.get("multiline"))) for resource, field in TEXT_FIELDS])


def planted_problems(root: Path, where: tuple, text: str, check) -> list[str]:
    """The problems `check(root, resource)` finds with `text` in the first row's field, quoted as a spreadsheet would
    write it; the file is put back after."""
    resource, name, _ = where
    path = root / resource["path"]
    rows = csvio.read_rows(path)
    original = rows[0][name]
    rows[0][name] = text
    write_rows(path, rows, quote_all=True)
    try:
        return [str(problem) for problem in check(root, resource)]
    finally:
        rows[0][name] = original
        write_rows(path, rows)


def assert_named_where_it_must_be(problems: list[str], where: tuple, text: str) -> None:
    resource, name, multiline = where
    assert all("\n" not in problem and problem.startswith(("data/", "datapackage.json")) for problem in problems)
    invisible = [char for char in text if char in INVISIBLE or char == "\t" or (char == "\n" and not multiline)]
    if invisible or text[0] in "=+-@":
        assert any(problem.startswith(f"{resource['path']}:2:{name}: ") for problem in problems), (text, problems)


# Many texts through the checks that read a file's cells (the ones that name a character or a formula), a few through
# the whole validation: every rule that reads text is in the first, and the second shows nothing after it raises.
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=FIELD, text=TEXT)
def test_any_text_in_any_field_is_refused_where_it_must_be(package_copy, where, text):
    """A forbidden character or a formula's first character is always named at its file:row:field."""
    problems = planted_problems(
        package_copy, where, text, lambda root, resource: schema_check.structure_problems(root, resource)[0]
    )
    assert_named_where_it_must_be(problems, where, text)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=FIELD, text=TEXT)
def test_validation_never_raises_whatever_text_a_field_holds(package_copy, where, text):
    """The whole validation, Frictionless and the checks across files included: one-line problems, the text named."""
    problems = planted_problems(package_copy, where, text, lambda root, resource: validate.problems_in(root))
    assert_named_where_it_must_be(problems, where, text)


@settings(max_examples=200, deadline=None)
@given(title=TEXT, description=TEXT)
def test_front_matter_reads_back_as_written_whatever_it_holds(title, description):
    body, meta = get_data("---\n" + pages.front_matter(title, description, "2025-03-05") + "---\n# x\n")
    assert meta == {"title": title, "description": description, "updated": "2025-03-05"}
    assert body == "# x\n"


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_escaped_text_renders_as_text_and_nothing_else(text):
    if untrusted.forbidden_character(text) or "\n" in text:
        return  # refused by validation before it could reach a page
    soup = BeautifulSoup(markdown.markdown(pages.escape_md(text), extensions=EXTENSIONS), "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"p", "br"}, str(soup)
    assert flat(soup.get_text()) == flat(text) or not flat(text)


def test_every_character_a_spreadsheet_may_read_as_a_formula_sign_is_listed():
    """Those that Unicode's compatibility mapping turns into text starting with = + - @ (a spreadsheet may apply it)."""
    import unicodedata

    found = {
        chr(code)
        for code in range(0x10000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.normalize("NFKC", chr(code))[:1] in ("=", "+", "-", "@")
    }
    assert found == set(untrusted.FORMULA_START)
