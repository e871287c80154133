"""The plan: the ordered segments a session walks, expanded from a workout.

Each segment is one warm-up, rep, rest or cool-down, with its length, target
and the distances at which a press records a split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from trackapp.domain.units import Length, format_distance, format_seconds
from trackapp.domain.workout import Step, StepKind, Target, Workout

MAX_SEGMENTS = 2000
MIN_ODD_PART = 100.0  # an odd part under this joins the first lap

KIND_LABELS = {
    StepKind.WARMUP: "Warm-up",
    StepKind.COOLDOWN: "Cool-down",
    StepKind.REST: "Rest",
}


class PlanTooLongError(ValueError):
    """The workout expands to more segments than a session can hold."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One thing the runner does: a warm-up, a rep, a rest or a cool-down."""

    index: int  # 0-based position in the plan
    kind: StepKind
    step: int  # 1-based step number in the file
    set: int  # 1-based
    rep: int  # 1-based within the set (a rest carries the rep it follows)
    label: str
    distance: float | None = None  # metres
    duration: float | None = None  # seconds
    target: Target | None = None  # seconds [low, high]
    splits: tuple[float, ...] | None = None  # distances from the start at which a press splits
    every: float | None = None  # a rest that fills out a send-off cycle of this many seconds
    pace: tuple[float, float] | None = None  # s/m guide, for runs with a pace
    cue: str | None = None
    sets: int = 1  # how many sets its step has
    reps: int = 1  # how many reps a set of its step has
    set_rest: bool = False  # a recovery between sets rather than between reps

    @property
    def is_timed(self) -> bool:
        """Counts down and ends by itself (a duration, or the rest of an `every` cycle)."""
        return self.duration is not None or self.every is not None

    @property
    def is_open(self) -> bool:
        return self.distance is None and self.duration is None and self.every is None

    @property
    def presses_to_end(self) -> int:
        """How many presses end this segment (0 for a timed one)."""
        if self.is_timed:
            return 0
        return len(self.splits) if self.splits else 1

    def to_json(self) -> dict[str, Any]:
        """The segment object of `trackapp check --json` (shared/WORKOUT_FORMAT.md)."""
        return {
            "kind": str(self.kind),
            "step": self.step,
            "set": self.set,
            "rep": self.rep,
            "label": self.label,
            "distance": self.distance,
            "duration": self.duration,
            "target": list(self.target) if self.target is not None else None,
            "splits": list(self.splits) if self.splits is not None else None,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    workout: Workout
    segments: tuple[Segment, ...]

    @property
    def run_distance(self) -> float:
        # start at 0.0 so a plan without runs still gives a float (JSON `0.0`, not `0`)
        return sum((s.distance or 0.0 for s in self.segments if s.kind is StepKind.RUN), 0.0)

    def estimated_time(self) -> tuple[float, bool]:
        """Seconds the session should take, and whether every segment's length is known.

        Distance segments count at their target (midpoint); an `every` rest fills its
        cycle after the rep's estimate; open segments and untargeted distances are unknown.
        """
        total, complete = 0.0, True
        previous: float | None = None
        for seg in self.segments:
            estimate: float | None
            if seg.duration is not None:
                estimate = seg.duration
            elif seg.every is not None:
                estimate = None if previous is None else max(seg.every - previous, 0.0)
            elif seg.target is not None:
                estimate = (seg.target[0] + seg.target[1]) / 2
            elif seg.distance is not None and seg.pace is not None:
                estimate = seg.distance * (seg.pace[0] + seg.pace[1]) / 2
            else:
                estimate = None
            if estimate is None:
                complete = False
            else:
                total += estimate
            previous = estimate
        return total, complete

    def run_count(self) -> int:
        return sum(1 for s in self.segments if s.kind is StepKind.RUN)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.workout.name,
            "segments": [s.to_json() for s in self.segments],
            "run_distance": self.run_distance,
        }


