"""The terminal going away ends the app as a quit would, with every session saved.

Closing a terminal window hangs up its tty. The shell that owns it gets SIGHUP and
passes it on to its jobs, so trackapp ends there, but without a handler it ended at
once, with the last save perhaps not yet on disk. A parent that does not pass SIGHUP
on (`make run`: make waits for its children) left trackapp running on a dead
terminal: Textual's input thread then read end-of-file in a loop, a core at 100 %,
and the session stayed locked, so a new window could not resume it.

Here a thread waits for the hang-up itself (`poll` reports POLLHUP for a tty that is
gone, even asked for no event, and costs nothing while it waits), and SIGHUP and
SIGTERM are handled as well. Each ends the app the same way (`TrackApp.end_for`):
every session saved as it stands and its file closed; an unfinished one stays
unfinished, and `trackapp run` in a new window offers to resume it, as after a crash.
The exit status is 128 + the signal's number (a hang-up counts as SIGHUP: 129).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import threading
from collections.abc import Callable

HANGUP = "the terminal closed"
GRACE_SECONDS = 10.0  # then exit regardless: a quit that hangs must not keep the lock


def watch(end: Callable[[str, int], None], tty: int) -> None:
    """Call `end(cause, exit_status)` on SIGHUP, SIGTERM, or when `tty` hangs up; the
    process then exits within GRACE_SECONDS whatever happens.

    Call from the app's event loop (its mount): `end` runs on that loop."""
    loop = asyncio.get_running_loop()

    def ended(cause: str, status: int) -> None:
        end(cause, status)
        exit_after_grace(status)

    for name in ("SIGHUP", "SIGTERM"):
        signum = getattr(signal, name, None)
        if signum is None:  # Windows has no SIGHUP
            continue
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, ended, name, 128 + signum)
    if not hasattr(select, "poll") or not os.isatty(tty):
        return

    def hung_up() -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: the app has ended
            loop.call_soon_threadsafe(ended, HANGUP, 128 + signal.SIGHUP)

    threading.Thread(
        target=wait_for_hangup, args=(tty, hung_up), name="trackapp-hangup", daemon=True
    ).start()


def wait_for_hangup(tty: int, hung_up: Callable[[], None]) -> None:
    """Block until `tty` hangs up (or the descriptor fails), then call `hung_up` once."""
    poller = select.poll()
    poller.register(tty, 0)  # no event asked for: a hang-up or an error is reported anyway
    gone = select.POLLHUP | select.POLLERR | select.POLLNVAL
    while True:
        if any(mask & gone for _fd, mask in poller.poll()):
            hung_up()
            return


def exit_after_grace(status: int, seconds: float = GRACE_SECONDS) -> None:
    """Exit the process in `seconds` if it has not ended by then: on a dead terminal the
    app's own shutdown writes to it, and must not be able to hang the exit (the sessions
    are on disk by then: `end` waited for it)."""
    timer = threading.Timer(seconds, os._exit, args=(status,))
    timer.daemon = True
    timer.start()
