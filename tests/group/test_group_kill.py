"""Coach mode in a real pseudo-terminal: four athletes, killed with SIGKILL mid-rep.

Every athlete's split taken before the kill is in their own session file, valid TOML
marked `in_progress`; started again with the same athletes, the app offers to resume
the whole group, and resumed, every athlete is back where they were.
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
name = "Group kill 4 x 800"
[[step]]
repeat = 4
run = "800m"
rest = "1:00"
"""
ATHLETES = "Ana,Ben,Cy,Dee"  # keys 1, 2, 3, 4
STARTUP_TIMEOUT = 60.0
SAVE_TIMEOUT = 10.0


def _spawn(workout: Path, tmp_path: Path) -> PtyProcess:
    argv = [
        *trackapp_command(), "run", str(workout), "--no-sound", "--debounce", "0.2",
        "--athletes", ATHLETES,
    ]  # fmt: skip
    return PtyProcess(argv, env=app_env(tmp_path), cwd=ROOT, cols=120, rows=40)


def _files(tmp_path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((tmp_path / "data" / "sessions").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))  # atomic: never partial
        out[doc["athlete"]] = doc
    return out


def _laps(doc: dict[str, Any]) -> list[float]:
    return [lap for seg in doc["segment"] for lap in seg["laps"]]


def test_sigkill_keeps_every_athletes_split_and_resumes_the_group(tmp_path: Path) -> None:
    workout = tmp_path / "group.toml"
    workout.write_text(WORKOUT, encoding="utf-8")
    app = _spawn(workout, tmp_path)
    try:
        app.wait_for("Press SPACE", timeout=STARTUP_TIMEOUT)
        start = app.send(b" ")
        sent: dict[str, list[float]] = {"1": [], "2": [], "3": []}
        for lap in range(2):  # Ana and Ben both laps (their rep ends), Cy only the first
            time.sleep(max(start + 0.6 * (lap + 1) - time.monotonic(), 0.0))
            for key in ("1", "2", "3") if lap == 0 else ("1", "2"):
                sent[key].append(app.send(key.encode()) - start)
                time.sleep(0.03)  # athletes 30 ms apart: every one counts
        deadline = time.monotonic() + SAVE_TIMEOUT
        files: dict[str, dict[str, Any]] = {}
        while time.monotonic() < deadline:
            files = _files(tmp_path)
            counts = {name: len(_laps(doc)) for name, doc in files.items()}
            if counts == {"Ana": 2, "Ben": 2, "Cy": 1, "Dee": 0}:
                break
            time.sleep(0.05)
        assert app.alive(), app.text()[-2000:]
        os.kill(app.pid, signal.SIGKILL)
        assert app.wait(10.0) == -signal.SIGKILL
    finally:
        app.close()

    files = _files(tmp_path)
    assert sorted(files) == ["Ana", "Ben", "Cy", "Dee"]
    groups = {doc["group"] for doc in files.values()}
    assert len(groups) == 1
    for name, key in (("Ana", "1"), ("Ben", "2"), ("Cy", "3")):
        doc = files[name]
        assert doc["status"] == "in_progress"
        run = doc["segment"][0]
        # each split at the instant its key was sent (generously: the machine may be loaded)
        ends = [sum(run["laps"][: i + 1]) for i in range(len(run["laps"]))]
        assert ends == pytest.approx(sent[key], abs=0.25), (name, ends, sent[key])
    assert files["Ana"]["segment"][0]["ended_by"] == "press"
    assert [s["kind"] for s in files["Ana"]["segment"]] == ["run", "rest"]
    assert "ended_by" not in files["Cy"]["segment"][0]  # still running at the kill

    again = _spawn(workout, tmp_path)
    try:
        again.wait_for("Unfinished", timeout=STARTUP_TIMEOUT)
        mark = again.text_length()
        again.send(b"r")  # the clock ran on
        again.wait_for("lap 0:00.", timeout=10.0, after=mark)  # Cy's first lap is back
        again.send(b"3")  # Cy's second lap: her rep ends after the gap
        deadline = time.monotonic() + SAVE_TIMEOUT
        while time.monotonic() < deadline:
            cy = _files(tmp_path)["Cy"]
            if cy["segment"][0].get("ended_by") == "press":
                break
            time.sleep(0.05)
        else:
            raise AssertionError(_files(tmp_path)["Cy"])
        assert len(cy["gap"]) == 1
        assert cy["group"] in groups
        assert len(list((tmp_path / "data" / "sessions").glob("*.toml"))) == 4
    finally:
        again.close()
