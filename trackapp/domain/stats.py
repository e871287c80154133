"""Figures over a session's run reps, and across sessions of one workout.

Pure functions over `SessionRecord`s: the CLI, the index and the screens all
show the same numbers because they all come from here. No I/O, no Textual.
"""

from __future__ import annotations

import functools
import re
import statistics
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from trackapp.domain import format as fmt
from trackapp.domain.loader import parse_workout
from trackapp.domain.plan import Plan, Segment, expand
from trackapp.domain.session import COUNTED_ENDINGS, SegmentRecord, SessionRecord
from trackapp.domain.workout import StepKind
from trackapp.domain.workout_plan import saved_race

RepKey = tuple[int, int, int]  # (step, set, rep): names one rep across sessions of a workout
PACE_UNITS = ("km", "mi")


@dataclass(frozen=True, slots=True)
class Rep:
    """One run segment, with what the figures and the screens need to know about it."""

    key: RepKey
    label: str
    time: float
    laps: tuple[float, ...]
    ended_by: str | None
    distance: float | None
    target: tuple[float, float] | None
    name: str = ""  # the rep in a runner's words (`format.rep_name`): "400 #3"
    duration: float | None = None  # seconds, for a timed rep
    splits: tuple[float, ...] | None = None  # planned split points, metres from the start

    @property
    def counted(self) -> bool:
        """Only reps run to their end count in averages; a skipped rep says nothing of pace."""
        return self.ended_by in COUNTED_ENDINGS

    @property
    def skipped(self) -> bool:
        return self.ended_by == "skip"

    @property
    def stopped(self) -> bool:
        return self.ended_by == "stop"

    @property
    def target_mid(self) -> float | None:
        return None if self.target is None else (self.target[0] + self.target[1]) / 2

    @property
    def diff(self) -> float | None:
        """Seconds outside the target range (+ slower than its high end, - faster than its
        low end, 0 inside); None without a target or for a rep not run to its end."""
        if not self.counted:
            return None
        return fmt.target_diff(self.time, self.target)

    @property
    def pace(self) -> float | None:
        """Seconds per metre, for distance reps run to their end."""
        if self.distance is None or self.distance <= 0 or not self.counted:
            return None
        return self.time / self.distance

    @property
    def band(self) -> str | None:
        """ "fast", "on" or "slow" against the target band, as the times are shown;
        None without a target."""
        if self.target is None:
            return None
        shown = fmt.tenths(self.time)
        if shown < fmt.tenths(self.target[0]):
            return "fast"
        if shown > fmt.tenths(self.target[1]):
            return "slow"
        return "on"

    @property
    def group_key(self) -> tuple[str, float | str]:
        """What makes reps comparable: the distance, the duration, or the label."""
        if self.distance is not None:
            return ("distance", round(self.distance, 3))
        if self.duration is not None:
            return ("duration", round(self.duration, 3))
        return ("label", self.label)

    @property
    def group_label(self) -> str:
        if self.distance is not None:
            return fmt.distance(self.distance)
        if self.duration is not None:
            return fmt.duration(self.duration)
        return self.label


@dataclass(frozen=True, slots=True)
class _Naming:
    """A rep as `format.rep_name` reads it."""

    label: str
    distance: float | None
    duration: float | None
    set: int
    rep: int
    sets: int
    reps: int
    ladder: bool


def rep_from_segment(segment: SegmentRecord, planned: Segment | None = None) -> Rep:
    """The rep of a session file's segment; `planned` is its segment in the workout's plan
    (rebuilt from `workout_toml`), which names it and gives its duration and split points."""
    if planned is not None and planned.distance != segment.distance:
        planned = None  # the file says otherwise: trust the file
    naming = _Naming(
        label=segment.label,
        distance=segment.distance,
        duration=planned.duration if planned else None,
        set=segment.set,
        rep=segment.rep,
        sets=planned.sets if planned else 1,
        reps=planned.reps if planned else 1,
        ladder=planned.ladder if planned else False,
    )
    return Rep(
        key=(segment.step, segment.set, segment.rep),
        label=segment.label,
        time=segment.time,
        laps=tuple(segment.laps),
        ended_by=segment.ended_by,
        distance=segment.distance,
        target=segment.target,
        name=fmt.rep_name(naming),
        duration=naming.duration,
        splits=planned.splits if planned else None,
    )


def session_plan(record: SessionRecord) -> Plan | None:
    """The plan of the workout as it was run, rebuilt from the session's `workout_toml`;
    None when that text no longer loads (a file is untrusted: never an exception)."""
    return _plan_of(record.workout_toml, record.race)


@functools.lru_cache(maxsize=64)
def _plan_of(workout_toml: str, race: str | None = None) -> Plan | None:
    """Sessions of one workout share its text: the index of 2,000 sessions parses a few.

    `race` is the runner's race the session saved: its targets, not today's race's."""
    try:
        return expand(parse_workout(workout_toml, race=saved_race(race)))
    except Exception:
        return None


