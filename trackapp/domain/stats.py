"""Figures over a session's run reps, and across sessions of one workout.

Pure functions over `SessionRecord`s: the CLI, the index and the screens all
show the same numbers because they all come from here. No I/O, no Textual.
"""

from __future__ import annotations

import re
import statistics
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from trackapp.domain.session import SegmentRecord, SessionRecord

RepKey = tuple[int, int, int]  # (step, set, rep): names one rep across sessions of a workout
PACE_UNITS = ("km", "mi")
COUNTED_ENDINGS = ("press", "timer")  # a rep run to its end; skip/stop/running are not


@dataclass(frozen=True, slots=True)
class Rep:
    """One run segment, with what the figures need to know about it."""

    key: RepKey
    label: str
    time: float
    laps: tuple[float, ...]
    ended_by: str | None
    distance: float | None
    target: tuple[float, float] | None

    @property
    def counted(self) -> bool:
        """Only reps run to their end count in averages; a skipped rep says nothing of pace."""
        return self.ended_by in COUNTED_ENDINGS

    @property
    def skipped(self) -> bool:
        return self.ended_by == "skip"

    @property
    def target_mid(self) -> float | None:
        return None if self.target is None else (self.target[0] + self.target[1]) / 2

    @property
    def diff(self) -> float | None:
        """Seconds against the middle of the target band; negative is faster."""
        mid = self.target_mid
        return None if mid is None else self.time - mid

    @property
    def pace(self) -> float | None:
        """Seconds per metre, for distance reps."""
        if self.distance is None or self.distance <= 0:
            return None
        return self.time / self.distance

    @property
    def band(self) -> str | None:
        """ "fast", "on" or "slow" against the target band, None without a target."""
        if self.target is None:
            return None
        if self.time < self.target[0]:
            return "fast"
        if self.time > self.target[1]:
            return "slow"
        return "on"


def rep_from_segment(segment: SegmentRecord) -> Rep:
    return Rep(
        key=(segment.step, segment.set, segment.rep),
        label=segment.label,
        time=segment.time,
        laps=tuple(segment.laps),
        ended_by=segment.ended_by,
        distance=segment.distance,
        target=segment.target,
    )


def run_reps(record: SessionRecord) -> list[Rep]:
    return [rep_from_segment(s) for s in record.segments if s.kind == "run"]


_SIMPLE_PACE_UNIT = re.compile(r"""pace_unit\s*=\s*(["'])(km|mi)\1\s*(#.*)?""")


def pace_unit_of(workout_toml: str) -> str:
    """The workout's top-level `pace_unit` ("km" or "mi"); "km" when absent or unreadable."""
    if "pace_unit" not in workout_toml:
        return "km"  # most files: spare the parse
    for line in workout_toml.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            break  # past the top level
        if stripped.startswith("pace_unit"):
            simple = _SIMPLE_PACE_UNIT.fullmatch(stripped)
            if simple:
                return simple.group(2)  # the usual spelling: no need for a full parse
            break
    try:
        value = tomllib.loads(workout_toml).get("pace_unit", "km")
    except (tomllib.TOMLDecodeError, RecursionError, ValueError, MemoryError):
        return "km"
    return value if value in PACE_UNITS else "km"


@dataclass(frozen=True, slots=True)
class SessionFigures:
    """Summary figures of one session; None where there is nothing to say."""

    reps: tuple[Rep, ...]
    pace_unit: str
    done: int  # reps run to their end
    skipped: int
    average: float | None
    fastest: float | None
    slowest: float | None
    spread: float | None  # slowest minus fastest
    stdev: float | None  # population standard deviation of the counted reps
    fade: float | None  # last counted rep minus first; positive means slowing down
    total_distance: float  # metres over counted distance reps
    total_time: float  # seconds over counted reps
    average_target: float | None  # mean target midpoint over counted reps with a target
    average_diff: float | None  # mean difference to target midpoint over the same reps
    average_pace: float | None  # seconds per metre over counted distance reps


def figures(reps: Sequence[Rep], pace_unit: str = "km") -> SessionFigures:
    counted = [r for r in reps if r.counted]
    times = [r.time for r in counted]
    targeted = [r for r in counted if r.target_mid is not None]
    with_distance = [r for r in counted if r.distance is not None and r.distance > 0]
    distance = sum(r.distance or 0.0 for r in with_distance)
    return SessionFigures(
        reps=tuple(reps),
        pace_unit=pace_unit,
        done=len(counted),
        skipped=sum(1 for r in reps if r.skipped),
        average=statistics.fmean(times) if times else None,
        fastest=min(times) if times else None,
        slowest=max(times) if times else None,
        spread=max(times) - min(times) if times else None,
        stdev=statistics.pstdev(times) if len(times) >= 2 else None,
        fade=times[-1] - times[0] if len(times) >= 2 else None,
        total_distance=distance,
        total_time=sum(times),
        average_target=(
            statistics.fmean(r.target_mid or 0.0 for r in targeted) if targeted else None
        ),
        average_diff=statistics.fmean(r.diff or 0.0 for r in targeted) if targeted else None,
        average_pace=(sum(r.time for r in with_distance) / distance) if distance > 0 else None,
    )


