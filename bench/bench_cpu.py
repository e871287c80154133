"""How much CPU does `trackapp run` use while it shows a countdown, and while a rep counts
up in tenths, against `termdown` counting down, side by side?

    .venv/bin/python bench/bench_cpu.py [--rounds 5] [--round-seconds 40]

Three programs run at once, each in its own 120x40 tmux window on a private tmux
server: trackapp on a timed warm-up (a countdown redrawn once a second), trackapp on
an open 400 m rep (counting up in tenths: ten redraws a second), and `termdown`
counting down. Once all three are under way, the user + system CPU time of each
process (all threads, /proc/<pid>/stat) is read at the start and end of each of
`--rounds` consecutive windows of `--round-seconds`; each round gives each program a
CPU % and a ratio to termdown's in that same round. The defaults measure 200 s: 200
countdown ticks, 2,000 tenths, and about 2 s (200 clock ticks) of termdown's CPU.

Writes bench/results/cpu.json; asserts nothing. Goals: the countdown no more than 0.7
of termdown's CPU, the rep counting tenths no more than 1.0 of it.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.support
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

from tests.support.ptydriver import ROOT, cpu_seconds, trackapp_command

COLS, ROWS = 120, 40
GOAL_COUNTDOWN = 0.7
GOAL_REP = 1.0


@dataclass
class Window:
    """One program in a detached tmux session on a private server."""

    name: str
    socket: str
    pid: int = 0
    server_pid: int = 0
    socket_path: str = ""

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )
        return done.stdout

    def start(self, argv: Sequence[str], env: dict[str, str], cwd: Path) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = f"cd {shlex.quote(str(cwd))} && exec env {exports} {shlex.join(argv)}"
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", self.name,
            "-x", str(COLS), "-y", str(ROWS), command,
        )  # fmt: skip
        self.tmux("set-option", "-t", self.name, "remain-on-exit", "on")
        self.pid = int(self.tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").split()[0])
        self.server_pid = int(self.tmux("display-message", "-p", "#{pid}").strip())
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").strip()

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name, check=False)

    def wait_for(self, ready: Callable[[str], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready(self.screen()):
                return
            time.sleep(0.05)
        raise TimeoutError(f"{self.name}: not ready in {timeout} s:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        if self.socket_path:  # a killed server leaves its socket file behind
            with contextlib.suppress(OSError):
                os.unlink(self.socket_path)


@dataclass
class Sample:
    cpu: float
    server: float
    at: float

    @classmethod
    def take(cls, window: Window) -> Sample:
        return cls(cpu_seconds(window.pid), cpu_seconds(window.server_pid), time.monotonic())


def find_termdown() -> Path | None:
    here = Path(sys.executable).with_name("termdown")
    if here.exists():
        return here
    found = shutil.which("termdown")
    return Path(found) if found else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--round-seconds", type=float, default=40.0)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    rounds = max(args.rounds, 1)
    length = int(rounds * args.round_seconds + 30)  # the countdowns outlast every round

    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")
    termdown = find_termdown()
    if termdown is None:
        raise SystemExit("termdown is not installed (it is in the dev extra)")

    tag = f"trackapp-bench-{os.getpid()}"
    windows = {
        "countdown": Window("countdown", f"{tag}-cd"),
        "rep": Window("rep", f"{tag}-rep"),
        "termdown": Window("termdown", f"{tag}-ref"),
    }
    load_before = benchlib.load_average()
    samples: dict[str, list[Sample]] = {k: [] for k in windows}
    with tempfile.TemporaryDirectory(prefix="trackapp-bench-cpu-") as tmpdir:
        tmp = Path(tmpdir)
        countdown = tmp / "countdown.toml"
        countdown.write_text(
            f'name = "CPU countdown"\n[[step]]\nwarmup = "{length}s"\n\n[[step]]\nrun = "400m"\n',
            encoding="utf-8",
        )
        rep = tmp / "rep.toml"
        rep.write_text('name = "CPU rep"\n[[step]]\nrun = "400m"\n', encoding="utf-8")
        try:
            for key, workout in (("countdown", countdown), ("rep", rep)):
                env = {
                    "TRACKAPP_DATA_DIR": str(tmp / key / "data"),
                    "TRACKAPP_CONFIG_DIR": str(tmp / key / "config"),
                }
                windows[key].start(
                    [*trackapp_command(), "run", str(workout), "--no-sound"], env, ROOT
                )
            for key in ("countdown", "rep"):
                windows[key].wait_for(lambda s: "Press SPACE" in s, timeout=60)
            time.sleep(0.5)  # start-up work settles
            windows["countdown"].keys("Space")
            windows["rep"].keys("Space")
            windows["countdown"].wait_for(lambda s: "WARM-UP" in s, timeout=10)
            windows["rep"].wait_for(lambda s: "RUN" in s, timeout=10)
            windows["termdown"].start([str(termdown), str(length)], {}, ROOT)
            windows["termdown"].wait_for(lambda s: any(c not in " \n" for c in s), timeout=30)
            time.sleep(2.0)  # everyone in their steady state
            start = time.monotonic()
            for i in range(rounds + 1):
                time.sleep(max(start + i * args.round_seconds - time.monotonic(), 0.0))
                for key, window in windows.items():
                    samples[key].append(Sample.take(window))
            ended = {k: w.screen() for k, w in windows.items()}
        finally:
            for window in windows.values():
                window.close()
    for key in ("countdown", "rep"):
        if "WARM-UP" not in ended[key] and "RUN" not in ended[key]:
            raise SystemExit(f"{key}: the step ended before the last round:\n{ended[key]}")

    def per_round(key: str, what: str = "cpu") -> list[float]:
        s = samples[key]
        return [
            100 * (getattr(b, what) - getattr(a, what)) / (b.at - a.at)
            for a, b in itertools.pairwise(s)
        ]

    cpu = {k: per_round(k) for k in windows}
    tmux_cpu = {k: per_round(k, "server") for k in windows}
    total_ticks = {
        k: round((s[-1].cpu - s[0].cpu) * os.sysconf("SC_CLK_TCK")) for k, s in samples.items()
    }
    ref = benchlib.figures(f"`termdown {length}`", "%", cpu["termdown"])
    rows = []
    for key, label, bench, limit in (
        (
            "countdown", "a countdown", f"CPU over a countdown ({rounds} x "
            f"{args.round_seconds:g} s, tmux {COLS}x{ROWS})", GOAL_COUNTDOWN,
        ),
        (
            "rep", "a rep in tenths", f"CPU while a rep counts up in tenths ({rounds} x "
            f"{args.round_seconds:g} s, beside termdown's countdown)", GOAL_REP,
        ),
    ):  # fmt: skip
        ratio = benchlib.figures("ratio", "x", benchlib.ratios(cpu[key], cpu["termdown"]))
        med = ratio["median"]
        met = med <= limit
        detail = "" if met else f"gap: {med - limit:.2f}x over, {med / limit:.2f}x the goal"
        rows.append(
            benchlib.row(
                bench,
                benchlib.figures(f"trackapp run, {label}", "%", cpu[key]),
                ref,
                ratio,
                benchlib.goal(f"≤ {limit:g}x termdown", met, detail),
            )
        )

    print(
        f"CPU % of one core, {rounds} rounds of {args.round_seconds:g} s, "
        f"{COLS}x{ROWS} tmux windows; load before {load_before}, after {benchlib.load_average()}"
    )
    for r in rows:
        print(" ", benchlib.describe(r["program"]))
        print("   ratio to termdown", benchlib.describe(r["ratio"]), "-", r["goal"])
    print(" ", benchlib.describe(ref))
    for key in windows:
        print(
            f"  {key}: {total_ticks[key]} CPU clock ticks measured; its tmux server "
            f"median {benchlib.figures('tmux', '%', tmux_cpu[key])['median']:.2f} %"
        )
    if not args.no_write:
        benchlib.write_result(
            "cpu",
            "CPU while the run screen shows a countdown, and a rep in tenths, beside termdown",
            rows,
            params={
                "rounds": rounds,
                "round_seconds": args.round_seconds,
                "terminal": f"tmux {COLS}x{ROWS}",
            },
            notes=[
                f"CPU clock ticks measured in all: {total_ticks}",
                "tmux server CPU % (drawing each program's output), median per round: "
                + ", ".join(
                    f"{k} {benchlib.figures(k, '%', v)['median']:.2f}" for k, v in tmux_cpu.items()
                ),
                f"load average before {load_before}",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