def split_points(distance: float, track: float, lap_splits: bool = True) -> tuple[float, ...]:
    """Where a press splits a distance rep, from its start.

    Reps finish on the line, so the odd part comes first: 1000 m on 400 m splits
    at 200, 600, 1000; an odd part under 100 m joins the first lap (a mile: 409,
    809, 1209, 1609).
    """
    if not lap_splits or distance <= track + 1e-9:
        return (round(float(distance), 3),)
    laps = math.floor(distance / track + 1e-9)
    odd = distance - laps * track
    if odd < 1e-6:
        first = track
    elif odd < MIN_ODD_PART:
        first = track + odd
        laps -= 1
    else:
        first = odd
    points = [first + i * track for i in range(laps + 1)]
    return tuple(round(float(p), 3) for p in points if p <= distance + 1e-6)


def segment_count(step: Step) -> int:
    reps = step.reps
    if step.kind is not StepKind.RUN:
        return 1
    per_set = reps + (reps - 1 if (step.rests or step.every) else 0)
    between_sets = 1 if (step.set_rest or step.rests or step.every) else 0
    return step.sets * per_set + (step.sets - 1) * between_sets


def expand(workout: Workout) -> Plan:
    """The plan of a workout; raises PlanTooLongError past MAX_SEGMENTS."""
    total = sum(segment_count(s) for s in workout.steps)
    if total > MAX_SEGMENTS:
        raise PlanTooLongError(
            f"the workout expands to {total:,} segments; a session holds at most "
            f"{MAX_SEGMENTS:,}: lower `repeat` or `sets`"
        )
    segments: list[Segment] = []
    for step in workout.steps:
        _expand_step(workout, step, segments)
    return Plan(workout, tuple(segments))


def _expand_step(workout: Workout, step: Step, out: list[Segment]) -> None:
    if step.kind is not StepKind.RUN:
        length = step.lengths[0]
        out.append(
            Segment(
                index=len(out),
                kind=step.kind,
                step=step.number,
                set=1,
                rep=1,
                label=step.label or KIND_LABELS[step.kind],
                distance=length.metres,
                duration=length.seconds,
                cue=step.cue,
            )
        )
        return
    reps = step.reps
    for set_number in range(1, step.sets + 1):
        for rep_index, length in enumerate(step.lengths):
            out.append(_run_segment(workout, step, len(out), set_number, rep_index, length))
            last_rep = rep_index == reps - 1
            if not last_rep:
                rest = step.rests[rep_index] if step.rests else None
                _append_rest(step, out, set_number, rep_index + 1, rest, set_rest=False)
            elif set_number < step.sets:
                rest = step.set_rest or (step.rests[-1] if step.rests else None)
                _append_rest(
                    step, out, set_number, rep_index + 1, rest, set_rest=step.set_rest is not None
                )


def _append_rest(
    step: Step, out: list[Segment], set_number: int, rep: int, rest: Length | None, set_rest: bool
) -> None:
    if rest is None and (step.every is None or set_rest):
        return
    label = "Set rest" if set_rest else "Rest"
    every = step.every if rest is None else None
    out.append(
        Segment(
            index=len(out),
            kind=StepKind.REST,
            step=step.number,
            set=set_number,
            rep=rep,
            label=label,
            distance=rest.metres if rest else None,
            duration=rest.seconds if rest else None,
            every=every,
            sets=step.sets,
            reps=step.reps,
            set_rest=set_rest,
        )
    )


def _run_segment(
    workout: Workout, step: Step, index: int, set_number: int, rep_index: int, length: Length
) -> Segment:
    target = step.targets[rep_index] if step.targets else None
    if target is None and step.pace is not None and length.metres is not None:
        target = (
            round(step.pace[0] * length.metres, 1),
            round(step.pace[1] * length.metres, 1),
        )
    if step.label:
        label = step.label
    elif length.metres is not None:
        label = format_distance(length.metres)
    elif length.seconds is not None:
        label = f"Run {format_seconds(length.seconds)}"
    else:
        label = "Open run"
    splits = (
        split_points(length.metres, workout.track, step.lap_splits)
        if length.metres is not None
        else None
    )
    return Segment(
        index=index,
        kind=StepKind.RUN,
        step=step.number,
        set=set_number,
        rep=rep_index + 1,
        label=label,
        distance=length.metres,
        duration=length.seconds,
        target=target,
        splits=splits,
        pace=step.pace,
        cue=step.cue,
        sets=step.sets,
        reps=step.reps,
    )
