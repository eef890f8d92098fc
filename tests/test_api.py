"""The reuse layer of the built site: the static API and its schemas, chart embeds, code snippets and citations."""

import csv
import datetime as dt
import io
import json
import re
from urllib.parse import urlsplit

import jsonschema
import pytest

from scripts.core import i18n, load
from scripts.model import model
from scripts.render import api, charts
from tests import fixture
from tests.test_site import external_loads

RECORDS = load.records()
PACKAGE = load.read_descriptor()
BASE = api.root(PACKAGE["version"])


def site_url() -> str:
    from tests.test_site import site_path_prefix

    return site_path_prefix()


def read_json(site, path: str):
    return json.loads((site.root / path).read_text(encoding="utf-8"))


def test_the_index_lists_every_endpoint_and_each_validates_against_its_schema(site):
    index = read_json(site, "api/index.json")
    assert (
        index["version"] == site.descriptor["version"]
        and index["api_version"] == f"v{site.descriptor['version'].split('.')[0]}"
    )
    checked = {}
    for endpoint in index["endpoints"]:
        body = read_json(site, "api/" + endpoint["json"])
        schema = read_json(site, "api/" + endpoint["schema"])
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(body, schema, format_checker=jsonschema.FormatChecker())
        assert body["version"] == site.descriptor["version"]
        if endpoint["csv"]:  # the CSV twin: the endpoint's main list, one row per item, with a fixed header
            table = list(csv.reader(io.StringIO((site.root / "api" / endpoint["csv"]).read_text(encoding="utf-8"))))
            main = {
                "task": "responsible_units",
                "indicator": "observations",
                "agency": "tasks",
                "section": "tasks",
            }.get(endpoint["kind"])
            assert len(table) - 1 == (len(body[main]) if main else 1), endpoint
            assert table[0] and all(len(row) == len(table[0]) for row in table), endpoint
        checked[endpoint["kind"]] = checked.get(endpoint["kind"], 0) + 1
    assert checked == {
        "task": len(site.records["tasks"]),
        "indicator": len(site.records["indicators"]),
        "target": len(site.records["targets"]),
        "agency": len(site.records["agencies"]),
        "section": len(site.records["sections"]),
        "all": 1,
    }


def test_a_schema_catches_a_wrong_response(site):
    """The schemas are strict enough to fail: a missing field, a wrong type, an unknown status."""
    schema = read_json(site, f"{BASE}/schemas/task.json")
    body = read_json(site, f"{BASE}/tasks/26.json")
    broken = [json.loads(json.dumps(body)) for _ in range(3)]
    del broken[0]["task"]["title_en"]
    broken[1]["task"]["id"] = "26"
    broken[2]["status"][0]["status"] = "done"
    for response in broken:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(response, schema)


def test_endpoints_hold_the_data(site):
    task = read_json(site, f"{BASE}/tasks/26.json")
    assert task["task"]["title_en"] == "Strengthen the operation of intellectual property"
    assert [unit["agency_id"] for unit in task["responsible_units"] if unit["role"] == "lead"] == ["market-regulation"]
    assert task["pages"] == {"zh": "tasks/26/", "en": "en/tasks/26/"}
    indicator = read_json(site, f"{BASE}/indicators/rd_expenditure.json")
    assert [t["year"] for t in indicator["targets"]] == [2025, 2030]
    assert indicator["targets"][0]["progress"]["label"] in (
        "achieved",
        "on_track",
        "off_track",
        "insufficient_data",
        "met",
        "missed",
        "awaiting",
        "overdue",
    )
    assert indicator["targets"][0]["progress"]["reason_en"] and indicator["targets"][0]["progress"]["reason_zh"]
    figures = list(
        csv.DictReader(io.StringIO((site.root / f"{BASE}/indicators/rd_expenditure.csv").read_text(encoding="utf-8")))
    )
    assert (
        len(figures)
        == len(indicator["observations"])
        == sum(1 for o in site.records["observations"] if o["indicator_id"] == "rd_expenditure")
    )
    everything = read_json(site, f"{BASE}/all.json")
    assert {name: len(rows) for name, rows in everything["resources"].items()} == {
        name: len(rows) for name, rows in site.records.items()
    }


