"""Reading roster files (coach mode) from disk, with every failure turned into a RosterError.

A roster is untrusted like a workout: only a regular UTF-8 file, read to a bounded size.
"""

from __future__ import annotations

from pathlib import Path

from trackapp.domain.roster import Roster, RosterError, RosterProblem, parse_roster
from trackapp.storage.bounded_read import UnreadableFile, read_bounded, strip_bom

MAX_FILE_BYTES = 200_000  # a squad is a page of names and paces; anything bigger is a wrong file


def read_roster_text(path: Path, name: str | None = None) -> str:
    """The file's text, a leading BOM dropped; RosterError when it is not a regular UTF-8
    file of at most MAX_FILE_BYTES (a FIFO or device is never opened)."""
    shown = name if name is not None else str(path)
    try:
        raw = strip_bom(read_bounded(path, MAX_FILE_BYTES))
    except UnreadableFile as err:
        raise RosterError([RosterProblem(0, _advice(err))], shown) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = "the file is not UTF-8 text; save it as UTF-8 in your editor"
        raise RosterError([RosterProblem(line, message)], shown) from None


def load_roster(path: Path, name: str | None = None) -> Roster:
    """Read and parse one roster file; RosterError lists every problem in it."""
    shown = name if name is not None else str(path)
    return parse_roster(read_roster_text(path, shown), shown)


def _advice(err: UnreadableFile) -> str:
    reason = str(err)
    if err.missing:
        return f"{reason}; check the path"
    if reason.startswith("is larger than"):
        return f"{reason}; a roster is a short TOML text of names and paces"
    if reason.startswith("is a") and "symbolic link" not in reason:
        return f"{reason}; name a roster .toml file"
    return reason
