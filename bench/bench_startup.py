"""How long from launching `trackapp run` to its first drawn frame, against a minimal
Textual app, on an idle machine and with every core busy?

    .venv/bin/python bench/bench_startup.py [--runs 7] [--loaded-runs 5]

Each launch is in a fresh 120x40 pty; the time is from spawn until the output
holds the run screen's first full frame (the text "Press SPACE"). References in
the same run, launched the same way: `python -c pass` (the interpreter alone),
`python -c "import textual.app"` (to exit), and a minimal Textual app that shows
one Static (to its first frame). Beside `trackapp run --no-sound` on an empty data
folder, two more launches of trackapp: with its sound on (as a runner starts it; this
machine has no sound server, so it ends at "bell only"), and with 2,000 past
sessions of the example workouts on disk (`bench_history`'s, none unfinished).
`--runs` launches each, interleaved so that load
affects all alike; each round's trackapp / minimal app is one ratio. Then
`--loaded-runs` more rounds of trackapp and the minimal app with a busy loop on
every core (0 skips them).

Writes bench/results/startup.json; asserts nothing. Goal: first frame no slower
than 1.3x the minimal Textual app.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.support
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_history
import benchlib

from tests.support.ptydriver import ROOT, PtyProcess, trackapp_command
from tests.support.startup import STARTUP_WORKOUT as WORKOUT

GOAL_RATIO = 1.3
HISTORY = 2000
EXAMPLE = ROOT / "workouts" / "8x400.toml"  # one of the workouts the history has

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("MINIMAL READY")

Minimal().run()
"""


def history_sessions(folder: Path) -> None:
    """Past sessions of the example workouts, as bench_history makes them, none of them
    unfinished (an unfinished one of the workout would be offered for resuming)."""
    bench_history.generate(folder, HISTORY)
    for path in folder.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if "in_progress" in text:
            path.write_text(text.replace('"in_progress"', '"stopped"'), encoding="utf-8")


def time_to_text(argv: Sequence[str], needle: str, env: dict[str, str]) -> float:
    with PtyProcess(argv, env=env, cwd=ROOT) as proc:
        seen = proc.wait_for(needle, timeout=60)
        return seen - proc.spawned_at


def time_to_exit(argv: Sequence[str], env: dict[str, str]) -> float:
    with PtyProcess(argv, env=env, cwd=ROOT) as proc:
        proc.wait(60)
        return time.monotonic() - proc.spawned_at


def busy_everywhere() -> list[subprocess.Popen[bytes]]:
    return [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 1)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--loaded-runs", type=int, default=5, help="rounds with every core busy")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)

    load_before = benchlib.load_average()
    results: dict[str, list[float]] = {}
    loaded: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="trackapp-bench-startup-") as tmpdir:
        tmp = Path(tmpdir)
        workout = tmp / "startup.toml"
        workout.write_text(WORKOUT, encoding="utf-8")
        env = dict(os.environ)
        env["TRACKAPP_DATA_DIR"] = str(tmp / "data")
        env["TRACKAPP_CONFIG_DIR"] = str(tmp / "config")
        # as installed for a user: modules compiled once, not at every launch
        bytecode_off = env.pop("PYTHONDONTWRITEBYTECODE", None) is not None
        python = sys.executable
        minimal = "minimal Textual app (first frame)"
        app = "trackapp run (first frame)"
        with_sound = "trackapp run, sound on (first frame)"
        with_history = f"trackapp run, {HISTORY} past sessions (first frame)"
        history_env = dict(env)
        history_env["TRACKAPP_DATA_DIR"] = str(tmp / "history")
        history_sessions(tmp / "history" / "sessions")
        cases: dict[str, Callable[[], float]] = {
            "python -c pass (to exit)": lambda: time_to_exit([python, "-c", "pass"], env),
            "python -c 'import textual.app' (to exit)": lambda: time_to_exit(
                [python, "-c", "import textual.app"], env
            ),
            minimal: lambda: time_to_text([python, "-c", MINIMAL_APP], "MINIMAL READY", env),
            app: lambda: time_to_text(
                [*trackapp_command(), "run", str(workout), "--no-sound"], "Press SPACE", env
            ),
            with_sound: lambda: time_to_text(
                [*trackapp_command(), "run", str(workout)], "Press SPACE", env
            ),
            with_history: lambda: time_to_text(
                [*trackapp_command(), "run", str(EXAMPLE), "--no-sound"],
                "Press SPACE",
                history_env,
            ),
        }
        for case, measure in cases.items():
            measure()  # a first launch to warm the file cache and write .pyc files
            results[case] = []
        for _ in range(max(args.runs, 1)):
            for case, measure in cases.items():
                results[case].append(measure())
        if args.loaded_runs > 0:
            busy = busy_everywhere()
            try:
                time.sleep(0.5)
                loaded = {minimal: [], app: []}
                for _ in range(args.loaded_runs):
                    for case in loaded:
                        loaded[case].append(cases[case]())
            finally:
                for proc in busy:
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()

    print(f"Launch to first frame, {args.runs} runs each, 120x40 pty; load before {load_before}")
    print(f"{'seconds':<56}{'median':>9}{'min':>9}{'max':>9}")
    for label, table in (("", results), (" (every core busy)", loaded)):
        for case, values in table.items():
            med, lo, hi = statistics.median(values), min(values), max(values)
            print(f"{case + label:<56}{med:>9.3f}{lo:>9.3f}{hi:>9.3f}")

    rows = []
    for table, case, what, with_goal in (
        (results, app, "launch to first drawn frame, idle", True),
        (results, with_sound, "the same with sound on (no sound server: bell only)", True),
        (results, with_history, f"the same with {HISTORY} past sessions on disk", True),
        (loaded, app, "the same with a busy loop on every core", False),
    ):
        if not table:
            continue
        ratio = benchlib.figures("ratio", "x", benchlib.ratios(table[case], table[minimal]))
        met = ratio["median"] <= GOAL_RATIO
        detail = "" if met else f"gap: {ratio['median'] - GOAL_RATIO:.2f}x over"
        rows.append(
            benchlib.row(
                f"{what} ({len(table[case])} launches each, interleaved)",
                benchlib.figures("trackapp run", "s", table[case]),
                benchlib.figures("a minimal Textual app", "s", table[minimal]),
                ratio,
                benchlib.goal(f"≤ {GOAL_RATIO:g}x the minimal app", met, detail)
                if with_goal
                else None,
            )
        )
        print(what, "- trackapp / minimal app per round:", benchlib.describe(ratio))
    notes = [
        f"{case}: median {statistics.median(v):.3f} s (min {min(v):.3f}, max {max(v):.3f})"
        for case, v in results.items()
    ]
    if bytecode_off:
        notes.append(
            "PYTHONDONTWRITEBYTECODE was set here and is dropped for the launches, so each "
            "program's modules are compiled once (by a first, untimed launch), as installed"
        )
    notes.append(f"load average before {load_before}")
    for note in notes:
        print(" ", note)
    if not args.no_write:
        benchlib.write_result(
            "startup",
            "Launch to first drawn frame against a minimal Textual app",
            rows,
            params={"runs": args.runs, "loaded_runs": args.loaded_runs, "terminal": "pty 120x40"},
            notes=notes,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
