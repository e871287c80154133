"""Running the Textual app from a command: its exit code, and what a crash leaves."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from trackapp.ui.factory import TrackApp


def missing_terminal() -> str | None:
    """Why the app cannot run here, or None. It reads its keys from stdin and draws on
    stderr (Textual's way): with stdin from a file or a pipe it would sit on a screen no
    key reaches, a core busy reading end-of-file; with stderr redirected, the screen
    would go into the file and the terminal stay blank."""
    if not is_terminal(sys.__stdin__):
        return "its keys come from stdin, which is not a terminal here (a file or a pipe?)"
    if not is_terminal(sys.__stderr__):
        return "it draws its screen on stderr, which is not a terminal here (redirected?)"
    return None


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed
        return False


def run_app(app: TrackApp, terminal: Callable[[], str | None] | None = None) -> int:
    """Run the app; its return code, non-zero after a crash, which names the session files.

    Textual's `run()` gives None after an unhandled exception (it prints the traceback
    itself); `return_code` is 1 then. A runner must learn that their splits are safe
    and where, so the files of the sessions this run touched are listed. An app ended
    from outside (the terminal closed, SIGHUP, SIGTERM) says what ended it, the same
    way, where its terminal may well be gone. Without a terminal (`missing_terminal`)
    the app is not started: a message, and 2.
    """
    missing = (terminal or missing_terminal)()
    if missing is not None:
        refuse(
            f"trackapp: the app needs a terminal: {missing}. "
            "`trackapp check`, `log`, `show`, `reps` and `export` work without one."
        )
        return 2
    result = app.run()
    code = app.return_code
    if code is None:
        code = 0 if result is None else int(result)
    if app.ended_by is not None:
        with contextlib.suppress(OSError):  # no terminal left to print on
            tell(f"trackapp ended: {app.ended_by}.", app.session_paths())
        return code
    if code != 0 and result is None:
        tell("trackapp stopped on an error.", app.session_paths())
        return code or 1
    return code


def refuse(message: str) -> None:
    """On stderr, and on stdout too where only stdout is a terminal (stderr redirected)."""
    print(message, file=sys.stderr)
    if is_terminal(sys.__stdout__) and not is_terminal(sys.__stderr__):
        print(message)


def tell(what: str, paths: list[Path]) -> None:
    """What ended the app, and where every split taken is (on stderr)."""
    print(what, file=sys.stderr)
    for path in paths:
        print(
            f"Every split taken is saved in {path}; `trackapp run` on the same "
            "workout offers to resume it.",
            file=sys.stderr,
        )
