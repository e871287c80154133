"""A session as the messages of a FIT activity: laps, timer events, records, totals.

Pure: no encoding here (`fit_file` writes these with Garmin's SDK). Times are in
seconds, wall-clock instants are aware datetimes in UTC.

- One lap per segment (warm-up, each rep, each rest, cool-down), in file order: its
  timer time is the segment's `time`; its elapsed time adds the pauses inside it.
- The splits inside a rep are records (a timestamp and the cumulative distance), not
  laps: the tools list laps as the session's intervals (Garmin Connect's and Strava's
  lap tables, intervals.icu's intervals), so a 1600 m rep stays one line there, while
  the records draw each 400 m's pace in their pace charts.
- Distance is only what is known: a distance segment run to its end covers its
  distance; a rep skipped or stopped covers the last split point it reached; a timed
  step's distance is unknown and adds nothing (its lap has no distance).
- Pauses: the file keeps each pause (`[[pause]]`: the session time it began at and how
  long it lasted: `p`, and a gap counted as paused with the wait for the press that
  resumed), so every instant is placed to the millisecond. A file from before pauses
  were kept has only the total paused time and, for each `[[gap]]` counted as paused,
  where the session time stood (`after`) and the wall-clock resume: such a gap is a
  pause at `after` (the runner's own pauses before it merged into it, so every instant
  after it is exact).
  Paused time the file does not place comes after the last lap. A pause that begins
  where a segment begins is inside that segment's lap; where it ends, after that lap
  (so a stop or a save while paused ends the last lap where the pause began). Within a
  millisecond counts as where: the file rounds each time to the millisecond on its own,
  so a segment's `start + time` and a pause's `at` at one instant may differ by 1 ms.
  Every pause is a timer stop/start pair, as a watch writes.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from trackapp.domain.plan import split_points
from trackapp.domain.session import SegmentRecord, SessionRecord
from trackapp.domain.stats import session_figures

DEFAULT_TRACK = 400.0
INTENSITY = {"warmup": "warmup", "run": "active", "rest": "rest", "cooldown": "cooldown"}
# how each segment ended, as a lap trigger: a press is the lap key, a timed step ran out,
# a skip is a press too; the segment the session stopped in ends with the session
LAP_TRIGGER = {"press": "manual", "timer": "time", "skip": "manual", "stop": "session_end"}
RUN_TO_ITS_END = ("press", "timer")
MIN_PAUSE = 0.0005  # seconds: shorter is rounding, not a pause
# seconds: a pause this near a segment's start or end began there (the file's times
# are each rounded to the ms, so one instant may differ by 1 ms between them)
ON_THE_LINE = 0.0015


class FitExportError(ValueError):
    """A session that cannot be a FIT activity; the message says why."""


@dataclass(frozen=True, slots=True)
class FitLap:
    start: datetime
    elapsed: float  # seconds, the pauses inside included
    timer: float  # seconds, the segment's time
    distance: float | None  # metres, when known
    trigger: str  # manual | time | session_end
    intensity: str  # active | rest | warmup | cooldown
    kind: str  # the segment's kind
    label: str

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)


@dataclass(frozen=True, slots=True)
class FitEvent:
    at: datetime
    kind: str  # "start" | "stop_all": the timer's


@dataclass(frozen=True, slots=True)
class FitRecord:
    at: datetime
    distance: float  # metres from the session's start
    speed: float | None = None  # m/s over the split that ends here


@dataclass(frozen=True, slots=True)
class Pause:
    at: float  # session time (pauses excluded) when it began
    seconds: float


@dataclass(frozen=True, slots=True)
class FitActivity:
    name: str  # the workout's name
    start: datetime
    end: datetime
    timer: float  # seconds: the laps' timer times
    distance: float  # metres: the laps' known distances
    laps: tuple[FitLap, ...]
    events: tuple[FitEvent, ...]
    records: tuple[FitRecord, ...]
    pauses: tuple[Pause, ...]

    @property
    def elapsed(self) -> float:
        return (self.end - self.start).total_seconds()


def utc(value: datetime) -> datetime:
    """A session date as UTC; one without an offset is the machine's local time."""
    return value.astimezone(UTC)


def placed_pauses(record: SessionRecord) -> tuple[list[Pause], float]:
    """The pauses whose place the file keeps, in time order, and the paused seconds it
    does not place. A gap counted as paused is among the kept pauses (a pause at its
    `after`); only a gap from before pauses were kept is placed from its resume."""
    total = max(record.paused, 0.0)
    started = utc(record.started)
    kept = [Pause(p.at, p.lasted) for p in record.pauses]
    kept_at = {round(p.at, 3) for p in kept}
    kept_total = math.fsum(p.seconds for p in kept)
    placed: list[Pause] = []
    before = 0.0  # paused seconds up to the last gap's resume
    for gap in sorted(record.gaps, key=lambda g: g.after):
        if gap.counted != "paused" or round(gap.after, 3) in kept_at:
            continue
        # at the resume the session time still stood at `after`: all else was paused
        upto = (utc(gap.resumed) - started).total_seconds() - gap.after
        upto = min(max(upto, before), max(total - kept_total, 0.0))
        if upto - before >= MIN_PAUSE:
            placed.append(Pause(gap.after, upto - before))
        before = max(upto, before)
    placed += [p for p in kept if p.seconds >= MIN_PAUSE]
    placed.sort(key=lambda p: p.at)  # stable: pauses at one instant keep their order
    return placed, max(total - before - kept_total, 0.0)


