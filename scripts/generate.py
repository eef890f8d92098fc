"""Validate -> model -> charts, pages and downloads, written into the docs tree.

Called by the MkDocs hook before every build (so `make serve` regenerates
when data changes) and by nothing else. Validation comes first: with any
problem in the data, nothing is generated and the build stops.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import charts, csvio, downloads, history, load, model, pages, paths, readme, validate

# Everything under these paths in docs/ belongs to the generator (and to .gitignore).
GENERATED = ("tasks", "targets", "agencies", "sections", "charts", "downloads", "plan.md", "data.md", "progress.md", "changes.md",
             "feed.xml", "assets/javascripts/vega.js")


class GenerateError(RuntimeError):
    pass


def citation(package: dict) -> str:
    document = package["document"]
    return (f"{document['issuer']}：《{document['title']}》（{document['number']}），{model.chinese_date(document['signed'])}。\n"
            f"数据整理：甘肃科技创新及转化基地行动方案追踪，{package['title']}开放数据，版本 {package['version']}，CC BY 4.0。")


def outputs(root: Path, repository: str, site_url: str = "") -> dict[str, bytes]:
    """Every generated file as {path under docs/: bytes}; raises GenerateError on invalid data."""
    problems = validate.problems_in(root)
    if problems:
        raise GenerateError("the data package has problems; nothing was generated:\n" + "\n".join(map(str, problems)))
    package = load.read_descriptor(root / "datapackage.json")
    records = load.records(root / "datapackage.json")
    changes = history.history(root, package)
    site = model.build(records, package, tuple(changes), history.last_changed(changes))

    files: dict[str, bytes] = {}
    chart_list = charts.all_charts(site)
    rendered = charts.render_all(chart_list)
    svgs = {}
    for chart in chart_list:
        svgs[chart.name], image = rendered[chart.name]
        files[f"charts/{chart.name}.svg"] = svgs[chart.name].encode("utf-8")
        files[f"charts/{chart.name}.png"] = image
        files[f"charts/{chart.name}.vl.json"] = downloads.to_json(chart.spec).encode("utf-8")
        files[f"charts/{chart.name}.csv"] = csvio.render_rows(chart.columns, [dict(zip(chart.columns, row)) for row in chart.rows]).encode("utf-8")
    files["assets/javascripts/vega.js"] = charts.vega_bundle().encode("utf-8")
    files.update({f"downloads/{name}": data for name, data in downloads.files(package, records, root).items()})

    dictionary = readme.dictionary(package, link=lambda path: "downloads/" + Path(path).name)  # data.md sits at the docs root
    renderer = pages.Renderer(site, repository, svgs)
    for page in renderer.pages(package, chart_list, dictionary, citation(package)):
        files[page.path] = page.text.encode("utf-8")
    files["feed.xml"] = history.atom(changes, site_url, package["title"]).encode("utf-8")
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
            target.write_bytes(data)
            changed.append(relative)
    for top in GENERATED:
        base = docs / top
        stale = [base] if base.is_file() and top not in files else [p for p in base.rglob("*") if p.is_file()] if base.is_dir() else []
        for path in stale:
            relative = path.relative_to(docs).as_posix()
            if relative not in files:
                path.unlink()
                changed.append(relative)
    for top in GENERATED:
        base = docs / top
        if base.is_dir():
            for directory in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                if not any(directory.iterdir()):
                    directory.rmdir()
    return changed


def generate(docs: Path = paths.ROOT / "docs", repository: str = "", root: Path = paths.ROOT, site_url: str = "") -> list[str]:
    return write(docs, outputs(root, repository, site_url))


def clear(docs: Path = paths.ROOT / "docs") -> None:
    for top in GENERATED:
        target = docs / top
        if target.is_dir():
            shutil.rmtree(target)
        elif target.is_file():
            target.unlink()
