"""Notes, effort and delete go through the session store: the same writer as a save,
refused while the session runs in a window."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.review.review_builders import at, save, session
from trackapp.domain.session import SessionFormatError
from trackapp.storage.session_files import read_session
from trackapp.storage.session_lock import SessionLock
from trackapp.storage.session_store import FileSessionStore, SessionBusy


@pytest.fixture
def store(sessions: Path) -> FileSessionStore:
    return FileSessionStore(sessions)


def test_annotate_keeps_keys_it_does_not_know(store: FileSessionStore, sessions: Path) -> None:
    path = save(sessions, session([90.0, 91.0], started=at(1)))
    path.write_text('weather = "rain"\n' + path.read_text())
    record = store.annotate(path, "legs heavy", 8)
    assert (record.notes, record.effort) == ("legs heavy", 8)
    data = tomllib.loads(path.read_text())
    assert data["weather"] == "rain"
    assert read_session(path).segments == record.segments
    store.annotate(path, "", None)
    assert "effort" not in tomllib.loads(path.read_text())
    assert not list(sessions.glob(".*"))  # no temporary, no lock left behind


def test_annotate_writes_the_contract_text_forms(store: FileSessionStore, sessions: Path) -> None:
    """Editing notes used to rewrite `started` as `2026-11-01 18:00:00+01:00`: the same
    TOML value, but not the text form SESSION_FORMAT.md pins."""
    path = save(sessions, session([90.0], started=at(1)))
    before = re.search(r"^started = .*$", path.read_text(), re.MULTILINE)
    assert before is not None
    store.annotate(path, "windy", 6)
    text = path.read_text()
    assert before.group(0) in text.splitlines()
    assert re.search(r"^started = \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", text, re.MULTILINE)
    assert "\n[[segment]]\n" in text


@pytest.mark.parametrize("effort", [0, 11, -1])
def test_effort_out_of_range_is_refused(
    store: FileSessionStore, sessions: Path, effort: int
) -> None:
    path = save(sessions, session([90.0], started=at(1)))
    before = path.read_bytes()
    with pytest.raises(ValueError):
        store.annotate(path, "x", effort)
    assert path.read_bytes() == before


def test_unreadable_file_is_not_rewritten(store: FileSessionStore, sessions: Path) -> None:
    path = sessions / "broken.toml"
    path.write_bytes(b"format = [")
    with pytest.raises(SessionFormatError):
        store.annotate(path, "x", 5)
    assert path.read_bytes() == b"format = ["


def test_a_running_session_is_neither_annotated_nor_deleted(
    store: FileSessionStore, sessions: Path, data_dir: Path
) -> None:
    path = save(sessions, session([90.0], started=at(1)))
    before = path.read_bytes()
    lock = SessionLock.acquire(path)  # as another window running it holds
    assert lock is not None
    try:
        assert store.is_running(path)
        with pytest.raises(SessionBusy, match="running in another window"):
            store.annotate(path, "x", 5)
        with pytest.raises(SessionBusy):
            store.move_to_trash(path)
        assert path.read_bytes() == before
        assert not (data_dir / "trash").exists()
    finally:
        lock.release()
    assert not store.is_running(path)
    store.annotate(path, "after", 5)
    assert read_session(path).notes == "after"


def test_move_to_trash_never_overwrites(
    store: FileSessionStore, data_dir: Path, sessions: Path
) -> None:
    trash = data_dir / "trash"
    first = save(sessions, session([90.0], started=at(1)))
    content = first.read_bytes()
    moved = store.move_to_trash(first)
    assert moved == trash / first.name
    assert not first.exists()
    again = save(sessions, session([80.0], started=at(1)))
    moved_again = store.move_to_trash(again)
    assert moved_again != moved
    assert moved.read_bytes() == content
    assert len(list(trash.iterdir())) == 2
