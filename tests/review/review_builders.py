"""Sessions built in the test: 400 m reps with given times, saved into a sessions folder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from trackapp.domain.session import EndedBy, SegmentRecord, SessionRecord, SessionStatus
from trackapp.storage.session_files import session_filename, write_session

TZ = timezone(timedelta(hours=1))
PLAN_400 = 'name = "6 x 400"\npace_unit = "km"\n'


def at(day: int, hour: int = 18) -> datetime:
    return datetime(2026, 3, day, hour, 0, 0, tzinfo=TZ)


def run(
    rep: int,
    time: float,
    *,
    step: int = 2,
    set_: int = 1,
    distance: float | None = 400.0,
    target: tuple[float, float] | None = (88.0, 92.0),
    ended_by: EndedBy | None = "press",
    laps: Sequence[float] | None = None,
) -> SegmentRecord:
    return SegmentRecord(
        kind="run",
        step=step,
        set=set_,
        rep=rep,
        label="400 m" if distance == 400.0 else "rep",
        start=100.0 * rep,
        time=time,
        laps=list(laps) if laps is not None else [time],
        ended_by=ended_by,
        distance=distance,
        target=target,
    )


def rest(rep: int, time: float = 90.0, step: int = 2) -> SegmentRecord:
    return SegmentRecord("rest", step, 1, rep, "rest", 100.0 * rep + 50, time, [time], "timer")


def session(
    times: Sequence[float],
    *,
    started: datetime | None = None,
    workout: str = "6 x 400",
    plan: str = PLAN_400,
    status: SessionStatus = "completed",
    notes: str = "",
    effort: int | None = None,
    skip: Sequence[int] = (),
) -> SessionRecord:
    """A session of 400 m reps with the given times; reps in `skip` (1-based) were skipped."""
    segments: list[SegmentRecord] = []
    for i, t in enumerate(times, start=1):
        segments.append(run(i, t, ended_by="skip" if i in skip else "press"))
        if i < len(times):
            segments.append(rest(i))
    return SessionRecord(
        workout=workout,
        source="workouts/x.toml",
        workout_toml=plan,
        started=started or at(1),
        status=status,
        ended=None if status == "in_progress" else (started or at(1)) + timedelta(hours=1),
        notes=notes,
        effort=effort,
        segments=segments,
    )


def save(folder: Path, record: SessionRecord) -> Path:
    path = folder / session_filename(record.started, record.workout)
    write_session(path, record)
    return path
