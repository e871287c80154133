"""Group runs built in the test: one session file per athlete, with `athlete` and `group`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from tests.review.review_builders import PLAN_400, at, rest, run, save
from trackapp.domain.roster import DEFAULT_KEYS
from trackapp.domain.session import SegmentRecord, SessionRecord
from trackapp.storage.session_files import session_filename, write_session

Times = Sequence[float | None]  # a rep's time, None: out for that rep (skipped)


def group_stem(started: datetime, name: str = "tuesday-squad") -> str:
    return session_filename(started, name).removesuffix(".toml")


def athlete_session(
    athlete: str,
    times: Times,
    target: tuple[float, float] | None,
    *,
    started: datetime,
    group: str | None,
    workout: str = "6 x 400",
) -> SessionRecord:
    segments: list[SegmentRecord] = []
    for i, t in enumerate(times, start=1):
        if t is None:
            segments.append(run(i, 5.0, target=target, ended_by="skip", laps=[]))
        else:
            segments.append(run(i, t, target=target))
        if i < len(times):
            segments.append(rest(i))
    return SessionRecord(
        workout=workout,
        source="workouts/x.toml",
        workout_toml=PLAN_400,
        started=started,
        status="completed",
        ended=started + timedelta(hours=1),
        segments=segments,
        athlete=athlete,
        group=group,
    )


def save_group(
    folder: Path,
    times: Mapping[str, Times],
    targets: Mapping[str, tuple[float, float] | None],
    *,
    started: datetime | None = None,
    workout: str = "6 x 400",
) -> tuple[str, list[Path]]:
    """Save one group run: each athlete's file named `<stamp>_<workout>-<athlete>.toml`."""
    started = started or at(3)
    group = group_stem(started)
    paths: list[Path] = []
    listed = [{"name": name, "key": key} for name, key in zip(times, DEFAULT_KEYS, strict=False)]
    for name, reps in times.items():
        record = athlete_session(
            name, reps, targets.get(name), started=started, group=group, workout=workout
        )
        record.extra["group_athlete"] = listed  # who ran, with their keys, as the runner writes
        path = folder / session_filename(started, f"{workout}-{name}")
        write_session(path, record)
        paths.append(path)
    return group, paths


__all__ = ["at", "athlete_session", "group_stem", "save", "save_group"]
