"""The changes page generator, on a temporary git repository."""

import subprocess
import xml.etree.ElementTree as ET

import pytest

from scripts import history, i18n

DESCRIPTOR = {"resources": [
    {"name": "tasks", "path": "data/tasks.csv", "schema": {"primaryKey": ["id"]}},
    {"name": "observations", "path": "data/observations.csv", "schema": {"primaryKey": ["id"]}},
]}


def commit(repo, message, date, files):
    for path, text in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    env = {"GIT_AUTHOR_DATE": f"{date}T12:00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    commit(tmp_path, "Add tasks", "2025-03-05", {"data/tasks.csv": "id,title\n1,甲\n2,乙\n", "README.md": "x"})
    commit(tmp_path, "Docs only", "2025-04-01", {"README.md": "y"})
    commit(tmp_path, "Fix task 2, add a figure", "2025-05-06",
           {"data/tasks.csv": "id,title\n1,甲\n2,乙改\n", "data/observations.csv": "id,indicator_id,value\n1,rd_expenditure,180\n"})
    commit(tmp_path, "Remove task 1", "2025-06-07", {"data/tasks.csv": "id,title\n2,乙改\n"})
    return tmp_path


def test_history_lists_data_commits_with_row_changes(repo):
    changes = history.history(repo, DESCRIPTOR)
    assert [c.commit.subject for c in changes] == ["Add tasks", "Fix task 2, add a figure", "Remove task 1"]
    first, second, third = changes
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
    feed = history.atom(history.history(repo, DESCRIPTOR), "https://example.org/site/", "标题", i18n.text("zh"))
    root = ET.fromstring(feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    assert titles == ["Remove task 1", "Fix task 2, add a figure", "Add tasks"]
    assert root.find("a:updated", ns).text == "2025-06-07T00:00:00Z"
    assert root.find("a:entry/a:link", ns).get("href").startswith("https://example.org/site/changes/#")


def test_changes_page_and_feed_in_the_built_site(site):
    soup = site.html("changes/")
    headings = [h.get_text(" ", strip=True) for h in soup.select("article h2")]
    assert headings and all(h[:4].isdigit() for h in headings)
    assert "data/observations.csv" in soup.get_text()
    ET.fromstring((site.root / "feed.xml").read_text(encoding="utf-8"))
    assert site.html("changes/").find("link", rel="alternate", type="application/atom+xml")
    assert site.html("en/changes/").find("link", rel="alternate", type="application/atom+xml")["href"].endswith("feed.xml")


def test_a_commit_subject_is_one_visible_line_and_the_feed_stays_valid_xml(repo):
    """Control characters in a subject once made feed.xml invalid; bidi overrides would reverse what the changes page shows."""
    commit(repo, "Add a figure \x1b[31m\x07\u202e21\u202c \x0c<b>&", "2025-07-08", {"data/observations.csv": "id,indicator_id,value\n1,x,1\n"})
    subject = history.history(repo, DESCRIPTOR)[-1].commit.subject
    assert subject == "Add a figure \\u001b[31m\\u0007\\u202e21\\u202c \\u000c<b>&"
    feed = history.atom(history.history(repo, DESCRIPTOR), "https://example.org/", "计划", i18n.text("zh"))
    assert ET.fromstring(feed).find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title").text == subject


def test_a_past_version_no_reader_can_read_counts_as_empty(repo):
    """A pull request's own commits were never validated: a 200,000-character cell once crashed the history."""
    commit(repo, "Huge", "2025-08-09", {"data/tasks.csv": "id,title\n2,\"" + "长" * 200_000 + "\"\n"})
    commit(repo, "Back", "2025-08-10", {"data/tasks.csv": "id,title\n2,乙改\n"})
    changes = history.history(repo, DESCRIPTOR)
    assert [c.commit.subject for c in changes][-2:] == ["Huge", "Back"]


def test_a_past_row_key_is_shown_short_and_visible(repo):
    """A 400,000-character key added and removed in a branch once put every later build over the page budget."""
    commit(repo, "Long key", "2025-08-09", {"data/tasks.csv": "id,title\n2,乙改\n" + "长" * 400_000 + "\x1b,甲\n"})
    added = history.history(repo, DESCRIPTOR)[-1].files[0].added
    assert added == ["长" * 60 + "… (400,001 characters)"]
