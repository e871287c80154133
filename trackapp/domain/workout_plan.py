"""Text to plan in one call, with a plan that is too long reported like any other problem."""

from __future__ import annotations

from collections.abc import Mapping

from trackapp.domain.loader import Problem, WorkoutError, _LineMap, parse_workout
from trackapp.domain.plan import Plan, PlanTooLongError, expand, segment_count
from trackapp.domain.vdot import Race, parse_race
from trackapp.domain.workout import Workout


def plan_from_text(
    text: str,
    source: str = "",
    race: Race | None = None,
    *,
    paces: Mapping[str, str] | None = None,
    athlete_race: Race | None = None,
) -> Plan:
    """Parse and expand; raises WorkoutError for every problem, the plan's size included.

    `race` is the runner's race for race paces (default: the one from settings.toml);
    `paces` and `athlete_race` are one athlete's in coach mode (see `parse_workout`).
    """
    workout = parse_workout(text, source, race, paces=paces, athlete_race=athlete_race)
    try:
        return expand(workout)
    except PlanTooLongError as err:
        step, key = (err.step, err.key) if err.step is not None else _biggest(workout)
        line = _LineMap(workout.text).step(step, key)  # the key's own line, not the header's
        problem = Problem(line, str(err), step=step, key=key)
        raise WorkoutError([problem], source) from None


def runner_race_used(plan: Plan) -> str | None:
    """The runner's race (settings.toml) that this plan's targets came from, if any:
    what a session keeps so that its plan can be rebuilt the same later."""
    workout = plan.workout
    if workout.race is None or not workout.race_from_settings:
        return None
    return workout.race if any(seg.pace_source for seg in plan.segments) else None


def saved_race(text: str | None) -> Race | None:
    """The race a session saved, parsed; None when absent or no longer parseable."""
    if not text:
        return None
    try:
        return parse_race(text)
    except ValueError:
        return None


def _biggest(workout: Workout) -> tuple[int, str]:
    """The step with the most segments, and the key that makes them: where to lower the count."""
    biggest = max(workout.steps, key=segment_count)
    if biggest.sets > 1 and (biggest.ladder or biggest.sets >= biggest.reps):
        key = "sets"
    else:
        key = "run" if biggest.ladder else "repeat"
    return biggest.number, key
