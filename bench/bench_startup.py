"""How long from launching `trackapp run` to its first drawn frame?

    .venv/bin/python bench/bench_startup.py [--runs 5]

Each launch is in a fresh 120x40 pty; the time is from spawn until the output
holds the run screen's first full frame (the text "Press SPACE"). References in
the same run, launched the same way: `python -c pass` (the interpreter alone),
`python -c "import textual.app"` (to exit), and a minimal Textual app that shows
one Static (to its first frame). Medians and minimums of `--runs` launches each,
interleaved so that load affects all alike. Prints; asserts nothing.
Goal: first frame under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.ptydriver import ROOT, PtyProcess, load_average, trackapp_command

GOAL_S = 0.5

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("MINIMAL READY")

Minimal().run()
"""

WORKOUT = """\
name = "Startup bench"
[[step]]
warmup = "10:00"

[[step]]
repeat = 8
run = "400m"
rest = "1:30"
"""


def time_to_text(argv: Sequence[str], needle: str, env: dict[str, str]) -> float:
    with PtyProcess(argv, env=env, cwd=ROOT) as proc:
        seen = proc.wait_for(needle, timeout=60)
        return seen - proc.spawned_at


def time_to_exit(argv: Sequence[str], env: dict[str, str]) -> float:
    with PtyProcess(argv, env=env, cwd=ROOT) as proc:
        proc.wait(60)
        return time.monotonic() - proc.spawned_at


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    load_before = load_average()
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="trackapp-bench-startup-") as tmpdir:
        tmp = Path(tmpdir)
        workout = tmp / "startup.toml"
        workout.write_text(WORKOUT, encoding="utf-8")
        env = dict(os.environ)
        env["TRACKAPP_DATA_DIR"] = str(tmp / "data")
        env["TRACKAPP_CONFIG_DIR"] = str(tmp / "config")
        python = sys.executable
        cases = [
            ("python -c pass (to exit)", lambda: time_to_exit([python, "-c", "pass"], env)),
            (
                "python -c 'import textual.app' (to exit)",
                lambda: time_to_exit([python, "-c", "import textual.app"], env),
            ),
            (
                "minimal Textual app (first frame)",
                lambda: time_to_text([python, "-c", MINIMAL_APP], "MINIMAL READY", env),
            ),
            (
                "trackapp run (first frame)",
                lambda: time_to_text(
                    [*trackapp_command(), "run", str(workout), "--no-sound"], "Press SPACE", env
                ),
            ),
        ]
        for case, _ in cases:
            results[case] = []
        for _ in range(max(args.runs, 1)):
            for case, measure in cases:
                results[case].append(measure())

    app = results["trackapp run (first frame)"]
    minimal = results["minimal Textual app (first frame)"]
    print(f"Launch to first frame, {args.runs} runs each, 120x40 pty; before: {load_before}")
    print(f"{'seconds':<44}{'median':>9}{'min':>9}{'max':>9}")
    for case, values in results.items():
        med, lo, hi = statistics.median(values), min(values), max(values)
        print(f"{case:<44}{med:>9.3f}{lo:>9.3f}{hi:>9.3f}")
    ratio = statistics.median(app) / statistics.median(minimal)
    print(f"trackapp / minimal Textual app (medians): {ratio:.2f}x")
    verdict = "met" if statistics.median(app) < GOAL_S else "MISSED"
    print(f"goal first frame < {GOAL_S} s: {verdict} (median {statistics.median(app):.3f} s)")
    if sys.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set, so modules with no cached .pyc (trackapp's")
        print("own, in an editable install) are compiled from source at every launch")
    print(f"after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
