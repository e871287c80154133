"""Session storage: the file contract, atomic and ordered writes, failures, listing, trash."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import textwrap
import threading
import time
import tomllib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from trackapp.domain.session import (
    PauseRecord,
    SegmentRecord,
    SessionFormatError,
    SessionRecord,
    SessionStatus,
)
from trackapp.storage import session_files
from trackapp.storage.session_files import dump_session, read_session, session_filename
from trackapp.storage.session_store import (
    FileSessionStore,
    MemorySessionStore,
    SessionBusy,
    SessionStore,
    newest_first,
)

TZ = timezone(timedelta(hours=1))
STARTED = datetime(2026, 11, 27, 18, 5, 3, 120000, tzinfo=TZ)
WORKOUT_TOML = 'name = "8 x 400 m at 5K pace"\n\n[[step]]\nrun = "400 m"\n'

# The keys of shared/SESSION_FORMAT.md, and the ones trackapp adds ("new keys may be added").
CONTRACT_KEYS = {
    "format",
    "workout",
    "source",
    "workout_toml",
    "started",
    "ended",
    "status",
    "notes",
    "segment",
}
CONTRACT_SEGMENT_KEYS = {
    "kind",
    "step",
    "set",
    "rep",
    "label",
    "distance",
    "target",
    "start",
    "time",
    "laps",
    "ended_by",
}
OUR_KEYS = {"effort", "elapsed", "paused", "event", "pause"}
OUR_SEGMENT_KEYS = {"markers"}
# the repo's copy of shared/SESSION_FORMAT.md (tests/contracts checks it against the original)
FORMAT_DOC = Path(__file__).resolve().parents[1] / "contracts" / "SESSION_FORMAT.md"

ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
EACCES = OSError(errno.EACCES, os.strerror(errno.EACCES))


def make_record(
    workout: str = "8 x 400 m at 5K pace",
    *,
    started: datetime = STARTED,
    reps: int = 2,
    status: SessionStatus = "in_progress",
) -> SessionRecord:
    record = SessionRecord(
        workout=workout,
        source="workouts/8x400.toml",
        workout_toml=WORKOUT_TOML,
        started=started,
        status=status,
        elapsed=120.5,
        paused=4.25,
    )
    record.segments.append(
        SegmentRecord(
            kind="warmup",
            step=1,
            set=1,
            rep=1,
            label="10 min",
            start=0.0,
            time=600.0,
            ended_by="timer",
            markers=[12.5],
        )
    )
    for rep in range(1, reps + 1):
        record.segments.append(
            SegmentRecord(
                kind="run",
                step=2,
                set=1,
                rep=rep,
                label="400 m",
                start=600.0 + rep,
                time=89.733,
                laps=[44.9, 44.833],
                ended_by="press",
                distance=400.0,
                target=(89.0, 91.0),
            )
        )
    return record


def completed_record() -> SessionRecord:
    record = make_record(status="completed")
    record.ended = STARTED + timedelta(minutes=57, seconds=7.38)
    record.notes = 'windy on the back straight\n"felt good"'
    record.effort = 7
    record.pauses = [PauseRecord(30.5, 1.25), PauseRecord(640.0, 3.0)]  # `paused` is 4.25
    return record


@pytest.fixture
def store(data_dir: Path) -> Iterator[FileSessionStore]:
    s = FileSessionStore(data_dir / "sessions")
    yield s
    s.close(timeout=5)


def toml_files(directory: Path) -> list[str]:
    """Every file in the folder but the lock sidecars of live sessions."""
    return sorted(p.name for p in directory.iterdir() if not p.name.endswith(".lock"))


def fail_writes(monkeypatch: pytest.MonkeyPatch, error: OSError, while_: object) -> None:
    """Make both ways the store writes a file (first write, later saves) fail while
    `while_()` is true."""
    real_write = session_files.write_atomic
    real_create = session_files.create_exclusive

    def write(path: Path, data: bytes) -> None:
        if while_():  # type: ignore[operator]
            raise error
        real_write(path, data)

    def create(path: Path, data: bytes) -> None:
        if while_():  # type: ignore[operator]
            raise error
        real_create(path, data)

    monkeypatch.setattr(session_files, "write_atomic", write)
    monkeypatch.setattr(session_files, "create_exclusive", create)


# --- the file contract -----------------------------------------------------------------


def test_round_trip_matches_the_contract(store: FileSessionStore) -> None:
    record = completed_record()
    handle = store.create(record)
    assert store.flush(5)

    assert handle.path.parent == store.sessions_dir
    assert handle.path.name == "2026-11-27T18-05-03_8-x-400-m-at-5k-pace.toml"
    data = tomllib.loads(handle.path.read_text("utf-8"))
    assert set(data) - OUR_KEYS == CONTRACT_KEYS
    assert data["format"] == 1
    assert data["workout"] == "8 x 400 m at 5K pace"
    assert data["source"] == "workouts/8x400.toml"
    assert data["workout_toml"] == WORKOUT_TOML
    assert data["started"] == STARTED
    assert data["ended"] == STARTED + timedelta(minutes=57, seconds=7.38)
    assert data["status"] == "completed"
    assert data["notes"] == record.notes
    run = data["segment"][1]
    assert set(run) - OUR_SEGMENT_KEYS == CONTRACT_SEGMENT_KEYS
    assert run == {
        "kind": "run",
        "step": 2,
        "set": 1,
        "rep": 1,
        "label": "400 m",
        "distance": 400.0,
        "target": [89.0, 91.0],
        "start": 601.0,
        "time": 89.733,
        "laps": [44.9, 44.833],
        "ended_by": "press",
    }
    assert data["segment"][0]["markers"] == [12.5]
    assert data["pause"] == [{"at": 30.5, "lasted": 1.25}, {"at": 640.0, "lasted": 3.0}]
    assert read_session(handle.path) == record


def test_coach_mode_keys_round_trip_and_reach_the_index(store: FileSessionStore) -> None:
    record = completed_record()
    record.athlete, record.group = "Ana", "2026-11-27T18-05-03_tuesday-squad"
    handle = store.create(record)
    assert store.flush(5)
    data = tomllib.loads(handle.path.read_text("utf-8"))
    assert (data["athlete"], data["group"]) == ("Ana", "2026-11-27T18-05-03_tuesday-squad")
    assert read_session(handle.path) == record
    [summary] = store.summaries()
    assert (summary.athlete, summary.group) == ("Ana", "2026-11-27T18-05-03_tuesday-squad")


@pytest.mark.parametrize("bad", ["", 7, "x" * 201, ["Ana"]])
def test_a_bad_athlete_is_refused_with_the_key_named(bad: object) -> None:
    data = tomllib.loads(dump_session(completed_record()).decode("utf-8"))
    data["athlete"] = bad
    with pytest.raises(SessionFormatError, match="'athlete' must be text"):
        SessionRecord.from_dict(data)


def test_in_progress_session_has_no_ended(store: FileSessionStore) -> None:
    handle = store.create(make_record())
    assert store.flush(5)
    data = tomllib.loads(handle.path.read_text("utf-8"))
    assert "ended" not in data
    assert data["status"] == "in_progress"


def test_contract_keys_are_the_documented_ones() -> None:
    text = FORMAT_DOC.read_text("utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    keys = re.findall(r"^([a-z_]+) =", block.group(1), re.M)
    top, _, seg = block.group(1).partition("[[segment]]")
    assert set(re.findall(r"^([a-z_]+) =", top, re.M)) | {"segment"} == CONTRACT_KEYS
    assert set(re.findall(r"^([a-z_]+) =", seg, re.M)) == CONTRACT_SEGMENT_KEYS
    assert len(keys) == len(CONTRACT_KEYS) - 1 + len(CONTRACT_SEGMENT_KEYS)


# --- names ------------------------------------------------------------------------------

NAME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}_[a-z0-9]+(-[a-z0-9]+)*(-\d+)?\.toml")


@settings(max_examples=300, deadline=None)
@given(name=st.text())
@example(name="../../etc/passwd")
@example(name="/")
@example(name="/abs/path")
@example(name="..")
@example(name=".")
@example(name="a\x00b")
@example(name="")
@example(name="   ")
@example(name="Ünïcødé Løp 🏃‍♀️")
@example(name="ＡＢＣ／..／")
@example(name="C:\\Windows\\system32")
@example(name="x" * 500)
def test_any_workout_name_stays_inside_the_sessions_dir(name: str) -> None:
    sessions = Path("/memory/sessions")
    filename = session_filename(STARTED, name)
    assert NAME_RE.fullmatch(filename), filename
    assert (sessions / filename).parent == sessions
    memory = MemorySessionStore(sessions)
    handle = memory.create(make_record(name))
    assert handle.path.parent == sessions
    assert NAME_RE.fullmatch(handle.path.name)


def test_hostile_name_writes_inside_the_folder(store: FileSessionStore, data_dir: Path) -> None:
    handle = store.create(make_record("../../../escape/\x00/..\\x"))
    assert store.flush(5)
    assert handle.path.parent == store.sessions_dir
    assert handle.path.exists()
    assert toml_files(data_dir) == ["sessions"]


def test_same_second_clash_gets_a_suffix(store: FileSessionStore) -> None:
    first = store.create(make_record())
    second = store.create(make_record())  # reserved in memory, before any write
    assert store.flush(5)
    stem = "2026-11-27T18-05-03_8-x-400-m-at-5k-pace"
    assert first.path.name == f"{stem}.toml"
    assert second.path.name == f"{stem}-2.toml"
    (store.sessions_dir / f"{stem}-3.toml").write_bytes(b"someone else's")
    third = store.create(make_record())
    assert third.path.name == f"{stem}-4.toml"
    assert store.flush(5)
    assert (store.sessions_dir / f"{stem}-3.toml").read_bytes() == b"someone else's"


def test_newest_first_puts_a_clash_suffix_after_its_original() -> None:
    names = [
        "2026-01-01T10-00-00_a.toml",
        "2026-01-01T10-00-00_a-2.toml",
        "2026-01-01T10-00-00_a-10.toml",
        "2026-01-02T09-00-00_b.toml",
    ]
    assert newest_first(names) == [
        "2026-01-02T09-00-00_b.toml",
        "2026-01-01T10-00-00_a-10.toml",
        "2026-01-01T10-00-00_a-2.toml",
        "2026-01-01T10-00-00_a.toml",
    ]


# --- atomic, ordered, off the caller's thread ------------------------------------------


def test_no_temporary_files_left(store: FileSessionStore) -> None:
    record = make_record()
    handle = store.create(record)
    for i in range(20):
        record.elapsed = float(i)
        store.save(handle, record)
    assert store.flush(5)
    assert toml_files(store.sessions_dir) == [handle.path.name]


def test_failure_before_rename_keeps_the_old_file(
    store: FileSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = make_record(reps=1)
    handle = store.create(record)
    assert store.flush(5)
    old = handle.path.read_bytes()

    def fail_replace(src: str, dst: str) -> None:
        raise EACCES

    monkeypatch.setattr(os, "replace", fail_replace)
    record.segments.append(make_record(reps=2).segments[-1])
    store.save(handle, record)
    assert not store.flush(5)
    assert handle.path.read_bytes() == old
    assert toml_files(store.sessions_dir) == [handle.path.name]  # the temp file was removed
    assert store.last_error is not None and "Permission denied" in store.last_error


@pytest.mark.realtime  # a writer slowed down on real time, racing the saves
def test_many_quick_saves_end_with_the_last_snapshot_in_order(
    store: FileSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = session_files.write_atomic
    written: list[int] = []

    def slow_write(path: Path, data: bytes) -> None:
        time.sleep(0.002)
        real_write(path, data)
        written.append(len(tomllib.loads(data.decode())["segment"]))

    monkeypatch.setattr(session_files, "write_atomic", slow_write)
    record = make_record(reps=0)
    handle = store.create(record)
    template = make_record(reps=1).segments[-1]
    for _ in range(300):
        record.segments.append(template)
        store.save(handle, record)
    assert store.flush(10)
    assert len(read_session(handle.path).segments) == 301
    assert written[-1] == 301
    assert written == sorted(set(written))  # never reversed, never repeated
    assert len(written) < 301  # queued snapshots were coalesced


def test_save_does_not_wait_for_the_disk_and_snapshots_at_once(
    store: FileSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = session_files.write_atomic
    real_create = session_files.create_exclusive
    gate = threading.Event()

    def gated_write(path: Path, data: bytes) -> None:
        gate.wait(10)
        real_write(path, data)

    def gated_create(path: Path, data: bytes) -> None:
        gate.wait(10)
        real_create(path, data)

    monkeypatch.setattr(session_files, "write_atomic", gated_write)
    monkeypatch.setattr(session_files, "create_exclusive", gated_create)
    record = make_record(reps=1)
    t0 = time.monotonic()
    handle = store.create(record)
    store.save(handle, record)
    assert time.monotonic() - t0 < 0.5
    assert not store.flush(timeout=0.05)  # still blocked on the "disk"
    record.segments.clear()  # mutation after save() must not reach the file
    record.notes = "changed"
    gate.set()
    assert store.flush(5)
    saved = read_session(handle.path)
    assert len(saved.segments) == 2
    assert saved.notes == ""


def test_writes_happen_on_one_background_thread(
    store: FileSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = session_files.write_atomic
    threads: set[int] = set()

    def spy(path: Path, data: bytes) -> None:
        threads.add(threading.get_ident())
        real_write(path, data)

    monkeypatch.setattr(session_files, "write_atomic", spy)
    record = make_record()
    handle = store.create(record)
    for _ in range(10):
        store.save(handle, record)
        store.flush(5)
    assert len(threads) == 1
    assert threading.get_ident() not in threads


def test_close_stops_the_thread_and_a_later_save_still_writes(store: FileSessionStore) -> None:
    record = make_record(reps=1)
    handle = store.create(record)
    writer = store._thread
    assert writer is not None and writer.is_alive()
    assert store.close(5)
    # this store's writer (other tests' stores in this process may still have theirs)
    assert not writer.is_alive() and store._thread is None
    record.notes = "after close"
    store.save(handle, record)
    assert store.close(5)
    assert read_session(handle.path).notes == "after close"


def test_flush_with_nothing_queued_is_immediate(store: FileSessionStore) -> None:
    assert store.flush(0)


# --- failing writes ---------------------------------------------------------------------


@pytest.mark.parametrize("error", [ENOSPC, EACCES], ids=["ENOSPC", "EACCES"])
def test_failed_write_is_reported_kept_and_retried(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    statuses: list[str | None] = []
    store = FileSessionStore(data_dir / "sessions", on_status=statuses.append)
    failing = True
    fail_writes(monkeypatch, error, lambda: failing)
    record = make_record(reps=1)
    handle = store.create(record)  # no exception
    record.segments.append(make_record(reps=2).segments[-1])
    store.save(handle, record)  # no exception
    assert not store.flush(5)
    assert not handle.path.exists()
    assert store.last_error == f"cannot save session: {error.strerror} ({handle.path})"
    # told once, not once per failure (from the writer thread, just after flush() woke)
    deadline = time.monotonic() + 5
    while not statuses and time.monotonic() < deadline:
        time.sleep(0.005)
    assert statuses == [store.last_error]

    failing = False
    store.save(handle, record)
    assert store.flush(5)
    assert store.last_error is None
    deadline = time.monotonic() + 5
    while statuses[-1] is not None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert statuses[-1] is None
    assert len(read_session(handle.path).segments) == 3
    store.close(5)


def test_next_save_of_another_session_retries_pending_data(
    store: FileSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = True
    fail_writes(monkeypatch, ENOSPC, lambda: failing)
    first = store.create(make_record("a"))
    assert not store.flush(5)
    failing = False
    second = store.create(make_record("b"))
    assert store.flush(5)
    assert read_session(first.path).workout == "a"
    assert read_session(second.path).workout == "b"


def test_failure_in_the_os_layer_is_caught(
    store: FileSessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(fd: int) -> None:
        raise ENOSPC

    monkeypatch.setattr(os, "fsync", no_space)
    handle = store.create(make_record())
    assert not store.flush(5)
    assert store.last_error is not None and "No space left on device" in store.last_error
    assert not handle.path.exists()
    assert toml_files(store.sessions_dir) == []
    monkeypatch.undo()
    store.save(handle, make_record())
    assert store.flush(5)
    assert store.last_error is None


def test_a_crashing_status_callback_does_not_stop_the_writer(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(status: str | None) -> None:
        raise RuntimeError("boom")

    store = FileSessionStore(data_dir / "sessions", on_status=explode)
    fail_writes(monkeypatch, ENOSPC, lambda: True)
    handle = store.create(make_record())
    assert not store.flush(5)
    monkeypatch.undo()
    store.save(handle, make_record())
    assert store.flush(5)
    store.close(5)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_real_read_only_directory(data_dir: Path) -> None:
    sessions = data_dir / "sessions"
    sessions.mkdir(parents=True)
    sessions.chmod(0o500)
    store = FileSessionStore(sessions)
    try:
        handle = store.create(make_record())
        assert not store.flush(5)
        assert store.last_error is not None and "Permission denied" in store.last_error
        sessions.chmod(0o700)
        store.save(handle, make_record())
        assert store.flush(5)
        assert handle.path.exists()
    finally:
        sessions.chmod(0o700)
        store.close(5)


@pytest.mark.e2e  # a real process, killed
def test_sigkill_right_after_flush_leaves_a_readable_file(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from datetime import datetime, timezone
        from pathlib import Path
        from trackapp.domain.session import SegmentRecord, SessionRecord
        from trackapp.storage.session_store import FileSessionStore

        store = FileSessionStore(Path(sys.argv[1]))
        record = SessionRecord(workout="kill me", source="x.toml", workout_toml="",
                               started=datetime.now(timezone.utc))
        handle = store.create(record)
        for rep in range(1, 6):
            record.segments.append(SegmentRecord(kind="run", step=1, set=1, rep=rep,
                                                 label="400 m", start=rep * 100.0,
                                                 time=80.0 + rep / 1000, ended_by="press"))
            store.save(handle, record)
        assert store.flush(10)
        print(handle.path, flush=True)
        print("saved", flush=True)
        time.sleep(60)
        """
    )
    sessions = tmp_path / "sessions"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(sessions)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        path = Path(proc.stdout.readline().strip())
        assert proc.stdout.readline().strip() == "saved"
        proc.kill()  # SIGKILL
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    record = read_session(path)
    assert [s.time for s in record.segments] == [80.001, 80.002, 80.003, 80.004, 80.005]
    assert toml_files(sessions) == [path.name]
    # the dead process's lock is gone with it: the session can be resumed, and the
    # sidecar it left is tidied at the next start
    store = FileSessionStore(sessions)
    assert not store.is_running(path)
    assert [p for p, _ in store.find_in_progress("kill me")] == [path]
    assert store.tidy() == [sessions / f".{path.name}.lock"]
    assert sorted(p.name for p in sessions.iterdir()) == [path.name]


