"""Validate -> model -> charts, pages and downloads, written into the docs tree.

    python -m scripts generate [--docs-dir docs]

Its own step, so that any generator can follow it: `make site` runs it and then
MkDocs, `make site-zensical` runs it and then Zensical, and the MkDocs hook
calls it before every build (so `make serve` regenerates when data changes).
Validation comes first: with any problem in the data, nothing is generated and
the build stops. Every Markdown file in docs/ comes from here: the data's pages
from scripts/render/pages.py, the hand-written ones from content/ (scripts/render/content.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import posixpath
import shutil
import sys
import time
from functools import lru_cache
from pathlib import Path

from ..core import csvio, i18n, load, paths, routes, stage_cache
from ..core.problems import unexpected
from ..model import assessments, history, model
from ..render import api, changes, charts, content, dictionary, downloads, pages, search_index
from ..validate import validate
from . import budgets, site_config

# Everything under these paths in docs/ belongs to the generator (and to .gitignore).
GENERATED = (
    *(posixpath.dirname(source) for source in routes.SOURCES.values()),  # tasks/, targets/, agencies/, sections/
    "charts",
    "downloads",
    "plan.md",
    "data.md",
    "progress.md",
    "changes.md",
    "feed.xml",
    "search-index.json",
    "plan.en.md",
    "data.en.md",
    "progress.en.md",
    "changes.en.md",
    "feed.en.xml",
    "search-index.en.json",
    "api",
    "api.md",
    "api.en.md",
    "contribute.md",
    "contribute.en.md",
    "dictionary.md",
    "dictionary.en.md",
    "embed",
    "assets/javascripts/vega.js",
    *sorted(path.name for path in paths.CONTENT.glob("*.md")),
)  # the hand-written pages, rendered


class GenerateError(RuntimeError):
    pass


def citation(package: dict, lang: str = i18n.DEFAULT) -> str:
    text, document = i18n.text(lang), i18n.localize_document(package["document"], lang)
    return text(
        "citation",
        issuer=document["issuer"],
        title=document["title"],
        number=document["number"],
        signed=text.date(document["signed"]),
        package_title=document["title"],
        version=package["version"],
    )


def assessment_date() -> dt.date:
    """site_config.assessment_date(), its error a GenerateError."""
    try:
        return site_config.assessment_date()
    except ValueError as error:
        raise GenerateError(str(error)) from None


VALIDATED = "GANSU_VALIDATED_DATA"  # set by scripts/site/build.py to the fingerprint of the data it has just validated


def problems_unless_validated(root: Path, data: str) -> list:
    if os.environ.get(VALIDATED) == data:
        return []  # build.py validated exactly these files a moment ago
    return validate.problems_remembered(root, data)


@lru_cache(maxsize=4)
def site_model(root: Path, data: str, assessed: dt.date | None = None) -> tuple:
    """(package, records, changes, {language: site}) for one state of the data, judged on `assessed` (by default
    assessment_date()); shared by the builds of one process (the MkDocs hook runs once per language)."""
    assessed = assessed or assessment_date()
    clock = time.perf_counter()
    package = load.read_descriptor(root / "datapackage.json")
    records = stage_cache.remembered(
        stage_cache.key("records", data),
        lambda: load.records(root / "datapackage.json"),
        records_to_json,
        records_from_json,
    )  # Frictionless reads and types every file: 0.2 s
    data_changes = history.history(root, package)
    dates = history.last_changed(data_changes)
    sites = {
        lang: model.build(records, package, tuple(data_changes), dates, lang, known=assessed) for lang in i18n.LANGUAGES
    }
    record_time("model", time.perf_counter() - clock)
    return package, records, data_changes, sites


def records_to_json(records: load.Records) -> dict:
    """Records as JSON: a date (the only value JSON has no type for) as {"date": "YYYY-MM-DD"}; no value is a dict."""
    return {
        name: [
            {key: {"date": value.isoformat()} if isinstance(value, dt.date) else value for key, value in row.items()}
            for row in rows
        ]
        for name, rows in records.items()
    }


def records_from_json(data: dict) -> load.Records:
    return {
        name: [
            {
                key: dt.date.fromisoformat(value["date"]) if isinstance(value, dict) else value
                for key, value in row.items()
            }
            for row in rows
        ]
        for name, rows in data.items()
    }


def record_time(stage: str, seconds: float) -> None:
    """For bench/: when BENCH_STAGES names a file, add each stage's seconds to it."""
    target = os.environ.get("BENCH_STAGES")
    if target:
        path = Path(target)
        times = json.loads(path.read_text()) if path.is_file() else {}
        times[stage] = times.get(stage, 0) + seconds
        path.write_text(json.dumps(times))