def test_the_api_page_documents_every_kind_and_field_in_both_languages(site):
    schemas = api.schemas(site.descriptor)
    for page in ("api/", "en/api/"):
        article = site.html(page).find("article")
        for kind, schema in schemas.items():
            section = article.find(id=kind)
            assert section, (page, kind)
            table = section.find_next("table")
            keys = [row.find("code").get_text() for row in table.find("tbody").find_all("tr")]
            assert keys == list(schema["properties"]), (page, kind)
            assert all(
                cell.get_text(strip=True) for row in table.find("tbody").find_all("tr") for cell in row.find_all("td")
            ), (page, kind)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_chart_has_an_embed_page_that_stands_alone(site, lang):
    prefix = "" if lang == i18n.DEFAULT else f"{lang}/"
    for chart in charts.all_charts(model.build(site.records, site.descriptor, lang=lang)):
        page = site.root / prefix / "embed" / f"{chart.name}.html"
        soup = site.html(f"{prefix}embed/{chart.name}.html")
        assert soup.find("svg", attrs={"role": "img"}), page
        for layout in soup.select(
            ".wide svg, .phone svg"
        ):  # each layout carries its source line; the caption links back
            drawn = "".join(text.get_text() for text in layout.find_all("text")).replace(" ", "")
            assert chart.source.replace(" ", "") in drawn, (page, layout.parent["class"])
        assert soup.find("figcaption").a["href"].endswith(f"#chart-{chart.name}")
        assert not soup.find("script") and not soup.find("link", rel="stylesheet")
        assert external_loads(page.read_text(encoding="utf-8")) == [], (
            page
        )  # nothing to fetch: it shows inside any page, at once


def test_embed_codes_are_lazy_fixed_height_sandboxed_and_point_into_the_site(site):
    article = site.html("targets/rd_expenditure/").find("article")
    codes = [area.get_text() for area in article.find_all("textarea", class_="embed-code")]
    assert codes
    for code in codes:
        frame = re.fullmatch(
            r'<iframe src="([^"]+)" title="[^"]+" width="100%" height="(\d+)" loading="lazy" style="border:0" '
            r'sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer"></iframe>',
            code,
        )
        assert frame, code
        path = urlsplit(frame[1]).path
        assert path.startswith(site_url()) and (site.root / path[len(site_url()) :]).is_file(), frame[1]
        assert int(frame[2]) > 200


def snippet_urls(site, page: str) -> list[str]:
    return re.findall(
        r'"(https?://[^"]+)"', " ".join(code.get_text() for code in site.html(page).find("article").find_all("code"))
    )


@pytest.mark.parametrize(
    "page", ["data/", "en/data/", "api/", "en/api/", "targets/rd_expenditure/", "en/targets/innovation_rank/"]
)
def test_every_url_in_a_code_snippet_resolves_inside_the_built_site(site, page):
    urls = snippet_urls(site, page)
    assert urls, page
    for url in urls:
        path = urlsplit(url).path
        assert path.startswith(site_url()), url
        assert (site.root / path[len(site_url()) :]).is_file(), url


def test_the_data_page_has_pandas_r_and_spreadsheet_code_for_every_table(site):
    article = site.html("data/").find("article")
    text = article.get_text()
    for resource in site.descriptor["resources"]:
        name = resource["name"]
        assert 'pd.read_csv("' in text and f'downloads/{name}.csv")' in text
        assert '=IMPORTDATA("' in text and re.search(
            rf'read\.csv\("[^"]+downloads/{name}\.csv", encoding = "UTF-8"\)', text
        ), name


