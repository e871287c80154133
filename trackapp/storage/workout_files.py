"""Reading workout files from disk, with every failure turned into a WorkoutError."""

from __future__ import annotations

from pathlib import Path

from trackapp.domain.loader import Problem, WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text

MAX_FILE_BYTES = 1_000_000  # a workout is a page of text; anything bigger is a wrong file


def read_workout_text(path: Path, name: str | None = None) -> str:
    """The file's text; raises WorkoutError for a missing, unreadable or non-UTF-8 file."""
    shown = name if name is not None else str(path)

    def fail(message: str) -> WorkoutError:
        return WorkoutError([Problem(0, message)], shown)

    if path.is_dir():
        raise fail("is a folder, not a workout file; name a .toml file inside it")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise fail("no such file; check the path") from None
    except OSError as err:
        raise fail(f"cannot read the file: {err.strerror or err}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise fail(f"is larger than {MAX_FILE_BYTES:,} bytes; a workout file is a short TOML text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise WorkoutError(
            [Problem(line, "the file is not UTF-8 text; save it as UTF-8 in your editor")], shown
        ) from None


def load_plan(path: Path, name: str | None = None) -> Plan:
    """Read, parse and expand one workout file."""
    shown = name if name is not None else str(path)
    text = read_workout_text(path, shown)
    return plan_from_text(text, shown)
