"""Each pause, kept: the session time it began at and how long it lasted, across pause and
resume, a press that resumes, a stop while paused, undo, a restore and the session file."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from trackapp.domain.engine import Engine, PressAction
from trackapp.domain.session import PauseRecord, SessionRecord
from trackapp.domain.workout_plan import plan_from_text
from trackapp.runner import SessionRun
from trackapp.storage.session_store import MemorySessionStore

REPS = 'name = "2 x 200"\n[[step]]\nrepeat = 2\nrun = "200m"\nrest = "0:30"\n'
PLAN = plan_from_text(REPS, "w")


def approx(pauses: list[PauseRecord]) -> list[tuple[float, float]]:
    return [(round(at, 6), round(lasted, 6)) for at, lasted in pauses]


def started(clock: FakeClock) -> Engine:
    engine = Engine(PLAN, clock)
    engine.press(clock())  # rep 1 starts at session time 0
    return engine


def test_each_pause_is_kept_where_it_began_and_how_long(clock: FakeClock) -> None:
    engine = started(clock)
    clock.advance(20)
    assert engine.pause(clock())
    clock.advance(7.5)
    assert engine.pause_records() == [PauseRecord(20.0, 7.5)]  # the one under way, so far
    assert engine.pauses == []
    clock.advance(2.5)
    engine.resume(clock())
    clock.advance(5)
    assert engine.toggle_pause(clock())  # at session time 25
    clock.advance(60)
    assert engine.press(clock()).action is PressAction.RESUME  # a press resumes
    assert approx(engine.pauses) == [(20.0, 10.0), (25.0, 60.0)]
    assert engine.pause_records() == engine.pauses
    assert engine.paused_total == pytest.approx(70.0)
    assert engine.session_time() == pytest.approx(25.0)


def test_two_pauses_at_one_session_time_follow_one_another(clock: FakeClock) -> None:
    engine = started(clock)
    clock.advance(10)
    engine.toggle_pause(clock())
    clock.advance(3)
    engine.toggle_pause(clock())
    engine.toggle_pause(clock())  # again, at once
    clock.advance(4)
    engine.toggle_pause(clock())
    assert approx(engine.pauses) == [(10.0, 3.0), (10.0, 4.0)]


def test_a_stop_while_paused_ends_the_pause(clock: FakeClock) -> None:
    engine = started(clock)
    clock.advance(30)
    engine.pause(clock())
    clock.advance(12)
    engine.stop(clock())
    assert engine.stopped_at == pytest.approx(30.0)
    assert approx(engine.pauses) == [(30.0, 12.0)]
    assert engine.pause_records() == engine.pauses
    assert not engine.pause(clock())  # over: no more pauses


def test_nothing_to_pause_before_the_start(clock: FakeClock) -> None:
    engine = Engine(PLAN, clock)
    assert not engine.pause(clock())
    assert engine.pause_records() == []


def test_undo_keeps_the_pauses_they_are_not_inputs(clock: FakeClock) -> None:
    engine = started(clock)
    clock.advance(15)
    engine.toggle_pause(clock())
    clock.advance(40)
    engine.toggle_pause(clock())
    clock.advance(25)
    engine.press(clock())  # rep 1 ends at 40
    assert engine.records()[0].time == pytest.approx(40.0)
    assert engine.undo(clock())
    assert approx(engine.pauses) == [(15.0, 40.0)]
    assert engine.records()[0].ended_by is None  # rep 1 runs on, its time intact
    assert engine.records()[0].time == pytest.approx(40.0)


def test_a_restore_carries_the_saved_pauses_and_the_gap(clock: FakeClock) -> None:
    engine = started(clock)
    clock.advance(50)
    engine.press(clock())  # rep 1 ends, the rest runs
    saved = [PauseRecord(12.0, 3.0)]
    clock.advance(3600)
    again = Engine.restore(PLAN, engine.events, 55.0, clock, pauses=saved, paused_for=600.0)
    assert again.paused
    assert again.pause_records() == [PauseRecord(12.0, 3.0), PauseRecord(55.0, 600.0)]
    clock.advance(20)
    again.resume(clock())
    assert approx(again.pauses) == [(12.0, 3.0), (55.0, 620.0)]
    assert again.session_time() == pytest.approx(55.0)
    # resumed running (the gap bridged), nothing is under way
    running = Engine.restore(PLAN, engine.events, 80.0, clock, paused=False, pauses=saved)
    assert running.pause_records() == saved


# --- through the run and its file ------------------------------------------------------


def run_on(clock: FakeClock, store: MemorySessionStore) -> SessionRun:
    return SessionRun(PLAN, store, clock, wall=clock.wall)


def as_on_disk(run: SessionRun) -> SessionRecord:
    run.save(force=True)
    assert run.record is not None
    return SessionRecord.from_dict(run.record.to_dict())


def test_the_file_holds_each_pause_and_they_add_up_to_paused(clock: FakeClock) -> None:
    run = run_on(clock, MemorySessionStore())
    run.press(clock())
    clock.advance(10.0004)
    run.toggle_pause(clock())
    clock.advance(5.0004)
    run.toggle_pause(clock())
    clock.advance(20)
    run.toggle_pause(clock())
    clock.advance(2.5004)
    record = as_on_disk(run)  # saved while paused: the pause under way, so far
    # rounded so the running total is right to the ms: 5.0004 + 2.5004 is 7.501
    assert record.pauses == [PauseRecord(10.0, 5.0), PauseRecord(30.0, 2.501)]
    assert sum(p.lasted for p in record.pauses) == pytest.approx(record.paused, abs=0.001)
    assert record.to_dict()["pause"] == [
        {"at": 10.0, "lasted": 5.0},
        {"at": 30.0, "lasted": 2.501},
    ]


def test_a_session_never_paused_writes_no_pause_key(clock: FakeClock) -> None:
    run = run_on(clock, MemorySessionStore())
    run.press(clock())
    clock.advance(40)
    record = as_on_disk(run)
    assert record.pauses == [] and "pause" not in record.to_dict()


def resumed(
    clock: FakeClock, store: MemorySessionStore, run: SessionRun, counted: str
) -> SessionRun:
    """The program dies after its last save; the runner resumes it `counted`."""
    saved = as_on_disk(run)
    assert run.handle is not None and run.path is not None
    store.release(run.handle)
    clock.advance(300)
    return SessionRun.resume(PLAN, store, clock, run.path, saved, counted=counted, wall=clock.wall)


def test_a_gap_counted_paused_is_one_pause_with_the_wait_after_it(clock: FakeClock) -> None:
    store = MemorySessionStore()
    run = run_on(clock, store)
    run.press(clock())
    clock.advance(8)
    run.toggle_pause(clock())
    clock.advance(2)
    run.toggle_pause(clock())
    clock.advance(30)  # session time 38 at the last save
    again = resumed(clock, store, run, "paused")
    clock.advance(15)
    again.toggle_pause(clock())  # the press that resumes
    record = as_on_disk(again)
    assert approx(record.pauses) == [(8.0, 2.0), (38.0, 315.0)]
    assert record.paused == pytest.approx(317.0, abs=0.001)
    assert [(g.after, g.counted) for g in record.gaps] == [(38.0, "paused")]


def test_a_pause_under_way_when_it_died_goes_on_through_the_gap(clock: FakeClock) -> None:
    store = MemorySessionStore()
    run = run_on(clock, store)
    run.press(clock())
    clock.advance(25)
    run.toggle_pause(clock())
    clock.advance(40)  # paused 40 s at the last save
    again = resumed(clock, store, run, "running")  # paused when it died: stays paused
    assert again.engine.paused
    clock.advance(10)
    again.toggle_pause(clock())
    record = as_on_disk(again)
    assert approx(record.pauses) == [(25.0, 350.0)]
    assert record.paused == pytest.approx(350.0, abs=0.001)


def test_a_gap_bridged_running_adds_no_pause(clock: FakeClock) -> None:
    store = MemorySessionStore()
    run = run_on(clock, store)
    run.press(clock())
    clock.advance(5)
    run.toggle_pause(clock())
    clock.advance(1)
    run.toggle_pause(clock())
    clock.advance(20)
    again = resumed(clock, store, run, "running")
    assert not again.engine.paused
    clock.advance(10)
    record = as_on_disk(again)
    assert approx(record.pauses) == [(5.0, 1.0)]
    assert record.elapsed == pytest.approx(25.0 + 300 + 10, abs=0.001)