def fit_activity(record: SessionRecord) -> FitActivity:
    """The FIT activity of a session; raises FitExportError for one with nothing to show."""
    segments = record.segments
    if not segments:
        raise FitExportError("the session has no segment yet: nothing was run")
    start = utc(record.started)
    pauses, unplaced = placed_pauses(record)
    last_end = max(s.start + s.time for s in segments)
    inside = [p for p in pauses if p.at < last_end - ON_THE_LINE]
    trailing = unplaced + sum(p.seconds for p in pauses if p.at >= last_end - ON_THE_LINE)
    inside_at = [p.at for p in inside]
    inside_sums = [0.0, *itertools.accumulate(p.seconds for p in inside)]

    def paused_before(t: float) -> float:
        """The paused seconds of the pauses that began before session time `t` (one that
        began at `t`, to the ms, comes after it)."""
        return inside_sums[bisect.bisect_left(inside_at, t - ON_THE_LINE)]

    def wall(t: float) -> datetime:
        """The wall-clock instant of session time `t`, before any pause that begins at t."""
        return start + timedelta(seconds=t + paused_before(t))

    splits = _split_distances(record)
    laps: list[FitLap] = []
    records: list[FitRecord] = [FitRecord(wall(segments[0].start), 0.0)]
    covered = 0.0
    for seg, points in zip(segments, splits, strict=True):
        seg_end = seg.start + seg.time
        lap_start = wall(seg.start)
        elapsed = seg.time + paused_before(seg_end) - paused_before(seg.start)
        distance = _lap_distance(seg, points)
        at = seg.start
        previous: float | None = 0.0
        for lap_time, point in zip(seg.laps, points, strict=False):
            at += lap_time
            if point is not None and at <= seg_end + 1e-6:
                speed = None
                if previous is not None and lap_time > 0 and point > previous:
                    speed = (point - previous) / lap_time
                records.append(FitRecord(wall(at), covered + point, speed))
            previous = point
        covered += distance or 0.0
        laps.append(
            FitLap(
                start=lap_start,
                elapsed=elapsed,
                timer=seg.time,
                distance=distance,
                trigger=LAP_TRIGGER.get(seg.ended_by or "stop", "session_end"),
                intensity=INTENSITY[seg.kind],
                kind=seg.kind,
                label=seg.label,
            )
        )
        end_wall = lap_start + timedelta(seconds=elapsed)
        last = records[-1]
        if abs((last.at - end_wall).total_seconds()) >= 0.001 or last.distance != covered:
            records.append(FitRecord(end_wall, covered))
    timer_end = wall(last_end)
    timer = math.fsum(s.time for s in segments)
    # segments follow one another; a file whose segments overlap still never has a
    # session shorter than its timer time
    span = max((timer_end - start).total_seconds(), timer + sum(p.seconds for p in inside))
    end = start + timedelta(seconds=span + trailing)
    # the timer stands still through each pause, and between segments: at the line
    # after a warm-up, until the press that starts the first rep; pauses that begin at
    # one session time follow one another
    still: list[tuple[datetime, datetime]] = []
    for i, p in enumerate(inside):
        begin = start + timedelta(seconds=p.at + inside_sums[i])
        still.append((begin, begin + timedelta(seconds=p.seconds)))
    ordered = sorted(segments, key=lambda s: s.start)
    for before, after in itertools.pairwise(ordered):
        if after.start - (before.start + before.time) >= MIN_PAUSE:
            still.append((wall(before.start + before.time), wall(after.start)))
    events = [FitEvent(wall(ordered[0].start), "start")]
    for stop, go in _merged(still):
        events += [FitEvent(stop, "stop_all"), FitEvent(go, "start")]
    events.append(FitEvent(timer_end, "stop_all"))
    records.sort(key=lambda r: r.at)
    # the distance never goes back: a segment's `start + time` may lie a millisecond past
    # the next one's start (each rounded on its own), so its last record sorts after the
    # next segment's first
    most = 0.0
    for i, r in enumerate(records):
        if r.distance < most:
            records[i] = replace(r, distance=most, speed=None)
        most = max(most, r.distance)
    return FitActivity(
        name=record.workout,
        start=start,
        end=end,
        timer=timer,
        distance=covered,
        laps=tuple(laps),
        events=tuple(events),
        records=tuple(records),
        pauses=tuple(pauses),
    )


def _merged(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Overlapping or touching spans as one."""
    out: list[tuple[datetime, datetime]] = []
    for begin, finish in sorted(spans):
        if out and begin <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], finish))
        else:
            out.append((begin, finish))
    return out


def _split_distances(record: SessionRecord) -> list[list[float | None]]:
    """For each segment, the distance from its start at each recorded split (None where
    the plan does not say). A distance segment's last press is its whole distance."""
    reps = iter(session_figures(record).reps)
    out: list[list[float | None]] = []
    for seg in record.segments:
        planned = next(reps).splits if seg.kind == "run" else None
        if seg.distance is None:
            out.append([None] * len(seg.laps))
            continue
        points = list(planned or split_points(seg.distance, DEFAULT_TRACK))
        known: list[float | None] = [
            points[i] if i < len(points) else None for i in range(len(seg.laps))
        ]
        if seg.ended_by in RUN_TO_ITS_END and known:
            # the press that ended it was on the line; a plan that says otherwise is stale
            known = [p if p is None or p < seg.distance else None for p in known[:-1]]
            known.append(seg.distance)
        out.append(known)
    return out


def _lap_distance(seg: SegmentRecord, points: list[float | None]) -> float | None:
    if seg.distance is None:
        return None
    if seg.ended_by in RUN_TO_ITS_END:
        return seg.distance
    reached = [p for p in points if p is not None]
    return max(reached) if reached else None
