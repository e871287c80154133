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
# Bounds that keep any file's plan small and finite (each reported with its line by the loader):
MIN_TRACK = 50.0  # metres: shorter is no running track (a "0.001m" track made billions of splits)
MAX_SPLITS_PER_REP = 300  # a 100 km track ultra on 400 m is 250; a marathon on 200 m indoors 211
MAX_SESSION_SECONDS = 24 * 3600.0  # a session's planned total; a longer one is a typo

KIND_LABELS = {
    StepKind.WARMUP: "Warm-up",
    StepKind.COOLDOWN: "Cool-down",
    StepKind.REST: "Rest",
}


class PlanTooLongError(ValueError):
    """The workout expands to more than a session can hold; `step` and `key` say where."""

    def __init__(self, message: str, step: int | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.step = step
        self.key = key


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
    pace_source: str | None = None  # where a pace from a race came from: "I from 5K 20:00"
    cue: str | None = None
    sets: int = 1  # how many sets its step has
    reps: int = 1  # how many reps a set of its step has
    set_rest: bool = False  # a recovery between sets rather than between reps
    ladder: bool = False  # a rep of a ladder (`run` as a list): named by its place in it

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
        estimates = segment_estimates(self.segments)
        total = sum((e for e in estimates if e is not None), 0.0)
        return total, None not in estimates

    def unknown_parts(self) -> int:
        """How many segments make `estimated_time` incomplete (its `None` estimates)."""
        return sum(1 for e in segment_estimates(self.segments) if e is None)

    def run_count(self) -> int:
        return sum(1 for s in self.segments if s.kind is StepKind.RUN)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.workout.name,
            "segments": [s.to_json() for s in self.segments],
            "run_distance": self.run_distance,
        }


def segment_estimates(segments: tuple[Segment, ...] | list[Segment]) -> list[float | None]:
    """Each segment's expected seconds, None where unknown (see Plan.estimated_time)."""
    out: list[float | None] = []
    previous: float | None = None
    for seg in segments:
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
        out.append(estimate)
        previous = estimate
    return out


def split_count(distance: float, track: float, lap_splits: bool = True) -> int:
    """How many split points `split_points` gives, computed without making them."""
    if not lap_splits or distance <= track + 1e-9:
        return 1
    laps = math.floor(distance / track + 1e-9)
    odd = distance - laps * track
    return laps if odd < MIN_ODD_PART else laps + 1


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
    """The plan of a workout; raises PlanTooLongError past any of the bounds above.

    The loader reports the track and split bounds at their lines first; they are
    checked here again so that no Workout, however built, expands unbounded.
    """
    total = sum(segment_count(s) for s in workout.steps)
    if total > MAX_SEGMENTS:
        raise PlanTooLongError(
            f"the workout expands to {total:,} segments; a session holds at most "
            f"{MAX_SEGMENTS:,}: lower `repeat` or `sets`"
        )
    _check_splits(workout)
    segments: list[Segment] = []
    for step in workout.steps:
        _expand_step(workout, step, segments)
    _check_total_time(segments)
    return Plan(workout, tuple(segments))


def too_many_splits(distance: float, track: float, count: int) -> str:
    """The message for a rep with more split points than MAX_SPLITS_PER_REP."""
    return (
        f"a {format_distance(distance)} rep on a {format_distance(track)} track has "
        f"{count:,} lap splits; at most {MAX_SPLITS_PER_REP} per rep: "
        "add lap_splits = false (one press ends the rep) or a shorter `run`"
    )


def _check_splits(workout: Workout) -> None:
    if not (math.isfinite(workout.track) and workout.track >= MIN_TRACK):
        raise PlanTooLongError(f"the track is shorter than {MIN_TRACK:g} m")
    for step in workout.steps:
        if step.kind is not StepKind.RUN:
            continue
        for length in step.lengths:
            if length.metres is None:
                continue
            count = split_count(length.metres, workout.track, step.lap_splits)
            if count > MAX_SPLITS_PER_REP:
                message = too_many_splits(length.metres, workout.track, count)
                raise PlanTooLongError(message, step.number, "run")


def _check_total_time(segments: list[Segment]) -> None:
    """A planned total past MAX_SESSION_SECONDS, reported at the step that crosses it."""
    estimates = _at_least(segments)
    total = sum(estimates, 0.0)
    if total <= MAX_SESSION_SECONDS:
        return
    running = 0.0
    for seg, estimate in zip(segments, estimates, strict=True):
        running += estimate
        if running > MAX_SESSION_SECONDS:
            raise PlanTooLongError(
                f"the workout plans {_hours(total)} in all; a session lasts at most "
                f"{MAX_SESSION_SECONDS / 3600:g} h: shorten the steps or lower `repeat` or `sets` "
                f"(this step passes {MAX_SESSION_SECONDS / 3600:g} h)",
                seg.step,
                _length_key(seg),
            )


def _at_least(segments: list[Segment]) -> list[float]:
    """Each segment's estimate, 0 where unknown, except that a rep and the rest of its
    `every` cycle take the whole cycle even when the rep's own time is unknown."""
    estimates = segment_estimates(segments)
    out: list[float] = []
    for i, (seg, estimate) in enumerate(zip(segments, estimates, strict=True)):
        if seg.every is not None and i > 0 and estimates[i - 1] is None:
            estimate = seg.every
        out.append(estimate or 0.0)
    return out


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:,.1f} h"


def _length_key(seg: Segment) -> str:
    """The key whose value made this segment's length."""
    if seg.kind is not StepKind.REST:
        return str(seg.kind)
    if seg.every is not None:
        return "every"
    return "set_rest" if seg.set_rest else "rest"


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
        pace_source=step.pace_source,
        cue=step.cue,
        sets=step.sets,
        reps=step.reps,
        ladder=step.ladder,
    )