# --- resume and listing -----------------------------------------------------------------


def write_file(sessions: Path, name: str, data: bytes) -> Path:
    sessions.mkdir(parents=True, exist_ok=True)
    path = sessions / name
    path.write_bytes(data)
    return path


def test_find_in_progress(store: FileSessionStore) -> None:
    d = store.sessions_dir
    name = "8 x 400"
    older = store.create(make_record(name, started=STARTED))
    newer = store.create(make_record(name, started=STARTED + timedelta(days=1)))
    store.create(make_record(name, started=STARTED + timedelta(days=2), status="completed"))
    store.create(make_record("8 X 400", started=STARTED + timedelta(days=3)))  # same slug
    store.create(make_record("8 x 400 m", started=STARTED + timedelta(days=4)))
    assert store.flush(5)
    write_file(d, "2026-12-31T00-00-00_8-x-400.toml", b"not = [toml")
    assert store.find_in_progress(name) == []  # all still running here: nothing to resume
    for handle in (older, newer):
        store.release(handle)

    found = store.find_in_progress(name)
    assert [p for p, _ in found] == [newer.path, older.path]
    assert all(r.status == "in_progress" and r.workout == name for _, r in found)
    assert store.find_in_progress("nothing like it") == []


def test_find_in_progress_without_a_folder(tmp_path: Path) -> None:
    assert FileSessionStore(tmp_path / "nope").find_in_progress("x") == []
    assert FileSessionStore(tmp_path / "nope").list_sessions() == []