def _planned_runs(plan: Plan | None) -> dict[RepKey, Segment]:
    if plan is None:
        return {}
    return {(s.step, s.set, s.rep): s for s in plan.segments if s.kind is StepKind.RUN}


def _inferred(records: Sequence[SegmentRecord]) -> dict[RepKey, Segment]:
    """Without a plan, what the file itself says of each run step's sets, reps and ladder."""
    by_step: dict[int, list[SegmentRecord]] = {}
    for seg in records:
        by_step.setdefault(seg.step, []).append(seg)
    out: dict[RepKey, Segment] = {}
    for step, segs in by_step.items():
        sets = max(s.set for s in segs)
        reps = max(s.rep for s in segs)
        ladder = reps > 1 and len({s.distance for s in segs}) > 1
        for s in segs:
            out[(step, s.set, s.rep)] = Segment(
                index=0,
                kind=StepKind.RUN,
                step=step,
                set=s.set,
                rep=s.rep,
                label=s.label,
                distance=s.distance,
                sets=sets,
                reps=reps,
                ladder=ladder,
            )
    return out


def run_reps(record: SessionRecord, plan: Plan | None = None) -> list[Rep]:
    runs = [s for s in record.segments if s.kind == "run"]
    planned = _planned_runs(plan) or _inferred(runs)
    return [rep_from_segment(s, planned.get((s.step, s.set, s.rep))) for s in runs]


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
class RepGroup:
    """Done reps of one kind (one distance, one duration, or one label for open reps)."""

    label: str
    distance: float | None
    duration: float | None
    reps: tuple[Rep, ...]  # in the order run

    @property
    def count(self) -> int:
        return len(self.reps)

    @property
    def times(self) -> list[float]:
        return [r.time for r in self.reps]

    @property
    def average(self) -> float:
        return statistics.fmean(self.times)

    @property
    def fastest(self) -> float:
        return min(self.times)

    @property
    def slowest(self) -> float:
        return max(self.times)

    @property
    def spread(self) -> float | None:
        """Slowest minus fastest; None for a group of one."""
        return self.slowest - self.fastest if self.count >= 2 else None

    @property
    def fade(self) -> float | None:
        """Last minus first; positive means slowing down. None for a group of one."""
        return self.reps[-1].time - self.reps[0].time if self.count >= 2 else None

    @property
    def stdev(self) -> float | None:
        """Population standard deviation (divide by n); None for a group of one."""
        return statistics.pstdev(self.times) if self.count >= 2 else None

    @property
    def average_target(self) -> float | None:
        """Mean target midpoint over the group's reps with a target."""
        mids = [r.target_mid for r in self.reps if r.target_mid is not None]
        return statistics.fmean(mids) if mids else None


@dataclass(frozen=True, slots=True)
class AgainstTarget:
    """Done reps with a target, of whatever kind: the one figure unlike reps share."""

    count: int
    on_target: int  # inside the target range (exactly: `diff == 0`)
    average_diff: float  # mean seconds outside the range (+ slower)
    on_target_shown: int  # inside it as the times and targets are shown (to the tenth)


def group_reps(reps: Sequence[Rep]) -> tuple[RepGroup, ...]:
    """The done reps grouped by what makes them comparable, in order of first appearance."""
    groups: dict[tuple[str, float | str], list[Rep]] = {}
    for rep in reps:
        if rep.counted:
            groups.setdefault(rep.group_key, []).append(rep)
    return tuple(
        RepGroup(
            label=g[0].group_label, distance=g[0].distance, duration=g[0].duration, reps=tuple(g)
        )
        for g in groups.values()
    )


def against_target(reps: Sequence[Rep]) -> AgainstTarget | None:
    diffs = [d for r in reps if (d := r.diff) is not None]
    if not diffs:
        return None
    return AgainstTarget(
        count=len(diffs),
        on_target=sum(1 for d in diffs if d == 0),
        average_diff=statistics.fmean(diffs),
        on_target_shown=sum(1 for r in reps if r.diff is not None and r.band == "on"),
    )


