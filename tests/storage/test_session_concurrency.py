"""Two windows, one sessions folder: same-second starts, a live session seen from another
process, kills in the middle of a write, and a save that has to go to another folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from trackapp.domain.session import SegmentRecord, SessionRecord
from trackapp.storage.session_files import read_session
from trackapp.storage.session_lock import SessionLock, lock_path, remove_stale
from trackapp.storage.session_store import FileSessionStore, SessionBusy

STARTED = datetime(2026, 11, 27, 18, 5, 3, 120000, tzinfo=timezone(timedelta(hours=1)))


def record(workout: str = "8 x 400", marker: str = "") -> SessionRecord:
    rec = SessionRecord(workout=workout, source="w.toml", workout_toml="", started=STARTED)
    rec.notes = marker
    rec.segments.append(
        SegmentRecord("run", 1, 1, 1, "400 m", 0.0, 80.0, laps=[80.0], ended_by="press")
    )
    return rec


# A second window, as a real process: creates a session at STARTED (the same second as
# every other one here), waits on stdin, and holds the lock until told to go.
WINDOW = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from trackapp.domain.session import SegmentRecord, SessionRecord
    from trackapp.storage.session_store import FileSessionStore

    started = datetime(2026, 11, 27, 18, 5, 3, 120000, tzinfo=timezone(timedelta(hours=1)))
    store = FileSessionStore(Path(sys.argv[1]))
    rec = SessionRecord(workout="8 x 400", source="w.toml", workout_toml="", started=started)
    rec.notes = sys.argv[2]
    rec.segments.append(SegmentRecord("run", 1, 1, 1, "400 m", 0.0, 80.0, laps=[80.0],
                                      ended_by="press"))
    sys.stdin.readline()  # everyone starts together
    handle = store.create(rec)
    assert store.flush(10)
    print(handle.path, flush=True)
    sys.stdin.readline()  # hold the session (running) until told
    store.release(handle)
    print("released", flush=True)
    """
)


def start_window(sessions: Path, marker: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(sessions), marker],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.e2e  # other processes: windows of their own
def test_windows_started_in_the_same_second_keep_every_session(tmp_path: Path) -> None:
    """Today two runs started in the same second write one file and one session is lost.
    Ten trials of four windows at once: every window keeps its own file."""
    for trial in range(10):
        sessions = tmp_path / f"trial{trial}" / "sessions"
        windows = [start_window(sessions, f"window {i}") for i in range(4)]
        try:
            for w in windows:
                assert w.stdin is not None
                w.stdin.write("\n")
                w.stdin.flush()
            paths = []
            for w in windows:
                assert w.stdout is not None
                paths.append(Path(w.stdout.readline().strip()))
            assert len(set(paths)) == 4
            for i, path in enumerate(paths):
                assert read_session(path).notes == f"window {i}"
            # the first name, then the -N series (a name one window was claiming just
            # then may be passed over by another, so the numbers need not be dense)
            names = sorted(p.name for p in sessions.glob("*.toml"))
            assert len(names) == 4
            assert "2026-11-27T18-05-03_8-x-400.toml" in names
            assert all(re.fullmatch(r"2026-11-27T18-05-03_8-x-400(-\d+)?\.toml", n) for n in names)
        finally:
            for w in windows:
                w.kill()
                w.wait(10)


