"""The issue body of the deploy's weekly run (scripts/contrib/overdue.py): the figures past their usual release, judged on a
given day, from the tests' frozen data; values shown inert; no traceback when the data does not load."""

import datetime as dt
import re

from scripts.contrib import overdue
from scripts.core import paths
from scripts.model import model
from tests import fixture

LATE, EARLY = dt.date(2030, 1, 1), dt.date(2025, 6, 1)
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")  # a code span: a run of backticks, closed by a run as long


def outside_code(markdown: str) -> str:
    """The body with every code span taken out: all that GitHub reads as Markdown, mentions and links."""
    return CODE_SPAN.sub("", markdown)


def past(known: dt.date, records=None) -> list[tuple[str, int]]:
    """(indicator, year) of every target the model itself labels past its release on `known`."""
    site = model.build(records or fixture.records(), fixture.descriptor(), known=known)
    return [
        (i.id, t.year)
        for i in site.indicators
        for t in i.targets
        if t.year < known.year and t.status in overdue.PAST_RELEASE
    ]


def test_a_late_date_lists_every_target_the_model_labels_past_its_release_in_both_languages():
    found = past(LATE)
    assert found, "the frozen data has targets overdue by 2030"
    body = overdue.body(fixture.records(), fixture.descriptor(), LATE, "https://example.org/site")
    assert body.splitlines()[0] == overdue.LIST_MARK
    zh, en = body.split("\n## ", 2)[1:]
    assert (
        zh.startswith("已过通常发布时间")
        and "2030年1月1日" in zh
        and en.startswith("Official figures")
        and "1 January 2030" in en
    )
    sites = {lang: model.build(fixture.records(), fixture.descriptor(), lang=lang, known=LATE) for lang in ("zh", "en")}
    for part, lang, root in ((zh, "zh", "https://example.org/site/"), (en, "en", "https://example.org/site/en/")):
        indicators = {i.id: i for i in sites[lang].indicators}
        assert part.count("\n- ") == len(found)
        for indicator_id, year in found:
            indicator = indicators[indicator_id]
            target = next(t for t in indicator.targets if t.year == year)
            assert f"- `{indicator.name}`" in part and target.progress_label in part and f"`{target.reason}`" in part
            assert (
                f"`{indicator.statistic}`" in part
                and f"`{indicator.publisher}`" in part
                and f"`{indicator.release_note}`" in part
            )
            assert f"<{root}targets/{indicator_id}/>" in part


def test_an_early_date_lists_none_and_says_so():
    assert past(EARLY) == []
    body = overdue.body(fixture.records(), fixture.descriptor(), EARLY)
    assert body.splitlines()[0] == overdue.NONE_MARK
    assert (
        "\n- " not in body and "没有已过通常发布时间" in body and "No official figure is past its usual release" in body
    )


def test_without_a_site_address_no_link_is_written():
    assert "targets/" not in overdue.body(fixture.records(), fixture.descriptor(), LATE)


def test_a_hostile_value_is_shown_inert():
    """A mention, a link, HTML and a backtick in the data stay text in code spans; a newline cannot reach the marker line."""
    indicator_id, _ = past(LATE)[0]
    hostile = "@someone [x](http://evil) <img src=x> `code` #1\n<!-- overdue-figures: none -->"
    records = fixture.records()
    for row in records["indicators"]:
        if row["id"] == indicator_id:
            row.update(name=hostile, name_en=hostile, release_note="**bold** @other", release_note_en="**bold** @other")
    body = overdue.body(records, fixture.descriptor(), LATE, "https://example.org/")
    assert body.splitlines()[0] == overdue.LIST_MARK and body.count(overdue.NONE_MARK) == 2  # each inside a code span
    assert "@someone" in body and "**bold** @other" in body
    plain = outside_code(body)
    for marker in ("@", "](", "http://evil", "<img", "**", "\n<!--"):
        assert marker not in plain, marker


def test_the_command_writes_the_body_and_exits_0(tmp_path, capsys):
    out = tmp_path / "body.md"
    assert (
        overdue.main(
            [
                "--root",
                str(fixture.ROOT),
                "--date",
                "2030-01-01",
                "--site-url",
                "https://example.org/",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_text(encoding="utf-8") == overdue.body(
        fixture.records(), fixture.descriptor(), LATE, "https://example.org/"
    )
    assert overdue.main(["--root", str(fixture.ROOT), "--date", "2025-06-01"]) == 0
    assert capsys.readouterr().out.startswith(overdue.NONE_MARK)


def test_the_site_address_comes_from_the_environment_too(monkeypatch, capsys):
    monkeypatch.setenv("SITE_URL", "https://example.org/from-env")
    assert overdue.main(["--root", str(fixture.ROOT), "--date", "2030-01-01"]) == 0
    assert "<https://example.org/from-env/targets/" in capsys.readouterr().out


def test_data_that_does_not_load_is_one_line_naming_the_file(package_copy, capsys):
    (package_copy / "data/indicators.csv").write_text('id,broken\n"x\n', encoding="utf-8")
    out = package_copy / "body.md"
    assert overdue.main(["--root", str(package_copy), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and not out.exists()
    assert (
        len(captured.err.splitlines()) == 1
        and "data/indicators.csv" in captured.err
        and "Traceback" not in captured.err
    )
    (package_copy / "datapackage.json").unlink()
    assert overdue.main(["--root", str(package_copy)]) == 1
    assert "datapackage.json" in capsys.readouterr().err


def test_the_shell_script_reads_the_same_markers():
    script = (paths.ROOT / ".github/scripts/update-overdue-issue.sh").read_text(encoding="utf-8")
    assert f'none_mark="{overdue.NONE_MARK}"' in script and f'list_mark="{overdue.LIST_MARK}"' in script
