"""Coach mode: twelve athletes' keys within one second, and the CPU of a group rep.

    .venv/bin/python bench/bench_group.py [--rounds 5] [--round-seconds 20] [--no-busy]

Split error: `trackapp run --athletes` with twelve athletes in a 120x40 pty; Space
starts the rep, then a sender process of its own writes the twelve athletes' keys at
known instants, all within one second (stamping the clock right before each write,
as bench_split_error.py does; a press whose stamp and write were over 1 ms apart is
left out, and counted). Each athlete's split is read back from their own session
file: `started` plus their press's session time (`[[event]]` `at`). The error is
recorded minus sent, on the wall clock, nothing aligned. Every split must be there.
The reference is bench_split_error.py's raw-mode pty reader on the same schedule.
A busy loop keeps the other core busy meanwhile.

CPU: two 120x40 tmux windows at once, each on a private tmux server: the group screen
with twelve athletes running an open 400 m rep (every row counting in tenths), and the
solo run screen on the same rep; user + system CPU of each process over `--rounds`
windows of `--round-seconds`; the ratio group/solo round by round.

Writes bench/results/group.json; asserts nothing. Goals: every split recorded and
p99 error under 5 ms; the group's CPU at most 1.5x the solo run screen's.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.support
sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

import bench_cpu
import bench_split_error as split_bench
import benchlib

from tests.support.ptydriver import ROOT, PtyProcess, trackapp_command
from trackapp.domain.roster import DEFAULT_KEYS

GOAL_P99_MS = 5.0
GOAL_CPU = 1.5
NAMES = ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ike", "Jo", "Kim", "Lou"]
KEYS = "".join(DEFAULT_KEYS[: len(NAMES)])  # what `--athletes` gives them, in order
WORKOUT = 'name = "Group bench"\n[[step]]\nrun = "400m"\n'

# Writes each of its bytes to the pty whose master fd it is given at its offset,
# stamping time.monotonic() just before and just after each write.
SENDER = r"""
import json, os, sys, time
fd, offsets, data, out = int(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
start = time.monotonic() + 0.05
stamps = []
for offset, byte in zip(offsets, data):
    delay = start + offset - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    before = time.monotonic()
    os.write(fd, byte.encode())
    stamps.append((before, time.monotonic()))
with open(out, "w") as f:
    json.dump(stamps, f)
"""


def key_schedule(seed: int) -> tuple[list[float], str]:
    """Twelve instants within one second (some a few ms apart), each athlete once."""
    rng = random.Random(seed)
    offsets = sorted(rng.uniform(0.0, 0.95) for _ in KEYS)
    order = list(KEYS)
    rng.shuffle(order)
    return offsets, "".join(order)


def send(fd: int, offsets: Sequence[float], data: str, tmp: Path) -> list[float]:
    out = tmp / "sent.json"
    argv = [sys.executable, "-c", SENDER, str(fd), json.dumps(list(offsets)), data, str(out)]
    subprocess.run(argv, pass_fds=(fd,), check=True, timeout=offsets[-1] + 30)
    stamps = json.loads(out.read_text(encoding="utf-8"))
    return [b if a - b <= split_bench.MAX_BRACKET_S else math.nan for b, a in stamps]


def env_for(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TRACKAPP_DATA_DIR"] = str(tmp / "data")
    env["TRACKAPP_CONFIG_DIR"] = str(tmp / "config")
    env.pop("TEXTUAL", None)
    return env


def run_group(offsets: Sequence[float], data: str, tmp: Path) -> tuple[list[float], int]:
    """Errors (s) of each athlete's recorded split, and how many splits were recorded."""
    workout = tmp / "group-bench.toml"
    workout.write_text(WORKOUT, encoding="utf-8")
    argv = [
        *trackapp_command(), "run", str(workout), "--no-sound", "--debounce", "0.2",
        "--athletes", ",".join(NAMES),
    ]  # fmt: skip
    sessions = tmp / "data" / "sessions"
    with PtyProcess(argv, env=env_for(tmp), cwd=ROOT, cols=120, rows=40) as app:
        app.wait_for("Press SPACE", timeout=60)
        time.sleep(0.5)
        app.send(b" ")
        app.wait_for("running", timeout=10)
        time.sleep(0.5)
        offset = split_bench.wall_offset()
        sent = {
            key: s + offset
            for key, s in zip(data, send(app.master, offsets, data, tmp), strict=False)
        }
        recorded: dict[str, float] = {}
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and len(recorded) < len(KEYS):
            for path in sessions.glob("*.toml"):
                if path.name.startswith("."):
                    continue
                try:
                    doc = tomllib.loads(path.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, OSError):
                    continue
                presses = [e["at"] for e in doc.get("event", []) if e["kind"] == "press"]
                if len(presses) >= 2:
                    key = KEYS[NAMES.index(doc["athlete"])]
                    recorded[key] = doc["started"].timestamp() + presses[1]
            time.sleep(0.1)
    errors = [recorded[k] - sent[k] for k in recorded if not math.isnan(sent[k])]
    return errors, len(recorded)


def run_reference(offsets: Sequence[float], data: str, tmp: Path) -> list[float]:
    out = tmp / "reference.json"
    argv = [sys.executable, "-c", split_bench.REFERENCE, str(len(offsets)), str(out)]
    with PtyProcess(argv, cwd=ROOT) as ref:
        ref.wait_for("READY", timeout=30)
        time.sleep(0.5)
        sent = send(ref.master, offsets, data, tmp)
        ref.wait_for("DONE", timeout=15)
        ref.wait(10)
    stamps = json.loads(out.read_text())
    return [r - s for r, s in zip(stamps, sent, strict=True) if not math.isnan(s)]


def measure_cpu(rounds: int, round_seconds: float) -> tuple[list[float], list[float]]:
    """CPU % of the group screen (twelve running) and of the solo run screen, per round."""
    tag = f"trackapp-bench-group-{os.getpid()}"
    windows = {
        "group": bench_cpu.Window("group", f"{tag}-g"),
        "solo": bench_cpu.Window("solo", f"{tag}-s"),
    }
    samples: dict[str, list[bench_cpu.Sample]] = {k: [] for k in windows}
    with tempfile.TemporaryDirectory(prefix="trackapp-bench-group-cpu-") as tmpdir:
        tmp = Path(tmpdir)
        workout = tmp / "rep.toml"
        workout.write_text(WORKOUT, encoding="utf-8")
        try:
            for key, extra in (("group", ["--athletes", ",".join(NAMES)]), ("solo", [])):
                env = {
                    "TRACKAPP_DATA_DIR": str(tmp / key / "data"),
                    "TRACKAPP_CONFIG_DIR": str(tmp / key / "config"),
                }
                argv = [*trackapp_command(), "run", str(workout), "--no-sound", *extra]
                windows[key].start(argv, env, ROOT)
            for window in windows.values():
                window.wait_for(lambda s: "Press SPACE" in s, timeout=60)
            time.sleep(0.5)
            for window in windows.values():
                window.keys("Space")
            windows["group"].wait_for(lambda s: "12 running" in s, timeout=10)
            windows["solo"].wait_for(lambda s: "RUN" in s, timeout=10)
            time.sleep(2.0)
            start = time.monotonic()
            for i in range(rounds + 1):
                time.sleep(max(start + i * round_seconds - time.monotonic(), 0.0))
                for key, window in windows.items():
                    samples[key].append(bench_cpu.Sample.take(window))
            ended = windows["group"].screen()
        finally:
            for window in windows.values():
                window.close()
    if "12 running" not in ended:
        raise SystemExit(f"the group's rep ended before the last round:\n{ended}")

    def per_round(key: str) -> list[float]:
        s = samples[key]
        return [100 * (b.cpu - a.cpu) / (b.at - a.at) for a, b in itertools.pairwise(s)]

    return per_round("group"), per_round("solo")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--round-seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--busy", type=int, default=max((os.cpu_count() or 2) - 1, 1))
    parser.add_argument("--no-busy", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    rounds = max(args.rounds, 1)

    load_before = benchlib.load_average()
    busy = [] if args.no_busy else split_bench.busy_loops(args.busy)
    app_errors: list[float] = []
    ref_errors: list[float] = []
    recorded: list[int] = []
    try:
        for i in range(rounds):
            offsets, data = key_schedule(args.seed + i)
            with tempfile.TemporaryDirectory(prefix="trackapp-bench-group-") as tmpdir:
                tmp = Path(tmpdir)
                errors, count = run_group(offsets, data, tmp)
                app_errors += errors
                recorded.append(count)
                ref_errors += run_reference(offsets, data, tmp)
    finally:
        for proc in busy:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    group_cpu, solo_cpu = measure_cpu(rounds, args.round_seconds)

    ms = 1000.0
    app = benchlib.figures("recorded − sent", "ms", [e * ms for e in app_errors], tails=True)
    ref = benchlib.figures(
        "raw pty reader's latency", "ms", [e * ms for e in ref_errors], tails=True
    )
    all_recorded = all(c == len(KEYS) for c in recorded)
    p99 = app["p99"]
    met = all_recorded and p99 < GOAL_P99_MS and app["min"] > -GOAL_P99_MS
    detail = ""
    if not all_recorded:
        detail = f"splits recorded per round: {recorded} of {len(KEYS)}"
    elif not met:
        detail = f"gap: p99 {p99:.2f} ms, {p99 - GOAL_P99_MS:.2f} ms over"
    ratio = benchlib.figures("ratio", "x", benchlib.ratios(group_cpu, solo_cpu))
    cpu_met = ratio["median"] <= GOAL_CPU
    rows = [
        benchlib.row(
            f"twelve athletes' keys within one second ({rounds} runs x {len(KEYS)} keys, "
            f"{'other core busy' if busy else 'idle'}): each split vs its key's send instant",
            app,
            ref,
            None,
            benchlib.goal(f"every split recorded, p99 < {GOAL_P99_MS:g} ms", met, detail),
        ),
        benchlib.row(
            f"CPU while twelve athletes run a rep ({rounds} x {args.round_seconds:g} s, "
            "tmux 120x40), against the solo run screen's rep in the same run",
            benchlib.figures("trackapp run --athletes (12 running)", "%", group_cpu),
            benchlib.figures("trackapp run, a rep in tenths", "%", solo_cpu),
            ratio,
            benchlib.goal(
                f"≤ {GOAL_CPU:g}x the solo run screen",
                cpu_met,
                "" if cpu_met else f"gap: {ratio['median'] - GOAL_CPU:.2f}x over",
            ),
        ),
    ]
    print(f"Group: {rounds} rounds, {len(busy)} busy loop(s); load before {load_before}")
    print("splits recorded per round:", recorded)
    for r in rows:
        print(" ", benchlib.describe(r["program"]))
        if r["reference"]:
            print("  reference", benchlib.describe(r["reference"]))
        if r["ratio"]:
            print("  ratio", benchlib.describe(r["ratio"]))
        print("  goal:", r["goal"])
    if not args.no_write:
        benchlib.write_result(
            "group",
            "Coach mode: twelve athletes' splits, and the group screen's CPU",
            rows,
            params={
                "rounds": rounds,
                "round_seconds": args.round_seconds,
                "athletes": len(KEYS),
                "busy_loops": len(busy),
            },
            notes=[
                f"splits recorded per round: {recorded} (of {len(KEYS)})",
                "group CPU % per round: " + ", ".join(f"{c:.2f}" for c in group_cpu),
                "solo CPU % per round: " + ", ".join(f"{c:.2f}" for c in solo_cpu),
                f"median error {statistics.median(app_errors) * ms:.2f} ms"
                if app_errors
                else "no error measured",
                f"load average before {load_before}",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