def test_mark_stopped(store: FileSessionStore) -> None:
    record = make_record(reps=2)
    record.segments[-1].ended_by = None  # was running when the laptop died
    handle = store.create(record)
    assert store.flush(5)
    store.release(handle)
    [(path, found)] = store.find_in_progress(record.workout)

    stopped = store.mark_stopped(path, found)
    assert store.flush(5)
    on_disk = read_session(handle.path)
    assert on_disk == stopped
    assert on_disk.status == "stopped"
    assert on_disk.ended == STARTED + timedelta(seconds=120.5 + 4.25)
    assert on_disk.segments[-1].ended_by == "stop"
    assert on_disk.segments[0].ended_by == "timer"
    assert found.status == "in_progress"  # the caller's record is not changed
    assert store.find_in_progress(record.workout) == []


def test_reopen_continues_the_same_file(store: FileSessionStore) -> None:
    record = make_record(reps=1)
    handle = store.create(record)
    assert store.flush(5)
    store.release(handle)
    [(path, found)] = store.find_in_progress(record.workout)
    again = store.reopen(path)
    assert again.path == handle.path and again.claimed
    assert store.is_running(path)
    found.segments.append(make_record(reps=2).segments[-1])
    store.save(again, found)
    assert store.flush(5)
    assert len(read_session(handle.path).segments) == 3
    with pytest.raises(ValueError):
        store.reopen(store.sessions_dir.parent / "elsewhere.toml")