def outputs(
    root: Path, repository: str, site_url: str, limits: budgets.Budgets, contact_email: str = ""
) -> dict[str, bytes]:
    """Every generated file as {path under docs/: bytes}; raises GenerateError on invalid data or data over budget."""
    return outputs_for(root, stage_cache.data_fingerprint(root), repository, site_url, limits, contact_email)


def outputs_for(
    root: Path, data: str, repository: str, site_url: str, limits: budgets.Budgets, contact_email: str = ""
) -> dict[str, bytes]:
    """outputs() for data whose fingerprint is already known."""
    clock = time.perf_counter()
    problems = problems_unless_validated(root, data)
    if problems:
        raise GenerateError("the data package has problems; nothing was generated:\n" + "\n".join(map(str, problems)))
    record_time("validate", time.perf_counter() - clock)
    package, records, data_changes, sites = site_model(root, data, assessment_date())
    try:  # first: an error in a hand-written page is found in a second, not after every chart is drawn
        hand_written = content.page_files(
            root / "content", sites, repository, lambda path: history.last_commit_date(root, path)
        )
    except content.ContentError as error:
        raise GenerateError(f"{error}; nothing was generated") from None

    files: dict[str, bytes] = {}
    clock = time.perf_counter()
    chart_lists = {lang: charts.all_charts(site) for lang, site in sites.items()}
    try:
        rendered = charts.render_all(
            [chart for chart_list in chart_lists.values() for chart in chart_list], limits.chart_pixels
        )
    except charts.ChartError as error:
        raise GenerateError(f"{error}; nothing was generated") from None
    svgs = {key: svg for key, (svg, _) in rendered.items()}  # the phone layouts too, under stem@phone
    for chart in (chart for chart_list in chart_lists.values() for chart in chart_list):
        files[chart.file("svg")], files[chart.file("png")] = svgs[chart.stem].encode("utf-8"), rendered[chart.stem][1]
        files[chart.file("vega.json")] = downloads.to_json(chart.spec).encode("utf-8")
        if chart.phone_spec:  # the interactive chart a phone loads
            files[chart.file("phone.vega.json")] = downloads.to_json(chart.phone_spec).encode("utf-8")
        files[chart.file("csv")] = csvio.render_rows(
            chart.columns, [dict(zip(chart.columns, row)) for row in chart.rows]
        ).encode("utf-8")
    files["assets/javascripts/vega.js"] = charts.vega_bundle().encode("utf-8")
    record_time("charts", time.perf_counter() - clock)
    clock = time.perf_counter()
    derived = assessments.rows(sites, package.get("sources_searched", ""))
    files.update({f"downloads/{name}": data for name, data in downloads.files(package, records, root, derived).items()})
    files.update(api.files(package, records, sites))
    record_time("downloads", time.perf_counter() - clock)
    clock = time.perf_counter()

    dictionaries = {
        lang: dictionary.dictionary(
            package,
            link=lambda path: "downloads/" + Path(path).name,  # data.md sits at the docs root
            prose=pages.escape_prose,
            code=pages.html_code,
            lang=lang,
            rows={name: len(rows) for name, rows in records.items()},
        )
        for lang in sites
    }
    glossary = records["glossary"]
    data_updated = history.last_commit_date(root, "data", "datapackage.json")
    for lang, site in sites.items():
        renderer = pages.Renderer(site, repository, svgs, site_url, data_updated, contact_email)
        for page in renderer.pages(package, chart_lists[lang], dictionaries[lang], citation(package, lang), glossary):
            files[page.path] = page.text.encode("utf-8")
        for chart in chart_lists[lang]:
            embed = renderer.embed(chart)
            files[embed.path] = embed.text.encode("utf-8")
        language_root = site_url.rstrip("/") + "/" + ("" if lang == i18n.DEFAULT else f"{lang}/")
        files[i18n.localized_path("feed.xml", lang)] = changes.atom(
            data_changes, language_root, site.document["title"], i18n.text(lang), changes.resource_titles(package, lang)
        ).encode("utf-8")
        files[i18n.localized_path("search-index.json", lang)] = search_index.index_json(
            site, records.get("synonyms", [])
        ).encode("utf-8")
    files.update(hand_written)
    record_time("pages", time.perf_counter() - clock)
    over = budgets.pages_over(files, limits)
    if over:
        raise GenerateError("the data would make pages too large; nothing was generated:\n" + "\n".join(over))
    return files


def is_generated(relative: str) -> bool:
    return any(relative == path or relative.startswith(path + "/") for path in GENERATED)


