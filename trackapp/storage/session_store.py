"""Crash-safe session storage: one file per session, rewritten off the caller's thread.

The app only sees the `SessionStore` protocol. `FileSessionStore` is the real
one: `save()` snapshots the record to bytes at once and a single background
thread writes each file atomically, in order, so a split never waits for the
disk. `MemorySessionStore` is the double for app tests: same rules, no disk,
writes done at once and logged.

A write that fails never raises to the caller: the bytes stay queued, the
reason is in `last_error` and goes to `on_status`, and the next `save()` (or
`flush()`) tries again, so a session is never silently lost.

Every operation on a session file goes through a store: create (exclusively, so two
windows started in the same second get two files), save, resume, list (with the
review index), notes and effort, delete to trash. A running session holds an advisory
lock (see `session_lock`); a locked session is never offered for resume, annotated or
deleted, and `tidy()` removes what a kill left behind.

`on_status` is called from the writer thread (the memory store calls it on the
caller's thread). The app must hand it to its event loop without blocking, e.g.
`lambda text: app.post_message(SaveStatus(text))`: Textual's `post_message` is
thread-safe from either thread, whereas `call_from_thread` blocks the writer
until the loop runs it and raises when called on the app's own thread.
"""

from __future__ import annotations

import atexit
import copy
import functools
import logging
import os
import re
import shutil
import stat
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.storage import session_files, session_lock
from trackapp.storage.session_files import dump_session, parse_session, session_filename, slugify
from trackapp.storage.session_lock import SessionLock

# The review index (session_index) is imported where it is used: a run opens the store,
# and its first frame needs no list of sessions (start-up time).
if TYPE_CHECKING:
    from trackapp.storage.session_index import Progress, SessionSummary

log = logging.getLogger(__name__)

StatusCallback = Callable[[str | None], None]

EXIT_FLUSH_SECONDS = 10.0
EFFORT_RANGE = range(1, 11)
_STAMP = r"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}"


class SessionHandle:
    """The file one running session is saved to.

    Until its first write lands, `path` is a tentative name: when another window took
    that name meanwhile, the store moves it on (`-2`, `-3`), and `relocate` may move it
    to another folder. Handles compare by identity: two handles are two sessions.
    """

    __slots__ = ("base", "claimed", "path")

    def __init__(self, path: Path, claimed: bool = True, base: str | None = None) -> None:
        self.path = path
        self.claimed = claimed  # the file is ours on disk (created, or reopened)
        self.base = base or path.name  # the name before any `-2`: where the series starts

    def __repr__(self) -> str:
        return f"SessionHandle({self.path!s}, claimed={self.claimed})"


class SessionBusy(Exception):
    """The session is running in another window: it may not be resumed, edited or deleted."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} is running in another window")
        self.path = path


@dataclass(frozen=True, slots=True)
class SessionEntry:
    """One file in the sessions folder; `error` says why `record` is None."""

    path: Path
    record: SessionRecord | None
    error: str | None


class SessionStore(Protocol):
    """What the app needs from session storage; see the module docstring for the rules."""

    on_status: StatusCallback | None  # set by the app once its loop runs

    @property
    def sessions_dir(self) -> Path: ...

    @property
    def last_error(self) -> str | None: ...

    def create(self, record: SessionRecord) -> SessionHandle: ...

    def reopen(self, path: Path) -> SessionHandle: ...

    def save(self, handle: SessionHandle, record: SessionRecord) -> None: ...

    def flush(self, timeout: float | None = None) -> bool: ...

    def close(self, timeout: float | None = None) -> bool: ...

    def release(self, handle: SessionHandle) -> None: ...

    def relocate(self, handle: SessionHandle, folder: Path) -> Path: ...

    def unsaved(self, handle: SessionHandle) -> bool: ...

    def last_written(self, handle: SessionHandle) -> bytes | None: ...

    def tidy(self) -> list[Path]: ...

    def is_running(self, path: Path) -> bool: ...

    def read(self, path: Path) -> SessionRecord: ...

    def annotate(self, path: Path, notes: str, effort: int | None) -> SessionRecord: ...

    def summaries(self, progress: Progress | None = None) -> list[SessionSummary]: ...

    def find_in_progress(
        self, workout_name: str, grouped: bool = False
    ) -> list[tuple[Path, SessionRecord]]: ...

    def mark_stopped(self, path: Path, record: SessionRecord) -> SessionRecord: ...

    def list_sessions(self) -> list[SessionEntry]: ...

    def move_to_trash(self, path: Path) -> Path: ...


# --- pure helpers shared by both stores ------------------------------------------------


def unique_name(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, else `<stem>-2.toml`, `<stem>-3.toml`…: the first name not taken."""
    if not taken(base):
        return base
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    n = 2
    while True:
        candidate = f"{stem}-{n}.{ext}" if dot else f"{stem}-{n}"
        if not taken(candidate):
            return candidate
        n += 1