def test_list_sessions_with_unreadable_files(store: FileSessionStore) -> None:
    d = store.sessions_dir
    good_old = store.create(make_record("old", started=STARTED))
    good_new = store.create(make_record("new", started=STARTED + timedelta(days=5)))
    assert store.flush(5)
    bad_toml = write_file(d, "2026-11-28T00-00-00_bad.toml", b'format = 1\nworkout = "x\n')
    missing = write_file(d, "2026-11-29T00-00-00_missing.toml", b"format = 1\n")
    future = write_file(
        d,
        "2026-11-30T00-00-00_future.toml",
        dump_session(make_record()).replace(b"format = 1", b"format = 2"),
    )
    latin1 = write_file(
        d, "2026-12-01T00-00-00_latin.toml", 'notes = "caf\u00e9"'.encode("latin-1")
    )
    write_file(d, ".hidden.toml", b"")
    write_file(d, f".{good_old.path.name}.abc123.tmp", b"half")
    write_file(d, "export.csv", b"a,b")
    (d / "sub.toml").mkdir()

    entries = store.list_sessions()
    assert [e.path for e in entries] == [
        d / "sub.toml",
        good_new.path,
        latin1,
        future,
        missing,
        bad_toml,
        good_old.path,
    ]
    by_path = {e.path: e for e in entries}
    assert by_path[good_new.path].record is not None
    assert by_path[good_new.path].error is None
    assert by_path[good_old.path].record is not None
    assert by_path[bad_toml].record is None
    assert "not valid TOML" in (by_path[bad_toml].error or "")
    assert "missing key" in (by_path[missing].error or "")
    assert "format 2 is newer" in (by_path[future].error or "")
    assert by_path[latin1].error == "not UTF-8 text"
    assert by_path[d / "sub.toml"].error == "not a session file: a folder"