@pytest.mark.e2e  # other processes: windows of their own
def test_a_session_live_in_another_process_is_left_alone(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    window = start_window(sessions, "live")
    assert window.stdin is not None and window.stdout is not None
    try:
        window.stdin.write("\n")
        window.stdin.flush()
        path = Path(window.stdout.readline().strip())
        store = FileSessionStore(sessions)
        assert store.is_running(path)
        assert store.find_in_progress("8 x 400") == []  # never offered for resume
        with pytest.raises(SessionBusy, match="running in another window"):
            store.reopen(path)
        with pytest.raises(SessionBusy):
            store.annotate(path, "overwritten", 3)
        with pytest.raises(SessionBusy):
            store.move_to_trash(path)
        with pytest.raises(SessionBusy):
            store.mark_stopped(path, read_session(path))
        assert store.tidy() == []  # its lock is not stale
        assert lock_path(path).exists()
        assert read_session(path).notes == "live"

        window.stdin.write("\n")
        window.stdin.flush()
        assert window.stdout.readline().strip() == "released"
        assert not store.is_running(path)
        assert [p for p, _ in store.find_in_progress("8 x 400")] == [path]
    finally:
        window.kill()
        window.wait(10)


@pytest.mark.e2e  # other processes: windows of their own
def test_a_killed_window_leaves_nothing_locked(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    window = start_window(sessions, "killed")
    assert window.stdin is not None and window.stdout is not None
    window.stdin.write("\n")
    window.stdin.flush()
    path = Path(window.stdout.readline().strip())
    window.kill()  # SIGKILL: no clean-up ran
    window.wait(10)
    store = FileSessionStore(sessions)
    assert not store.is_running(path)
    assert [p for p, _ in store.find_in_progress("8 x 400")] == [path]
    assert store.tidy() == [lock_path(path)]


def test_stale_temporaries_are_removed_at_the_next_start(tmp_path: Path) -> None:
    """A kill between write and rename leaves `.<name>.XXXX.tmp`; a live session's own
    temporary (its window may be writing it right now) is left alone."""
    sessions = tmp_path / "sessions"
    store = FileSessionStore(sessions)
    live = store.create(record("live"))
    dead = store.create(record("dead"))
    assert store.flush(5)
    store.release(dead)
    dead_tmp = sessions / f".{dead.path.name}.k1ll3d.tmp"
    live_tmp = sessions / f".{live.path.name}.wr1t1ng.tmp"
    orphan_lock = sessions / ".2020-01-01T00-00-00_gone.toml.lock"
    for p in (dead_tmp, live_tmp, orphan_lock):
        p.write_bytes(b"half a file")
    unrelated = sessions / ".hidden-notes"
    unrelated.write_text("mine")
    removed = sorted(store.tidy())
    assert removed == sorted([dead_tmp, orphan_lock])
    assert live_tmp.exists() and unrelated.exists()
    assert read_session(dead.path).workout == "dead"
    store.close(5)


def test_remove_stale_never_raises_on_an_odd_folder(tmp_path: Path) -> None:
    assert remove_stale(tmp_path / "missing") == []
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / ".x.toml.abc.tmp").mkdir()  # a folder where a temporary would be
    os.mkfifo(odd / ".y.toml.abc.tmp")
    assert remove_stale(odd) == []


def test_a_lock_file_removed_under_a_new_locker_is_taken_again(tmp_path: Path) -> None:
    session = tmp_path / "s.toml"
    first = SessionLock.acquire(session)
    assert first is not None
    assert SessionLock.acquire(session) is None  # held, even from this same process
    first.release()
    assert not lock_path(session).exists()
    second = SessionLock.acquire(session)
    assert second is not None and second.held
    second.release()


def test_a_session_that_cannot_be_saved_goes_to_another_folder(tmp_path: Path) -> None:
    """`sessions/` replaced by a file: every save fails. The runner saves elsewhere."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "sessions").write_text("not a folder")
    store = FileSessionStore(data / "sessions")
    rec = record()
    handle = store.create(rec)
    assert not store.flush(2)
    assert store.unsaved(handle)
    assert store.last_written(handle) is None
    assert store.last_error is not None and "cannot save session" in store.last_error
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    new_path = store.relocate(handle, elsewhere)
    assert new_path.parent == elsewhere
    assert store.flush(5)
    assert not store.unsaved(handle)
    assert read_session(new_path).segments == rec.segments
    assert store.is_running(new_path)  # still this window's session
    store.release(handle)
    assert not store.is_running(new_path)
    store.close(5)


def test_release_waits_for_the_last_write(tmp_path: Path) -> None:
    """A session whose last save still fails keeps its lock and its bytes."""
    blocker = tmp_path / "sessions"
    blocker.write_text("a file where the folder should be")
    store = FileSessionStore(blocker)
    handle = store.create(record())
    assert not store.flush(2)
    store.release(handle)
    assert store.unsaved(handle)
    blocker.unlink()
    deadline = time.monotonic() + 5
    while not store.flush(1) and time.monotonic() < deadline:
        pass
    assert read_session(handle.path).workout == "8 x 400"
    store.release(handle)
    store.close(5)
