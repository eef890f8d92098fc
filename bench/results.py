"""bench/RESULTS.md from the measured figures, each budget marked met or missed."""

from __future__ import annotations

import datetime as dt

BUDGETS = {
    "warm_ratio": 1.5,
    "cold_ratio": 4,
    "growth": 12,
    "max_seconds_100x": 300,
    "max_mb_100x": 1536,
    "task_page_kb": 100,
    "any_page_kb": 300,
    "preview_seconds": 2,
    "suite_seconds": 150,
}
LIGHTHOUSE = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}


def mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def render(
    builds: list[dict],
    weights: dict,
    scores: dict,
    delays: list[float],
    runs: int,
    machine: str,
    suite: dict | None = None,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {dt.date.today().isoformat()}.",
        "",
        f"Machine: {machine}.",
        "",
        f"Times are medians of {runs} cold runs (chart cache cleared), in seconds; memory is the largest peak "
        "resident set of those runs, from `/usr/bin/time -v`. Synthetic plans copy the real one N times "
        "(`bench/synthetic.py`), with N times the units, indicators, targets and observations.",
        "",
        "## Build time",
        "",
        "| plan | tasks | validate | model | charts | pages | downloads | mkdocs (rest) | total | peak MB | floor | total ÷ floor | warm total | warm ÷ floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for b in builds:
        kept = "" if b.get("runs") == runs else " ¹"  # a scale this run did not measure
        lines.append(
            f"| {b['scale']}×{kept} | {b['tasks']} | {b['validate']:.2f} | {b['model']:.2f} | {b['charts']:.2f} | {b['pages']:.2f} | "
            f"{b['downloads']:.2f} | {b['mkdocs']:.2f} | {b['total']:.2f} | {b['peak_mb']:.0f} | {b['floor']:.2f} | "
            f"{b['total'] / b['floor']:.2f} | {b['warm']:.2f} | {b['warm'] / b['floor']:.2f} |"
        )
    by_scale = {b["scale"]: b for b in builds}
    if any(b.get("runs") != runs for b in builds):
        lines += [
            "",
            "¹ Kept from an earlier `make bench` run (bench/results.json), not measured in this one: run "
            "`make bench` for all scales at once.",
        ]
    lines += [
        "",
        "The stage columns are timed inside the same builds (scripts/site/generate.py records them when BENCH_STAGES is set); `mkdocs (rest)` is the total less the stages, "
        "that is MkDocs itself and the hook's writing. The floor is a bare `mkdocs build` "
        "(no hook) of the same generated Markdown, with charts already rendered. `warm total` is a rebuild "
        "with the chart cache kept (median of 3), as `make serve` and a second `make site` run.",
        "",
        "## Zensical beside MkDocs (the same pages)",
        "",
        "Both builds read the same generated docs/ and mkdocs.yml (`make site` and `make site-zensical`, issue 17). "
        "`floor` is bare MkDocs on those pages; `MkDocs warm` is `make site` with the generation in place; the Zensical "
        f"columns are `make site-zensical` with the generation in place, with Zensical's own page cache cleared (median of {runs}) "
        "and kept (median of 3). Seconds.",
        "",
        "| plan | tasks | MkDocs floor | MkDocs warm | Zensical, cache cleared | Zensical warm | Zensical warm ÷ MkDocs warm |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| {b['scale']}× | {b['tasks']} | {b['floor']:.2f} | {b['warm']:.2f} | {b['zensical_clean']:.2f} | {b['zensical_warm']:.2f} | "
            f"{b['zensical_warm'] / b['warm']:.2f} |"
            for b in builds
            if "zensical_warm" in b
        ],
        "",
        "## Budgets",
        "",
        "| budget | goal | measured | |",
        "| --- | --- | --- | --- |",
    ]
    for b in builds:
        ratio, warm = b["total"] / b["floor"], b["warm"] / b["floor"]
        lines.append(
            f"| warm build ÷ floor, {b['scale']}× ({b['warm']:.2f} s ÷ {b['floor']:.2f} s) | ≤ {BUDGETS['warm_ratio']} | {warm:.2f} | "
            f"{mark(warm <= BUDGETS['warm_ratio'])} |"
        )
        lines.append(
            f"| cold build ÷ floor, {b['scale']}× ({b['total']:.2f} s ÷ {b['floor']:.2f} s) | ≤ {BUDGETS['cold_ratio']} | {ratio:.2f} | "
            f"{mark(ratio <= BUDGETS['cold_ratio'])} |"
        )
    if 10 in by_scale and 100 in by_scale:
        growth = by_scale[100]["total"] / by_scale[10]["total"]
        lines.append(
            f"| time 100× ÷ time 10× | ≤ {BUDGETS['growth']} | {growth:.2f} | {mark(growth <= BUDGETS['growth'])} |"
        )
        big = by_scale[100]
        lines.append(
            f"| 100× build time | ≤ {BUDGETS['max_seconds_100x']} s | {big['total']:.0f} s | {mark(big['total'] <= BUDGETS['max_seconds_100x'])} |"
        )
        lines.append(
            f"| 100× peak memory | ≤ {BUDGETS['max_mb_100x']} MB | {big['peak_mb']:.0f} MB | {mark(big['peak_mb'] <= BUDGETS['max_mb_100x'])} |"
        )
    task = weights["task"]
    lines.append(
        f"| task page, first visit | ≤ {BUDGETS['task_page_kb']} KB | {kb(task['bytes'])} KB | {mark(task['bytes'] <= BUDGETS['task_page_kb'] * 1024)} |"
    )
    lines.append(
        f"| no chart JavaScript before interaction | none | {'loaded' if any(w['chart_js'] for w in weights.values()) else 'none'} | "
        f"{mark(not any(w['chart_js'] for w in weights.values()))} |"
    )
    heaviest = max(weights, key=lambda name: weights[name]["bytes"])
    lines.append(
        f"| heaviest page ({heaviest}) | ≤ {BUDGETS['any_page_kb']} KB | {kb(weights[heaviest]['bytes'])} KB | "
        f"{mark(weights[heaviest]['bytes'] <= BUDGETS['any_page_kb'] * 1024)} |"
    )
    for name, page_scores in scores.items():
        for category, goal in LIGHTHOUSE.items():
            value = page_scores.get(category, 0)
            lines.append(f"| Lighthouse {category}, {name} | ≥ {goal} | {value} | {mark(value >= goal)} |")
    median_delay = sorted(delays)[len(delays) // 2]  # an edit that never showed counts as infinitely slow
    lines.append(
        f"| edit-to-preview (median of {len(delays)}) | ≤ {BUDGETS['preview_seconds']} s | {median_delay:.1f} s | "
        f"{mark(median_delay <= BUDGETS['preview_seconds'])} |"
    )
    if suite:
        lines.append(
            f"| `make test`, tests only, clean clone ({suite['workers']} workers) | ≤ {BUDGETS['suite_seconds']} s | "
            f"{suite['seconds']:.0f} s | {mark(suite['seconds'] <= BUDGETS['suite_seconds'])} |"
        )
    lines += [
        "",
        "## Page weight (real plan, first visit, 360 px, gzip as served)",
        "",
        "| page | requests | HTML KB | CSS KB | JS KB | images KB | fonts KB | other KB | total KB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, w in weights.items():
        lines.append(
            f"| {name} | {w['requests']} | {kb(w.get('html', 0))} | {kb(w.get('css', 0))} | {kb(w.get('js', 0))} | "
            f"{kb(w.get('images', 0))} | {kb(w.get('fonts', 0))} | {kb(w.get('other', 0))} | {kb(w['bytes'])} |"
        )
    lines += [
        "",
        "## Lighthouse 12.2.3 (mobile profile, Debian chromium)",
        "",
        "| page | performance | accessibility | best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {s.get('performance')} | {s.get('accessibility')} | {s.get('best-practices')} | {s.get('seo')} |"
        )
    lines += [
        "",
        "## Edit-to-preview",
        "",
        "With `mkdocs serve` running, one observation's value is changed in `data/observations.csv`; the time is until "
        f"the target page serves the new value: {', '.join(f'{d:.1f}' for d in delays)} s "
        "(inf: not shown within 60 s).",
        "",
    ]
    if suite:
        lines += [
            "## Test suite",
            "",
            f"`python -m pytest` in a fresh clone (no chart or stage cache; packages already installed, as "
            f"`make test` runs it after its install steps), {suite['workers']} workers: {suite['seconds']:.0f} s, "
            f"{suite['summary']}.",
            "",
            "Slowest tests:",
            "",
            *[f"- {line}" for line in suite["slowest"]],
            "",
        ]
    return "\n".join(lines)
