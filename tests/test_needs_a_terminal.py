"""The app's commands need a terminal: stdin for the keys, stderr for the screen (Textual's
way). Without one they say so and exit 2, before anything starts; the other commands
work as before."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trackapp.cli import main

WORKOUT = """\
name = "No terminal"
[[step]]
run = "400m"
"""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def workout(tmp_path: Path) -> Path:
    path = tmp_path / "w.toml"
    path.write_text(WORKOUT, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["run"], ["home"], ["history"]])
def test_stdin_from_a_file_is_refused_before_anything_starts(
    command: list[str],
    workout: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "__stdin__", io.StringIO(""))
    monkeypatch.setattr(sys, "__stderr__", FakeTerminal())
    argv = [*command, str(workout)] if command != ["history"] else command
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "the app needs a terminal: its keys come from stdin" in err
    assert "`trackapp check`, `log`, `show`, `reps` and `export` work without one" in err
    assert not (data_dir / "sessions").exists()  # no session begun


def test_stderr_redirected_is_refused_and_said_where_it_is_seen(
    workout: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "__stdin__", FakeTerminal())
    monkeypatch.setattr(sys, "__stderr__", io.StringIO())
    monkeypatch.setattr(sys, "__stdout__", FakeTerminal())
    assert main(["run", str(workout)]) == 2
    said = capsys.readouterr()
    assert "it draws its screen on stderr, which is not a terminal here" in said.err
    assert said.out == said.err  # stdout is where the runner looks: said there too


def test_a_bad_workout_is_still_named_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "__stdin__", io.StringIO(""))
    assert main(["run", str(tmp_path / "missing.toml")]) != 0
    assert "needs a terminal" not in capsys.readouterr().err


@pytest.mark.e2e
def test_run_with_stdin_from_dev_null_exits_at_once(workout: Path, tmp_path: Path) -> None:
    """The real thing: it drew the run screen, took no key, and kept a core busy."""
    env = {"TRACKAPP_DATA_DIR": str(tmp_path / "data"), "TRACKAPP_CONFIG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "trackapp.cli", "run", str(workout), "--no-sound"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=Path(__file__).resolve().parent.parent,  # this tree's trackapp
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "its keys come from stdin, which is not a terminal" in done.stderr
