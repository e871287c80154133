"""The workout model: an immutable description of what the runner means to do.

Built by `trackapp.domain.loader` from a TOML document; expanded into the plan
by `trackapp.domain.plan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from trackapp.domain.units import Length


class StepKind(StrEnum):
    WARMUP = "warmup"
    RUN = "run"
    REST = "rest"
    COOLDOWN = "cooldown"


Target = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Step:
    """One `[[step]]` table, its values parsed."""

    number: int  # 1-based position in the file
    kind: StepKind
    lengths: tuple[Length, ...]  # one per rep of a set: `repeat` copies, or a ladder's list
    ladder: bool = False
    sets: int = 1
    rests: tuple[Length, ...] = ()  # one per gap between reps (empty when none)
    every: float | None = None  # send-off cycle, seconds
    set_rest: Length | None = None
    targets: tuple[Target | None, ...] = ()  # one per rep of a set
    pace: tuple[float, float] | None = None  # seconds per metre [fast, slow], a guide or the target
    pace_name: str | None = None
    pace_source: str | None = None  # a pace from a race: "I from 5K 20:00"
    lap_splits: bool = True
    label: str | None = None
    cue: str | None = None
    line: int = 0  # line of the step's `[[step]]` header in the file

    @property
    def reps(self) -> int:
        return len(self.lengths)


@dataclass(frozen=True, slots=True)
class Workout:
    """A loaded workout file."""

    name: str
    steps: tuple[Step, ...]
    notes: str = ""
    track: float = 400.0  # lap length, metres
    pace_unit: str = "km"
    paces: dict[str, tuple[float, float]] = field(default_factory=dict)  # name -> s/m range
    race: str | None = None  # `[paces] from`, or the runner's `race` in settings.toml
    race_from_settings: bool = False  # the race is the runner's, not the workout's
    race_paces: dict[str, tuple[float, float]] = field(default_factory=dict)  # E M T I R, 5k...
    source: str = ""  # the file it was loaded from, as given
    text: str = ""  # the file's text as loaded
