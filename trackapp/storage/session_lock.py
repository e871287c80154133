"""Which session is running in some window: an advisory lock held while a session runs.

The lock is taken on a small sidecar file, `.<session>.lock` beside the session, not on
the session file itself: every save replaces the session file atomically (a new inode),
which would drop a lock held on the old one. The operating system releases the lock
when the process dies, so a crash never leaves a session locked; the sidecar file left
behind is removed by `remove_stale`.

POSIX uses `fcntl.flock`, Windows `msvcrt.locking`; both conflict between two open
files even in one process, so "is it locked?" is the same question for this window and
another.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCK_SUFFIX = ".lock"


def lock_path(session: Path) -> Path:
    """`.<name>.lock` beside the session: a dot-file, so never listed as a session."""
    return session.parent / f".{session.name}{LOCK_SUFFIX}"


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


class SessionLock:
    """A held lock on one session; `release()` lets it go and removes the sidecar."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path  # the sidecar
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, session: Path) -> SessionLock | None:
        """The lock, or None when another window (or another handle here) holds it.

        Raises OSError when the sidecar cannot be created (a read-only folder).
        """
        path = lock_path(session)
        for _ in range(5):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                return None
            # `remove_stale` may have unlinked the sidecar between our open and our lock:
            # a lock on a file no longer at `path` guards nothing, so take the new one.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except OSError:
                same = False
            if same:
                return cls(path, fd)
            _unlock(fd)
            os.close(fd)
        return None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)  # while still held: nobody can take a lock on it meanwhile
        _unlock(fd)
        with contextlib.suppress(OSError):
            os.close(fd)


def is_locked(session: Path) -> bool:
    """True while some process holds the session's lock (it is running in a window)."""
    path = lock_path(session)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False  # no sidecar (or none we may open): nobody holds it
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


def remove_stale(folder: Path) -> list[Path]:
    """Remove sidecars nobody holds and temporaries of atomic writes nobody is finishing.

    A kill in the middle of a write leaves `.<name>.XXXX.tmp`; a crash leaves
    `.<name>.lock`. Both belong to a session no process holds any more. Returns what
    was removed; never raises.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not name.startswith("."):
            continue
        session = _session_of(name)
        if session is None:
            continue
        path = folder / name
        if name.endswith(LOCK_SUFFIX):
            lock = _acquire_existing(path)
            if lock is None:
                continue
            lock.release()
            removed.append(path)
        elif not is_locked(folder / session):
            try:
                if not path.is_file() or path.is_symlink():
                    continue
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def _acquire_existing(path: Path) -> SessionLock | None:
    """Lock an existing sidecar (to remove it) without creating one."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    if not _try_lock(fd):
        os.close(fd)
        return None
    return SessionLock(path, fd)


def _session_of(name: str) -> str | None:
    """The session file a dot-file belongs to: `.X.toml.lock` and `.X.toml.abc123.tmp`."""
    if name.endswith(LOCK_SUFFIX):
        session = name[1 : -len(LOCK_SUFFIX)]
        return session if session.endswith(".toml") else None
    if name.endswith(".tmp"):
        stem = name[1:].removesuffix(".tmp")
        session, dot, _random = stem.rpartition(".")
        return session if dot and session.endswith(".toml") else None
    return None
