"""Cue events: what the runner should hear, and the instant it is due.

The engine emits these; the audio layer schedules them against the same clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CueKind(StrEnum):
    COUNT_3 = "count_3"  # pips before an auto-started rep
    COUNT_2 = "count_2"
    COUNT_1 = "count_1"
    GO = "go"
    SPLIT = "split"  # an accepted press recorded a split or marker
    IGNORED = "ignored"  # a press inside the debounce window
    STEP_DONE = "step_done"  # a timed step ran out by itself
    TARGET_REACHED = "target_reached"  # the running rep passed its target time
    WORKOUT_DONE = "workout_done"
    ANNOUNCE = "announce"  # spoken text only (voice), e.g. the split time, what comes next


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    due: float  # clock instant (same clock as the engine's), when the sound should start
    text: str = ""  # words to speak with this cue, when voice is on; may be empty
    key: str = ""  # identifies the cue across reschedules, e.g. "seg12:count_3"
