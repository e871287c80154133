"""`trackapp export --format fit`: one file, a folder of files, a pipe; every error a
message and a non-zero status, never a traceback."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.export.fit_decode import decode
from tests.review.review_builders import at, save, session
from trackapp.cli import main
from trackapp.domain.session import SessionRecord

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data" / "sessions"
    folder.mkdir(parents=True)
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(folder.parent))
    return folder


def test_one_session_to_a_fit_file(sessions: Path, tmp_path: Path, capsys: Capture) -> None:
    path = save(sessions, session([89.7, 90.1, 88.2], started=at(2)))
    target = tmp_path / "tuesday.fit"
    assert main(["export", "2026-03-02", "--format", "fit", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    decoded = decode(target.read_bytes())
    assert len(decoded.all("lap")) == 5  # three reps, two rests
    assert decoded.one("session")["total_distance"] == pytest.approx(1200.0)
    assert path.exists()


def test_several_sessions_one_file_each_into_a_folder(
    sessions: Path, tmp_path: Path, capsys: Capture
) -> None:
    a = save(sessions, session([90.0], started=at(2)))
    b = save(sessions, session([88.0, 89.0], started=at(9)))
    folder = tmp_path / "fit"
    assert main(["export", "2026-03", "--format", "fit", "-o", f"{folder}/"]) == 0
    written = sorted(folder.iterdir())
    assert [p.name for p in written] == [f"{a.stem}.fit", f"{b.stem}.fit"]
    assert capsys.readouterr().out.split() == [str(p) for p in written]
    assert [len(decode(p.read_bytes()).all("lap")) for p in written] == [1, 3]


def test_several_sessions_need_a_folder(sessions: Path, tmp_path: Path, capsys: Capture) -> None:
    save(sessions, session([90.0], started=at(2)))
    save(sessions, session([88.0], started=at(9)))
    assert main(["export", "2026-03", "--format", "fit", "-o", str(tmp_path / "x.fit")]) == 2
    err = capsys.readouterr().err
    assert "2 sessions make 2 FIT files" in err and "x.fit/" in err
    assert not (tmp_path / "x.fit").exists()


def test_an_existing_folder_takes_the_files(
    sessions: Path, tmp_path: Path, capsys: Capture
) -> None:
    a = save(sessions, session([90.0], started=at(2)))
    assert main(["export", a.name, "--format", "fit", "-o", str(tmp_path)]) == 0
    assert (tmp_path / f"{a.stem}.fit").is_file()


def test_no_such_session_and_an_unwritable_file_are_messages(
    sessions: Path, tmp_path: Path, capsys: Capture
) -> None:
    save(sessions, session([90.0], started=at(2)))
    assert main(["export", "2025", "--format", "fit", "-o", str(tmp_path / "x.fit")]) == 1
    assert "no session file" in capsys.readouterr().err
    bad = tmp_path / "no" / "such" / "x.fit"
    assert main(["export", "2026-03-02", "--format", "fit", "-o", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("trackapp: cannot write") and "Traceback" not in err
    assert not bad.parent.exists()


def test_a_session_fit_cannot_hold_is_a_message(
    sessions: Path, tmp_path: Path, capsys: Capture
) -> None:
    empty = session([], started=at(2))
    save(sessions, empty)
    assert main(["export", "2026-03-02", "--format", "fit", "-o", str(tmp_path / "x.fit")]) == 1
    assert "cannot be a FIT activity: the session has no segment" in capsys.readouterr().err


def test_an_in_progress_session_exports_what_was_saved(
    sessions: Path, tmp_path: Path, capsys: Capture
) -> None:
    record: SessionRecord = session([90.0, 91.0], started=at(2), status="in_progress")
    record.segments[-1].ended_by = None
    save(sessions, record)
    target = tmp_path / "now.fit"
    assert main(["export", "2026-03-02", "--format", "fit", "-o", str(target)]) == 0
    assert "in progress: exported up to its last save" in capsys.readouterr().err
    laps = decode(target.read_bytes()).all("lap")
    assert len(laps) == 3 and laps[-1]["lap_trigger"] == "session_end"


class Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_no_binary_a_pipe_does(
    sessions: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(sessions, session([90.0], started=at(2)))
    screen = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", Terminal(screen))
    assert main(["export", "2026-03-02", "--format", "fit"]) == 2
    assert "-o FILE.fit" in capsys.readouterr().err
    assert screen.getvalue() == b""
    pipe = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(pipe))
    assert main(["export", "2026-03-02", "--format", "fit"]) == 0
    sys.stdout.flush()
    assert len(decode(pipe.getvalue()).all("lap")) == 1
