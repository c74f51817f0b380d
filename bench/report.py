"""Benchmark results: one JSON file every script merges into, and a Markdown table made from it.

    var/bench/results.json   {"<benchmark>": {"<case>": {figures..., "machine": {...}}}}
    var/bench/results.md     one table per benchmark, rewritten from the JSON on every save

Each script calls :func:`record` with its figures; a case measured again replaces the old
one, other cases and benchmarks are kept. ``python bench/report.py`` rewrites the Markdown.
The machine block (CPU, cores, load average at the time) goes with every case, because on a
shared machine the figures mean little without it.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = Path(os.environ.get("BENCH_OUT", ROOT / "var" / "bench"))
RESULTS_JSON = OUT_DIR / "results.json"
RESULTS_MD = OUT_DIR / "results.md"
BENCH_SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def django_env(database_url: str, **extra: str) -> None:
    """Environment for a bench process (before ``django.setup()``)."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", BENCH_SECRET)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.update(extra)


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "loadavg_1_5_15": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def load_results() -> dict:
    try:
        return json.loads(RESULTS_JSON.read_text())
    except (OSError, ValueError):
        return {}


def record(benchmark: str, case: str, figures: dict) -> None:
    """Merge one case's figures into results.json and rewrite results.md."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = load_results()
    results.setdefault(benchmark, {})[case] = {**figures, "machine": machine()}
    tmp = RESULTS_JSON.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    tmp.replace(RESULTS_JSON)
    write_markdown(results)


def _cell(value) -> str:
    if isinstance(value, bool):
        return "pass" if value else "FAIL"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return " / ".join(_cell(v) for v in value)
    return str(value)


def markdown(results: dict) -> str:
    lines = ["# Benchmark results", ""]
    for benchmark in sorted(results):
        cases = results[benchmark]
        columns: list[str] = []
        for figures in cases.values():
            for key in figures:
                if key != "machine" and key not in columns:
                    columns.append(key)
        columns.append("load avg (1/5/15)")
        lines += [f"## {benchmark}", "", "| case | " + " | ".join(columns) + " |"]
        lines.append("|" + "---|" * (len(columns) + 1))
        for case, figures in cases.items():
            row = [_cell(figures.get(c, "")) for c in columns[:-1]]
            row.append(_cell(figures.get("machine", {}).get("loadavg_1_5_15", "")))
            lines.append(f"| {case} | " + " | ".join(row) + " |")
        first = next(iter(cases.values())).get("machine", {})
        lines += ["", f"Machine: {first.get('cpu', '?')}, {first.get('cores', '?')} cores.", ""]
    return "\n".join(lines)


def write_markdown(results: dict | None = None) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_MD.write_text(markdown(load_results() if results is None else results))


if __name__ == "__main__":
    write_markdown()
    print(RESULTS_MD.read_text())
