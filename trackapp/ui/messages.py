"""Messages other threads post to the app: `post_message` is thread-safe and never waits.

The audio thread must never wait for the UI thread (it may hold its own lock meanwhile,
which the UI thread may want), so it posts these instead of `call_from_thread`.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class RingBell(Message):
    """Ring the terminal bell through the app's own output (a cue on the bell backend)."""


class AudioStatusChanged(Message, bubble=False):
    """The sound status changed (a device went away, the bell took over): repaint it.

    The app forwards it to the active screen; it never bubbles back up from there
    (`bubble` must be given as a class argument: Textual resets a class attribute).
    """

    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status


class OpenSession(Message):
    """Show one session rep by rep. Screens post it and the app pushes the screen, so
    review screens never import each other (compare <-> session detail)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class OpenCompare(Message):
    """Compare every session of one workout rep by rep (the app pushes the screen);
    with `athlete` (coach mode) that athlete's sessions of it, else the runner's own."""

    def __init__(self, workout: str, athlete: str | None = None) -> None:
        super().__init__()
        self.workout = workout
        self.athlete = athlete
