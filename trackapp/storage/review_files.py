"""The two changes the review makes to session files: annotate, and move to trash.

Annotating rewrites the file atomically from its own parsed document, so keys
this version does not know (the format allows new ones) survive the edit.
Deleting moves the file into `trash/`; nothing here ever unlinks a session.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import tomli_w

from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.storage.session_files import write_atomic

EFFORT_RANGE = range(1, 11)


def save_annotations(path: Path, notes: str, effort: int | None) -> SessionRecord:
    """Set notes and effort (1-10, or None to clear) in the file; returns the record written."""
    if effort is not None and effort not in EFFORT_RANGE:
        raise ValueError("effort is a whole number from 1 to 10")
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as err:
        raise SessionFormatError(f"cannot read: {err.strerror or err}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise SessionFormatError(f"not a readable session: {err}") from None
    data["notes"] = notes
    if effort is None:
        data.pop("effort", None)
    else:
        data["effort"] = effort
    record = SessionRecord.from_dict(data)  # refuse to write what we could not read back
    write_atomic(path, tomli_w.dumps(data, multiline_strings=True).encode("utf-8"))
    return record


def move_to_trash(path: Path, trash_dir: Path) -> Path:
    """Move the file into `trash_dir`, never over an earlier one of the same name."""
    trash_dir.mkdir(parents=True, exist_ok=True)
    target = trash_dir / path.name
    n = 1
    while target.exists():
        n += 1
        target = trash_dir / f"{path.stem}.{n}{path.suffix}"
    os.replace(path, target)
    return target
