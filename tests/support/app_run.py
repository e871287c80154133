"""A whole `trackapp run` session in a pty, driven key by key, and its session file.

The end-to-end tests run the same short workout (three open reps, timed rests) in each
sound environment: the rests end by the timer, so a 3-2-1-go is played each time; every
rep ends with a Space press. What differs is only what sound the app finds.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.support.ptydriver import ROOT, PtyProcess, trackapp_command

REPS = 3
NAME = "E2E three open reps"
COLS, ROWS = 80, 24
DEBOUNCE = 0.2


def workout_text(rest: float) -> str:
    return f"""\
name = "{NAME}"
[[step]]
repeat = {REPS}
run = "open"
rest = "{rest:g}s"
"""


class AppRun:
    """The app on its pty, plus where it keeps its data."""

    def __init__(self, app: PtyProcess, data_dir: Path) -> None:
        self.app = app
        self.data_dir = data_dir

    def mark(self) -> int:
        """An offset in the screen text: `wait_for(..., after=mark)` sees only what follows."""
        return self.app.text_length()

    def bells_since(self, mark: int) -> int:
        """Bells rung since `mark` (the bell backend rings through the app): BELs outside
        escape sequences, since an OSC sequence may end with a BEL too."""
        return self.app.text()[mark:].count("\a")

    def wait_for(self, needle: str, after: int, timeout: float = 10.0) -> None:
        self.app.wait_for(needle, timeout=timeout, after=after)

    def press(self, key: bytes, then: str, timeout: float = 10.0) -> None:
        """Send a key and wait for the screen to show `then` (drawn after the key)."""
        mark = self.mark()
        self.app.send(key)
        self.wait_for(then, mark, timeout)

    def session(self) -> dict[str, Any]:
        folder = self.data_dir / "sessions"
        files = [f for f in folder.glob("*.toml") if not f.name.startswith(".")]  # temporaries
        assert len(files) == 1, files
        with files[0].open("rb") as f:
            return tomllib.load(f)

    def segments(self, kind: str) -> list[dict[str, Any]]:
        return [s for s in self.session().get("segment", []) if s["kind"] == kind]

    def reps_pressed(self) -> int:
        return len([s for s in self.segments("run") if s.get("ended_by") == "press"])


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 2.0) -> None:
    """The store writes on its own thread: give it a moment, not a guess."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.02)


def app_env(tmp_path: Path, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """`env` (by default this process's) for a trackapp of its own: its data in
    `tmp_path / "data"`, its config in `tmp_path / "config"` unless `env` names one, and
    no devtools."""
    full_env = dict(os.environ if env is None else env)
    full_env["TRACKAPP_DATA_DIR"] = str(tmp_path / "data")
    full_env.setdefault("TRACKAPP_CONFIG_DIR", str(tmp_path / "config"))
    full_env.pop("TEXTUAL", None)
    return full_env


@contextmanager
def running_app(tmp_path: Path, env: Mapping[str, str], *, rest: float) -> Iterator[AppRun]:
    """`trackapp run` on a fresh data and config dir, 80x24, with this environment."""
    workout = tmp_path / "e2e.toml"
    workout.write_text(workout_text(rest), encoding="utf-8")
    argv = [*trackapp_command(), "run", str(workout), "--debounce", str(DEBOUNCE)]
    with PtyProcess(argv, env=app_env(tmp_path, env), cwd=ROOT, cols=COLS, rows=ROWS) as app:
        yield AppRun(app, tmp_path / "data")


def start(run: AppRun) -> None:
    """Wait for the ready screen, then Space: the session starts, rep 1 runs."""
    run.wait_for("Press SPACE", 0, timeout=60)
    run.press(b" ", "RUN")


def end_rep(run: AppRun, *, last: bool = False) -> None:
    """A moment into the rep (past the debounce), Space ends it; every split is on disk
    at once: the file is read right after the screen moved on."""
    time.sleep(0.8)
    before = run.reps_pressed()
    run.press(b" ", "completed" if last else "REST")
    wait_until(lambda: run.reps_pressed() == before + 1, f"split {before + 1} on disk")


def rest_ends_by_the_timer(run: AppRun, rest: float) -> None:
    run.wait_for("RUN", run.mark(), timeout=rest + 5)


def help_opens_and_closes(run: AppRun) -> None:
    """The screen still answers keys: `?` shows the help, Escape takes it away."""
    run.press(b"?", "mute / unmute")
    run.press(b"\x1b", "SPACE Split")


def finish(run: AppRun) -> None:
    """The summary answers Escape by leaving: the app exits."""
    run.app.send(b"\x1b")
    wait_until(lambda: not run.app.alive(), "the app exits after the summary", timeout=15)


def check_session_file(run: AppRun, rest: float) -> None:
    """Completed; every rep ended by its press with its one split; every rest by the timer."""
    record = run.session()
    assert record["status"] == "completed"
    reps = run.segments("run")
    assert [s["ended_by"] for s in reps] == ["press"] * REPS
    for rep in reps:
        assert len(rep["laps"]) == 1
        assert rep["laps"][0] == rep["time"]
        assert rep["time"] > DEBOUNCE
    rests = run.segments("rest")
    assert [s["ended_by"] for s in rests] == ["timer"] * (REPS - 1)
    assert all(abs(s["time"] - rest) < 0.01 for s in rests), rests


def quiet_environment(tmp_path: Path) -> dict[str, str]:
    """A fresh laptop at the track: no sound server reachable, no speech engine."""
    env = dict(os.environ)
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir(exist_ok=True)
    env.update(
        PULSE_SERVER=f"unix:{tmp_path}/no-such-pulse-socket",
        XDG_RUNTIME_DIR=str(tmp_path),
        HOME=str(tmp_path),
        PATH=str(empty_bin),  # no espeak-ng, no pulseaudio to autospawn
    )
    return env
