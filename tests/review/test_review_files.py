"""Annotating a session file in place, and moving it to the trash."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from review_builders import at, save, session

from trackapp.domain.session import SessionFormatError
from trackapp.storage.review_files import move_to_trash, save_annotations
from trackapp.storage.session_files import read_session


def test_save_annotations_keeps_keys_it_does_not_know(sessions: Path) -> None:
    path = save(sessions, session([90.0, 91.0], started=at(1)))
    path.write_text('weather = "rain"\n' + path.read_text())
    record = save_annotations(path, "legs heavy", 8)
    assert (record.notes, record.effort) == ("legs heavy", 8)
    data = tomllib.loads(path.read_text())
    assert data["weather"] == "rain"
    assert read_session(path).segments == record.segments
    save_annotations(path, "", None)
    assert "effort" not in tomllib.loads(path.read_text())
    assert not list(sessions.glob(".*.tmp"))


@pytest.mark.parametrize("effort", [0, 11, -1])
def test_effort_out_of_range_is_refused(sessions: Path, effort: int) -> None:
    path = save(sessions, session([90.0], started=at(1)))
    before = path.read_bytes()
    with pytest.raises(ValueError):
        save_annotations(path, "x", effort)
    assert path.read_bytes() == before


def test_unreadable_file_is_not_rewritten(sessions: Path) -> None:
    path = sessions / "broken.toml"
    path.write_bytes(b"format = [")
    with pytest.raises(SessionFormatError):
        save_annotations(path, "x", 5)
    assert path.read_bytes() == b"format = ["


def test_move_to_trash_never_overwrites(data_dir: Path, sessions: Path) -> None:
    trash = data_dir / "trash"
    first = save(sessions, session([90.0], started=at(1)))
    content = first.read_bytes()
    moved = move_to_trash(first, trash)
    assert moved == trash / first.name
    assert not first.exists()
    again = save(sessions, session([80.0], started=at(1)))
    moved_again = move_to_trash(again, trash)
    assert moved_again != moved
    assert moved.read_bytes() == content
    assert len(list(trash.iterdir())) == 2