# --- trash ------------------------------------------------------------------------------


def test_move_to_trash(store: FileSessionStore, data_dir: Path) -> None:
    handle = store.create(make_record())
    assert store.flush(5)
    content = handle.path.read_bytes()
    with pytest.raises(SessionBusy, match="running in another window"):
        store.move_to_trash(handle.path)  # still running
    store.release(handle)

    dest = store.move_to_trash(handle.path)
    assert dest == data_dir / "trash" / handle.path.name
    assert dest.read_bytes() == content
    assert not handle.path.exists()
    assert store.list_sessions() == []

    again = store.create(make_record())
    assert again.path == handle.path  # the name is free again
    assert store.flush(5)
    store.release(again)
    second = store.move_to_trash(again.path)
    assert second.name == handle.path.name.replace(".toml", "-2.toml")
    assert dest.read_bytes() == content  # the first trashed file is untouched


def test_move_to_trash_refuses_paths_outside(store: FileSessionStore, tmp_path: Path) -> None:
    outside = tmp_path / "precious.toml"
    outside.write_text("x")
    with pytest.raises(ValueError):
        store.move_to_trash(outside)
    with pytest.raises(ValueError):
        store.move_to_trash(store.sessions_dir / ".." / "precious.toml")
    assert outside.read_text() == "x"


