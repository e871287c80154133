"""Running the Textual app from a command: its exit code, and what a crash leaves."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trackapp.ui.factory import TrackApp


def run_app(app: TrackApp) -> int:
    """Run the app; its return code, non-zero after a crash, which names the session files.

    Textual's `run()` gives None after an unhandled exception (it prints the traceback
    itself); `return_code` is 1 then. A runner must learn that their splits are safe
    and where, so the files of the sessions this run touched are listed. An app ended
    from outside (the terminal closed, SIGHUP, SIGTERM) says what ended it, the same
    way, where its terminal may well be gone.
    """
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


def tell(what: str, paths: list[Path]) -> None:
    """What ended the app, and where every split taken is (on stderr)."""
    print(what, file=sys.stderr)
    for path in paths:
        print(
            f"Every split taken is saved in {path}; `trackapp run` on the same "
            "workout offers to resume it.",
            file=sys.stderr,
        )