def stopped_record(record: SessionRecord) -> SessionRecord:
    """A copy of an abandoned session closed as `stopped`.

    `ended` becomes `started + elapsed + paused`: `elapsed` and `paused` are as
    of the last save, so that is the wall time of the last saved event. It does
    not depend on file times, which copying or syncing the file would change.
    A segment still running when the session was abandoned is `ended_by = "stop"`.
    """
    out = copy.deepcopy(record)
    out.status = "stopped"
    if out.ended is None:
        gap = max(0.0, record.elapsed) + max(0.0, record.paused)
        out.ended = record.started + timedelta(seconds=gap)
    for segment in out.segments:
        if segment.ended_by is None:
            segment.ended_by = "stop"
    return out


def is_session_name(name: str) -> bool:
    """Session files are `*.toml`; dot-files (atomic writes' temporaries) are not."""
    return name.endswith(".toml") and not name.startswith(".")


def newest_first(names: Iterable[str]) -> list[str]:
    """Sort by file name, newest first; `x-2.toml` (a same-second clash) is newer than `x.toml`."""

    def key(name: str) -> list[str | int]:
        stem = name.removesuffix(".toml")
        return [int(p) if i % 2 else p for i, p in enumerate(re.split(r"(\d+)", stem))]

    return sorted(names, key=key, reverse=True)


def workout_name_pattern(workout_name: str, grouped: bool = False) -> re.Pattern[str]:
    """File names a session of this workout can have (a cheap filter before reading);
    `grouped`: an athlete's session of a group run (`<stamp>_<workout>-<athlete>.toml`)."""
    tail = r"(-[a-z0-9-]+)?" if grouped else r"(-\d+)?"
    return re.compile(rf"{_STAMP}_{re.escape(slugify(workout_name))}{tail}\.toml")


def file_title(record: SessionRecord) -> str:
    """What a session's file is named after: the workout, and in coach mode the athlete."""
    if record.athlete is None:
        return record.workout
    return f"{record.workout} {record.athlete}"


def resumable(record: SessionRecord | None, workout_name: str, grouped: bool) -> bool:
    """An unfinished session of this workout: a solo one, or with `grouped` an athlete's."""
    return (
        record is not None
        and record.workout == workout_name
        and record.status == "in_progress"
        and (record.group is not None) == grouped
    )


def describe_write_error(err: BaseException, path: Path) -> str:
    """Human text for the warning line: `cannot save session: <reason> (<path>)`."""
    if isinstance(err, FileExistsError | NotADirectoryError):
        blocker = next((p for p in (path.parent, *path.parent.parents) if _is_non_dir(p)), None)
        if blocker is not None:
            return f"cannot save session: {blocker} is a file, not a folder"
    if isinstance(err, OSError):
        reason = err.strerror or str(err) or type(err).__name__
    else:
        reason = f"{type(err).__name__}: {err}"
    return f"cannot save session: {reason} ({path})"


def annotated(record: SessionRecord, notes: str, effort: int | None) -> SessionRecord:
    """A copy with the runner's notes and effort (1-10, or None to clear)."""
    if effort is not None and effort not in EFFORT_RANGE:
        raise ValueError("effort is a whole number from 1 to 10")
    out = copy.deepcopy(record)
    out.notes = notes
    out.effort = effort
    return out


def next_free_name(base: str, current: str, taken: Callable[[str], bool]) -> str:
    """The first name of `base`'s `-2`, `-3` series that is neither `current` nor taken."""
    return unique_name(base, lambda n: n == current or taken(n))


def not_a_file_reason(mode: int) -> str:
    """Why a directory entry named like a session is not one."""
    if stat.S_ISDIR(mode):
        return "not a session file: a folder"
    if stat.S_ISFIFO(mode):
        return "not a session file: a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "not a session file: a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a session file: a device"
    return "not a session file: not a regular file"