@dataclass(frozen=True, slots=True)
class SessionFigures:
    """Summary figures of one session; None where there is nothing to say.

    Times are averaged only within a group of like reps (`groups`); across unlike
    reps only figures against target are combined (`against`). The single-figure
    fields (`average`, `fastest`, ...) are the one group's when the session has
    one kind of rep, and None when it mixes kinds (a pyramid of 200s and 1200s
    has no one average)."""

    reps: tuple[Rep, ...]
    pace_unit: str
    done: int  # reps run to their end (press, or the timer of a timed rep)
    planned: int  # run segments in the workout's plan
    skipped: int
    stopped: int
    groups: tuple[RepGroup, ...]
    against: AgainstTarget | None
    total_distance: float  # metres over done distance reps
    total_time: float  # seconds over done reps
    average_pace: float | None  # seconds per metre over done distance reps

    @property
    def reps_done(self) -> int:
        return self.done

    @property
    def only_group(self) -> RepGroup | None:
        return self.groups[0] if len(self.groups) == 1 else None

    @property
    def average(self) -> float | None:
        g = self.only_group
        return g.average if g else None

    @property
    def fastest(self) -> float | None:
        g = self.only_group
        return g.fastest if g else None

    @property
    def slowest(self) -> float | None:
        g = self.only_group
        return g.slowest if g else None

    @property
    def spread(self) -> float | None:
        g = self.only_group
        return g.spread if g else None

    @property
    def fade(self) -> float | None:
        g = self.only_group
        return g.fade if g else None

    @property
    def stdev(self) -> float | None:
        g = self.only_group
        return g.stdev if g else None

    @property
    def average_target(self) -> float | None:
        g = self.only_group
        return g.average_target if g else None

    @property
    def average_diff(self) -> float | None:
        return self.against.average_diff if self.against else None

    @property
    def on_target(self) -> int:
        """Done reps inside their target range as shown (what every screen counts)."""
        return self.against.on_target_shown if self.against else 0


def figures(
    reps: Sequence[Rep], pace_unit: str = "km", planned: int | None = None
) -> SessionFigures:
    counted = [r for r in reps if r.counted]
    with_distance = [r for r in counted if r.distance is not None and r.distance > 0]
    distance = sum(r.distance or 0.0 for r in with_distance)
    return SessionFigures(
        reps=tuple(reps),
        pace_unit=pace_unit,
        done=len(counted),
        planned=len(reps) if planned is None else planned,
        skipped=sum(1 for r in reps if r.skipped),
        stopped=sum(1 for r in reps if r.stopped),
        groups=group_reps(reps),
        against=against_target(reps),
        total_distance=distance,
        total_time=sum(r.time for r in counted),
        average_pace=(sum(r.time for r in with_distance) / distance) if distance > 0 else None,
    )


def session_figures(record: SessionRecord, plan: Plan | None = None) -> SessionFigures:
    """The figures every screen and command shows of one session. The plan is rebuilt
    from the session's `workout_toml` when not given: it names the reps and says how
    many were planned (a stopped session too)."""
    if plan is None:
        plan = session_plan(record)
    reps = run_reps(record, plan)
    unit = plan.workout.pace_unit if plan is not None else pace_unit_of(record.workout_toml)
    planned = plan.run_count() if plan is not None else None
    return figures(reps, unit if unit in PACE_UNITS else "km", planned)


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
    name: str  # the rep in a runner's words, from the newest session that has it
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
        name=reference.name,
        distance=reference.distance,
        target=reference.target,
        cells=cells,
        mismatch=mismatch,
    )


# ---- `trackapp show SESSION --json` (shared/REVIEW_JSON.md) ----

JSON_FORMAT = 1


def _ms(seconds: float | None) -> float | None:
    """Seconds to the millisecond, as the session file keeps them (never display-rounded)."""
    return None if seconds is None else round(float(seconds), 3)


def review_json(record: SessionRecord, file_name: str) -> dict[str, object]:
    """One session as REVIEW_JSON.md pins it, from the figures every screen shows."""
    fig = session_figures(record)
    groups = [
        {
            "label": g.label,
            "distance": g.distance,
            "duration": g.duration,
            "count": g.count,
            "average": _ms(g.average),
            "fastest": _ms(g.fastest),
            "slowest": _ms(g.slowest),
            "spread": _ms(g.spread),
            "fade": _ms(g.fade),
            "stdev": _ms(g.stdev),
        }
        for g in fig.groups
    ]
    against = (
        None
        if fig.against is None
        else {
            "count": fig.against.count,
            "on_target": fig.against.on_target,
            "average_diff": _ms(fig.against.average_diff),
        }
    )
    reps = [
        {
            "name": r.name,
            "step": r.key[0],
            "set": r.key[1],
            "rep": r.key[2],
            "label": r.label,
            "distance": r.distance,
            "duration": r.duration,
            "time": _ms(r.time),
            "target": list(r.target) if r.target is not None else None,
            "diff": _ms(r.diff),
            "pace": _ms(r.pace * 1000) if r.pace is not None else None,
            "laps": [_ms(x) for x in r.laps],
            "ended_by": r.ended_by,
        }
        for r in fig.reps
    ]
    return {
        "format": JSON_FORMAT,
        "file": file_name,
        "workout": record.workout,
        "started": record.started.isoformat(timespec="milliseconds"),
        "status": record.status,
        "effort": record.effort,
        "notes": record.notes,
        "reps_done": fig.done,
        "reps_planned": fig.planned,
        "groups": groups,
        "against_target": against,
        "reps": reps,
    }
