"""How quick is the history with years of sessions? Sessions of the real example workouts,
then `trackapp log` cold and warm, and the history screen.

    .venv/bin/python bench/bench_history.py [--sessions 2000] [--rounds 5] [--keep DIR]

The sessions are those of the workouts in `workouts/`, run through the timing engine
itself on a simulated clock (the reps at a plausible pace with a little noise, lap
splits pressed, timed steps run out, runs started at the line), one a day going back
from today, a few stopped, the last one in progress, and written by the app's own
session writer: the files a runner would have after years.

Each figure is `--rounds` rounds, each against a reference measured in the same round:
- the cold index build: `trackapp log` with no `index.json`, against a process that
  only parses every file with tomllib (the floor for reading them with Python's TOML
  parser);
- `trackapp log` with the index, against `python -c pass`;
- the history screen open (headless, 120x40, with the index) against the same app
  with an empty screen.

Writes bench/results/history.json; asserts nothing. Goals: each under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

from trackapp.domain.engine import Engine
from trackapp.domain.plan import Plan, Segment
from trackapp.domain.session import SessionRecord, SessionStatus
from trackapp.domain.workout_plan import plan_from_text
from trackapp.storage.session_files import dump_session, session_filename

ROOT = benchlib.ROOT
GOAL_S = 1.0
NOTES = [
    "",
    "",
    "",
    "windy on the back straight",
    "legs heavy after Sunday's long run",
    "felt smooth, could have gone faster",
    "lane 1 closed, ran in lane 3",
]
PARSE_ALL = """
import os, sys, tomllib
folder = sys.argv[1]
for entry in os.scandir(folder):
    if entry.name.endswith(".toml"):
        with open(entry.path, "rb") as f:
            tomllib.load(f)
