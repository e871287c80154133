"""Resuming after the program died: the gap bridged like a stopwatch, or paused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from trackapp.domain.resume import (
    MAX_BRIDGE_SECONDS,
    PAUSED,
    RUNNING,
    can_bridge,
    gap_seconds,
    last_saved_at,
    resume_point,
    running_segment,
)
from trackapp.domain.session import SegmentRecord, SessionRecord

STARTED = datetime(2026, 11, 27, 18, 0, 0, tzinfo=timezone(timedelta(hours=1)))


def saved(elapsed: float = 312.406, paused: float = 20.0, **kw: object) -> SessionRecord:
    rec = SessionRecord(
        workout="w",
        source="w.toml",
        workout_toml="",
        started=STARTED,
        elapsed=elapsed,
        paused=paused,
        **kw,  # type: ignore[arg-type]
    )
    rec.segments.append(SegmentRecord("run", 2, 1, 3, "400 m", 300.0, 12.406))  # running
    return rec


def test_last_save_is_start_plus_session_time_plus_paused_time() -> None:
    assert last_saved_at(saved()) == STARTED + timedelta(seconds=332.406)


def test_running_bridges_the_gap_with_the_wall_clock() -> None:
    """Killed 12.4 s into rep 3, back 47 s after the last save: rep 3 reads 59.4 s."""
    rec = saved()
    now = last_saved_at(rec) + timedelta(seconds=47)
    point = resume_point(rec, now, RUNNING)
    assert point.elapsed == pytest.approx(312.406 + 47)
    assert point.elapsed - rec.segments[-1].start == pytest.approx(59.406)
    assert not point.paused and point.extra_paused == 0
    assert (point.gap.after, point.gap.resumed, point.gap.counted) == (312.406, now, RUNNING)


def test_paused_counts_the_gap_in_no_segment() -> None:
    rec = saved()
    now = last_saved_at(rec) + timedelta(seconds=47)
    point = resume_point(rec, now, PAUSED)
    assert point.elapsed == pytest.approx(312.406)
    assert point.paused and point.extra_paused == pytest.approx(47)
    assert point.gap.counted == PAUSED


def test_a_session_paused_when_it_died_stays_paused() -> None:
    rec = saved(paused_at_save=True)
    now = last_saved_at(rec) + timedelta(seconds=30)
    assert not can_bridge(rec, now)
    assert resume_point(rec, now, RUNNING).gap.counted == PAUSED


def test_a_gap_over_an_hour_is_never_bridged() -> None:
    rec = saved()
    assert can_bridge(rec, last_saved_at(rec) + timedelta(seconds=MAX_BRIDGE_SECONDS))
    later = last_saved_at(rec) + timedelta(days=3)
    assert not can_bridge(rec, later)
    point = resume_point(rec, later, RUNNING)
    assert point.paused and point.gap.counted == PAUSED
    assert point.extra_paused == pytest.approx(3 * 86400)


def test_a_clock_set_back_reads_as_no_gap() -> None:
    rec = saved()
    assert gap_seconds(rec, STARTED - timedelta(hours=2)) == 0.0


def test_unknown_choice_is_refused() -> None:
    with pytest.raises(ValueError):
        resume_point(saved(), STARTED, "maybe")


def test_running_segment() -> None:
    rec = saved()
    assert running_segment(rec) is rec.segments[-1]
    rec.segments[-1].ended_by = "press"
    assert running_segment(rec) is None
