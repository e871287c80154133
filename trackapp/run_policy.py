"""What a run does for its inputs, the same for one runner and for a group.

`trackapp.runner.SessionRun` (solo) and `trackapp.group_runner.GroupSessionRun` (coach
mode) both take each input here the same way: the press's own sound at once
(`press_cue`), then the files saved, then the cue schedule made to follow what
changed (`CueSchedule`); the toasts both say for a skip and for mute. No Textual here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

from trackapp.domain.cues import Cue, CueKind
from trackapp.domain.plan import Segment
from trackapp.services import CueOutput, SilentCues

HEARTBEAT_SECONDS = 5.0  # while running, a file's `elapsed` is at most this old


class PressSound(Enum):
    """What a press is heard to do, at the instant of the key."""

    SILENT = "silent"  # did nothing to hear (resumed, nothing to do)
    TOO_SOON = "too_soon"  # ignored: too soon after the last press
    GO = "go"  # started the session or a rep
    SPLIT = "split"  # recorded something: a split, a step's end, a marker
    WORKOUT_DONE = "workout_done"  # the workout's last step ended with it


_PRESS_CUE_KINDS = {
    PressSound.TOO_SOON: CueKind.IGNORED,
    PressSound.GO: CueKind.GO,
    PressSound.SPLIT: CueKind.SPLIT,
    PressSound.WORKOUT_DONE: CueKind.WORKOUT_DONE,
}


def press_cue(sound: PressSound, at: float, words: str = "") -> Cue | None:
    """The cue a press plays at once, at the key's own instant (`at`), with the voice's
    `words` (a time); None for a press that makes no sound."""
    kind = _PRESS_CUE_KINDS.get(sound)
    return None if kind is None else Cue(kind, at, text=words)


class CueSchedule:
    """The run's sound: the inputs' own cues, and the schedule of the cues to come.

    The schedule follows the state: it is replaced whenever the run's version moved or
    its files were just saved (after the save, never before), and only then."""

    def __init__(self, audio: CueOutput | None = None) -> None:
        self.audio: CueOutput = audio if audio is not None else SilentCues()
        self._version = -1  # the run's version the schedule was last made for

    def play(self, cue: Cue | None) -> None:
        if cue is not None:
            self.audio.play(cue)

    def follow(self, version: int, saved: bool, upcoming: Callable[[], Sequence[Cue]]) -> bool:
        """After a tick's save: reschedule when anything changed; True when it did."""
        if not saved and version == self._version:
            return False
        self._version = version
        self.audio.schedule(upcoming())
        return True

    def silence(self) -> None:
        """The run is over: nothing more to play."""
        self.audio.schedule([])

    def toggle_mute(self) -> str:
        """Mute or unmute; what the toast says."""
        return "Sound muted" if self.audio.toggle_mute() else "Sound on"


def skip_notice(skipped: Segment | None) -> str | None:
    """What a skip says (the screen adds how to take it back, with its own undo key)."""
    return f"Skipped {skipped.label}" if skipped is not None else None


def refresh_index(sessions_dir: Path) -> None:
    """Read what is new in the sessions folder into the review index; never raises."""
    # imported here: a run's first frame needs no index code (start-up time)
    from trackapp.storage.session_index import list_sessions

    with contextlib.suppress(Exception):
        list_sessions(sessions_dir)