def _entry(path: Path, load: Callable[[], SessionRecord]) -> SessionEntry:
    try:
        return SessionEntry(path, load(), None)
    except SessionFormatError as err:
        return SessionEntry(path, None, str(err))
    except Exception as err:  # a bad file must never break the list
        return SessionEntry(path, None, f"cannot read: {type(err).__name__}: {err}")


def _safe_child(directory: Path, name: str) -> Path:
    """`directory / name`, refusing anything that is not a plain file name."""
    if name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise ValueError(f"not a plain file name: {name!r}")
    return directory / name


def _check_inside(directory: Path, path: Path) -> Path:
    """The session path, if it is directly inside the sessions folder."""
    path = Path(path)
    if os.path.realpath(path.parent) != os.path.realpath(directory):
        raise ValueError(f"{path} is not in the sessions folder {directory}")
    return _safe_child(directory, path.name)


def _is_non_dir(path: Path) -> bool:
    """Something that is there but is not a folder (a file where a folder should be)."""
    return os.path.lexists(path) and not os.path.isdir(path)


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


# --- the real store --------------------------------------------------------------------


class FileSessionStore:
    """Session files in one folder, written by one background thread per store.

    `save()` returns at once; `flush()` waits for the disk; `close()` flushes
    and stops the thread (a later `save()` starts it again). If the app forgets
    `close()`, an exit hook flushes for up to EXIT_FLUSH_SECONDS.
    """

    def __init__(self, sessions_dir: Path, on_status: StatusCallback | None = None) -> None:
        self._dir = Path(sessions_dir)
        self.on_status = on_status
        self._cond = threading.Condition()
        self._pending: dict[SessionHandle, bytes] = {}  # latest bytes per session, oldest first
        self._written: dict[SessionHandle, bytes] = {}  # what is on disk, per session
        self._handles: list[SessionHandle] = []  # handed out and not released
        self._locks: dict[SessionHandle, SessionLock] = {}
        self._kicked = 0  # passes asked for (each save and flush asks for one)
        self._done = 0  # last pass finished
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._last_error: str | None = None
        self._reported: str | None = None  # last status given to on_status (writer thread only)
        self._exit_hook: Callable[[], None] | None = None

    @property
    def sessions_dir(self) -> Path:
        return self._dir

    @property
    def trash_dir(self) -> Path:
        return self._dir.parent / "trash"

    @property
    def index_path(self) -> Path:
        from trackapp.storage.session_index import INDEX_NAME

        return self._dir.parent / INDEX_NAME

    @property
    def last_error(self) -> str | None:
        with self._cond:
            return self._last_error

    # writing

    def _taken(self, folder: Path, name: str) -> bool:
        """A name in use: on disk, handed out here, or held by a window (lock)."""
        path = folder / name
        return (
            any(h.path == path for h in self._handles)
            or _exists(path)
            or session_lock.is_locked(path)
        )

    def create(self, record: SessionRecord) -> SessionHandle:
        """Pick a new file name for this session and queue its first write.

        The file is created exclusively by the writer, under the session's lock: if
        another window took the name in the meantime, the handle moves on to `-2`.
        """
        base = session_filename(record.started, file_title(record))
        with self._cond:
            name = unique_name(base, lambda n: self._taken(self._dir, n))
            handle = SessionHandle(_safe_child(self._dir, name), claimed=False, base=base)
            self._handles.append(handle)
        self.save(handle, record)
        return handle

    def reopen(self, path: Path) -> SessionHandle:
        """A handle to keep saving an existing session (resume); takes its lock.

        Raises SessionBusy when it is running in another window.
        """
        path = _check_inside(self._dir, path)
        try:
            lock = SessionLock.acquire(path)
        except OSError:
            lock = None  # a read-only folder: resume anyway, saving will say what fails
        else:
            if lock is None:
                raise SessionBusy(path)
        handle = SessionHandle(path, claimed=True)
        with self._cond:
            self._handles.append(handle)
            if lock is not None:
                self._locks[handle] = lock
        return handle

    def save(self, handle: SessionHandle, record: SessionRecord) -> None:
        """Snapshot the record now; the writer thread puts it on disk soon, in order."""
        data = dump_session(record)
        with self._cond:
            self._pending.pop(handle, None)  # re-insert: keeps saves in their order
            self._pending[handle] = data
            self._kick()

    def unsaved(self, handle: SessionHandle) -> bool:
        """True while this session has bytes that are not on disk yet."""
        with self._cond:
            return handle in self._pending

    def last_written(self, handle: SessionHandle) -> bytes | None:
        """The bytes last put on disk for this session (None: nothing yet)."""
        with self._cond:
            return self._written.get(handle)

    def relocate(self, handle: SessionHandle, folder: Path) -> Path:
        """Save this session in another folder from now on (the sessions folder fails).

        Returns the new path; the write is queued (call `flush` to wait for it).
        """
        folder = Path(folder)
        with self._cond:
            name = unique_name(handle.path.name, lambda n: self._taken(folder, n))
            lock = self._locks.pop(handle, None)
            if lock is not None:
                lock.release()
            handle.path = _safe_child(folder, name)
            handle.claimed = False
            data = self._pending.pop(handle, None) or self._written.get(handle)
            if data is not None:
                self._pending[handle] = data
            self._written.pop(handle, None)
            self._kick()
            return handle.path

    def release(self, handle: SessionHandle) -> None:
        """The session is over here: let other windows open it.

        Kept while its last write is still failing: the bytes and the lock stay until
        they land (or the process ends, which lets the lock go).
        """
        with self._cond:
            if handle in self._pending:
                return
            lock = self._locks.pop(handle, None)
            if handle in self._handles:
                self._handles.remove(handle)
        if lock is not None:
            lock.release()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait for everything queued so far; True when all of it is on disk.

        False when a write failed (see `last_error`) or the timeout ran out.
        Data that failed before is tried once more.
        """
        with self._cond:
            if not self._pending and self._done == self._kicked:
                return True
            target = self._kick()
            finished = self._cond.wait_for(lambda: self._done >= target, timeout)
            return finished and not self._pending

    def close(self, timeout: float | None = None) -> bool:
        """Flush, then stop the writer thread and let go of every lock."""
        ok = self.flush(timeout)
        with self._cond:
            thread = self._thread
            self._stopping = True
            self._cond.notify_all()
            locks = [lock for h, lock in self._locks.items() if h not in self._pending]
            self._locks = {h: lock for h, lock in self._locks.items() if h in self._pending}
        for lock in locks:
            lock.release()
        if thread is not None:
            thread.join(timeout)
        return ok

    def _kick(self) -> int:
        """Ask the writer for one more pass (lock held); returns that pass's number."""
        self._kicked += 1
        if self._thread is None:
            self._stopping = False
            self._thread = threading.Thread(
                target=self._run, name="trackapp-session-writer", daemon=True
            )
            self._thread.start()
            if self._exit_hook is None:
                self._exit_hook = lambda: self._flush_at_exit()
                atexit.register(self._exit_hook)
        self._cond.notify_all()
        return self._kicked

    def _flush_at_exit(self) -> None:
        self.flush(EXIT_FLUSH_SECONDS)

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._done == self._kicked and not self._stopping:
                    self._cond.wait()
                if self._done == self._kicked:  # stopping, nothing left to do
                    self._thread = None
                    if self._exit_hook is not None:
                        atexit.unregister(self._exit_hook)
                        self._exit_hook = None
                    return
                generation = self._kicked
                batch = list(self._pending.items())
            errors: list[str] = []
            for handle, data in batch:
                error = self._write_one(handle, data)
                with self._cond:
                    if error is not None:
                        errors.append(error)
                    else:
                        self._written[handle] = data
                        if self._pending.get(handle) is data:  # not replaced meanwhile
                            del self._pending[handle]
            with self._cond:
                self._last_error = errors[0] if errors else None
                self._done = generation
                self._cond.notify_all()  # wake flush() before telling the app anything
                status = self._last_error
            self._report(status)

    def _write_one(self, handle: SessionHandle, data: bytes) -> str | None:
        """Put one session's bytes on disk (writer thread); the error text, or None."""
        path = handle.path
        try:
            if handle.claimed:
                session_files.write_atomic(path, data)
            else:
                self._claim(handle, data)
        except Exception as err:  # the writer thread must survive anything
            return describe_write_error(err, path)
        return None

    def _claim(self, handle: SessionHandle, data: bytes) -> None:
        """Lock a new session's name and create its file exclusively; on a clash, move on."""
        for _ in range(10_000):
            path = handle.path
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = SessionLock.acquire(path)
            if lock is not None:
                try:
                    session_files.create_exclusive(path, data)
                except FileExistsError:
                    lock.release()
                except BaseException:
                    lock.release()
                    raise
                else:
                    with self._cond:
                        if handle.path == path:
                            handle.claimed = True
                            if handle in self._handles:
                                self._locks[handle] = lock
                                return
                    lock.release()  # released or relocated meanwhile
                    return
            with self._cond:
                if handle.path != path:  # relocated meanwhile: try the new place
                    continue
                folder = path.parent
                handle.path = folder / next_free_name(
                    handle.base, path.name, functools.partial(self._taken, folder)
                )
        raise OSError(f"no free file name for {handle.path.name}")

    def _report(self, status: str | None) -> None:
        if status == self._reported:
            return
        self._reported = status
        if status is not None:
            log.warning("%s", status)
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:
                log.exception("session store status callback failed")

    # reading and tidying

    def tidy(self) -> list[Path]:
        """Remove temporaries and lock files that a kill left behind; returns them."""
        return session_lock.remove_stale(self._dir)

    def is_running(self, path: Path) -> bool:
        """Running in some window (this one included)."""
        return session_lock.is_locked(Path(path))

    def read(self, path: Path) -> SessionRecord:
        """One session; raises SessionFormatError with the reason when it is unreadable."""
        return session_files.read_session(Path(path))

    def annotate(self, path: Path, notes: str, effort: int | None) -> SessionRecord:
        """Set notes and effort in a finished session's file; returns the record written.

        Written by the same `dump_session` as every save, under the session's lock.
        Raises SessionBusy (running in another window), SessionFormatError, ValueError
        (effort out of range) or OSError.
        """
        path = Path(path)
        lock = SessionLock.acquire(path)
        if lock is None:
            raise SessionBusy(path)
        try:
            record = annotated(self.read(path), notes, effort)
            session_files.write_atomic(path, dump_session(record))
        finally:
            lock.release()
        return record

    def summaries(self, progress: Progress | None = None) -> list[SessionSummary]:
        """Every session's summary, newest first, through the review index."""
        from trackapp.storage.session_index import list_sessions

        return list_sessions(self._dir, self.index_path, progress)

    def list_sessions(self) -> list[SessionEntry]:
        """Every session file, newest first; unreadable ones carry the reason.

        An entry named like a session that is not a regular file (a folder, a FIFO, a
        symlink loop) is listed with the reason, never opened. A missing folder is an
        empty list; a folder that cannot be listed raises OSError.
        """
        try:
            with os.scandir(self._dir) as it:
                entries = [(e.name, _not_a_file(e)) for e in it if is_session_name(e.name)]
        except FileNotFoundError:
            return []
        reasons = dict(entries)
        out: list[SessionEntry] = []
        for name in newest_first(reasons):
            path = self._dir / name
            reason = reasons[name]
            if reason is not None:
                out.append(SessionEntry(path, None, reason))
            else:
                out.append(_entry(path, functools.partial(session_files.read_session, path)))
        return out

    def find_in_progress(
        self, workout_name: str, grouped: bool = False
    ) -> list[tuple[Path, SessionRecord]]:
        """Sessions of this workout still `in_progress`, newest first (the resume offer);
        solo ones, or with `grouped` the athletes' of group runs (coach mode).

        One running in a window (locked) is not offered. Unreadable files and an
        unreadable folder are skipped: no offer, no error.
        """
        pattern = workout_name_pattern(workout_name, grouped)
        try:
            names = [n for n in os.listdir(self._dir) if pattern.fullmatch(n)]
        except OSError:
            return []
        found: list[tuple[Path, SessionRecord]] = []
        for name in newest_first(names):
            path = self._dir / name
            if not _is_regular(path) or session_lock.is_locked(path):
                continue
            try:
                record = session_files.read_unfinished_session(path)
            except Exception:  # unreadable: never offered, never an error
                continue
            if record is not None and resumable(record, workout_name, grouped):
                found.append((path, record))
        return found

    def mark_stopped(self, path: Path, record: SessionRecord) -> SessionRecord:
        """Close an abandoned session as `stopped` (see `stopped_record`); queued like a save.

        Raises SessionBusy when it is running in another window.
        """
        path = _check_inside(self._dir, path)
        if session_lock.is_locked(path):
            raise SessionBusy(path)
        stopped = stopped_record(record)
        self.save(SessionHandle(path, claimed=True), stopped)
        return stopped

    def move_to_trash(self, path: Path) -> Path:
        """Move a session into `trash/` beside `sessions/`; never deletes. Raises OSError.

        Raises SessionBusy when it is running in a window.
        """
        path = _check_inside(self._dir, path)
        self.flush()  # a queued write must not recreate the file after the move
        lock = SessionLock.acquire(path)
        if lock is None:
            raise SessionBusy(path)
        try:
            trash = self.trash_dir
            trash.mkdir(parents=True, exist_ok=True)
            dest = trash / unique_name(path.name, lambda n: _exists(trash / n))
            shutil.move(os.fspath(path), os.fspath(dest))
        finally:
            lock.release()
        return dest


