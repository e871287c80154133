"""A workout's plan as rows of text: the table, settings line and totals.

`trackapp check` prints them and the app's plan preview and home screen show
them, so both read the same words. Below both `trackapp.ui` and
`trackapp.commands`: this package imports only the domain.
"""

from __future__ import annotations

from trackapp.domain import format as fmt
from trackapp.domain.plan import Plan, Segment
from trackapp.domain.units import format_clock, format_distance
from trackapp.domain.workout import StepKind

COLUMNS = (
    ("#", "right"),
    ("kind", "left"),
    ("step/set/rep", "left"),
    ("label", "left"),
    ("length", "right"),
    ("target", "right"),
    ("splits (m)", "left"),
    ("cue", "left"),
)

ROW_STYLES = {StepKind.RUN: "bold", StepKind.REST: "dim"}


def settings_line(plan: Plan) -> str:
    workout = plan.workout
    parts = [f"track {format_distance(workout.track)}", f"paces per {workout.pace_unit}"]
    for pace_name, pace in workout.paces.items():
        parts.append(f"{pace_name} = {pace_text(pace, workout.pace_unit)}")
    return ", ".join(parts)


def pace_text(pace: tuple[float, float], unit: str) -> str:
    fast, slow = pace
    return fmt.pace_range(fast, slow, unit)


def rows(plan: Plan) -> list[tuple[str, ...]]:
    """One row per segment; a step's cue only on its first segment, to keep the table calm."""
    unit = plan.workout.pace_unit
    result: list[tuple[str, ...]] = []
    previous_step = 0
    for seg in plan.segments:
        cue = seg.cue if seg.cue and seg.step != previous_step else ""
        previous_step = seg.step
        result.append(
            (
                str(seg.index + 1),
                str(seg.kind),
                f"{seg.step}/{seg.set}/{seg.rep}",
                seg.label,
                length_text(seg),
                target_text(seg, unit),
                splits_text(seg),
                cue,
            )
        )
    return result


def length_text(seg: Segment) -> str:
    """`400 m`, `2 min`, `to 2:15 cycle`, `open`: as every screen writes a length."""
    return fmt.length(seg.distance, seg.duration, seg.every)


def target_text(seg: Segment, unit: str) -> str:
    """The target band as every screen writes it (`1:28–1:32`), or a pace guide."""
    if seg.target is not None:
        return fmt.target(seg.target)
    if seg.pace is not None:
        return f"{pace_text(seg.pace, unit)} (guide)"
    return ""


def splits_text(seg: Segment) -> str:
    if not seg.splits:
        return ""
    if len(seg.splits) == 1:
        return "one press"
    return " / ".join(f"{point:.0f}" for point in seg.splits)


def total_distance(metres: float) -> str:
    """Like format_distance, but an odd total (miles on a metric track) as km to 10 m."""
    text = format_distance(metres)
    if metres >= 1000 and not metres.is_integer() and not text.endswith("mi"):
        return f"{metres / 1000:.2f} km"
    return text


def totals(plan: Plan) -> list[str]:
    reps = plan.run_count()
    seconds, complete = plan.estimated_time()
    estimate = format_clock(seconds)
    if not complete:
        unknown = plan.unknown_parts()
        parts = "part" if unknown == 1 else "parts"
        estimate = (
            f"at least {estimate} ({unknown} {parts} of unknown time: open, "
            "or a distance without target or pace)"
        )
    timed = sum((s.duration or 0.0 for s in plan.segments if s.kind is StepKind.RUN), start=0.0)
    distance = f"Run distance: {total_distance(plan.run_distance)} in {reps} rep" + (
        "" if reps == 1 else "s"
    )
    if timed:
        distance += f", plus {format_clock(timed)} of running by time"
    return [distance, f"Estimated time: {estimate}"]
