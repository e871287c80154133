"""Write the README's benchmark table from bench/results/*.json.

    .venv/bin/python bench/report.py [--check] [--results DIR] [--readme FILE]

Replaces what lies between `<!-- bench:start -->` and `<!-- bench:end -->` in
README.md with a table generated from the result files (`make bench` writes them),
so the figures in the README are never typed by hand. `--check` changes nothing and
exits 1 when the README's table differs from the results. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
# the README's order; any other result follows in name order
ORDER = ["cpu", "startup", "split_error", "history", "cues", "group", "reps", "suite"]

FIGURE_KEYS = {"label", "unit", "n", "median", "min", "max", "q1", "q3"}
TOP_KEYS = {"schema", "name", "title", "when", "machine", "commit", "params", "rows", "notes"}
MACHINE_KEYS = {"cores", "cpu_model", "python", "textual", "os"}


def validate(result: Mapping[str, Any]) -> list[str]:
    """What is wrong with a result file (empty when it follows schema 1)."""
    problems = [f"missing key {k!r}" for k in sorted(TOP_KEYS - result.keys())]
    if problems:
        return problems
    if result["schema"] != 1:
        problems.append(f"schema {result['schema']!r} is not 1")
    problems += [f"machine: missing {k!r}" for k in sorted(MACHINE_KEYS - result["machine"].keys())]
    if not {"sha", "dirty"} <= result["commit"].keys():
        problems.append("commit: needs 'sha' and 'dirty'")
    if not result["rows"] and not result.get("skipped"):
        problems.append("no rows and not marked skipped")
    for i, r in enumerate(result["rows"]):
        if not isinstance(r.get("benchmark"), str):
            problems.append(f"row {i}: no 'benchmark' text")
        for part in ("program", "reference", "ratio"):
            f = r.get(part)
            if f is None and part != "program":
                continue
            if not isinstance(f, dict) or FIGURE_KEYS - f.keys():
                problems.append(f"row {i}: {part} lacks {sorted(FIGURE_KEYS - set(f or {}))}")
            elif not f["min"] <= f["median"] <= f["max"]:
                problems.append(f"row {i}: {part} median outside min-max")
        g = r.get("goal")
        if g is not None and not ({"text", "met"} <= g.keys()):
            problems.append(f"row {i}: goal needs 'text' and 'met'")
    return problems


def fmt(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "%":
        return f"{value:.2f} %"
    if unit == "ms":
        return f"{value:.1f} ms" if abs(value) >= 10 else f"{value:.2f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:g} {unit}"


def spread(f: Mapping[str, Any]) -> str:
    u = f["unit"]
    lo, hi = fmt(f["min"], u), fmt(f["max"], u)
    if u in ("ms", "s", "%"):  # the unit once: "0.81–0.95 %"
        lo = lo.rsplit(" ", 1)[0]
    if u == "x":
        lo = lo.rstrip("x")
    return f"{lo}–{hi}"


def cell(f: Mapping[str, Any] | None) -> str:
    if f is None:
        return ""
    u = f["unit"]
    text = f"{f['label']}: {fmt(f['median'], u)} ({spread(f)}"
    if "p99" in f:
        text = f"{f['label']}: median {fmt(f['median'], u)}, p90 {fmt(f['p90'], u)}, "
        text += f"p99 {fmt(f['p99'], u)}, max {fmt(f['max'], u)} (min {fmt(f['min'], u)}"
    return text + f"; n={f['n']})"


def goal_cell(g: Mapping[str, Any] | None) -> str:
    if g is None:
        return ""
    met = g.get("met")
    verdict = "met" if met is True else "**missed**" if met is False else "not measured"
    detail = f" ({g['detail']})" if g.get("detail") else ""
    return f"{g['text']}: {verdict}{detail}"


def escape(text: str) -> str:
    return text.replace("|", "\\|")


def load(folder: Path) -> list[dict[str, Any]]:
    results = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        problems = validate(data)
        if problems:
            raise SystemExit(f"{path}: " + "; ".join(problems))
        results.append(data)
    rank = {name: i for i, name in enumerate(ORDER)}
    results.sort(key=lambda r: (rank.get(r["name"], len(ORDER)), r["name"]))
    return results


def render(results: Sequence[Mapping[str, Any]]) -> str:
    """The markdown between the markers: a table, then where and when it was measured."""
    lines = [
        "| benchmark | trackapp: median (min–max; n) | reference, same run | "
        "ratio: median (min–max) | goal |",
        "| --- | --- | --- | --- | --- |",
    ]
    skipped = []
    for result in results:
        if result.get("skipped"):
            skipped.append(f"`bench_{result['name']}.py`: not measured: {result['skipped']}")
        for r in result["rows"]:
            cells = [
                f"`bench_{result['name']}.py`: {r['benchmark']}",
                cell(r["program"]),
                cell(r.get("reference")),
                cell(r.get("ratio")).split(": ", 1)[-1] if r.get("ratio") else "",
                goal_cell(r.get("goal")),
            ]
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    lines.append("")
    machines = {
        "{cores} cores, {cpu_model}, Python {python}, Textual {textual}, {os}".format(
            **r["machine"]
        )
        for r in results
    }
    commits = {
        r["commit"]["sha"][:10] + (" (with uncommitted changes)" if r["commit"]["dirty"] else "")
        for r in results
    }
    when = sorted(r["when"] for r in results)
    lines.append(
        f"Generated by `bench/report.py` from `bench/results/*.json` ({len(results)} files, "
        f"measured {when[0][:16].replace('T', ' ')} to {when[-1][:16].replace('T', ' ')} UTC)"
        if results
        else "No results yet: run `make bench`, then `python bench/report.py`."
    )
    if results:
        lines.append(f"on {'; '.join(sorted(machines))}, commit {', '.join(sorted(commits))}.")
    for text in skipped:
        lines.append("")
        lines.append(text)
    return "\n".join(lines)


def replace_between_markers(readme: str, table: str) -> str:
    start, end = readme.find(START), readme.find(END)
    if start == -1 or end == -1 or end < start:
        raise SystemExit(f"README has no {START} ... {END} markers")
    return readme[: start + len(START)] + "\n" + table + "\n" + readme[end:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--readme", type=Path, default=HERE.parent / "README.md")
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    updated = replace_between_markers(readme, render(load(args.results)))
    if args.check:
        if updated != readme:
            print(f"{args.readme}: the benchmark table is not what bench/results/ says")
            return 1
        print(f"{args.readme}: the benchmark table matches bench/results/")
        return 0
    if updated != readme:
        args.readme.write_text(updated, encoding="utf-8")
        print(f"rewrote the benchmark table in {args.readme}")
    else:
        print(f"{args.readme}: already current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