def _not_a_file(entry: os.DirEntry[str]) -> str | None:
    """None for a regular file (or a link to one), else why it is no session."""
    try:
        return None if entry.is_file() else not_a_file_reason(entry.stat().st_mode)
    except OSError as err:  # a symlink loop, a dangling link
        return f"not a session file: {err.strerror or err}"


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# --- the test double -------------------------------------------------------------------


class MemorySessionStore:
    """Sessions kept in memory for app tests: same rules as the file store, no thread.

    Writes happen inside `save()`; `writes` logs every successful one in order.
    Set `fail_with` to an OSError to make writes fail (data is kept and retried
    on the next save), back to None to let them through. `files` may be seeded
    with any bytes to test unreadable sessions; `running` holds the paths that
    "another window" is running (locked), and the store's own live sessions count too.
    """

    def __init__(
        self,
        sessions_dir: Path = Path("/memory/sessions"),
        on_status: StatusCallback | None = None,
    ) -> None:
        self._dir = Path(sessions_dir)
        self.on_status = on_status
        self.files: dict[Path, bytes] = {}
        self.trash: dict[Path, bytes] = {}
        self.writes: list[tuple[Path, bytes]] = []
        self.fail_with: OSError | None = None
        self.statuses: list[str | None] = []  # every status change, as on_status saw it
        self.running: set[Path] = set()  # locked by "another window"
        self.closed = False
        self._pending: dict[SessionHandle, bytes] = {}
        self._written: dict[SessionHandle, bytes] = {}
        self._live: list[SessionHandle] = []  # handed out and not released
        self._last_error: str | None = None

    @property
    def sessions_dir(self) -> Path:
        return self._dir

    @property
    def trash_dir(self) -> Path:
        return self._dir.parent / "trash"

    @property
    def last_error(self) -> str | None:
        return self._last_error

    def records_written(self, path: Path) -> list[SessionRecord]:
        """Every snapshot written to one file, oldest first."""
        return [parse_session(data) for p, data in self.writes if p == path]

    def record(self, path: Path) -> SessionRecord:
        """What the file holds now."""
        return self._parse(path)

    def _parse(self, path: Path) -> SessionRecord:
        return parse_session(self.files[path])

    def _taken(self, folder: Path, name: str) -> bool:
        path = folder / name
        return path in self.files or path in self.running or any(h.path == path for h in self._live)

    def create(self, record: SessionRecord) -> SessionHandle:
        base = session_filename(record.started, file_title(record))
        name = unique_name(base, lambda n: self._taken(self._dir, n))
        handle = SessionHandle(_safe_child(self._dir, name), claimed=False, base=base)
        self._live.append(handle)
        self.save(handle, record)
        return handle

    def reopen(self, path: Path) -> SessionHandle:
        path = _check_inside(self._dir, path)
        if self.is_running(path):
            raise SessionBusy(path)
        handle = SessionHandle(path, claimed=True)
        self._live.append(handle)
        return handle

    def save(self, handle: SessionHandle, record: SessionRecord) -> None:
        self._pending.pop(handle, None)
        self._pending[handle] = dump_session(record)
        self._write_pending()

    def unsaved(self, handle: SessionHandle) -> bool:
        return handle in self._pending

    def last_written(self, handle: SessionHandle) -> bytes | None:
        return self._written.get(handle)

    def relocate(self, handle: SessionHandle, folder: Path) -> Path:
        folder = Path(folder)
        name = unique_name(handle.path.name, lambda n: self._taken(folder, n))
        handle.path = _safe_child(folder, name)
        handle.claimed = False
        data = self._pending.pop(handle, None) or self._written.pop(handle, None)
        if data is not None:
            self._pending[handle] = data
            self._write_pending()
        return handle.path

    def release(self, handle: SessionHandle) -> None:
        if handle not in self._pending and handle in self._live:
            self._live.remove(handle)

    def flush(self, timeout: float | None = None) -> bool:
        if self._pending:
            self._write_pending()
        return not self._pending

    def close(self, timeout: float | None = None) -> bool:
        self.closed = True
        return self.flush(timeout)

    def _write_pending(self) -> None:
        errors: list[str] = []
        for handle, data in list(self._pending.items()):
            if self.fail_with is not None:
                errors.append(describe_write_error(self.fail_with, handle.path))
                continue
            if not handle.claimed:
                while handle.path in self.files or handle.path in self.running:
                    folder = handle.path.parent
                    handle.path = folder / next_free_name(
                        handle.base, handle.path.name, functools.partial(self._taken, folder)
                    )
                handle.claimed = True
            self.files[handle.path] = data
            self.writes.append((handle.path, data))
            self._written[handle] = data
            del self._pending[handle]
        status = errors[0] if errors else None
        changed = status != self._last_error
        self._last_error = status
        if changed:
            self.statuses.append(status)
            if self.on_status is not None:
                self.on_status(status)

    def tidy(self) -> list[Path]:
        return []

    def is_running(self, path: Path) -> bool:
        path = Path(path)
        return path in self.running or any(h.path == path for h in self._live)

    def read(self, path: Path) -> SessionRecord:
        if Path(path) not in self.files:
            raise SessionFormatError("cannot read: No such file or directory")
        return self._parse(Path(path))

    def annotate(self, path: Path, notes: str, effort: int | None) -> SessionRecord:
        path = Path(path)
        if self.is_running(path):
            raise SessionBusy(path)
        record = annotated(self.read(path), notes, effort)
        if self.fail_with is not None:
            raise self.fail_with
        self.files[path] = dump_session(record)
        self.writes.append((path, self.files[path]))
        return record

    def summaries(self, progress: Progress | None = None) -> list[SessionSummary]:
        from trackapp.storage.session_index import summarize

        out = [
            summarize(e.path, len(self.files[e.path]), 0, functools.partial(self._parse, e.path))
            for e in self.list_sessions()
        ]
        out.sort(key=lambda s: (s.sort_key, s.name), reverse=True)
        return out

    def list_sessions(self) -> list[SessionEntry]:
        names = {p.name: p for p in self.files if p.parent == self._dir and is_session_name(p.name)}
        return [
            _entry(names[n], functools.partial(self._parse, names[n])) for n in newest_first(names)
        ]

    def find_in_progress(
        self, workout_name: str, grouped: bool = False
    ) -> list[tuple[Path, SessionRecord]]:
        pattern = workout_name_pattern(workout_name, grouped)
        return [
            (e.path, e.record)
            for e in self.list_sessions()
            if pattern.fullmatch(e.path.name)
            and not self.is_running(e.path)
            and e.record is not None
            and resumable(e.record, workout_name, grouped)
        ]

    def mark_stopped(self, path: Path, record: SessionRecord) -> SessionRecord:
        path = _check_inside(self._dir, path)
        if self.is_running(path):
            raise SessionBusy(path)
        stopped = stopped_record(record)
        self.save(SessionHandle(path, claimed=True), stopped)
        return stopped

    def move_to_trash(self, path: Path) -> Path:
        path = _check_inside(self._dir, path)
        if self.is_running(path):
            raise SessionBusy(path)
        if path not in self.files:
            raise FileNotFoundError(2, "No such file or directory", os.fspath(path))
        dest = self.trash_dir / unique_name(path.name, lambda n: (self.trash_dir / n) in self.trash)
        self.trash[dest] = self.files.pop(path)
        return dest


if TYPE_CHECKING:  # mypy proves both stores keep to the protocol
    _file_store: SessionStore = FileSessionStore(Path())
    _memory_store: SessionStore = MemorySessionStore()


def read_listed(
    store: SessionStore, names: Sequence[str]
) -> tuple[list[str], list[SessionRecord], int]:
    """The files of the sessions folder named (as the index lists them) and their records,
    and how many could not be read: one changed since it was indexed is left out rather
    than failing the screen that asked."""
    kept: list[str] = []
    records: list[SessionRecord] = []
    for name in names:
        try:
            records.append(store.read(store.sessions_dir / name))
        except SessionFormatError:
            continue
        kept.append(name)
    return kept, records, len(names) - len(kept)
