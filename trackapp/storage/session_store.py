"""Crash-safe session storage: one file per session, rewritten off the caller's thread.

The app only sees the `SessionStore` protocol. `FileSessionStore` is the real
one: `save()` snapshots the record to bytes at once and a single background
thread writes each file atomically, in order, so a split never waits for the
disk. `MemorySessionStore` is the double for app tests: same rules, no disk,
writes done at once and logged.

A write that fails never raises to the caller: the bytes stay queued, the
reason is in `last_error` and goes to `on_status`, and the next `save()` (or
`flush()`) tries again, so a session is never silently lost.

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
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.storage import session_files
from trackapp.storage.session_files import dump_session, parse_session, session_filename, slugify

log = logging.getLogger(__name__)

StatusCallback = Callable[[str | None], None]

EXIT_FLUSH_SECONDS = 10.0
_STAMP = r"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}"


@dataclass(frozen=True, slots=True)
class SessionHandle:
    """The file one running session is saved to."""

    path: Path


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

    def find_in_progress(self, workout_name: str) -> list[tuple[Path, SessionRecord]]: ...

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


def workout_name_pattern(workout_name: str) -> re.Pattern[str]:
    """File names a session of this workout can have (a cheap filter before reading)."""
    return re.compile(rf"{_STAMP}_{re.escape(slugify(workout_name))}(-\d+)?\.toml")


def describe_write_error(err: BaseException, path: Path) -> str:
    """Human text for the warning line: `cannot save session: <reason> (<path>)`."""
    if isinstance(err, OSError):
        reason = err.strerror or str(err) or type(err).__name__
    else:
        reason = f"{type(err).__name__}: {err}"
    return f"cannot save session: {reason} ({path})"


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
        self._pending: dict[Path, bytes] = {}  # latest bytes per file, oldest save first
        self._reserved: set[Path] = set()  # names handed out by create()
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
    def last_error(self) -> str | None:
        with self._cond:
            return self._last_error

    # writing

    def create(self, record: SessionRecord) -> SessionHandle:
        """Pick a new file name for this session and queue its first write."""
        base = session_filename(record.started, record.workout)
        with self._cond:

            def taken(name: str) -> bool:
                path = self._dir / name
                return path in self._reserved or path in self._pending or _exists(path)

            path = _safe_child(self._dir, unique_name(base, taken))
            self._reserved.add(path)
        handle = SessionHandle(path)
        self.save(handle, record)
        return handle

    def reopen(self, path: Path) -> SessionHandle:
        """A handle to keep saving an existing session (resume)."""
        path = _check_inside(self._dir, path)
        with self._cond:
            self._reserved.add(path)
        return SessionHandle(path)

    def save(self, handle: SessionHandle, record: SessionRecord) -> None:
        """Snapshot the record now; the writer thread puts it on disk soon, in order."""
        data = dump_session(record)
        with self._cond:
            self._pending.pop(handle.path, None)  # re-insert: keeps saves in their order
            self._pending[handle.path] = data
            self._kick()

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
        """Flush, then stop the writer thread; returns what `flush` returned."""
        ok = self.flush(timeout)
        with self._cond:
            thread = self._thread
            self._stopping = True
            self._cond.notify_all()
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
            errors, written = self._write_batch(batch)
            with self._cond:
                for path, data in written:
                    if self._pending.get(path) is data:  # not replaced meanwhile
                        del self._pending[path]
                self._last_error = errors[0] if errors else None
                self._done = generation
                self._cond.notify_all()  # wake flush() before telling the app anything
                status = self._last_error
            self._report(status)

    @staticmethod
    def _write_batch(batch: list[tuple[Path, bytes]]) -> tuple[list[str], list[tuple[Path, bytes]]]:
        errors: list[str] = []
        written: list[tuple[Path, bytes]] = []
        for path, data in batch:
            try:
                session_files.write_atomic(path, data)
            except Exception as err:  # the writer thread must survive anything
                errors.append(describe_write_error(err, path))
            else:
                written.append((path, data))
        return errors, written

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

    def list_sessions(self) -> list[SessionEntry]:
        """Every session file, newest first; unreadable ones carry the reason.

        A missing folder is an empty list; a folder that cannot be listed raises OSError.
        """
        try:
            with os.scandir(self._dir) as it:
                names = [e.name for e in it if is_session_name(e.name) and _is_file(e)]
        except FileNotFoundError:
            return []
        return [
            _entry(self._dir / n, functools.partial(session_files.read_session, self._dir / n))
            for n in newest_first(names)
        ]

    def find_in_progress(self, workout_name: str) -> list[tuple[Path, SessionRecord]]:
        """Sessions of this workout still `in_progress`, newest first (the resume offer).

        Unreadable files and an unreadable folder are skipped: no offer, no error.
        """
        pattern = workout_name_pattern(workout_name)
        try:
            names = [n for n in os.listdir(self._dir) if pattern.fullmatch(n)]
        except OSError:
            return []
        found: list[tuple[Path, SessionRecord]] = []
        for name in newest_first(names):
            entry = _entry(
                self._dir / name, functools.partial(session_files.read_session, self._dir / name)
            )
            record = entry.record
            if (
                record is not None
                and record.workout == workout_name
                and record.status == "in_progress"
            ):
                found.append((entry.path, record))
        return found

    def mark_stopped(self, path: Path, record: SessionRecord) -> SessionRecord:
        """Close an abandoned session as `stopped` (see `stopped_record`); queued like a save."""
        stopped = stopped_record(record)
        self.save(SessionHandle(_check_inside(self._dir, path)), stopped)
        return stopped

    def move_to_trash(self, path: Path) -> Path:
        """Move a session into `trash/` beside `sessions/`; never deletes. Raises OSError."""
        path = _check_inside(self._dir, path)
        self.flush()  # a queued write must not recreate the file after the move
        trash = self.trash_dir
        trash.mkdir(parents=True, exist_ok=True)
        dest = trash / unique_name(path.name, lambda n: _exists(trash / n))
        shutil.move(os.fspath(path), os.fspath(dest))
        with self._cond:
            self._reserved.discard(path)
        return dest


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


# --- the test double -------------------------------------------------------------------


class MemorySessionStore:
    """Sessions kept in memory for app tests: same rules as the file store, no thread.

    Writes happen inside `save()`; `writes` logs every successful one in order.
    Set `fail_with` to an OSError to make writes fail (data is kept and retried
    on the next save), back to None to let them through. `files` may be seeded
    with any bytes to test unreadable sessions.
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
        self.closed = False
        self._pending: dict[Path, bytes] = {}
        self._reserved: set[Path] = set()
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

    def create(self, record: SessionRecord) -> SessionHandle:
        base = session_filename(record.started, record.workout)

        def taken(name: str) -> bool:
            path = self._dir / name
            return path in self._reserved or path in self._pending or path in self.files

        path = _safe_child(self._dir, unique_name(base, taken))
        self._reserved.add(path)
        handle = SessionHandle(path)
        self.save(handle, record)
        return handle

    def reopen(self, path: Path) -> SessionHandle:
        path = _check_inside(self._dir, path)
        self._reserved.add(path)
        return SessionHandle(path)

    def save(self, handle: SessionHandle, record: SessionRecord) -> None:
        self._pending.pop(handle.path, None)
        self._pending[handle.path] = dump_session(record)
        self._write_pending()

    def flush(self, timeout: float | None = None) -> bool:
        if self._pending:
            self._write_pending()
        return not self._pending

    def close(self, timeout: float | None = None) -> bool:
        self.closed = True
        return self.flush(timeout)

    def _write_pending(self) -> None:
        errors: list[str] = []
        for path, data in list(self._pending.items()):
            if self.fail_with is not None:
                errors.append(describe_write_error(self.fail_with, path))
                continue
            self.files[path] = data
            self.writes.append((path, data))
            del self._pending[path]
        status = errors[0] if errors else None
        changed = status != self._last_error
        self._last_error = status
        if changed:
            self.statuses.append(status)
            if self.on_status is not None:
                self.on_status(status)

    def list_sessions(self) -> list[SessionEntry]:
        names = {p.name: p for p in self.files if p.parent == self._dir and is_session_name(p.name)}
        return [
            _entry(names[n], functools.partial(self._parse, names[n])) for n in newest_first(names)
        ]

    def find_in_progress(self, workout_name: str) -> list[tuple[Path, SessionRecord]]:
        pattern = workout_name_pattern(workout_name)
        return [
            (e.path, e.record)
            for e in self.list_sessions()
            if pattern.fullmatch(e.path.name)
            and e.record is not None
            and e.record.workout == workout_name
            and e.record.status == "in_progress"
        ]

    def mark_stopped(self, path: Path, record: SessionRecord) -> SessionRecord:
        stopped = stopped_record(record)
        self.save(SessionHandle(_check_inside(self._dir, path)), stopped)
        return stopped

    def move_to_trash(self, path: Path) -> Path:
        path = _check_inside(self._dir, path)
        if path not in self.files:
            raise FileNotFoundError(2, "No such file or directory", os.fspath(path))
        dest = self.trash_dir / unique_name(path.name, lambda n: (self.trash_dir / n) in self.trash)
        self.trash[dest] = self.files.pop(path)
        self._reserved.discard(path)
        return dest


if TYPE_CHECKING:  # mypy proves both stores keep to the protocol
    _file_store: SessionStore = FileSessionStore(Path())
    _memory_store: SessionStore = MemorySessionStore()
