"""How quick is the history with years of sessions? Generates them and times log and screen.

    .venv/bin/python bench/bench_history.py [--sessions 2000] [--keep DIR]

Reports `trackapp log` cold (no index cache) and warm (with it), and the time
to open the history screen headless, each beside references measured in the
same run (`python -c pass`, and an os.stat + read of every file) so the figures
mean something on any machine. Prints; asserts nothing. Goal: under 1 s each.
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

from trackapp.domain.session import SegmentRecord, SessionRecord
from trackapp.storage.session_files import dump_session, session_filename

WORKOUTS: list[tuple[str, str, list[tuple[float, tuple[float, float] | None, int]]]] = [
    # name, pace unit, reps as (distance or 0 for a timed rep, target, count)
    ("8 x 400 m at 5K pace", "km", [(400.0, (88.0, 92.0), 8)]),
    ("5 x 1 mile threshold", "mi", [(1609.344, (375.0, 385.0), 5)]),
    (
        "Pyramid 200-400-800-400-200",
        "km",
        [
            (200.0, (40.0, 42.0), 1),
            (400.0, (84.0, 87.0), 1),
            (800.0, (172.0, 178.0), 1),
            (400.0, (84.0, 87.0), 1),
            (200.0, (40.0, 42.0), 1),
        ],
    ),
    ("12 x 200 m strides", "km", [(200.0, None, 12)]),
    ("10 x 1 min fartlek", "km", [(0.0, None, 10)]),
]


def workout_toml(
    name: str, unit: str, reps: list[tuple[float, tuple[float, float] | None, int]]
) -> str:
    lines = [
        f'name = "{name}"',
        f'pace_unit = "{unit}"',
        "",
        "[[step]]",
        'kind = "warmup"',
        'length = "15min"',
    ]
    for dist, target, count in reps:
        lines += [
            "",
            "[[step]]",
            'kind = "run"',
            f'length = "{dist:g}m"' if dist else 'length = "1min"',
        ]
        if target:
            lines.append(f'target = "{target[0]:g}s-{target[1]:g}s"')
        lines += [f"repeat = {count}", 'rest = "90s"']
    lines += ["", "[[step]]", 'kind = "cooldown"', 'length = "10min"', ""]
    return "\n".join(lines)


def make_session(rng: random.Random, started: datetime, which: int, status: str) -> SessionRecord:
    name, unit, plan = WORKOUTS[which]
    segs = [SegmentRecord("warmup", 1, 1, 1, "warm-up", 0.0, 900.0, [900.0], "timer")]
    t = 900.0
    fitness = rng.uniform(0.97, 1.04)
    for step_i, (dist, target, count) in enumerate(plan, start=2):
        for rep in range(1, count + 1):
            if dist:
                base = (target[0] + target[1]) / 2 if target else dist * 0.19
                time_ = round(base * fitness * (1 + 0.004 * rep) + rng.gauss(0, 0.8), 3)
                laps_n = max(1, int(dist // 400)) if dist >= 400 else 1
                laps = [round(time_ / laps_n, 3)] * (laps_n - 1)
                laps.append(round(time_ - sum(laps), 3))
                ended = "skip" if rng.random() < 0.01 else "press"
                label = f"{dist:g} m" if dist < 1600 else "1 mile"
            else:
                time_, laps, ended, label = 60.0, [60.0], "timer", "1 min hard"
            segs.append(
                SegmentRecord(
                    "run", step_i, 1, rep, label, t, time_, laps, ended, dist or None, target
                )
            )
            t += time_
            if rep < count:
                segs.append(SegmentRecord("rest", step_i, 1, rep, "rest", t, 90.0, [90.0], "timer"))
                t += 90.0
    segs.append(
        SegmentRecord("cooldown", len(plan) + 2, 1, 1, "cool-down", t, 600.0, [600.0], "timer")
    )
    if status == "in_progress":
        segs = segs[: len(segs) // 2]
        segs[-1].ended_by = None
    elif status == "stopped":
        segs = segs[: len(segs) * 2 // 3]
        segs[-1].ended_by = "stop"
    notes = rng.choice(
        [
            "",
            "",
            "windy on the back straight",
            "legs heavy after Sunday's long run",
            "felt smooth, could have gone faster",
            "lane 1 closed, ran in lane 3",
        ]
    )
    return SessionRecord(
        workout=name,
        source=f"workouts/{which}.toml",
        workout_toml=workout_toml(name, unit, plan),
        started=started,
        status=status,
        ended=None if status == "in_progress" else started + timedelta(seconds=t + 30),
        notes=notes,
        effort=rng.choice([None, 5, 6, 7, 8, 9]),
        segments=segs,
        elapsed=t,
    )


def generate(folder: Path, count: int, seed: int = 5) -> None:
    """`count` sessions, one a day going back from today, a few stopped, the last in progress."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    tz = timezone(timedelta(hours=1))
    today = datetime.now(tz).replace(hour=18, minute=5, second=0, microsecond=0)
    for i in range(count):
        started = today - timedelta(days=count - 1 - i, minutes=rng.randint(0, 90))
        status = (
            "in_progress" if i == count - 1 else ("stopped" if rng.random() < 0.03 else "completed")
        )
        record = make_session(rng, started, rng.randrange(len(WORKOUTS)), status)
        (folder / session_filename(started, record.workout)).write_bytes(dump_session(record))


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def read_all(folder: Path) -> float:
    t0 = time.perf_counter()
    for entry in os.scandir(folder):
        entry.stat()
        Path(entry.path).read_bytes()
    return time.perf_counter() - t0


