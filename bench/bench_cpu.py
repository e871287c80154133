"""How much CPU does `trackapp run` use over a 30 s timed step, against `termdown`?

    .venv/bin/python bench/bench_cpu.py [--seconds 30]

Each program runs in its own 120x40 tmux window (a private tmux server each, on
its own socket), at the same time: trackapp with a workout whose first step is a
timed warm-up of that length (started with one Space), termdown counting down the
same seconds. Once each has drawn (and trackapp's warm-up has started), the user
+ system CPU time of its process (all threads) is read from /proc/<pid>/stat, and
again `--seconds` - 1 s later, inside the countdown. The tmux server's CPU over
the same window is shown too: it is what the terminal spends drawing the output.
Prints; asserts nothing. Goal: trackapp no more than termdown.
"""

from __future__ import annotations

import argparse
import contextlib
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.ptydriver import ROOT, cpu_seconds, load_average, trackapp_command

COLS, ROWS = 120, 40


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of the countdown")
    args = parser.parse_args(argv)
    seconds = max(args.seconds, 3)
    window_s = seconds - 1.0  # measured inside the countdown, which both start just before

    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")
    termdown = Path(sys.executable).with_name("termdown")
    if not termdown.exists():
        found = shutil.which("termdown")
        if found is None:
            raise SystemExit("termdown is not installed (pip install termdown)")
        termdown = Path(found)

    tag = f"trackapp-bench-{os.getpid()}"
    app = Window("trackapp", f"{tag}-app")
    ref = Window("termdown", f"{tag}-ref")
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="trackapp-bench-cpu-") as tmpdir:
        tmp = Path(tmpdir)
        workout = tmp / "cpu-bench.toml"
        workout.write_text(
            f'name = "CPU bench"\n[[step]]\nwarmup = "{seconds}s"\n\n[[step]]\nrun = "400m"\n',
            encoding="utf-8",
        )
        env = {
            "TRACKAPP_DATA_DIR": str(tmp / "data"),
            "TRACKAPP_CONFIG_DIR": str(tmp / "config"),
        }
        try:
            app.start([*trackapp_command(), "run", str(workout), "--no-sound"], env, ROOT)
            app.wait_for(lambda s: "Press SPACE" in s, timeout=60)
            time.sleep(0.5)  # start-up work settles
            app.keys("Space")
            app.wait_for(lambda s: "WARM-UP" in s, timeout=10)
            app_start = Sample.take(app)

            ref.start([str(termdown), str(seconds)], {}, ROOT)
            ref.wait_for(lambda s: any(ch not in " \n" for ch in s), timeout=30)
            ref_start = Sample.take(ref)

            # both windows are window_s long; sleep until the later one ends
            time.sleep(max(app_start.at + window_s - time.monotonic(), 0.0))
            app_end = Sample.take(app)
            time.sleep(max(ref_start.at + window_s - time.monotonic(), 0.0))
            ref_end = Sample.take(ref)
        finally:
            app.close()
            ref.close()

    rows = []
    for name, start, end in (
        ("trackapp run", app_start, app_end),
        ("termdown", ref_start, ref_end),
    ):
        wall = end.at - start.at
        cpu = end.cpu - start.cpu
        server = end.server - start.server
        rows.append((name, wall, cpu, server))
    print(f"CPU over a {seconds} s countdown in a {COLS}x{ROWS} tmux window; before: {load_before}")
    print(f"{'':<14}{'window s':>10}{'CPU s':>9}{'CPU %':>8}{'tmux CPU s':>12}")
    for name, wall, cpu, server in rows:
        print(f"{name:<14}{wall:>10.2f}{cpu:>9.2f}{100 * cpu / wall:>8.2f}{server:>12.2f}")
    app_cpu, ref_cpu = rows[0][2], rows[1][2]
    ratio = app_cpu / ref_cpu if ref_cpu > 0 else float("inf")
    print(f"trackapp / termdown CPU: {ratio:.2f}x (CPU time resolution 0.01 s)")
    verdict = "met" if app_cpu <= ref_cpu else "MISSED"
    print(f"goal trackapp <= termdown: {verdict}; after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
