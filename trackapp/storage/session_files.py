"""Reading and atomically writing one session file (shared/SESSION_FORMAT.md)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.storage.bounded_read import UnreadableFile, read_bounded, strip_bom


def slugify(name: str) -> str:
    """Only a-z, 0-9 and '-': no workout name can reach outside the sessions folder."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:60].strip("-") or "workout"


def session_filename(started: datetime, workout_name: str) -> str:
    """`YYYY-MM-DDTHH-MM-SS_<slug>.toml` from the local start time."""
    return f"{started.strftime('%Y-%m-%dT%H-%M-%S')}_{slugify(workout_name)}.toml"


# Far above any session the app writes (a 1 MB workout's text, 2,000 segments and their
# laps stay under 4 MB), and small enough that a hostile file parses in a few seconds.
MAX_SESSION_BYTES = 8_000_000


def read_session(path: Path) -> SessionRecord:
    """Load one session; raises SessionFormatError with the reason when it is unreadable.

    A FIFO, folder or device is refused before it is opened, and at most
    MAX_SESSION_BYTES + 1 bytes are read: every session file is untrusted input.
    """
    try:
        raw = read_bounded(path, MAX_SESSION_BYTES)
    except UnreadableFile as err:
        raise SessionFormatError(str(err)) from None
    return parse_session(raw)


# The only ways a TOML string can say `in_progress` without those bytes in the file: an
# escape (\u005f, \U0000005f, TOML 1.1's \x5f) or a line-ending backslash in a multi-line
# string. `\"`, in every file the app writes (the workout's text), hides none.
_HIDDEN_TEXT = re.compile(rb"\\(?:[uUx]|[ \t]*\r?\n)")


def may_be_in_progress(raw: bytes) -> bool:
    """False only when a session file's bytes cannot hold `status = "in_progress"`."""
    return b"in_progress" in raw or _HIDDEN_TEXT.search(raw) is not None


def read_unfinished_session(path: Path) -> SessionRecord | None:
    """`read_session`, or None, unparsed, for a file that cannot be in progress.

    The resume offer looks at every session of the workout before the run screen's first
    frame: parsing them all took ~70 ms for 200 sessions; reading them takes ~7 ms.
    """
    try:
        raw = read_bounded(path, MAX_SESSION_BYTES)
    except UnreadableFile as err:
        raise SessionFormatError(str(err)) from None
    return parse_session(raw) if may_be_in_progress(raw) else None


def parse_session(raw: bytes) -> SessionRecord:
    """Decode one session file's bytes; the in-memory store reads through this too.

    Every way the bytes can fail is a SessionFormatError: the parser also lets out
    RecursionError (deep nesting) and ValueError (ints of thousands of digits). The
    parser is tomli, tomllib's own source compiled (about 2.5x faster, the same
    results): the index reads every session file when it is first built.
    """
    import tomli  # here, not at the top: the run screen's first frame reads no session

    if len(raw) > MAX_SESSION_BYTES:
        raise SessionFormatError(f"is larger than {MAX_SESSION_BYTES:,} bytes")
    try:
        text = strip_bom(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise SessionFormatError("not UTF-8 text") from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        raise SessionFormatError(f"not valid TOML: {err}") from None
    except RecursionError:
        raise SessionFormatError("not valid TOML: nested too deeply") from None
    except MemoryError:
        raise SessionFormatError("not valid TOML: too big to read") from None
    except ValueError as err:
        raise SessionFormatError(f"not valid TOML: {_first_line(err)}") from None
    return SessionRecord.from_dict(data)


def _first_line(err: Exception) -> str:
    return str(err).split("\n", 1)[0][:200]


def dump_session(record: SessionRecord) -> bytes:
    """The file's bytes, times of day in the contract's form (`2026-11-27T18:05:03.120+01:00`).

    tomli-w would write `2026-11-27 18:05:03.120000+01:00`: the same TOML value, but
    tools that read the text with a pattern expect the form SESSION_FORMAT.md shows.
    So those two keys are written here, between the parts tomli-w writes, and the
    segments always as `[[segment]]` tables.
    """
    import tomli_w  # here, not at the top: nothing is written before the first frame

    data = record.to_dict()
    stamps = {key: data.pop(key) for key in ("started", "ended") if key in data}
    head_keys = ("format", "workout", "source", "workout_toml")
    head = {key: data.pop(key) for key in head_keys}
    segments = data.pop("segment")
    gaps = data.pop("gap", [])
    lines = [
        f"{key} = {value.isoformat(timespec='milliseconds')}\n" for key, value in stamps.items()
    ]
    text = (
        tomli_w.dumps(head, multiline_strings=True)
        + "".join(lines)
        + tomli_w.dumps(data, multiline_strings=True)
        # always `[[segment]]` tables, as the contract shows, even when all would fit inline
        + "".join(f"\n[[segment]]\n{tomli_w.dumps(segment)}" for segment in segments)
        + "".join(f"\n[[gap]]\n{_gap_text(gap)}" for gap in gaps)
    )
    return text.encode("utf-8")


def _gap_text(gap: dict[str, object]) -> str:
    """One `[[gap]]` table's body, `resumed` in the contract's text form."""
    import tomli_w

    resumed = gap.pop("resumed")
    assert isinstance(resumed, datetime)
    return (
        tomli_w.dumps({"after": gap.pop("after")})
        + f"resumed = {resumed.isoformat(timespec='milliseconds')}\n"
        + tomli_w.dumps(gap)
    )


def _write_temporary(path: Path, data: bytes) -> str:
    """`data` in a new `.<name>.XXXX.tmp` beside `path`, flushed to the disk; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, flush, fsync, rename, fsync the folder.

    A reader (or a crash) sees either the old file or the new one, never half.
    """
    tmp_name = _write_temporary(path, data)
    try:
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def create_exclusive(path: Path, data: bytes) -> None:
    """Write a new file whole, failing with FileExistsError if the name is taken.

    Two windows started in the same second pick the same name; only one may have it.
    The bytes go to a temporary first and are hard-linked into place, which fails
    atomically when the name exists, so no reader ever sees half a file. Where the
    filesystem has no hard links (FAT on a USB stick), `O_CREAT | O_EXCL` does it.
    """
    tmp_name = _write_temporary(path, data)
    try:
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            raise
        except OSError:
            _create_excl_direct(path, data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
    _fsync_dir(path.parent)


def _create_excl_direct(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_session(path: Path, record: SessionRecord) -> None:
    write_atomic(path, dump_session(record))