def write(docs: Path, files: dict[str, bytes]) -> list[str]:
    """Write what changed, remove generated files that are no longer produced; return what changed."""
    changed = []
    for relative, data in sorted(files.items()):
        if not is_generated(relative):
            raise GenerateError(f"{relative} is not a generated path (add it to GENERATED and .gitignore)")
        target = docs / relative
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            stage_cache.write_whole(target, data)  # a reader (MkDocs, a second build) never sees half a file
            changed.append(relative)
    for relative in sorted(generated_files(docs) - set(files)):  # stale: generated before, no longer produced
        (docs / relative).unlink()
        changed.append(relative)
    for top in GENERATED:
        base = docs / top
        if base.is_dir():
            for directory in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                if not any(directory.iterdir()):
                    directory.rmdir()
    return changed


def generate(
    docs: Path,
    repository: str,
    limits: budgets.Budgets,
    root: Path = paths.ROOT,
    site_url: str = "",
    contact_email: str = "",
) -> list[str]:
    """Write the generated files into docs/; what changed. Where docs/ already holds exactly what these inputs generate
    (the English build that mkdocs-static-i18n runs after the Chinese one, a second `make site`, `make site-zensical`
    after `make site`), nothing is computed again: the inputs' key names the list of files
    and their digests that the last generation for them wrote, and every one is checked on disk."""
    data = stage_cache.data_fingerprint(root)
    name = stage_cache.key(
        "generated",
        str(root.resolve()),
        str(docs.resolve()),
        data,
        stage_cache.files_fingerprint(root, "content"),
        history.head(root),
        repository,
        site_url,
        contact_email,
        repr(limits),
    )
    if in_place(docs, stage_cache.recalled(name)):
        return []
    files = outputs_for(root, data, repository, site_url, limits, contact_email)
    clock = time.perf_counter()
    changed = write(docs, files)
    record_time("pages", time.perf_counter() - clock)
    stage_cache.keep(name, {relative: hashlib.sha256(content).hexdigest() for relative, content in files.items()})
    return changed


def generated_files(docs: Path) -> set[str]:
    """Every file now under the generator's paths in docs/, relative to docs/."""
    found = set()
    for top in GENERATED:
        base = docs / top
        paths_under = (
            [base] if base.is_file() else [path for path in base.rglob("*") if path.is_file()] if base.is_dir() else []
        )
        found |= {path.relative_to(docs).as_posix() for path in paths_under}
    return found


def in_place(docs: Path, digests: dict | None) -> bool:
    """Whether docs/ holds these generated files, byte for byte, and no other."""
    if not isinstance(digests, dict):
        return False
    return generated_files(docs) == set(digests) and all(
        file_digest(docs / relative) == digest for relative, digest in digests.items()
    )


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def clear(docs: Path = paths.ROOT / "docs") -> None:
    for top in GENERATED:
        target = docs / top
        if target.is_dir():
            shutil.rmtree(target)
        elif target.is_file():
            target.unlink()


def validated_data(root: Path, consequence: str, stage: str = "build") -> tuple[int, str]:
    """(0, the data's fingerprint) when the data package passes validation (remembered: `make validate` checks afresh);
    otherwise its problems are printed, file:row:field, with what they stopped, and (the exit status, "")."""
    clock = time.perf_counter()
    try:
        data = stage_cache.data_fingerprint(root)
        problems = validate.problems_remembered(root, data)
    except Exception as error:  # noqa: BLE001 - no traceback for contributors
        print(unexpected(stage, error), file=sys.stderr)
        return 2, ""
    record_time("validate", time.perf_counter() - clock)
    validate.print_problems(problems)
    if problems:
        print(
            f"\n{len(problems)} {'problem' if len(problems) == 1 else 'problems'} in the data; {consequence}",
            file=sys.stderr,
        )
        return 1, ""
    return 0, data


def generate_into(settings: site_config.Settings, docs: Path) -> int:
    """generate() with the site's settings; its exit status, with one line (never a traceback) when it fails."""
    try:
        generate(
            docs,
            settings.repository,
            settings.budgets,
            site_url=settings.site_url,
            contact_email=settings.contact_email,
        )
    except (GenerateError, budgets.OverBudget) as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001
        print(unexpected("generate", error), file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts generate",
        description="Validate the data package and write the site's pages, charts and downloads "
        "into docs/, for any generator to build.",
    )
    parser.add_argument("--docs-dir", type=Path, help="where to write (default: docs_dir in mkdocs.yml)")
    args = parser.parse_args(argv)
    try:
        settings = site_config.settings()
    except (budgets.OverBudget, site_config.SettingError) as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - mkdocs.yml unreadable: one line, not a traceback
        print(unexpected("generate", error), file=sys.stderr)
        return 2
    docs = (args.docs_dir or settings.docs_dir).resolve()
    code, data = validated_data(
        paths.ROOT, f"nothing was generated and {paths.relative(docs)}/ is unchanged.", "generate"
    )
    if code:
        return code
    os.environ[VALIDATED] = data  # this process has just validated these files
    code = generate_into(settings, docs)
    if code == 0:
        print(f"generated into {paths.relative(docs)}/")
    return code
