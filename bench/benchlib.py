"""What every benchmark shares: figures of repeated rounds, the machine, the commit, the
result file.

A benchmark measures its program and a reference in the same run, several rounds, and
writes `bench/results/<name>.json` with `write_result`; `bench/report.py` turns those
files into the README's table. The schema (version 1):

    {"schema": 1, "name": "cpu", "title": "...", "when": "2026-11-28T11:40:00+00:00",
     "machine": {"cores": 2, "cpu_model": "...", "python": "3.11.2", "textual": "8.2.8",
                 "os": "Linux 6.1 (Debian GNU/Linux 12)"},
     "commit": {"sha": "<git rev-parse HEAD>", "dirty": false, "dirty_paths": []},
     "params": {...},                # the options it ran with
     "rows": [{"benchmark": "...",    # what is measured, one README row each
               "program": FIGURES, "reference": FIGURES | null, "ratio": FIGURES | null,
               "goal": {"text": "...", "met": true | false | null, "detail": "..."}}],
     "notes": ["..."],
     "skipped": null | "why nothing was measured"}

FIGURES is {"label", "unit", "n", "median", "min", "max", "q1", "q3"} (a ratio has unit
"x"; a distribution of errors also has "p90", "p99"). Standard library only.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from report import fmt  # one way to write a figure: the README table's

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SCHEMA = 1
# Paths whose uncommitted changes make a measurement "dirty" (other files do not run).
MEASURED_PATHS = ["trackapp", "bench", "tests/support", "pyproject.toml"]


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile, p in 0..100."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def figures(
    label: str, unit: str, values: Iterable[float], *, tails: bool = False
) -> dict[str, Any]:
    """Median, min, max and quartiles of `values` (p90, p99 too with `tails`)."""
    vals = [float(v) for v in values]
    if not vals:
        raise ValueError(f"{label}: no values")
    out: dict[str, Any] = {
        "label": label,
        "unit": unit,
        "n": len(vals),
        "median": statistics.median(vals),
        "min": min(vals),
        "max": max(vals),
        "q1": percentile(vals, 25),
        "q3": percentile(vals, 75),
    }
    if tails:
        out["p90"] = percentile(vals, 90)
        out["p99"] = percentile(vals, 99)
    return out


def ratios(program: Sequence[float], reference: Sequence[float]) -> list[float]:
    """Round-by-round ratios (rounds measured side by side or interleaved)."""
    return [p / r for p, r in zip(program, reference, strict=True) if r > 0]


def goal(text: str, met: bool | None, detail: str = "") -> dict[str, Any]:
    return {"text": text, "met": met, "detail": detail}


def row(
    benchmark: str,
    program: Mapping[str, Any],
    reference: Mapping[str, Any] | None = None,
    ratio: Mapping[str, Any] | None = None,
    goal_: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "benchmark": benchmark,
        "program": dict(program),
        "reference": dict(reference) if reference is not None else None,
        "ratio": dict(ratio) if ratio is not None else None,
        "goal": dict(goal_) if goal_ is not None else None,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _os_name() -> str:
    name = f"{platform.system()} {platform.release()}"
    try:
        pretty = platform.freedesktop_os_release().get("PRETTY_NAME")
    except OSError:
        pretty = None
    return f"{name} ({pretty})" if pretty else name


def machine() -> dict[str, Any]:
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # not installed: say so rather than fail
        textual = "not installed"
    return {
        "cores": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "python": platform.python_version(),
        "textual": textual,
        "os": _os_name(),
    }


def commit() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout if done.returncode == 0 else ""

    sha = git("rev-parse", "HEAD").strip() or "unknown"
    # porcelain lines are "XY path": the status columns may start with a space
    changed = git("status", "--porcelain", "--", *MEASURED_PATHS).splitlines()
    paths = sorted(line[3:] for line in changed if len(line) > 3)
    # the results folder is written by the benchmarks themselves
    paths = [p for p in paths if not p.startswith("bench/results/")]
    return {"sha": sha, "dirty": bool(paths), "dirty_paths": paths[:30]}


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def write_result(
    name: str,
    title: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    params: Mapping[str, Any] | None = None,
    notes: Sequence[str] = (),
    skipped: str | None = None,
    folder: Path | None = None,
) -> Path:
    """Write bench/results/<name>.json (or into `folder`); returns its path."""
    result = {
        "schema": SCHEMA,
        "name": name,
        "title": title,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": commit(),
        "params": dict(params or {}),
        "rows": [dict(r) for r in rows],
        "notes": list(notes),
        "skipped": skipped,
    }
    out_dir = folder or RESULTS
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return path


def describe(f: Mapping[str, Any]) -> str:
    """'label: median (min–max, n)' for the console."""
    u = f["unit"]
    return (
        f"{f['label']}: median {fmt(f['median'], u)} "
        f"(min {fmt(f['min'], u)}, max {fmt(f['max'], u)}, n={f['n']})"
    )


def print_rows(rows: Sequence[Mapping[str, Any]]) -> None:
    """Each row's benchmark, program, reference and ratio (with its goal), for the log."""
    for r in rows:
        print(r["benchmark"])
        for part in ("program", "reference"):
            if r.get(part):
                print("  ", describe(r[part]))
        if r.get("ratio"):
            print("  ", describe(r["ratio"]), "-", r["goal"])
        elif r.get("goal"):
            print("  ", r["goal"])


def seconds_row(
    what: str,
    program: Sequence[float],
    reference: Sequence[float],
    reference_label: str,
    goal_s: float | None,
) -> dict[str, Any]:
    """A row of times in seconds against a same-run reference, round by round, with the
    goal `median <= goal_s` when there is one."""
    p = figures("trackapp", "s", program)
    target = None
    if goal_s is not None:
        med = p["median"]
        met = med <= goal_s
        detail = "" if met else f"gap: {med - goal_s:.2f} s over, {med / goal_s:.1f}x the goal"
        target = goal(f"≤ {goal_s:g} s", met, detail)
    return row(
        what,
        p,
        figures(reference_label, "s", reference),
        figures("ratio", "x", ratios(program, reference)),
        target,
    )
