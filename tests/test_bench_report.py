"""bench/report.py turns result files into the README's table; the committed results
follow the schema, and the README's table is the one they give.

Benchmarks never run here: only the report, on a small fixture and on the results in
the repository. The report is loaded from its path (bench/ is not a package).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_report() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


report = load_report()


def figures(label: str, unit: str, median: float, lo: float, hi: float) -> dict[str, Any]:
    return {
        "label": label, "unit": unit, "n": 5, "median": median,
        "min": lo, "max": hi, "q1": lo, "q3": hi,
    }  # fmt: skip


FIXTURE: dict[str, Any] = {
    "schema": 1,
    "name": "cpu",
    "title": "CPU",
    "when": "2026-11-28T11:40:00+00:00",
    "machine": {
        "cores": 2,
        "cpu_model": "Test CPU",
        "python": "3.11.2",
        "textual": "8.2.8",
        "os": "Linux",
    },
    "commit": {"sha": "0123456789abcdef", "dirty": True, "dirty_paths": ["trackapp/x.py"]},
    "params": {"rounds": 5},
    "rows": [
        {
            "benchmark": "CPU over a countdown",
            "program": figures("trackapp run", "%", 0.5, 0.45, 0.52),
            "reference": figures("termdown", "%", 0.45, 0.4, 0.52),
            "ratio": figures("ratio", "x", 1.0, 0.9, 1.24),
            "goal": {"text": "≤ 0.7x termdown", "met": False, "detail": "gap: 0.30x over"},
        }
    ],
    "notes": [],
    "skipped": None,
}


def test_fixture_is_valid() -> None:
    assert report.validate(FIXTURE) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda r: r.pop("commit"), "missing key 'commit'"),
        (lambda r: r["machine"].pop("cpu_model"), "machine: missing 'cpu_model'"),
        (lambda r: r["rows"][0]["program"].pop("median"), "program lacks"),
        (lambda r: r["rows"][0]["ratio"].update(median=9.0), "ratio median outside min-max"),
        (lambda r: r["rows"].clear(), "no rows"),
    ],
)
def test_validate_names_what_is_wrong(change: Any, problem: str) -> None:
    broken = copy.deepcopy(FIXTURE)
    change(broken)
    assert any(problem in p for p in report.validate(broken)), report.validate(broken)


def test_render_makes_a_table_from_a_result() -> None:
    table = report.render([FIXTURE])
    lines = table.splitlines()
    assert lines[0].startswith("| benchmark |")
    assert lines[1].startswith("| --- |")
    row = lines[2]
    assert row.count("|") == 6
    assert "`bench_cpu.py`: CPU over a countdown" in row
    assert "trackapp run: 0.50 % (0.45–0.52 %; n=5)" in row
    assert "termdown: 0.45 %" in row
    assert "1.00x (0.90–1.24x; n=5)" in row
    assert "≤ 0.7x termdown: **missed** (gap: 0.30x over)" in row
    assert "0123456789 (with uncommitted changes)" in table
    assert "Test CPU" in table and "Textual 8.2.8" in table


def test_replace_between_markers_keeps_the_rest(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# x\n\nbefore\n{report.START}\nold table\n{report.END}\nafter\n", encoding="utf-8"
    )
    results = tmp_path / "results"
    results.mkdir()
    (results / "cpu.json").write_text(json.dumps(FIXTURE), encoding="utf-8")
    args = ["--results", str(results), "--readme", str(readme)]
    assert report.main([*args, "--check"]) == 1
    assert report.main(args) == 0
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text
    assert text.startswith("# x\n\nbefore\n")
    assert text.endswith(f"{report.END}\nafter\n")
    assert report.main([*args, "--check"]) == 0


def test_readme_has_the_markers_once() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(report.START) == 1
    assert text.count(report.END) == 1
    assert text.index(report.START) < text.index(report.END)


def test_committed_results_follow_the_schema() -> None:
    for path in sorted((ROOT / "bench" / "results").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert report.validate(data) == [], path
        assert data["name"] == path.stem


def test_readme_table_is_generated_from_the_committed_results() -> None:
    """`make bench` then `python bench/report.py`: the README holds what the JSON says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = report.replace_between_markers(
        readme, report.render(report.load(ROOT / "bench" / "results"))
    )
    assert readme == expected, "run `python bench/report.py` after `make bench`"
