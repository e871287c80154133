"""Resuming a session whose program died: how long it was gone, and how to count that.

A stopwatch keeps running when you look away. When trackapp is killed mid-rep, the
runner keeps running too: by default the gap is bridged with the wall clock, so the
rep that was running reads its true time. The runner may instead count the gap as
paused (they stopped when the laptop died). Either way the choice is written into the
file as a `[[gap]]` record (shared/SESSION_FORMAT.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from trackapp.domain.session import GapRecord, PauseRecord, SegmentRecord, SessionRecord, ms

RUNNING = "running"
PAUSED = "paused"
# Beyond this the runner did not keep running through the gap (a closed lid, the next
# day): the gap is paused, never bridged. An hour covers any rep or rest trackside.
MAX_BRIDGE_SECONDS = 3600.0


def last_saved_at(saved: SessionRecord) -> datetime:
    """The wall-clock instant of the last save: start + session time + paused time."""
    return saved.started + timedelta(seconds=max(saved.elapsed, 0.0) + max(saved.paused, 0.0))


def gap_seconds(saved: SessionRecord, now: datetime) -> float:
    """How long the program was gone; never negative (a clock set back reads as 0)."""
    return max((now - last_saved_at(saved)).total_seconds(), 0.0)


def can_bridge(saved: SessionRecord, now: datetime) -> bool:
    """Whether "the clock ran on" is offered: timing when it stopped, and not long ago."""
    return not saved.paused_at_save and gap_seconds(saved, now) <= MAX_BRIDGE_SECONDS


def running_segment(saved: SessionRecord) -> SegmentRecord | None:
    """The segment that was running when the program stopped, if one was."""
    if saved.segments and saved.segments[-1].ended_by is None:
        return saved.segments[-1]
    return None


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """Where the engine picks up: its session time now, extra paused time, and the record."""

    elapsed: float  # session time to restore the engine at
    paused: bool  # the engine comes back paused
    extra_paused: float  # seconds to add to the session's paused total
    gap: GapRecord


def resume_point(saved: SessionRecord, now: datetime, counted: str) -> ResumePoint:
    """How to continue `saved` at wall time `now`, the gap counted as `counted`.

    `running`: the session time runs on through the gap, so the running segment's time
    is bridged with the wall clock from its recorded start, and the engine runs at once.
    `paused`: the gap counts in no segment and the engine comes back paused. A session
    that was paused when it stopped, or gone longer than MAX_BRIDGE_SECONDS, is always
    resumed with the gap paused.
    """
    if counted not in (RUNNING, PAUSED):
        raise ValueError(f"counted must be {RUNNING!r} or {PAUSED!r}, not {counted!r}")
    if not can_bridge(saved, now):
        counted = PAUSED
    gap = gap_seconds(saved, now)
    record = GapRecord(after=saved.elapsed, resumed=now, counted=counted)
    if counted == RUNNING:
        return ResumePoint(saved.elapsed + gap, paused=False, extra_paused=0.0, gap=record)
    return ResumePoint(saved.elapsed, paused=True, extra_paused=gap, gap=record)


def carried_pauses(saved: SessionRecord, point: ResumePoint) -> tuple[list[PauseRecord], float]:
    """The saved pauses the resumed engine carries on, and how long the pause it comes
    back in has lasted already: the gap, and a pause under way at the last save (the
    file's last pause, at the saved time), which the same pause continues. Resumed
    running, no pause is under way."""
    pauses = list(saved.pauses)
    if not point.paused:
        return pauses, 0.0
    already = point.extra_paused
    if saved.paused_at_save and pauses and ms(pauses[-1].at) == ms(point.elapsed):
        already += pauses.pop().lasted
    return pauses, already
