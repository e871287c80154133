"""Running the Textual app from a command: its exit code, and what a crash leaves."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trackapp.ui.factory import TrackApp


def run_app(app: TrackApp) -> int:
    """Run the app; its return code, non-zero after a crash, which names the session files.

    Textual's `run()` gives None after an unhandled exception (it prints the traceback
    itself); `return_code` is 1 then. A runner must learn that their splits are safe
    and where, so the files of the sessions this run touched are listed.
    """
    result = app.run()
    code = app.return_code
    if code is None:
        code = 0 if result is None else int(result)
    if code != 0 and result is None:
        paths = app.session_paths()
        print("trackapp stopped on an error.", file=sys.stderr)
        for path in paths:
            print(
                f"Every split taken is saved in {path}; `trackapp run` on the same "
                "workout offers to resume it.",
                file=sys.stderr,
            )
        return code or 1
    return code