async def open_empty(data_dir: Path) -> float:
    """Reference: the same app with nothing on it, headless, in this process."""
    from textual.screen import Screen

    from trackapp.services import Services
    from trackapp.ui.factory import build_app

    t0 = time.perf_counter()
    app = build_app(Services(data_dir=data_dir), first_screen=Screen())
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
    app = build_app(Services(data_dir=data_dir), first_screen=screen)
    async with app.run_test(size=(120, 40)) as pilot:
        while not screen.loaded:
            await pilot.pause(0.01)
        elapsed = time.perf_counter() - t0
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="generate into this data dir and keep it")
    args = parser.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="trackapp-bench-"))
    sessions = data_dir / "sessions"
    try:
        t0 = time.perf_counter()
        generate(sessions, args.sessions)
        print(
            f"generated {args.sessions} sessions in {time.perf_counter() - t0:.1f} s "
            f"({sum(p.stat().st_size for p in sessions.iterdir()) / 1e6:.1f} MB) in {data_dir}"
        )
        env = dict(os.environ, TRACKAPP_DATA_DIR=str(data_dir))
        trackapp = [sys.executable, "-m", "trackapp.cli"]
        startup = min(timed([sys.executable, "-c", "pass"], env) for _ in range(3))
        read_all(sessions)  # warm the OS file cache, as a second run would find it
        reading = min(read_all(sessions) for _ in range(3))
        index = data_dir / "index.json"
        index.unlink(missing_ok=True)
        cold = timed([*trackapp, "log"], env)
        warm = min(timed([*trackapp, "log"], env) for _ in range(3))
        asyncio.run(open_empty(data_dir))  # imports Textual, so neither figure below pays it
        empty_app = min(asyncio.run(open_empty(data_dir)) for _ in range(3))
        index.unlink(missing_ok=True)
        screen_cold = asyncio.run(open_history(data_dir))
        screen_warm = min(asyncio.run(open_history(data_dir)) for _ in range(3))
        print(f"reference: python -c pass      {startup:6.3f} s")
        print(f"reference: stat+read all files {reading:6.3f} s")
        print(f"reference: empty app, headless {empty_app:6.3f} s")
        for label, value in (
            ("trackapp log, cold (no index)", cold),
            ("trackapp log, warm (index)", warm),
        ):
            print(
                f"{label:31s} {value:6.3f} s  = {value / startup:5.1f}x start-up, "
                f"{value / reading:5.1f}x stat+read   {'ok' if value < 1 else 'OVER 1 s'}"
            )
        for label, value in (
            ("history screen open, cold", screen_cold),
            ("history screen open, warm", screen_warm),
        ):
            print(
                f"{label:31s} {value:6.3f} s  = {value / empty_app:5.1f}x empty app, "
                f"{value / reading:5.1f}x stat+read   {'ok' if value < 1 else 'OVER 1 s'}"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
