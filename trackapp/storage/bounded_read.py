"""Reading a user's file whole, safely: only a regular file, only up to a size.

Every input file is untrusted. `open()` on a FIFO blocks until a writer comes
(forever, for `mkfifo x.toml`), a device can stream without end, and a folder
or a symlink loop fails with errors that read like bugs. So the path is
checked with `stat` (symlinks followed) before it is opened, opened without
blocking, checked again on the open descriptor (the name may have been swapped
in between), and read to at most one byte past the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

BOM = b"\xef\xbb\xbf"  # the UTF-8 byte order mark some Windows editors put first

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISCHR, "is a device, not a file"),
    (stat.S_ISBLK, "is a device, not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


class UnreadableFile(Exception):
    """A path that is not a readable regular file within the size limit; says why.

    `missing` is set when nothing is there (a dangling link too): an editor may
    then start a new file, and a settings reader has nothing to warn about.
    """

    def __init__(self, reason: str, missing: bool = False) -> None:
        super().__init__(reason)
        self.missing = missing


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this `st_mode` cannot be read as text, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return "is not a regular file"


def check_regular(path: Path) -> None:
    """Raise UnreadableFile unless `path` (symlinks followed) is a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        raise _os_error(err) from None
    reason = not_regular_reason(mode)
    if reason is not None:
        raise UnreadableFile(reason)


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes; UnreadableFile when it is not a regular file or is over `limit` bytes."""
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise _os_error(err) from None
    try:
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def _read_fd(fd: int, limit: int) -> bytes:
    """Check the open file itself (a swapped-in FIFO is refused here too), then read."""
    try:
        info = os.fstat(fd)
        reason = not_regular_reason(info.st_mode)
        if reason is not None:
            raise UnreadableFile(reason)
        if info.st_size > limit:
            raise UnreadableFile(too_large(limit))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as err:
        raise _os_error(err) from None
    data = b"".join(chunks)
    if len(data) > limit:  # grew since fstat
        raise UnreadableFile(too_large(limit))
    return data


def too_large(limit: int) -> str:
    return f"is larger than {limit:,} bytes"


def strip_bom(raw: bytes) -> bytes:
    """The bytes without a leading UTF-8 BOM: it is not text, and TOML refuses it."""
    return raw[len(BOM) :] if raw.startswith(BOM) else raw


def _os_error(err: OSError) -> UnreadableFile:
    """An OSError as the runner would say it; a symlink loop and a missing file by name."""
    if err.errno == errno.ELOOP:
        return UnreadableFile(
            "is a symbolic link that loops back on itself; point it at a real file"
        )
    if err.errno == errno.ENOENT:
        return UnreadableFile("no such file", missing=True)
    if err.errno == errno.EISDIR:
        return UnreadableFile("is a folder, not a file")
    return UnreadableFile(f"cannot read the file: {err.strerror or err}")
