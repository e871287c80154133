"""Generated multi-year histories: several workouts sharing distances, two sessions most
weeks over three years, some weeks missed, times getting faster. Deterministic (a seed and
a fixed "today"), so figures can be checked against what was generated."""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from trackapp.domain.session import SegmentRecord, SessionRecord
from trackapp.storage.session_files import session_filename, write_session

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)  # a Thursday
MILE = 1609.344


@dataclass(frozen=True)
class Workout:
    name: str
    toml: str
    reps: tuple[float | None, ...]  # metres per rep; None for a timed rep
    targets: tuple[tuple[float, float] | None, ...]
    duration: float | None = None  # a timed rep's seconds


def _plan(name: str, body: str) -> str:
    return f'name = "{name}"\npace_unit = "km"\n\n[[step]]\n{body}\n'


WORKOUTS = (
    Workout(
        "8 x 400",
        _plan("8 x 400", 'run = "400m"\nrepeat = 8\ntarget = "1:28-1:32"\nrest = "1:30"'),
        (400.0,) * 8,
        ((88.0, 92.0),) * 8,
    ),
    Workout(
        "Ladder 200-400-800-400-200",
        _plan(
            "Ladder 200-400-800-400-200",
            'run = ["200m", "400m", "800m", "400m", "200m"]\n'
            'target = ["0:42", "1:28", "3:00", "1:26", "0:40"]\n'
            'rest = ["1:00", "1:30", "2:30", "1:00"]',
        ),
        (200.0, 400.0, 800.0, 400.0, 200.0),
        ((42.0, 42.0), (88.0, 88.0), (180.0, 180.0), (86.0, 86.0), (40.0, 40.0)),
    ),
    Workout(
        "Mile repeats",
        _plan("Mile repeats", 'run = "1mi"\nrepeat = 3\ntarget = "5:50-6:00"\nrest = "3:00"'),
        (MILE,) * 3,
        ((350.0, 360.0),) * 3,
    ),
    Workout(
        "4 x 1600",
        _plan("4 x 1600", 'run = "1600m"\nrepeat = 4\ntarget = "5:48-5:58"\nrest = "3:00"'),
        (1600.0,) * 4,
        ((348.0, 358.0),) * 4,
    ),
    Workout(
        "10 x 1:00",
        _plan("10 x 1:00", 'run = "1:00"\nrepeat = 10\nrest = "1:00"'),
        (None,) * 10,
        (None,) * 10,
        duration=60.0,
    ),
)


@dataclass
class History:
    """What was generated: every session's start, workout and done reps' (metres, time)."""

    records: list[SessionRecord] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)

    def times_at(self, metres: float | None, workout: str | None = None) -> list[list[float]]:
        """Per session (oldest first) with reps of `metres`, their times; None: timed reps."""
        out = []
        for record in sorted(self.records, key=lambda r: r.started):
            if workout is not None and workout.casefold() not in record.workout.casefold():
                continue
            times = [
                s.time
                for s in record.segments
                if s.kind == "run" and s.ended_by in ("press", "timer") and s.distance == metres
            ]
            if times:
                out.append(times)
        return out

    def days(self) -> list[date]:
        return [r.started.date() for r in self.records if _done(r)]


def _done(record: SessionRecord) -> bool:
    return any(s.kind == "run" and s.ended_by in ("press", "timer") for s in record.segments)


def _pace_factor(started: datetime) -> float:
    """Fitter over the years (about 2 % a year), a little slower in midwinter."""
    years = (TODAY - started.date()).days / 365.0
    winter = 0.01 if started.month in (12, 1, 2) else 0.0
    return 1.0 + 0.02 * years + winter


def record_of(workout: Workout, started: datetime, rng: random.Random) -> SessionRecord:
    segments: list[SegmentRecord] = []
    clock = 0.0
    factor = _pace_factor(started)
    for i, (metres, band) in enumerate(zip(workout.reps, workout.targets, strict=True), 1):
        if metres is None:
            time, ended_by, distance = workout.duration or 60.0, "timer", None
        else:
            mid = (band[0] + band[1]) / 2 if band else metres * 0.22
            time = round(mid * factor + rng.gauss(0, 0.012 * mid), 3)
            ended_by, distance = ("skip" if rng.random() < 0.02 else "press"), metres
        segments.append(
            SegmentRecord(
                kind="run",
                step=1,
                set=1,
                rep=i,
                label=f"{metres:g} m" if metres else "Run 1 min",
                start=clock,
                time=time,
                laps=[time],
                ended_by=ended_by,  # type: ignore[arg-type]
                distance=distance,
                target=band,
            )
        )
        clock += time + 90.0
    return SessionRecord(
        workout=workout.name,
        source="workouts/generated.toml",
        workout_toml=workout.toml,
        started=started,
        status="completed",
        ended=started + timedelta(seconds=clock),
        segments=segments,
    )


# Histories written once per test process, then copied: the same bytes each time (the
# random numbers are seeded), and copying the 220 files of three years costs about 20 ms
# where writing them (each one fsynced) took 0.5 s.
_WRITTEN: dict[tuple[int, int, date], History] = {}
_TEMPLATES = tempfile.TemporaryDirectory(prefix="trackapp-years-")  # removed at exit


def generate(folder: Path, *, years: int = 3, seed: int = 13, today: date = TODAY) -> History:
    """Two sessions most weeks (Tuesday and Thursday) for `years` years up to `today`;
    every seventh week and some whole spells missed; the workouts in turn. The session
    files are new in `folder` (made if missing); the records are shared by every call with
    the same arguments: read them, never change them (`dataclasses.replace` a copy)."""
    key = (years, seed, today)
    if key not in _WRITTEN:
        template = Path(_TEMPLATES.name) / f"{years}-{seed}-{today}"
        template.mkdir()
        _WRITTEN[key] = _write(template, years, seed, today)
    written = _WRITTEN[key]
    folder.mkdir(parents=True, exist_ok=True)
    for path in written.paths:
        shutil.copyfile(path, folder / path.name)
    return History(
        records=list(written.records),
        paths=[folder / path.name for path in written.paths],
    )


def _write(folder: Path, years: int, seed: int, today: date) -> History:
    rng = random.Random(seed)
    history = History()
    first = today - timedelta(weeks=52 * years)
    monday = first - timedelta(days=first.weekday())
    turn = 0
    week = 0
    while monday <= today:
        skipped = week % 7 == 3 or 40 <= week % 52 <= 41
        for weekday in (1, 3):
            day = monday + timedelta(days=weekday)
            if skipped or day > today or (weekday == 3 and rng.random() < 0.3):
                continue
            started = datetime(day.year, day.month, day.day, 18, rng.randint(0, 50), tzinfo=TZ)
            record = record_of(WORKOUTS[turn % len(WORKOUTS)], started, rng)
            turn += 1
            path = folder / session_filename(started, record.workout)
            write_session(path, record)
            history.records.append(record)
            history.paths.append(path)
        monday += timedelta(weeks=1)
        week += 1
    return history
