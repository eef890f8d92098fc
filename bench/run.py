"""make bench: build time per stage and at scale, the floor, page weight, Lighthouse, edit-to-preview.

Writes bench/RESULTS.md. Figures are medians of RUNS cold runs (the chart cache
cleared each time); memory is the peak resident set from /usr/bin/time -v.
A benchmark, not a test: nothing here passes or fails the build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import serve, synthetic
from scripts.core import paths

BENCH = paths.ROOT / "bench"
PYTHON = sys.executable
PAGES = {
    "home": "",
    "task": "tasks/21/",
    "target": "targets/sci_progress_contribution/",
    "unit": "agencies/science-technology/",
    "data": "data/",
}


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    return f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB memory, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, peak memory in MB) of a command, from /usr/bin/time -v."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr)[1]
    seconds = sum(float(part) * 60**i for i, part in enumerate(reversed(wall.split(":"))))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)[1]) / 1024
    return seconds, peak


def cold(project: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)


def floor_project(project: Path) -> Path:
    """The same generated Markdown in docs/ (hand-written pages included, rendered by the generation step), built by
    bare MkDocs: no hook."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.floor.yml").write_text(
        re.sub(r"hooks:\n  - scripts/site/hooks.py\n", "", config), encoding="utf-8"
    )
    return project / "mkdocs.floor.yml"


def zensical_build(project: Path) -> float:
    return timed(
        [PYTHON, "-m", "scripts", "build", "--generator", "zensical", "--site-dir", str(project / "site-zensical")],
        project,
    )[0]


def build_figures(scale: int, runs: int, workdir: Path) -> dict:
    project = synthetic.make_plan(scale, workdir / f"plan-{scale}x")
    totals, memory, stages = [], [], []
    for run in range(runs):
        cold(project)
        record = workdir / f"stages-{scale}-{run}.json"
        seconds, peak = timed(
            [PYTHON, "-m", "scripts", "build", "--site-dir", str(project / "site")],
            project,
            {"BENCH_STAGES": str(record)},
        )
        totals.append(seconds)
        memory.append(peak)
        stages.append(json.loads(record.read_text()))
    warm = [
        timed([PYTHON, "-m", "scripts", "build", "--site-dir", str(project / "site")], project)[0] for _ in range(3)
    ]
    floor_config = floor_project(project)
    floors = [
        timed(
            [PYTHON, "-m", "mkdocs", "build", "-q", "-f", floor_config.name, "--site-dir", str(project / "site-floor")],
            project,
        )[0]
        for _ in range(runs)
    ]
    # Zensical on the same docs/: the generation step finds its files in place, as in a warm `make site`. "clean" also
    # clears Zensical's own cache of rendered pages (MkDocs keeps none).
    zensical_clean = []
    for _ in range(runs):
        shutil.rmtree(project / ".zensical-i18n", ignore_errors=True)
        zensical_clean.append(zensical_build(project))
    zensical_warm = [zensical_build(project) for _ in range(3)]
    median = statistics.median
    figures = {
        "scale": scale,
        "tasks": 26 * scale,
        "runs": runs,
        "total": median(totals),
        "peak_mb": max(memory),
        "floor": median(floors),
        "warm": median(warm),
        "zensical_clean": median(zensical_clean),
        "zensical_warm": median(zensical_warm),
        **{name: median(run[name] for run in stages) for name in stages[0]},
    }
    figures["mkdocs"] = figures["total"] - sum(figures[name] for name in stages[0])
    return figures


def page_weight(site_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve.start(site_dir)
    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for name, url in PAGES.items():
            context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True)
            page = context.new_page()
            responses = []
            page.on("requestfinished", lambda request, into=responses: into.append(request))
            page.goto(base + url, wait_until="networkidle")
            page.wait_for_timeout(500)
            kinds: dict[str, int] = {}
            for request in responses:
                kind = {
                    "document": "html",
                    "stylesheet": "css",
                    "script": "js",
                    "image": "images",
                    "font": "fonts",
                }.get(request.resource_type, "other")
                kinds[kind] = kinds.get(kind, 0) + request.sizes()["responseBodySize"]
            out[name] = {
                "requests": len(responses),
                "bytes": sum(kinds.values()),
                **kinds,
                "chart_js": any(r.url.endswith("vega.js") for r in responses),
            }
            context.close()
        browser.close()
    server.shutdown()
    return out


