"""`trackapp run` in a real pseudo-terminal, killed with SIGKILL mid-session.

Every split taken before the kill must be in the session file, which must still
be valid TOML marked `in_progress`; started again, the app offers to resume it.
The pty helper lives in `tests/support/ptydriver.py` (the benchmarks drive the app the same
way, importing it from there).
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

from tests.support.app_run import app_env
from tests.support.ptydriver import ROOT, PtyProcess, trackapp_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
]

WORKOUT = """\
name = "Kill test 5 x 800"
[[step]]
repeat = 5
run = "800m"
"""
# On a 400 m track each 800 m rep takes two presses (a split, then the end) and the
# next rep waits for a press to start it. Seven presses: start, split, end, start,
# split, end, start: two finished reps of two laps each, the third just started.
PRESSES = 7
DEBOUNCE = 0.2
GAP = 0.45  # between presses: well over the debounce
STARTUP_TIMEOUT = 60.0  # a loaded 2-core CI machine can be slow to import Textual
SAVE_TIMEOUT = 10.0  # polled; a press normally reaches the file within milliseconds
SAVE_PROMPT = 3.0  # yet it must not wait for the 5 s heartbeat


def _spawn(workout: Path, tmp_path: Path) -> PtyProcess:
    argv = [*trackapp_command(), "run", str(workout), "--no-sound", "--debounce", str(DEBOUNCE)]
    return PtyProcess(argv, env=app_env(tmp_path), cwd=ROOT, cols=120, rows=40)


def _session_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data" / "sessions").glob("*.toml"))


def _read_session(tmp_path: Path) -> dict[str, Any] | None:
    files = _session_files(tmp_path)
    if not files:
        return None
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


def _wait_for_presses(tmp_path: Path, count: int, timeout: float) -> dict[str, Any]:
    """Poll the session file until it holds `count` press events (the writer is async)."""
    deadline = time.monotonic() + timeout
    data: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        data = _read_session(tmp_path)  # writes are atomic renames: never a partial file
        if data is not None and len(data.get("event", [])) >= count:
            return data
        time.sleep(0.05)
    raise AssertionError(f"session file did not reach {count} presses: {data}")


def test_sigkill_keeps_every_split_and_offers_resume(tmp_path: Path) -> None:
    workout = tmp_path / "kill.toml"
    workout.write_text(WORKOUT, encoding="utf-8")

    app = _spawn(workout, tmp_path)
    sent: list[float] = []
    try:
        app.wait_for("Press SPACE", timeout=STARTUP_TIMEOUT)
        for i in range(PRESSES):
            if i:
                # spaced from the previous send, whatever the sleep overshoot was
                time.sleep(max(sent[-1] + GAP - time.monotonic(), 0.0))
            sent.append(app.send(b" "))
        # The writer thread is asynchronous: wait (polling) until the last press is on disk,
        # then give it a moment longer, as a crash would, and kill without warning.
        _wait_for_presses(tmp_path, PRESSES, SAVE_TIMEOUT)
        assert time.monotonic() - sent[-1] < SAVE_PROMPT, "the last press was saved late"
        assert app.alive(), "trackapp exited by itself:\n" + app.text()[-2000:]
        os.kill(app.pid, signal.SIGKILL)
        assert app.wait(10.0) == -signal.SIGKILL
    finally:
        app.close()

    files = _session_files(tmp_path)
    assert len(files) == 1, files
    data = tomllib.loads(files[0].read_text(encoding="utf-8"))  # valid TOML after the kill

    assert data["status"] == "in_progress"
    assert "ended" not in data
    assert data["workout"] == "Kill test 5 x 800"

    # every press, at the instants it was sent (generously: the machine may be loaded)
    events = data["event"]
    assert [e["kind"] for e in events] == ["press"] * PRESSES
    ats = [e["at"] for e in events]
    assert ats[0] == 0.0
    assert ats == sorted(ats)
    for i, at in enumerate(ats):
        assert at == pytest.approx(sent[i] - sent[0], abs=0.25), (i, ats, sent)

    # segments: two finished reps of two laps each, the third begun with no lap yet
    segments = data["segment"]
    assert [s["rep"] for s in segments] == [1, 2, 3]
    assert all(s["kind"] == "run" for s in segments)
    finished, current = segments[:2], segments[2]
    laps_taken = 0
    for seg in finished:
        assert seg["ended_by"] == "press"
        assert len(seg["laps"]) == 2
        assert all(lap > 0 for lap in seg["laps"])
        assert seg["time"] > 0
        assert sum(seg["laps"]) == pytest.approx(seg["time"], abs=0.0021)  # ms rounding
        laps_taken += len(seg["laps"])
    assert laps_taken == 4  # every split taken: presses 2, 3, 5 and 6
    assert "ended_by" not in current
    assert current["laps"] == []
    assert current["start"] == pytest.approx(ats[6], abs=0.0011)
    assert current["time"] >= 0
    # each split is where a press was: reps start at presses 1 and 4, laps end at the others
    lap_ends = [
        finished[0]["start"] + finished[0]["laps"][0],
        finished[0]["start"] + sum(finished[0]["laps"]),
        finished[1]["start"] + finished[1]["laps"][0],
        finished[1]["start"] + sum(finished[1]["laps"]),
    ]
    assert finished[0]["start"] == pytest.approx(ats[0], abs=0.0011)
    assert finished[1]["start"] == pytest.approx(ats[3], abs=0.0011)
    assert lap_ends == pytest.approx([ats[1], ats[2], ats[4], ats[5]], abs=0.0021)

    # started again, it offers to resume the unfinished session
    again = _spawn(workout, tmp_path)
    try:
        again.wait_for("Unfinished session", timeout=STARTUP_TIMEOUT)
    finally:
        again.close()
