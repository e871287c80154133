"""One-line summaries of a workout, the way a coach writes it on a whiteboard.

The home screen lists many workouts; each gets one short line ("8 x 400 m,
90 s rest") instead of its whole plan, so a runner can find the one they want.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from trackapp.domain import format as fmt
from trackapp.domain.plan import Plan
from trackapp.domain.units import Length
from trackapp.domain.workout import Step, StepKind, Workout

NO_RUNS = "no run steps"


def short_duration(seconds: float) -> str:
    """`45 s`, `90 s`, `2 min`, `2:30`: how a coach says a rest or a timed rep."""
    return fmt.duration(seconds)


def length_text(length: Length) -> str:
    """`400 m`, `1 mi`, `2 min`, `open` (`format.length`)."""
    return fmt.length(length.metres, length.seconds)


def _ladder_text(lengths: tuple[Length, ...]) -> str:
    """`200-400-800 m ladder` when all are whole metres, else each length in full."""
    metres = [x.metres for x in lengths]
    if all(
        m is not None
        and float(m).is_integer()
        and m < fmt.ROAD_METRES
        and fmt.whole_miles(m) is None
        for m in metres
    ):
        return "-".join(f"{int(m or 0)}" for m in metres) + " m ladder"
    return "ladder " + "-".join(length_text(x) for x in lengths)


def _rests_text(rests: tuple[Length, ...]) -> str:
    texts = [length_text(r) for r in rests]
    if len(set(texts)) == 1:
        return f"{texts[0]} rest"
    seconds = [r.seconds for r in rests]
    if all(s is not None for s in seconds):
        low = min(s or 0.0 for s in seconds)
        high = max(s or 0.0 for s in seconds)
        return f"{short_duration(low)}-{short_duration(high)} rest"
    return "mixed rests"


def describe_step(step: Step) -> str:
    """One run step: `3 x 5 x 200 m, 200 m rest, 5 min between sets`."""
    if step.ladder:
        reps = _ladder_text(step.lengths)
    else:
        one = length_text(step.lengths[0])
        reps = f"{step.reps} x {one}" if step.reps > 1 else one
        if one == "open":
            reps = f"{step.reps} x open" if step.reps > 1 else "open run"
    if step.sets > 1:
        reps = f"{step.sets} x {reps}"
    parts = [reps]
    if step.every is not None:
        parts[0] += f" every {fmt.target_time(step.every)}"
    elif step.rests and step.reps > 1:
        parts.append(_rests_text(step.rests))
    if step.set_rest is not None and step.sets > 1:
        parts.append(f"{length_text(step.set_rest)} between sets")
    return ", ".join(parts)


def describe_workout(workout: Workout) -> str:
    """Every run step's summary, joined with `+`; warm-ups, cool-downs and lone rests left out."""
    runs = [describe_step(s) for s in workout.steps if s.kind is StepKind.RUN]
    return " + ".join(runs) if runs else NO_RUNS


def describe_plan(plan: Plan) -> str:
    return describe_workout(plan.workout)


def estimate_text(plan: Plan) -> str:
    """`52:30`, or `52:30+` when some part (an open run, say) has no known time."""
    seconds, complete = plan.estimated_time()
    return fmt.clock(seconds) + ("" if complete else "+")


def last_run_text(
    started: datetime | str | None,
    status: str,
    reps_done: int,
    reps_total: int,
    average_diff: float | None,
    short: bool = False,
) -> str:
    """`2026-11-27 8/8 +0.3`: when, reps done of reps planned, and how far outside the
    target range on average.

    `short` drops the year (`27 Nov 8/8 +0.3`), for narrow terminals.
    """
    when = "?"
    if isinstance(started, str) and started:
        when = started[:10]
        with contextlib.suppress(ValueError):
            started = datetime.fromisoformat(started)
    if isinstance(started, datetime):
        when = started.strftime("%d %b" if short else "%Y-%m-%d")
    reps = f"{reps_done}/{reps_total}"
    if status == "stopped":
        reps = f"stopped {reps}"
    elif status == "in_progress":
        reps = f"unfinished {reps}"
    text = f"{when} {reps}"
    if average_diff is not None:
        text += f" {fmt.delta(average_diff)}"
    return text
