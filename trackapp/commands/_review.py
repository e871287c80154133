"""Helpers the review subcommands share: the data dir, and errors as one line on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.domain.text import printable
from trackapp.storage import paths
from trackapp.storage.session_files import read_session
from trackapp.storage.session_index import SessionNotFound, resolve_session


def fail(message: str, code: int = 1) -> int:
    """The message may quote a file name or a file's text: its controls are made visible."""
    print(f"trackapp: {printable(message)}", file=sys.stderr)
    return code


def sessions_dir() -> Path:
    return paths.sessions_dir()


def load(arg: str) -> tuple[Path, SessionRecord]:
    """Resolve and read one SESSION argument; raises ReviewError with a message for the user."""
    try:
        path = resolve_session(arg, sessions_dir())
    except SessionNotFound as err:
        raise ReviewError(str(err)) from None
    try:
        return path, read_session(path)
    except SessionFormatError as err:
        raise ReviewError(f"{path.name} is unreadable: {err}") from None


class ReviewError(Exception):
    """Bad input from the command line; shown as a message, never a traceback."""
