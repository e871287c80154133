"""One group run (coach mode) reviewed: athletes × reps, each time against that athlete's
own target, the best of each rep marked, each athlete's average difference to target.

A group run is saved as one session file per athlete sharing `group` (SESSION_FORMAT.md);
each file's segments carry that athlete's own targets, so nothing is recomputed here.
Pure: records in, figures out (the screen and any CLI read the same numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from trackapp.domain import format as fmt
from trackapp.domain.session import SessionRecord
from trackapp.domain.stats import Rep, RepKey, against_target, run_reps, session_plan

# Who ran, with their keys, in the group's order: written by the group runner
# (trackapp.group_runner.GROUP_ATHLETES_KEY) into every athlete's file.
ATHLETES_KEY = "group_athlete"


@dataclass(frozen=True, slots=True)
class GroupColumn:
    """One rep of the workout: `400 #3`."""

    key: RepKey
    name: str


@dataclass(frozen=True, slots=True)
class GroupCell:
    rep: Rep | None  # None: the athlete has no such rep (out before it, or not yet)
    best: bool = False  # the best of this rep against target (the fastest, without targets)


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One athlete's reps, their own targets in each."""

    athlete: str
    key: str  # the key that recorded their splits, "" when the file does not say
    position: int  # index into the records given to `group_review`
    cells: tuple[GroupCell, ...]  # one per column
    done: int  # reps run to their end
    planned: int
    average_diff: float | None  # mean seconds outside their target range (+ slower)
    on_target: int  # done reps inside their target range, as shown (to the tenth)
    targeted: int  # done reps with a target


@dataclass(frozen=True, slots=True)
class GroupReview:
    group: str
    workout: str
    started: datetime | None  # the earliest athlete's start
    columns: tuple[GroupColumn, ...]
    rows: tuple[GroupRow, ...]  # in the group's order (their keys'), else by name


def _order(records: Sequence[SessionRecord]) -> dict[str, tuple[int, str]]:
    """Athlete name (casefolded) → (place, key) from the group's own list of who ran."""
    for record in records:
        listed = record.extra.get(ATHLETES_KEY)
        if isinstance(listed, list):
            order: dict[str, tuple[int, str]] = {}
            for place, item in enumerate(listed):
                if isinstance(item, dict) and isinstance(item.get("name"), str):
                    key = item.get("key")
                    order.setdefault(
                        item["name"].casefold(), (place, key if isinstance(key, str) else "")
                    )
            return order
    return {}


def _score(rep: Rep) -> float:
    """Lower is better: seconds against the middle of the athlete's own target."""
    mid = rep.target_mid
    return rep.time - mid if mid is not None else rep.time


def group_review(records: Sequence[SessionRecord]) -> GroupReview:
    """The grid of one group run from its athletes' session files (any order)."""
    order = _order(records)
    reps_of: list[dict[RepKey, Rep]] = []
    names: dict[RepKey, str] = {}
    for record in records:
        run = run_reps(record, session_plan(record))
        reps_of.append({rep.key: rep for rep in run})
        for rep in run:
            names.setdefault(rep.key, rep.name or rep.label)
    columns = tuple(GroupColumn(key, names[key]) for key in sorted(names))
    best = _best(columns, reps_of)

    def sort_key(i: int) -> tuple[int, str]:
        name = records[i].athlete or ""
        return (order.get(name.casefold(), (len(order), ""))[0], name.casefold())

    rows: list[GroupRow] = []
    for i in sorted(range(len(records)), key=sort_key):
        record, reps = records[i], reps_of[i]
        done = [rep for rep in reps.values() if rep.counted]
        against = against_target(done)
        plan = session_plan(record)
        planned = plan.run_count() if plan is not None else len(reps)
        rows.append(
            GroupRow(
                athlete=record.athlete or "",
                key=order.get((record.athlete or "").casefold(), (0, ""))[1],
                position=i,
                cells=tuple(GroupCell(reps.get(c.key), best=(i, c.key) in best) for c in columns),
                done=len(done),
                planned=max(planned, len(reps)),
                average_diff=against.average_diff if against else None,
                on_target=against.on_target_shown if against else 0,
                targeted=against.count if against else 0,
            )
        )
    starts = [r.started for r in records]
    return GroupReview(
        group=next((r.group for r in records if r.group), ""),
        workout=records[0].workout if records else "",
        started=min(starts) if starts else None,
        columns=columns,
        rows=tuple(rows),
    )


def _best(
    columns: Sequence[GroupColumn], reps_of: Sequence[dict[RepKey, Rep]]
) -> set[tuple[int, RepKey]]:
    """(athlete position, rep) of the best of each rep: against each one's own target among
    the times with one (a time without a target is not comparable with them), the fastest
    when none has; ties (as shown, to the tenth) all marked."""
    marked: set[tuple[int, RepKey]] = set()
    for column in columns:
        done = [
            (i, rep)
            for i, reps in enumerate(reps_of)
            if (rep := reps.get(column.key)) is not None and rep.counted
        ]
        targeted = [(i, rep) for i, rep in done if rep.target is not None]
        if targeted:
            scores = [(fmt.tenths(_score(rep)), i) for i, rep in targeted]
        else:
            scores = [(fmt.tenths(rep.time), i) for i, rep in done]
        if not scores:
            continue
        low = min(score for score, _ in scores)
        marked.update((i, column.key) for score, i in scores if score == low)
    return marked


def average_text(row: GroupRow) -> str:
    """`+1.2 (3/6 on)` or `—`: the athlete's average difference to their own target, and
    how many of their reps with a target were on it (as shown, to the tenth)."""
    if row.average_diff is None:
        return fmt.NONE
    return f"{fmt.delta(row.average_diff)} ({row.on_target}/{row.targeted} on)"
