"""An ended session's time stops at its end: the q press, or the last segment's end, not
when the stop dialog was answered or the file last written."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from trackapp.domain.workout_plan import plan_from_text
from trackapp.runner import SessionRun
from trackapp.storage.session_store import MemorySessionStore

WORKOUT = 'name = "2 x 200"\n[[step]]\nrepeat = 2\nrun = "200m"\nrest = "1:00"\n'


def test_a_stopped_session_ends_at_the_q_press(clock: FakeClock, tmp_path: Path) -> None:
    run = SessionRun(plan_from_text(WORKOUT, "w"), MemorySessionStore(), clock, wall=clock.wall)
    run.engine.press(clock())
    clock.advance(20)
    q_pressed = clock()
    clock.advance(9)  # the stop dialog is open 9 s
    run.engine.stop(q_pressed)
    clock.advance(30)  # the end screen, then a late save
    run.save(force=True)
    record = run.record
    assert record is not None and record.status == "stopped"
    assert record.elapsed == pytest.approx(20)
    assert record.ended == record.started + timedelta(seconds=20)


def test_a_completed_session_ends_with_its_last_segment(clock: FakeClock) -> None:
    plan = plan_from_text('name = "one"\n[[step]]\nrun = "200m"\n', "w")
    run = SessionRun(plan, MemorySessionStore(), clock, wall=clock.wall)
    run.engine.press(clock())
    clock.advance(35)
    run.engine.press(clock())
    clock.advance(60)  # the end screen stays up a minute before the last save
    run.save(force=True)
    record = run.record
    assert record is not None and record.status == "completed"
    assert record.elapsed == pytest.approx(35)
    assert record.ended == record.started + timedelta(seconds=35)
