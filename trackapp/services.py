"""What the app is built from: clock, storage, audio, settings.

Tests build the same container with doubles (a fake clock, a temporary data
dir, a recording audio backend) and pass it to the one app factory.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from trackapp.domain.cues import Cue
from trackapp.settings import Settings
from trackapp.storage import paths
from trackapp.storage.session_store import FileSessionStore, SessionStore

Clock = Callable[[], float]


class CueOutput(Protocol):
    """What the screen needs from sound (trackapp.audio.player.CuePlayer is the real one)."""

    @property
    def status(self) -> str: ...

    @property
    def muted(self) -> bool: ...

    def schedule(self, cues: Sequence[Cue]) -> None: ...

    def play(self, cue: Cue) -> None: ...

    def toggle_mute(self) -> bool: ...

    def close(self) -> None: ...


class SilentCues:
    """No sound at all; keeps what it was asked to play, for tests."""

    status = "sound: off"

    def __init__(self) -> None:
        self.muted = False
        self.scheduled: list[Cue] = []
        self.played: list[Cue] = []

    def schedule(self, cues: Sequence[Cue]) -> None:
        self.scheduled = list(cues)

    def play(self, cue: Cue) -> None:
        self.played.append(cue)

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted

    def close(self) -> None:
        pass


class Cancellable(Protocol):
    """A timer that has not fired yet can be called off."""

    def stop(self) -> None: ...


class TimerOwner(Protocol):
    """What a timer belongs to: in the app a Textual screen, whose timers stop with it."""

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Cancellable: ...


class Ticker(Protocol):
    """When a screen looks at the session clock again (the next repaint, the end screen).

    The real one is Textual's timer, on real time; tests give one tied to their fake clock
    that fires what came due when the test moves the clock, so no test waits."""

    def after(
        self, owner: TimerOwner, delay: float, callback: Callable[[], object]
    ) -> Cancellable: ...


class TextualTicker:
    """The real ticker: a Textual timer on the screen that asks (stopped with it)."""

    def after(self, owner: TimerOwner, delay: float, callback: Callable[[], object]) -> Cancellable:
        return owner.set_timer(delay, callback)


def event_time_converter(clock: Clock, event_clock: Clock) -> Callable[[float], float]:
    """Map a timestamp of `event_clock` onto `clock`, whatever the two clocks' bases.

    Textual stamps key events with its own clock (`perf_counter` on Windows,
    `monotonic` elsewhere); the engine times splits on `clock`. A key's instant on the
    engine's clock is the engine's now less the event's age on the event clock, so a
    split keeps the key's own instant however late its handler runs.
    """

    def convert(event_time: float) -> float:
        age = max(event_clock() - event_time, 0.0)
        return clock() - age

    return convert


def textual_event_clock() -> float:
    """The clock Textual stamps events with (imported late: the core never needs it)."""
    from textual import _time

    return _time.get_time()


def session_clock() -> Clock:
    """The clock sessions are timed on: one that counts while the machine sleeps.

    `time.monotonic` stops while a laptop is suspended (Linux's CLOCK_MONOTONIC, and
    macOS's), and a laptop left by the track may well suspend itself when nobody
    touches it for a while: a 20-minute tempo rep would then read short by as long
    as it slept. CLOCK_BOOTTIME (Linux) and macOS's CLOCK_MONOTONIC count the sleep,
    so the press after waking the machine still ends the rep at its true time. (Cues
    due while it slept are not played: nothing runs then.) Elsewhere, `monotonic`.
    """
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return functools.partial(time.clock_gettime, time.CLOCK_BOOTTIME)
    if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        return functools.partial(time.clock_gettime, time.CLOCK_MONOTONIC)
    return time.monotonic


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(kw_only=True)
class Services:
    """Everything the app is built from. `data_dir` and `config_dir` have no default:
    whoever builds one says where (a test its temporary folder); only the commands
    take the user's real folders, through `Services.for_user()`."""

    data_dir: Path
    config_dir: Path
    clock: Clock = field(default_factory=session_clock)
    # Maps a key event's timestamp (Textual's clock) onto `clock`; by default through
    # `event_time_converter`. Tests with a fake clock pass e.g. `lambda _t: fake()`.
    key_time: Callable[[float], float] | None = None
    wall: Callable[[], datetime] = local_now  # wall-clock time: session start, resume gap
    settings: Settings = field(default_factory=Settings)
    audio: CueOutput = field(default_factory=SilentCues)
    store: SessionStore | None = None  # made on first use, in the sessions folder
    # wakes the screens when the session clock moves on; tests tie it to their fake clock
    ticker: Ticker = field(default_factory=TextualTicker)
    # what the app starts once its first screen is drawn, not before (start-up time):
    # the sound's cue thread, whose work would compete with the first frame
    after_first_frame: list[Callable[[], object]] = field(default_factory=list)

    @classmethod
    def for_user(cls, settings: Settings | None = None) -> Services:
        """The user's own data and config folders (trackapp.storage.paths): for commands."""
        return cls(
            data_dir=paths.data_dir(),
            config_dir=paths.config_dir(),
            settings=settings if settings is not None else Settings(),
        )

    def __post_init__(self) -> None:
        if self.key_time is None:
            self.key_time = event_time_converter(self.clock, textual_event_clock)

    def key_instant(self, event_time: float) -> float:
        """A key event's own instant on the engine's clock."""
        assert self.key_time is not None
        return self.key_time(event_time)

    @property
    def sessions(self) -> SessionStore:
        if self.store is None:
            self.store = FileSessionStore(self.sessions_dir)
        return self.store

    @property
    def sessions_dir(self) -> Path:
        return self.data_dir / "sessions"

    @property
    def trash_dir(self) -> Path:
        return self.data_dir / "trash"

    @property
    def user_workouts_dir(self) -> Path:
        return self.data_dir / "workouts"