"""


def example_plans() -> list[Plan]:
    plans = []
    for path in sorted((ROOT / "workouts").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        plans.append(plan_from_text(text, source=str(path.relative_to(ROOT))))
    if not plans:
        raise SystemExit("no workouts in workouts/")
    return plans


def rep_seconds(seg: Segment, rng: random.Random, fitness: float) -> float:
    """A plausible time for a rep: its target, else its pace, else ~5:00/km, else 1-4 min."""
    if seg.target is not None:
        base = (seg.target[0] + seg.target[1]) / 2
    elif seg.pace is not None and seg.distance:
        base = seg.distance * (seg.pace[0] + seg.pace[1]) / 2
    elif seg.distance:
        base = seg.distance * 0.3
    else:
        base = rng.uniform(60, 240)
    return max(base * fitness + rng.gauss(0, 0.01 * base), 2.0)


def simulate(
    plan: Plan, rng: random.Random, started: datetime, status: SessionStatus
) -> SessionRecord:
    """Run `plan` through the engine on a simulated clock; stop part-way unless completed."""
    now = 0.0
    engine = Engine(plan, lambda: now, debounce=1.0)
    engine.press(now)  # the session starts
    fitness = rng.uniform(0.97, 1.05)
    last = len(plan.segments)
    if status != "completed":
        last = rng.randrange(1, max(len(plan.segments), 2))
    while not engine.over:
        st = engine.state(now)
        if st.waiting is not None:
            if st.waiting >= last:
                break
            now += rng.uniform(3, 40)  # walks to the line
            engine.press(now)
            continue
        run = st.current
        if run is None or run.segment.index >= last:
            break
        seg = run.segment
        if seg.is_timed:
            end = st.end_instant(run)
            now = (end if end is not None else now) + 0.001
            engine.advance(now)
            continue
        total = rep_seconds(seg, rng, fitness)
        splits = seg.splits or (seg.distance or 1.0,)
        whole = splits[-1] if splits[-1] else 1.0
        for point in splits:
            now = max(run.start + total * point / whole, now + 1.1)  # past the debounce
            engine.press(now)
    if status == "stopped":
        engine.stop(now)
    record = SessionRecord(
        workout=plan.workout.name,
        source=plan.workout.source,
        workout_toml=plan.workout.text,
        started=started,
        status=status if status != "completed" or engine.over else "in_progress",
        ended=None if status == "in_progress" else started + timedelta(seconds=now + 30),
        notes=rng.choice(NOTES),
        effort=rng.choice([None, 5, 6, 7, 8, 9]),
        segments=engine.records(now),
        events=list(engine.events),
        elapsed=engine.session_time(now),
    )
    return record


def generate(folder: Path, count: int, seed: int = 5) -> None:
    """`count` sessions, one a day going back from today, a few stopped, the last in progress."""
    rng = random.Random(seed)
    plans = example_plans()
    folder.mkdir(parents=True, exist_ok=True)
    tz = timezone(timedelta(hours=1))
    today = datetime.now(tz).replace(hour=18, minute=5, second=0, microsecond=0)
    for i in range(count):
        started = today - timedelta(days=count - 1 - i, minutes=rng.randint(0, 90))
        status: SessionStatus = (
            "in_progress" if i == count - 1 else ("stopped" if rng.random() < 0.03 else "completed")
        )
        record = simulate(rng.choice(plans), rng, started, status)
        (folder / session_filename(started, record.workout)).write_bytes(dump_session(record))


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


async def open_empty(data_dir: Path) -> float:
    """Reference: the same app with nothing on it, headless, in this process."""
    from textual.screen import Screen

    from trackapp.services import Services
    from trackapp.ui.factory import build_app

    t0 = time.perf_counter()
    app = build_app(
        Services(data_dir=data_dir, config_dir=data_dir / "config"), first_screen=Screen()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - t0
    return elapsed


async def open_history(data_dir: Path) -> float:
    from trackapp.services import Services
    from trackapp.ui.factory import build_app
    from trackapp.ui.screens.history import SessionsScreen

    t0 = time.perf_counter()
    screen = SessionsScreen()
    app = build_app(
        Services(data_dir=data_dir, config_dir=data_dir / "config"), first_screen=screen
    )
    async with app.run_test(size=(120, 40)) as pilot:
        while not screen.loaded:
            await pilot.pause(0.01)
        elapsed = time.perf_counter() - t0
    return elapsed


def check_readable(env: dict[str, str], sessions: int) -> int:
    """How many sessions `trackapp log` lists as unreadable (should be none)."""
    out = subprocess.run(
        [sys.executable, "-m", "trackapp.cli", "log"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    if len(out) < sessions:
        raise SystemExit(f"trackapp log listed {len(out)} lines for {sessions} sessions")
    return sum(1 for line in out if "unreadable" in line.lower() or "cannot read" in line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into this data dir and keep it")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rounds = max(args.rounds, 1)
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="trackapp-bench-"))
    sessions = data_dir / "sessions"
    load_before = benchlib.load_average()
    try:
        t0 = time.perf_counter()
        generate(sessions, args.sessions)
        size_mb = sum(p.stat().st_size for p in sessions.iterdir()) / 1e6
        print(
            f"generated {args.sessions} sessions of {len(example_plans())} example workouts in "
            f"{time.perf_counter() - t0:.1f} s ({size_mb:.1f} MB) in {data_dir}"
        )
        env = dict(os.environ, TRACKAPP_DATA_DIR=str(data_dir))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        trackapp = [sys.executable, "-m", "trackapp.cli"]
        index = data_dir / "index.json"
        parse_all = [sys.executable, "-c", PARSE_ALL, str(sessions)]
        timed(parse_all, env)  # warm the file cache, as a second run would find it
        unreadable = check_readable(env, args.sessions)
        cold, parse, warm, startup, screen, empty = [], [], [], [], [], []
        asyncio.run(open_empty(data_dir))  # imports Textual, so neither figure below pays it
        for _ in range(rounds):
            index.unlink(missing_ok=True)
            cold.append(timed([*trackapp, "log"], env))
            parse.append(timed(parse_all, env))
            warm.append(timed([*trackapp, "log"], env))
            startup.append(timed([sys.executable, "-c", "pass"], env))
            screen.append(asyncio.run(open_history(data_dir)))
            empty.append(asyncio.run(open_empty(data_dir)))
    finally:
        if args.keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)

    n = args.sessions
    rows = [
        benchlib.seconds_row(
            f"cold index build: `trackapp log` with no index, {n} sessions",
            cold, parse, "parse every file with tomllib, nothing else", GOAL_S,
        ),
        benchlib.seconds_row(
            f"`trackapp log` with the index, {n} sessions",
            warm, startup, "`python -c pass`", GOAL_S,
        ),
        benchlib.seconds_row(
            f"history screen open with the index, {n} sessions (headless)",
            screen, empty, "the app with an empty screen", GOAL_S,
        ),
    ]  # fmt: skip
    print(f"{rounds} rounds; load before {load_before}, after {benchlib.load_average()}")
    benchlib.print_rows(rows)
    if unreadable:
        print(f"WARNING: {unreadable} sessions listed as unreadable")
    if not args.no_write:
        benchlib.write_result(
            "history",
            "Session history over years of sessions of the example workouts",
            rows,
            params={"sessions": n, "rounds": rounds, "workouts": "workouts/*.toml"},
            notes=[
                f"{n} sessions, {size_mb:.1f} MB, {unreadable} listed as unreadable",
                f"load average before {load_before}",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