def lighthouse(site_dir: Path) -> dict:
    cli = BENCH / "node_modules/lighthouse/cli/index.js"
    if not cli.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=BENCH,
            check=True,
            env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )
    server, base = serve.start(site_dir)
    scores = {}
    for name in ("home", "task", "target"):
        result = subprocess.run(
            [
                "node",
                str(cli),
                base + PAGES[name],
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        )
        report = json.loads(result.stdout)
        scores[name] = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
    server.shutdown()
    return scores


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def edit_to_preview(workdir: Path, runs: int) -> list[float]:
    """Seconds from saving a changed observation to the served page showing it, under `mkdocs serve`."""
    import urllib.request

    project = synthetic.make_plan(1, workdir / "plan-serve")
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--watch",
            "data",
            "--watch",
            "datapackage.json",
        ],
        cwd=project,  # as `make serve` runs it
        env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/targets/rd_expenditure/"

    def page() -> str:
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.time() + 180
        while "144.15" not in page() and time.time() < deadline:
            time.sleep(0.5)
        data = project / "data/observations.csv"
        original = data.read_text(encoding="utf-8")
        delays = []
        for run in range(runs):
            value = f"144.{17 + 2 * run}"  # odd last digits: 144.20 would show as 144.2
            data.write_text(
                original.replace("\n9,rd_expenditure,2022,144.15,", f"\n9,rd_expenditure,2022,{value},"),
                encoding="utf-8",
            )
            start = time.time()
            while value not in page() and time.time() - start < 60:
                time.sleep(0.1)
            delays.append(time.time() - start if value in page() else float("inf"))  # inf: not shown within 60 s
            time.sleep(3)  # let the watcher settle (each edit rebuilds twice: data, then the regenerated pages)
        return delays
    finally:
        server.terminate()
        server.wait(timeout=30)


def suite_time(workdir: Path) -> dict:
    """`make test`'s test run in a fresh clone of this checkout: cold caches, the installed packages (and the installed
    axe-core) reused, as on a clean machine once `make test` has installed them."""
    clone = workdir / "clone"
    subprocess.run(["git", "clone", "-q", str(paths.ROOT), str(clone)], check=True)
    axe = paths.ROOT / "tests/axe/node_modules"
    if axe.is_dir():
        shutil.copytree(axe, clone / "tests/axe/node_modules", symlinks=True)
    start = time.time()
    result = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=8"],
        cwd=clone,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.time() - start
    lines = result.stdout.splitlines()
    summary = next(
        (line.strip("= ") for line in reversed(lines) if " passed" in line or " failed" in line), "no summary"
    )
    start_slow = next((i for i, line in enumerate(lines) if "slowest" in line), len(lines))
    slowest = [line.strip() for line in lines[start_slow + 1 : start_slow + 9] if re.match(r"\s*\d+\.\d+s", line)]
    workers = next(
        (m[1] for line in lines if (m := re.search(r"created: (\d+)/\d+ workers", line))), str(os.cpu_count())
    )
    return {"seconds": seconds, "summary": summary, "slowest": slowest, "workers": workers}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument(
        "--steps",
        default="builds,weight,lighthouse,preview,suite",
        help="steps to measure; the others are read from bench/results.json of an earlier run",
    )
    args = parser.parse_args(argv)
    steps = set(args.steps.split(","))
    saved = BENCH / "results.json"
    every_step = {"builds", "weight", "lighthouse", "preview", "suite"}
    results = json.loads(saved.read_text()) if saved.exists() and steps != every_step else {}
    kept = {"builds": "builds", "weight": "weights", "lighthouse": "lighthouse", "preview": "edit_to_preview"}
    lacking = [step for step, key in kept.items() if step not in steps and key not in results]
    if lacking:  # the report needs every step's figures: say so before measuring anything
        print(
            f"bench: no figures for {', '.join(lacking)} in bench/results.json to report beside these steps; "
            "run `make bench` once with every step",
            file=sys.stderr,
        )
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        if "builds" in steps:
            measured = {
                figures["scale"]: figures for figures in results.get("builds", [])
            }  # scales not run this time are kept
            measured.update(
                {int(scale): build_figures(int(scale), args.runs, workdir) for scale in args.scales.split(",")}
            )
            results["builds"] = [measured[scale] for scale in sorted(measured)]
            saved.write_text(json.dumps(results, indent=2))  # kept if a later step fails
        if steps & {"weight", "lighthouse"} and not (workdir / "plan-1x" / "site").exists():
            project = synthetic.make_plan(1, workdir / "plan-1x")
            timed([PYTHON, "-m", "scripts", "build", "--site-dir", str(project / "site")], project)
        if "weight" in steps:
            results["weights"] = page_weight(workdir / "plan-1x" / "site")
        if "lighthouse" in steps:
            results["lighthouse"] = lighthouse(workdir / "plan-1x" / "site")
        if "preview" in steps:
            results["edit_to_preview"] = edit_to_preview(workdir, max(args.runs, 5))
        if "suite" in steps:
            results["suite"] = suite_time(workdir)
        saved.write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    builds, weights, scores, delays = (results[k] for k in ("builds", "weights", "lighthouse", "edit_to_preview"))
    (BENCH / "RESULTS.md").write_text(
        report(builds, weights, scores, delays, args.runs, results.get("suite")), encoding="utf-8"
    )
    print((BENCH / "RESULTS.md").read_text(encoding="utf-8"))
    return 0


def report(
    builds: list[dict], weights: dict, scores: dict, delays: list[float], runs: int, suite: dict | None = None
) -> str:
    from bench.results import render

    return render(builds, weights, scores, delays, runs, machine(), suite)


if __name__ == "__main__":
    sys.exit(main())
