"""How quick are the years over years of sessions? `trackapp reps 400m` and `trackapp log
--weeks` with the index, and the reps view, over sessions of the example workouts.

    .venv/bin/python bench/bench_reps.py [--sessions 2000] [--rounds 5] [--keep DIR]

The sessions are bench_history's (the example workouts run through the timing engine on a
simulated clock, one a day going back from today: 2,000 is five and a half years). The
index is built once first; every figure is then with the index, as a runner has it.

Each figure is `--rounds` rounds, each against a reference measured in the same round:
- `trackapp reps 400m` against `trackapp log` (the same process reading the same index,
  one line per session): what finding every 400 m across the workouts adds;
- `trackapp log --weeks` against `trackapp log`;
- the reps view of 400 m open (headless, 120x40) against the same app with an empty screen.

Writes bench/results/reps.json; asserts nothing. Goal: `trackapp reps` under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from bench_history import generate, open_empty, timed

GOAL_S = 1.0


async def open_reps(data_dir: Path) -> float:
    from trackapp.domain.years import parse_kind
    from trackapp.services import Services
    from trackapp.ui.factory import build_app
    from trackapp.ui.screens.reps import RepsScreen

    t0 = time.perf_counter()
    services = Services(data_dir=data_dir, config_dir=data_dir / "config")
    screen = RepsScreen(parse_kind("400m"), services)
    app = build_app(services, first_screen=screen)
    async with app.run_test(size=(120, 40)) as pilot:
        while not screen.loaded:
            await pilot.pause(0.01)
        elapsed = time.perf_counter() - t0
    return elapsed


def sessions_listed(env: dict[str, str]) -> int:
    """How many sessions `trackapp reps 400m` lists (a check that it found the reps)."""
    out = subprocess.run(
        [sys.executable, "-m", "trackapp.cli", "reps", "400m"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.split(": ", 1)[1].split(" ", 1)[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into this data dir and keep it")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rounds = max(args.rounds, 1)
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="trackapp-bench-reps-"))
    sessions = data_dir / "sessions"
    load_before = benchlib.load_average()
    try:
        t0 = time.perf_counter()
        generate(sessions, args.sessions)
        print(f"generated {args.sessions} sessions in {time.perf_counter() - t0:.1f} s")
        env = dict(os.environ, TRACKAPP_DATA_DIR=str(data_dir))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        trackapp = [sys.executable, "-m", "trackapp.cli"]
        timed([*trackapp, "log"], env)  # builds the index
        with_400 = sessions_listed(env)
        reps, weeks, log, screen, empty = [], [], [], [], []
        asyncio.run(open_empty(data_dir))  # imports Textual, so neither figure below pays it
        for _ in range(rounds):
            reps.append(timed([*trackapp, "reps", "400m"], env))
            weeks.append(timed([*trackapp, "log", "--weeks"], env))
            log.append(timed([*trackapp, "log"], env))
            screen.append(asyncio.run(open_reps(data_dir)))
            empty.append(asyncio.run(open_empty(data_dir)))
    finally:
        if args.keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)

    n = args.sessions
    log_label = "`trackapp log`, same index"
    rows = [
        benchlib.seconds_row(
            f"`trackapp reps 400m` with the index, {n} sessions ({with_400} with 400s)",
            reps, log, log_label, GOAL_S,
        ),
        benchlib.seconds_row(
            f"`trackapp log --weeks` with the index, {n} sessions", weeks, log, log_label, None
        ),
        benchlib.seconds_row(
            f"reps view of 400 m open with the index, {n} sessions (headless)",
            screen, empty, "the app with an empty screen", None,
        ),
    ]  # fmt: skip
    print(f"{rounds} rounds; load before {load_before}, after {benchlib.load_average()}")
    benchlib.print_rows(rows)
    if not args.no_write:
        benchlib.write_result(
            "reps",
            "The years: every rep of a distance and the weekly strip over years of sessions",
            rows,
            params={"sessions": n, "rounds": rounds, "workouts": "workouts/*.toml"},
            notes=[
                f"{n} sessions, {with_400} with 400 m reps",
                f"load average before {load_before}",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