@pytest.mark.parametrize("indicator_id", [row["id"] for row in RECORDS["indicators"]])
def test_each_target_page_offers_data_images_embed_and_citation_in_one_place(site, indicator_id):
    article = site.html(f"targets/{indicator_id}/").find("article")
    reuse = article.find(id="reuse")
    assert reuse
    section = []
    for element in reuse.find_next_siblings():
        if element.name == "h2":
            break
        section.append(element)
    hrefs = [a["href"] for element in section for a in element.find_all("a", href=True)]
    for needed in (
        f"charts/target-{indicator_id}.csv",
        f"{BASE}/indicators/{indicator_id}.json",
        f"{BASE}/indicators/{indicator_id}.csv",
        f"charts/target-{indicator_id}.png",
        f"charts/target-{indicator_id}.svg",
        f"embed/target-{indicator_id}.html",
    ):
        assert any(href.endswith(needed) for href in hrefs), needed
    text = " ".join(element.get_text(" ") for element in section)
    assert "<iframe" in text and 'loading="lazy"' in text
    publishers = {o["source_publisher"] for o in site.records["observations"] if o["indicator_id"] == indicator_id}
    assert "甘肃科技创新及转化基地行动方案追踪" in text and site.descriptor["document"]["issuer"] in text
    assert all(publisher in text for publisher in publishers)


def test_every_chart_carries_its_source_line_in_the_image_and_the_tooltips():
    for lang in i18n.LANGUAGES:
        for chart in charts.all_charts(model.build(RECORDS, PACKAGE, lang=lang)):
            for spec in filter(None, (chart.spec, chart.phone_spec)):
                foot = [t for t in find_all(spec, "title") if isinstance(t, dict) and t.get("orient") == "bottom"]
                assert len(foot) == 1 and "".join(foot[0]["text"]).replace(" ", "") == chart.source.replace(" ", "")
            tooltips = [encoding["tooltip"] for encoding in find_all(chart.spec, "encoding") if "tooltip" in encoding]
            assert tooltips and all(
                any(isinstance(f, dict) and f.get("field") == charts.SOURCE_FIELD for f in tooltip)
                for tooltip in tooltips
            )
    chart = next(c for c in charts.all_charts(model.build(RECORDS, PACKAGE)) if c.name == "target-rd_expenditure")
    tooltip = next(e["tooltip"] for e in find_all(chart.spec, "encoding") if "tooltip" in e)
    assert any(isinstance(f, dict) and f.get("title") == "数值（亿元）" for f in tooltip)


def find_all(value, key):
    if isinstance(value, dict):
        if key in value:
            yield value[key]
        for item in value.values():
            yield from find_all(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from find_all(item, key)


def test_a_tasks_evidence_is_listed_in_the_same_order_by_the_api_and_the_page():
    """Preferred first, then newest first, in both (the API once listed it oldest first)."""
    records = fixture.records()
    task_id = records["milestone_evidence"][0]["task_id"]
    records["milestone_evidence"] = [
        {**row, "as_of": as_of, "preferred": preferred, "source_url": f"https://example.org/{n}"}
        for n, (row, as_of, preferred) in enumerate(
            [
                (records["milestone_evidence"][0], dt.date(2025, 5, 1), False),
                (records["milestone_evidence"][0], dt.date(2025, 9, 1), False),
                (records["milestone_evidence"][0], dt.date(2025, 3, 1), True),
            ]
        )
    ]
    sites = {lang: model.build(records, fixture.descriptor(), lang=lang) for lang in i18n.LANGUAGES}
    body, _ = api.responses(fixture.descriptor(), records, sites)[
        f"{api.root(str(fixture.descriptor()['version']))}/tasks/{task_id}"
    ]
    listed = [row["source_url"] for row in body["milestone_evidence"]]
    assert listed == ["https://example.org/2", "https://example.org/1", "https://example.org/0"]
    page = next(task for task in sites["zh"].tasks if task.id == task_id)
    assert [evidence.source_url for evidence in page.evidence] == listed
