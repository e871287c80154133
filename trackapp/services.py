"""What the app is built from: clock, storage, audio, settings.

Tests build the same container with doubles (a fake clock, a temporary data
dir, a recording audio backend) and pass it to the one app factory.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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


def _same_instant(event_time: float) -> float:
    return event_time


@dataclass
class Services:
    clock: Clock = time.monotonic
    # Maps a key event's timestamp (Textual stamps events with time.monotonic) onto
    # `clock`. Tests with a fake clock replace it, e.g. with `lambda _t: fake()`.
    key_time: Callable[[float], float] = _same_instant
    data_dir: Path = field(default_factory=paths.data_dir)
    config_dir: Path = field(default_factory=paths.config_dir)
    settings: Settings = field(default_factory=Settings)
    audio: CueOutput = field(default_factory=SilentCues)
    store: SessionStore | None = None  # made on first use, in the sessions folder

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