def session_figures(record: SessionRecord) -> SessionFigures:
    return figures(run_reps(record), pace_unit_of(record.workout_toml))


# ---- comparison across sessions of one workout ----


@dataclass(frozen=True, slots=True)
class CompareCell:
    """One session's run of one rep; `rep` is None when that session has no such rep."""

    rep: Rep | None
    best: bool = False
    plan_differs: bool = False  # distance or target differ from the row's reference


@dataclass(frozen=True, slots=True)
class CompareRow:
    key: RepKey
    label: str
    distance: float | None  # reference plan: the newest session that has this rep
    target: tuple[float, float] | None
    cells: tuple[CompareCell, ...]  # one per column, oldest session first
    mismatch: str | None  # why this rep does not line up across sessions; None when it does

    @property
    def best_time(self) -> float | None:
        times = [c.rep.time for c in self.cells if c.best and c.rep is not None]
        return times[0] if times else None


@dataclass(frozen=True, slots=True)
class CompareColumn:
    position: int  # index into the sequence given to compare_sessions
    started: datetime
    figures: SessionFigures


@dataclass(frozen=True, slots=True)
class Comparison:
    columns: tuple[CompareColumn, ...]  # oldest first
    rows: tuple[CompareRow, ...]  # by (step, set, rep)
    plans_differ: bool  # the workout file was edited between some of these sessions

    def averages(self) -> list[tuple[datetime, float | None]]:
        """Session average over time, oldest first: the season's progress."""
        return [(c.started, c.figures.average) for c in self.columns]


def compare_sessions(records: Sequence[SessionRecord]) -> Comparison:
    """Reps as rows, sessions as columns (oldest first), best per rep, mismatches marked.

    Reps are matched by (step, set, rep). Marks appear only when the workout
    file differs between sessions: then a rep whose distance or target differs,
    or that only some sessions have, is marked and its best is taken only among
    sessions that ran it as planned in the newest of them.
    """
    order = sorted(range(len(records)), key=lambda i: records[i].started.timestamp())
    columns = tuple(
        CompareColumn(position=i, started=records[i].started, figures=session_figures(records[i]))
        for i in order
    )
    plans_differ = len({records[i].workout_toml for i in order}) > 1
    by_column: list[dict[RepKey, Rep]] = []
    for column in columns:
        reps: dict[RepKey, Rep] = {}
        for rep in column.figures.reps:
            reps.setdefault(rep.key, rep)
        by_column.append(reps)
    keys = sorted({k for reps in by_column for k in reps})
    rows = tuple(_compare_row(key, by_column, plans_differ) for key in keys)
    return Comparison(columns=columns, rows=rows, plans_differ=plans_differ)


def _compare_row(key: RepKey, by_column: list[dict[RepKey, Rep]], plans_differ: bool) -> CompareRow:
    present = [reps.get(key) for reps in by_column]
    reference = next(r for r in reversed(present) if r is not None)
    differs = [
        r is not None
        and plans_differ
        and (r.distance != reference.distance or r.target != reference.target)
        for r in present
    ]
    pairs = list(zip(present, differs, strict=True))
    comparable = [r.time for r, d in pairs if r is not None and r.counted and not d]
    best = min(comparable) if comparable else None
    cells = tuple(
        CompareCell(
            rep=r,
            best=r is not None and r.counted and not d and r.time == best,
            plan_differs=d,
        )
        for r, d in pairs
    )
    mismatch: str | None = None
    if plans_differ:
        reasons = []
        have = sum(1 for r in present if r is not None)
        if have < len(present):
            reasons.append(f"only in {have} of {len(present)}")
        if any(r is not None and r.distance != reference.distance for r in present):
            reasons.append("distance differs")
        if any(r is not None and r.target != reference.target for r in present):
            reasons.append("target differs")
        mismatch = ", ".join(reasons) or None
    return CompareRow(
        key=key,
        label=reference.label,
        distance=reference.distance,
        target=reference.target,
        cells=cells,
        mismatch=mismatch,
    )
