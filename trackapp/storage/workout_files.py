"""Reading workout files from disk, with every failure turned into a WorkoutError."""

from __future__ import annotations

from pathlib import Path

from trackapp.domain.loader import Problem, WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text
from trackapp.storage.bounded_read import UnreadableFile, read_bounded, strip_bom

MAX_FILE_BYTES = 1_000_000  # a workout is a page of text; anything bigger is a wrong file


def read_workout_text(path: Path, name: str | None = None) -> str:
    """The file's text, a leading BOM dropped; WorkoutError for anything that is not a
    regular, UTF-8 file of at most MAX_FILE_BYTES (a FIFO or device is never opened)."""
    shown = name if name is not None else str(path)
    try:
        raw = strip_bom(read_bounded(path, MAX_FILE_BYTES))
    except UnreadableFile as err:
        raise WorkoutError([Problem(0, _advice(err))], shown) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise WorkoutError(
            [Problem(line, "the file is not UTF-8 text; save it as UTF-8 in your editor")], shown
        ) from None


def _advice(err: UnreadableFile) -> str:
    """The reader's reason with what would be right for a workout."""
    reason = str(err)
    if err.missing:
        return f"{reason}; check the path"
    if reason.startswith("is larger than"):
        return f"{reason}; a workout file is a short TOML text"
    if reason.startswith("is a") and "symbolic link" not in reason:
        return f"{reason}; name a workout .toml file"
    return reason


def load_plan(path: Path, name: str | None = None) -> Plan:
    """Read, parse and expand one workout file."""
    shown = name if name is not None else str(path)
    text = read_workout_text(path, shown)
    return plan_from_text(text, shown)
