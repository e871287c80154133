"""Each athlete's targets for one workout, as rows of text (`trackapp check --roster`).

One column per distinct rep of the workout (a step's rep, each rung of a ladder),
one row per athlete: what their own paces make of each.
"""

from __future__ import annotations

from collections.abc import Sequence

from trackapp.domain.plan import Plan, Segment
from trackapp.domain.roster import Athlete
from trackapp.domain.workout import StepKind
from trackapp.present.plan_table import length_text, target_text

FIXED_COLUMNS = ("key", "athlete", "own paces")


def _rep_key(seg: Segment) -> tuple[int, str, float | None, float | None]:
    return (seg.step, seg.label, seg.distance, seg.duration)


def _reps(plan: Plan) -> list[Segment]:
    """The first segment of each distinct rep that has a target or a pace."""
    seen: set[tuple[int, str, float | None, float | None]] = set()
    reps: list[Segment] = []
    for seg in plan.segments:
        if seg.kind is not StepKind.RUN or (seg.target is None and seg.pace is None):
            continue
        if _rep_key(seg) not in seen:
            seen.add(_rep_key(seg))
            reps.append(seg)
    return reps


def columns(plan: Plan) -> list[str]:
    """`key`, `athlete`, `own paces`, then `step 2 400 m` for each rep with a target."""
    return [*FIXED_COLUMNS, *(f"step {seg.step} {length_text(seg)}" for seg in _reps(plan))]


def own_paces(athlete: Athlete) -> str:
    """`5k = 6:10/mi, race 5K 18:30`, or `the workout's` when the athlete has none."""
    parts = [f"{name} = {text.strip()}" for name, text in athlete.paces.items()]
    if athlete.race:
        parts.append(f"race {athlete.race}")
    return ", ".join(parts) if parts else "the workout's"


def rows(athletes: Sequence[Athlete], plans: Sequence[Plan]) -> list[tuple[str, ...]]:
    """One row per athlete: key, name, own paces, then their target for each column's rep."""
    result: list[tuple[str, ...]] = []
    for athlete, plan in zip(athletes, plans, strict=True):
        unit = plan.workout.pace_unit
        cells = [target_text(seg, unit) for seg in _reps(plan)]
        result.append((athlete.key, athlete.name, own_paces(athlete), *cells))
    return result
