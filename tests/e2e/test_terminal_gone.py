"""`trackapp run` in a real pseudo-terminal that goes away mid-session, or is told to stop.

The day-one bug: `make run`, then the terminal window closed. make does not pass SIGHUP
on to its children, so trackapp ran on with its terminal gone: a core at 100 % (Textual
reading end-of-file in a loop) and the session locked, so a new window could not resume
it. Now the hang-up ends the app with every split on disk, the session left
unfinished and free, and SIGTERM does the same on a live terminal, which it restores.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.support.app_run import app_env, wait_until
from tests.support.ptydriver import ROOT, PtyProcess, trackapp_command
from trackapp.storage import session_lock

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
]

WORKOUT = """\
name = "Terminal end"
[[step]]
repeat = 3
run = "400m"
rest = "1:30"
"""
STARTUP_TIMEOUT = 60.0  # a loaded 2-core CI machine can be slow to import Textual
EXIT_TIMEOUT = 15.0  # the app's own limit is 10 s (terminal_end.GRACE_SECONDS)
# What make does with SIGHUP: it catches it and waits for its children, who are not sent
# one (the kernel signals only the session leader). A caught signal is reset by exec,
# so the child below gets the default action, as under make.
LIKE_MAKE = (
    "import signal, subprocess, sys\n"
    "signal.signal(signal.SIGHUP, lambda *_: None)\n"
    "sys.exit(subprocess.call(sys.argv[1:]))\n"
)


def spawn(tmp_path: Path, *args: str, under_make: bool = False) -> PtyProcess:
    workout = tmp_path / "w.toml"
    workout.write_text(WORKOUT, encoding="utf-8")
    argv = [*trackapp_command(), "run", str(workout), "--no-sound", "--debounce", "0.2", *args]
    if under_make:
        argv = [sys.executable, "-c", LIKE_MAKE, *argv]
    return PtyProcess(argv, env=app_env(tmp_path), cwd=ROOT, cols=100, rows=30)


def sessions(tmp_path: Path) -> dict[Path, dict[str, Any]]:
    found = sorted((tmp_path / "data" / "sessions").glob("*.toml"))
    return {path: tomllib.loads(path.read_text(encoding="utf-8")) for path in found}


def wait_for_events(tmp_path: Path, count: int, key: str = "event") -> None:
    """Until the files hold `count` inputs (the writer thread is asynchronous)."""

    def there() -> bool:
        docs = list(sessions(tmp_path).values())
        return bool(docs) and all(len(doc.get(key, [])) >= count for doc in docs)

    wait_until(there, f"{count} inputs in every file", timeout=10.0)


def rep_then_rest(app: PtyProcess, tmp_path: Path) -> None:
    """Rep 1 started and ended by two presses: the rest runs, both presses on disk."""
    app.wait_for("Press SPACE", timeout=STARTUP_TIMEOUT)
    app.send(b" ")
    time.sleep(0.5)
    app.send(b" ")
    wait_for_events(tmp_path, 2)
    time.sleep(0.3)


def check_left_to_resume(path: Path, doc: dict[str, Any]) -> None:
    assert doc["status"] == "in_progress"
    assert not session_lock.is_locked(path), "the session is still locked"


def test_a_closed_terminal_ends_the_app_with_every_split_saved(tmp_path: Path) -> None:
    with spawn(tmp_path, under_make=True) as app:
        rep_then_rest(app, tmp_path)
        app.hang_up()
        closed = time.monotonic()
        assert app.wait(EXIT_TIMEOUT) == 128 + signal.SIGHUP  # make passes the status on
        assert time.monotonic() - closed < 5.0, "it ended only by its grace limit"
    ((path, doc),) = sessions(tmp_path).items()
    check_left_to_resume(path, doc)
    rep, rest = doc["segment"]
    assert rep["ended_by"] == "press" and rep["time"] == pytest.approx(0.5, abs=0.25)
    assert rest["kind"] == "rest" and "ended_by" not in rest and rest["time"] > 0
    # a new window offers to resume it
    with spawn(tmp_path) as again:
        again.wait_for("Unfinished session", timeout=STARTUP_TIMEOUT)


def test_sigterm_saves_restores_the_terminal_and_says_where(tmp_path: Path) -> None:
    with spawn(tmp_path) as app:
        rep_then_rest(app, tmp_path)
        shown = len(app.output)
        os.kill(app.pid, signal.SIGTERM)
        assert app.wait(EXIT_TIMEOUT) == 128 + signal.SIGTERM
        app.wait_for("offers to resume it", timeout=5.0)  # the output drained
        after = app.output[shown:]
        text = app.text()
    ((path, doc),) = sessions(tmp_path).items()
    check_left_to_resume(path, doc)
    assert b"\x1b[?1049l" in after, "the terminal was left on the app's screen"
    assert "trackapp ended: SIGTERM." in text
    assert path.name in "".join(text.split())  # the path may wrap at the terminal's edge


def test_a_closed_terminal_saves_every_athlete_of_a_group(tmp_path: Path) -> None:
    with spawn(tmp_path, "--athletes", "Ana,Ben", under_make=True) as app:
        app.wait_for("Press SPACE", timeout=STARTUP_TIMEOUT)
        app.send(b" ")
        time.sleep(0.5)
        app.send(b"1")  # Ana's rep ends; Ben runs on
        wait_for_events(tmp_path, 2, key="group_event")
        app.hang_up()
        assert app.wait(EXIT_TIMEOUT) == 128 + signal.SIGHUP
    docs = {doc["athlete"]: (path, doc) for path, doc in sessions(tmp_path).items()}
    assert sorted(docs) == ["Ana", "Ben"]
    for path, doc in docs.values():
        check_left_to_resume(path, doc)
    assert [s["kind"] for s in docs["Ana"][1]["segment"]] == ["run", "rest"]
    assert [s["kind"] for s in docs["Ben"][1]["segment"]] == ["run"]