# --- the in-memory double ---------------------------------------------------------------


def test_memory_store_logs_writes_and_fails_on_request() -> None:
    statuses: list[str | None] = []
    memory = MemorySessionStore(on_status=statuses.append)
    record = make_record(reps=0)
    handle = memory.create(record)
    template = make_record(reps=1).segments[-1]
    record.segments.append(template)
    memory.save(handle, record)
    assert [len(r.segments) for r in memory.records_written(handle.path)] == [1, 2]

    memory.fail_with = ENOSPC
    record.segments.append(template)
    memory.save(handle, record)
    assert memory.last_error == f"cannot save session: No space left on device ({handle.path})"
    assert not memory.flush()
    assert len(memory.record(handle.path).segments) == 2

    memory.fail_with = None
    record.segments.append(template)
    memory.save(handle, record)
    assert memory.last_error is None
    assert (
        statuses
        == memory.statuses
        == [
            f"cannot save session: No space left on device ({handle.path})",
            None,
        ]
    )
    assert [len(r.segments) for r in memory.records_written(handle.path)] == [1, 2, 4]


def test_memory_store_lists_resumes_and_trashes() -> None:
    memory: SessionStore = MemorySessionStore()
    a = memory.create(make_record("8 x 400"))
    b = memory.create(make_record("8 x 400"))
    assert isinstance(memory, MemorySessionStore)
    memory.files[memory.sessions_dir / "2030-01-01T00-00-00_8-x-400.toml"] = b"\xff"
    assert [e.path for e in memory.list_sessions()][1:] == [b.path, a.path]
    assert memory.find_in_progress("8 x 400") == []  # both still running
    memory.release(a)
    memory.release(b)
    assert [p for p, _ in memory.find_in_progress("8 x 400")] == [b.path, a.path]
    stopped = memory.mark_stopped(a.path, memory.record(a.path))
    assert memory.record(a.path) == stopped
    dest = memory.move_to_trash(b.path)
    assert dest.parent == memory.trash_dir
    assert [p for p, _ in memory.find_in_progress("8 x 400")] == []


