"""The changes page generator, on a temporary git repository."""

import re
import subprocess
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import markdown
import pytest
from bs4 import BeautifulSoup

from scripts.core import i18n
from scripts.model import history, model
from scripts.render import changes, pages
from tests import fixture

DESCRIPTOR = {
    "resources": [
        {
            "name": "tasks",
            "path": "data/tasks.csv",
            "title": "Tasks",
            "title_zh": "任务",
            "schema": {"primaryKey": ["id"]},
        },
        {
            "name": "observations",
            "path": "data/observations.csv",
            "title": "Observed values of the headline indicators",
            "title_zh": "指标实际数值",
            "schema": {"primaryKey": ["id"]},
        },
    ]
}
ZH, EN = i18n.text("zh"), i18n.text("en")
TITLES = {lang: changes.resource_titles(DESCRIPTOR, lang) for lang in i18n.LANGUAGES}


def commit(repo, message, date, files):
    for path, text in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    env = {
        "GIT_AUTHOR_DATE": f"{date}T12:00:00",
        "GIT_COMMITTER_DATE": f"{date}T12:00:00",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    commit(tmp_path, "Add tasks", "2025-03-05", {"data/tasks.csv": "id,title\n1,甲\n2,乙\n", "README.md": "x"})
    commit(tmp_path, "Docs only", "2025-04-01", {"README.md": "y"})
    commit(
        tmp_path,
        "Fix task 2, add a figure",
        "2025-05-06",
        {
            "data/tasks.csv": "id,title\n1,甲\n2,乙改\n",
            "data/observations.csv": "id,indicator_id,value\n1,rd_expenditure,180\n",
        },
    )
    commit(tmp_path, "Remove task 1", "2025-06-07", {"data/tasks.csv": "id,title\n2,乙改\n"})
    return tmp_path


def test_history_lists_data_commits_with_row_changes(repo):
    found = history.history(repo, DESCRIPTOR)
    assert [c.commit.subject for c in found] == ["Add tasks", "Fix task 2, add a figure", "Remove task 1"]
    first, second, third = found
    assert (first.files[0].added, first.files[0].changed) == (["1", "2"], [])
    by_path = {f.path: f for f in second.files}
    assert by_path["data/tasks.csv"].changed == ["2"] and by_path["data/observations.csv"].added == ["1"]
    assert third.files[0].removed == ["1"] and third.commit.date == "2025-06-07"


def test_last_changed_dates_follow_the_rows_about_each_entity(repo):
    dates = history.last_changed(history.history(repo, DESCRIPTOR))
    assert dates[("task", "2")] == "2025-05-06"
    assert dates[("task", "1")] == "2025-06-07"  # removed rows count as a change
    assert dates[("indicator", "rd_expenditure")] == "2025-05-06"


def test_no_git_means_no_history(tmp_path):
    assert history.history(tmp_path, DESCRIPTOR) == []


def test_atom_feed_is_valid_xml_newest_first(repo):
    """Entries are titled as the changes page heads them, in the feed's language; the subject ends the summary."""
    for text, titles, summaries in (
        (ZH, ["任务删除1行", "指标实际数值新增1行，任务修改1行", "任务新增2行"], "提交说明：Remove task 1"),
        (
            EN,
            [
                "Tasks (1 row removed)",
                "Observed values of the headline indicators (1 row added); Tasks (1 row changed)",
                "Tasks (2 rows added)",
            ],
            "Commit message: Remove task 1",
        ),
    ):
        feed = changes.atom(
            history.history(repo, DESCRIPTOR), "https://example.org/site/", "标题", text, TITLES[text.lang]
        )
        root = ET.fromstring(feed)
        ns = {"a": "http://www.w3.org/2005/Atom"}
        assert [e.find("a:title", ns).text for e in root.findall("a:entry", ns)] == titles
        assert root.find("a:entry/a:summary", ns).text.endswith(summaries)
        assert root.find("a:updated", ns).text == "2025-06-07T00:00:00Z"
        assert root.find("a:entry/a:link", ns).get("href").startswith("https://example.org/site/changes/#")


def test_changes_page_and_feed_in_the_built_site(site):
    soup = site.html("changes/")
    headings = [h.get_text(" ", strip=True) for h in soup.select("article h2")]
    assert headings and all(re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日：\S+", h) for h in headings), headings
    assert all(
        h.get("data-toc-label") is None and re.fullmatch(r"[0-9a-f]{12}", h["id"]) for h in soup.select("article h2")
    )
    assert "observations.csv" in soup.get_text()
    ET.fromstring((site.root / "feed.xml").read_text(encoding="utf-8"))
    assert site.html("changes/").find("link", rel="alternate", type="application/atom+xml")
    assert (
        site.html("en/changes/").find("link", rel="alternate", type="application/atom+xml")["href"].endswith("feed.xml")
    )


def test_a_commit_subject_is_one_visible_line_and_the_feed_stays_valid_xml(repo):
    """Control characters in a subject once made feed.xml invalid; bidi overrides would reverse what the changes page shows."""
    commit(
        repo,
        "Add a figure \x1b[31m\x07\u202e21\u202c \x0c<b>&",
        "2025-07-08",
        {"data/observations.csv": "id,indicator_id,value\n1,x,1\n"},
    )
    subject = history.history(repo, DESCRIPTOR)[-1].commit.subject
    assert subject == "Add a figure \\u001b[31m\\u0007\\u202e21\\u202c \\u000c<b>&"
    feed = changes.atom(history.history(repo, DESCRIPTOR), "https://example.org/", "计划", ZH, TITLES["zh"])
    entry = ET.fromstring(feed).find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}title").text == "指标实际数值修改1行"
    assert entry.find("{http://www.w3.org/2005/Atom}summary").text.endswith("提交说明：" + subject)


def test_a_past_version_no_reader_can_read_counts_as_empty(repo):
    """A pull request's own commits were never validated: a 200,000-character cell once crashed the history."""
    commit(repo, "Huge", "2025-08-09", {"data/tasks.csv": 'id,title\n2,"' + "长" * 200_000 + '"\n'})
    commit(repo, "Back", "2025-08-10", {"data/tasks.csv": "id,title\n2,乙改\n"})
    found = history.history(repo, DESCRIPTOR)
    assert [c.commit.subject for c in found][-2:] == ["Huge", "Back"]


def test_a_past_row_key_is_shown_short_and_visible(repo):
    """A 400,000-character key added and removed in a branch once put every later build over the page budget."""
    commit(repo, "Long key", "2025-08-09", {"data/tasks.csv": "id,title\n2,乙改\n" + "长" * 400_000 + "\x1b,甲\n"})
    added = history.history(repo, DESCRIPTOR)[-1].files[0].added
    assert added == ["长" * 60 + "…"]


# The changes page: per data change, its date and what changed in the page's language; the commit's subject only as a detail.

TASKS = history.FileChange("data/tasks.csv", added=["3", "4"], changed=["2"])
OBSERVATIONS = history.FileChange("data/observations.csv", removed=["7"])


def test_a_change_is_summed_up_in_the_pages_language_from_its_counts():
    assert changes.summary([TASKS, OBSERVATIONS], ZH, TITLES["zh"]) == "任务新增2行、修改1行，指标实际数值删除1行"
    assert (
        changes.summary([TASKS, OBSERVATIONS], EN, TITLES["en"])
        == "Tasks (2 rows added, 1 row changed); Observed values of the headline indicators (1 row removed)"
    )
    # one and many; a kind with no rows is left out; none at all is said in words
    assert [changes.counts_phrase(EN, *counts) for counts in ((1, 0, 0), (0, 2, 0), (0, 0, 0))] == [
        "1 row added",
        "2 rows changed",
        "no rows changed",
    ]
    assert [changes.counts_phrase(ZH, *counts) for counts in ((1, 0, 0), (0, 2, 0), (0, 0, 0), (1, 1, 1))] == [
        "新增1行",
        "修改2行",
        "没有行变化",
        "新增1行、修改1行、删除1行",
    ]
    many = [
        TASKS,
        OBSERVATIONS,
        history.FileChange("data/tasks.csv", changed=["5"]),
        history.FileChange("data/x.csv", added=["1"]),
    ]
    assert changes.summary(many, ZH, TITLES["zh"]) == "4个数据文件共新增3行、修改2行、删除1行"
    assert changes.summary(many, EN, TITLES["en"]) == "4 data files (3 rows added, 2 rows changed, 1 row removed)"


def test_an_entry_is_headed_by_its_date_and_summary_with_a_stable_anchor():
    change = history.Change(history.Commit("ab" * 20, "2026-11-30", "Add figures"), [OBSERVATIONS])
    zh, en = (changes.entry(change, text, TITLES[text.lang], set()) for text in (ZH, EN))
    assert (
        zh.heading == "2026年11月30日：指标实际数值删除1行"
        and en.heading == "30 November 2026: Observed values of the headline indicators (1 row removed)"
    )
    assert (zh.anchor, zh.toc_label, en.toc_label) == (
        "abababababab",
        "2026年11月30日（1行，abababa）",
        "30 November 2026 (1 row, abababa)",
    )
    assert (
        zh.files[0].title == "指标实际数值"
        and zh.files[0].file == "observations.csv"
        and zh.files[0].name == "observations"
    )
    assert [(g.kind, g.label) for g in zh.files[0].groups] == [("removed", "删除1行")]
    # the subject is English: marked so on the Chinese page, its Chinese words marked on either page
    mixed = history.Change(history.Commit("ab" * 20, "2026-11-30", "Add 职务科技成果 to the glossary"), [OBSERVATIONS])
    zh, en = (changes.entry(mixed, text, TITLES[text.lang], set()) for text in (ZH, EN))
    assert zh.subject_lang == "en" and en.subject_lang is None
    assert (
        zh.subject_parts
        == en.subject_parts
        == (("Add ", None), ("职务科技成果", "zh-Hans"), (" to the glossary", None))
    )
    chinese = history.Change(history.Commit("ab" * 20, "2026-11-30", "修正任务17的状态"), [OBSERVATIONS])
    assert changes.entry(chinese, ZH, TITLES["zh"], set()).subject_parts == (("修正任务17的状态", None),)


def test_each_row_links_to_the_page_it_is_about_where_that_page_exists(repo):
    descriptor = {
        "resources": DESCRIPTOR["resources"]
        + [
            {
                "name": "agencies",
                "path": "data/agencies.csv",
                "title": "Responsible units",
                "title_zh": "责任单位",
                "schema": {"primaryKey": ["id"]},
            },
            {
                "name": "targets",
                "path": "data/targets.csv",
                "title": "Headline targets",
                "title_zh": "主要目标",
                "schema": {"primaryKey": ["id"]},
            },
            {
                "name": "task_agencies",
                "path": "data/task_agencies.csv",
                "title": "Responsibility",
                "title_zh": "任务与责任单位",
                "schema": {"primaryKey": ["task_id", "agency_id"]},
            },
            {
                "name": "glossary",
                "path": "data/glossary.csv",
                "title": "Glossary",
                "title_zh": "术语表",
                "schema": {"primaryKey": ["zh"]},
            },
        ]
    }
    commit(
        repo,
        "Many files",
        "2025-09-01",
        {
            "data/agencies.csv": "id,name\nscience-technology,科技厅\n",
            "data/targets.csv": "id,indicator_id\nrd_expenditure-2025,rd_expenditure\n",
            "data/task_agencies.csv": "task_id,agency_id\n2,science-technology\n",
            "data/glossary.csv": "zh,en\n中试,pilot\n",
            "data/observations.csv": "id,indicator_id,value\n1,rd_expenditure,190\n2,gone,1\n",
            "data/tasks.csv": "id,title\n2,乙\n",
        },
    )
    change = history.history(repo, descriptor)[-1]
    site = SimpleNamespace(
        lang="zh",
        changes=(change,),
        tasks=[SimpleNamespace(id=2)],
        agencies=[SimpleNamespace(id="science-technology")],
        indicators=[SimpleNamespace(id="rd_expenditure")],
        sections=[],
    )
    [entry] = changes.entries(site, ZH, changes.resource_titles(descriptor, "zh"), 500)
    rows = {(f.name, g.kind): [(r.key, r.page, r.lang) for r in g.rows] for f in entry.files for g in f.groups}
    assert rows == {
        ("agencies", "added"): [("science-technology", "agencies/science-technology.md", "en")],
        ("glossary", "added"): [("中试", None, None)],  # no page: the key as text
        ("observations", "added"): [("2", None, None)],  # its indicator has no page
        ("observations", "changed"): [("1", "targets/rd_expenditure.md", None)],
        ("targets", "added"): [("rd_expenditure-2025", "targets/rd_expenditure.md", "en")],
        ("task_agencies", "added"): [("2/science-technology", "tasks/2.md", "en")],
        ("tasks", "changed"): [("2", "tasks/2.md", None)],
    }
    assert entry.heading == "2025年9月1日：6个数据文件共新增5行、修改2行"
    assert entry.subject_lang == "en" and entry.sha_lang in ("en", None)


def test_many_rows_are_counted_not_listed():
    big = history.FileChange("data/tasks.csv", added=[str(n) for n in range(13)], changed=[str(n) for n in range(12)])
    [added, changed] = (
        changes.entry(history.Change(history.Commit("c" * 40, "2025-01-02", "x"), [big]), EN, TITLES["en"], set())
        .files[0]
        .groups
    )
    assert (added.label, added.rows) == ("13 rows added", ()) and (changed.label, len(changed.rows)) == (
        "12 rows changed",
        12,
    )


def render_changes(data_changes, lang="zh", shown=500, repository="https://example.org/repo"):
    """The changes page of the real data with these changes, as HTML (the Markdown extensions mkdocs.yml uses)."""
    site = model.build(fixture.records(), fixture.descriptor(), tuple(data_changes), lang=lang)
    renderer = pages.Renderer(site, repository, {})
    text = renderer.render(
        "changes.md.j2",
        "changes.md",
        "t",
        "d",
        changes_shown=shown,
        repository=renderer.repository,
        entries=changes.entries(
            site,
            renderer.text,
            changes.resource_titles(fixture.descriptor(), lang),
            shown,
            changes.field_titles(fixture.descriptor(), lang),
        ),
    ).text
    body = text.split("\n---\n", 1)[1]
    return text, BeautifulSoup(
        markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"]), "html.parser"
    )


def test_the_changes_page_links_rows_in_lists_per_kind_and_shows_the_newest_only():
    """Each file once ran into the one before it, on one line with its keys; a branch of many commits could grow the page without end."""

    def change(number):
        files = [
            history.FileChange("data/tasks.csv", changed=["1"], about={"1": ("task", "1")}),
            history.FileChange(
                "data/observations.csv",
                added=["22", "23"],
                about={"22": ("indicator", "rd_expenditure"), "23": ("indicator", "no_such_indicator")},
            ),
            history.FileChange(
                "data/agencies.csv",
                removed=["science-technology"],
                about={"science-technology": ("agency", "science-technology")},
            ),
        ]
        return history.Change(history.Commit(str(number) * 40, f"2025-05-0{number}", f"Commit {number}"), files)

    text, soup = render_changes([change(n) for n in range(1, 5)], shown=3)
    assert [h.get_text() for h in soup.find_all("h2")] == [
        "2025年5月4日：任务修改1行，指标实际数值新增2行，责任单位删除1行",
        "2025年5月3日：任务修改1行，指标实际数值新增2行，责任单位删除1行",
        "2025年5月2日：任务修改1行，指标实际数值新增2行，责任单位删除1行",
    ]
    assert (
        soup.find("h2")["id"] == "4" * 12 and "更早的1次更新见代码仓库的提交历史。" in text and "Commit 1" not in text
    )
    files = soup.find("h2").find_next_sibling("ul").find_all("li", recursive=False)
    assert [li.contents[0].strip() for li in files] == ["任务（", "指标实际数值（", "责任单位（"]
    assert [(a.get_text(), a["href"]) for a in files[0].find_all("a")] == [
        ("tasks.csv", "downloads/tasks.csv"),
        ("1", "tasks/1.md"),
    ]
    kinds = [[li.get_text() for li in file.ul.find_all("li")] for file in files]
    assert kinds == [["修改1行：1"], ["新增2行：22、23"], ["删除1行：science-technology"]]
    assert [a["href"] for a in files[1].ul.find_all("a")] == [
        "targets/rd_expenditure.md"
    ]  # 23's indicator has no page: text
    assert [a["href"] for a in files[2].ul.find_all("a")] == ["agencies/science-technology.md"]
    assert files[2].ul.code["lang"] == "en"  # a Latin key on a Chinese page
    subject = soup.find("p", class_="subtitle")
    assert subject.get_text() == "提交说明（英文）：Commit 4（4444444）" and subject.span["lang"] == "en"
    assert subject.find_parent("details").summary.get_text() == "提交详情"  # a detail, behind a disclosure
    assert subject.a["href"] == "https://example.org/repo/commit/" + "4" * 40
    _, english = render_changes([change(1)], lang="en")
    assert english.find("h2").get_text() == (
        "1 May 2025: Tasks (1 row changed); Observed values of the headline indicators (2 rows added); "
        "Responsible units (1 row removed)"
    )
    assert english.find("p", class_="subtitle").get_text() == "Commit message: Commit 1 (1111111)"
    _, bare = render_changes([change(1)], repository="")
    assert bare.find("p", class_="subtitle").get_text() == "提交说明（英文）：Commit 1"


HOSTILE_SUBJECT = (
    "<script>alert(1)</script> `code` =cmd|' /C calc'!A0 **bold** [x](javascript:alert(1)) {: onclick=\"x\" } # &amp;"
)
HOSTILE_KEY = "<img src=x onerror=alert(1)>`k`|=cmd"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_hostile_subject_and_key_are_escaped_and_the_subject_only_a_detail(lang):
    files = [history.FileChange("data/tasks.csv", added=[HOSTILE_KEY], about={HOSTILE_KEY: ("task", "1")})]
    text, soup = render_changes(
        [history.Change(history.Commit("d" * 40, "2025-05-06", HOSTILE_SUBJECT), files)], lang=lang
    )
    assert not soup.find_all(["script", "img", "strong"]) and not any(
        a["href"].startswith("javascript") for a in soup.find_all("a")
    )
    assert not any(name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    heading = soup.find("h2").get_text()
    assert heading == ("2025年5月6日：任务新增1行" if lang == "zh" else "6 May 2025: Tasks (1 row added)")
    assert "`" not in text.split("\n## ", 1)[1].split("\n", 1)[0]  # no backtick in the heading's Markdown either
    subject = soup.find("p", class_="subtitle")
    words = subject.span if lang == "zh" else subject
    assert HOSTILE_SUBJECT in words.get_text() and (lang == "en" or words["lang"] == "en")
    assert HOSTILE_SUBJECT not in soup.get_text().replace(subject.get_text(), "")  # shown once, as the detail
    key = soup.find("ul").ul.code
    assert key.get_text() == HOSTILE_KEY and key.a["href"] == "tasks/1.md"


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def test_the_chinese_changes_page_has_english_only_where_marked_and_links_that_resolve(site):
    """Below the intro: headings, file lists and subjects; English words (a subject, a file name, a key) only inside lang="en"."""
    soup = site.html("changes/")
    first = soup.select_one("article h2")
    entries = [first, *first.find_next_siblings()]
    for element in entries:
        for marked in element.find_all(lang=re.compile("^en")):
            marked.decompose()
    unmarked = [LATIN_WORD.findall(element.get_text()) for element in entries]
    assert [words for words in unmarked if words] == []
    toc = [a.get_text(strip=True) for a in soup.select(".md-nav--secondary a")]
    assert toc and all(re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日（\d+行，[0-9a-f]{7}）", label) for label in toc), toc
    assert len(set(toc)) == len(soup.select("article h2")), "each change told apart in the table of contents"
    for lang_root in ("", "en/"):
        page = site.html(f"{lang_root}changes/")
        hrefs = [a["href"] for a in page.select("article li a")]
        assert any(h.startswith("../tasks/") for h in hrefs) and any(h.startswith("../targets/") for h in hrefs)
        for href in hrefs:
            assert (site.path(f"{lang_root}changes/").parent / href.split("#")[0]).resolve().exists(), href
    english = site.html("en/changes/").select_one("article h2").get_text()
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}: .+", english), english


def test_a_revision_shows_each_changed_field_before_and_after():
    """/changes/ said "修改1行"; a reader needs "数值：144.1 → 144.15" (issue 27). Values are untrusted: escaped, one line."""
    before = "id,indicator_id,year,value,note\n9,rd_expenditure,2022,144.1,旧\n10,rd_expenditure,2023,150,\n"
    after = (
        "id,indicator_id,year,value,note\n9,rd_expenditure,2022,144.15,\n"
        '10,rd_expenditure,2023,150,"<img src=x onerror=alert(1)> [x](javascript:alert(1))\n第二行"\n'
    )
    change = history.diff("observations", "data/observations.csv", ["id"], before, after)
    assert change.changed == ["9", "10"] and change.revised["9"] == (("value", "144.1", "144.15"), ("note", "旧", ""))
    assert change.revised["10"] == (("note", "", "<img src=x onerror=alert(1)> [x](javascript:alert(1)) 第二行"),)
    change.about.update({"9": ("indicator", "rd_expenditure"), "10": ("indicator", "rd_expenditure")})
    text, soup = render_changes([history.Change(history.Commit("e" * 40, "2025-05-07", "Revise"), [change])])
    items = [li.get_text() for li in soup.select("h2 ~ ul ul ul li")]
    assert items == [
        "9：数值：144.1 → 144.15说明：旧 → （空）",  # a line each (<br>)
        "10：说明：（空） → <img src=x onerror=alert(1)> [x](javascript:alert(1)) 第二行",
    ]
    assert not soup.find_all("img") and not any(a["href"].startswith("javascript") for a in soup.find_all("a"))
    _, english = render_changes([history.Change(history.Commit("e" * 40, "2025-05-07", "Revise"), [change])], lang="en")
    assert "Value: 144.1 → 144.15Note: 旧 → (empty)" in english.get_text()
    assert len(soup.select("h2 ~ ul ul ul li")[0].find_all("br")) == 1


def test_a_long_revision_shows_the_part_that_changed():
    """A note that gained a sentence once read "…is not kno… → …is not kno…": both sides cut before the change."""
    note = "No figure for Gansu has been found for any year; when it is published is not known."
    before, after = history.shown_values(note, note + " Places to look: the statistical bulletins.")
    assert (
        before == "…published is not known."
        and after == "…published is not known. Places to look: the statistical bulletins."
    )
    middle = history.shown_values("a" * 100 + "旧" + "b" * 100, "a" * 100 + "新" + "b" * 100)
    assert middle == ("…" + "a" * 20 + "旧" + "b" * 20 + "…", "…" + "a" * 20 + "新" + "b" * 20 + "…")
    assert history.shown_values("", "x" * 300)[0] == "" and len(history.shown_values("", "x" * 300)[1]) < 120