def test_file_text_has_the_contract_forms() -> None:
    """Times of day as `2026-11-27T18:05:03.120+01:00` and segments as `[[segment]]`
    tables, as SESSION_FORMAT.md shows them, even for tiny segments and a workout text
    that itself holds a line like `started = ...`."""
    import re
    from datetime import datetime, timedelta, timezone

    from trackapp.domain.session import SegmentRecord, SessionRecord
    from trackapp.storage.session_files import dump_session, parse_session

    tz = timezone(timedelta(hours=1))
    record = SessionRecord(
        workout="w",
        source="w.toml",
        workout_toml='name = "w"\nstarted = 5\n',
        started=datetime(2026, 11, 27, 18, 5, 3, 120456, tzinfo=tz),
        ended=datetime(2026, 11, 27, 19, 2, 10, 500000, tzinfo=tz),
        status="completed",
        segments=[SegmentRecord("warmup", 1, 1, 1, "Warm-up", 0, 1)],
    )
    text = dump_session(record).decode()
    assert re.search(r"^started = 2026-11-27T18:05:03\.120\+01:00$", text, re.MULTILINE)
    assert re.search(r"^ended = 2026-11-27T19:02:10\.500\+01:00$", text, re.MULTILINE)
    assert "\n[[segment]]\n" in text and "start = 0.0\n" in text
    back = parse_session(text.encode())
    assert back.workout_toml == record.workout_toml
    assert back.started == datetime(2026, 11, 27, 18, 5, 3, 120000, tzinfo=tz)
