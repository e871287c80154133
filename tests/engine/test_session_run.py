"""The run as one application object: each input and each tick goes through
`SessionRun`, which drives the engine, saves, reschedules sound and plays the
input's own cue; reading the engine never changes it."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from trackapp.domain.cues import CueKind
from trackapp.domain.engine import Engine, Status
from trackapp.domain.session import Input
from trackapp.domain.workout_plan import plan_from_text
from trackapp.runner import SessionRun
from trackapp.services import SilentCues
from trackapp.storage.session_store import MemorySessionStore

REPS = 'name = "2 x 200"\n[[step]]\nrepeat = 2\nrun = "200m"\nrest = "0:30"\n'
TIMED = 'name = "3 x 1:00"\n[[step]]\nrepeat = 3\nrun = "1:00"\nrest = "0:30"\n'


def session(clock: FakeClock, text: str = REPS) -> tuple[SessionRun, SilentCues]:
    audio = SilentCues()
    run = SessionRun(
        plan_from_text(text, "w"), MemorySessionStore(), clock, wall=clock.wall, audio=audio
    )
    return run, audio


def test_reading_the_engine_never_changes_it(clock: FakeClock) -> None:
    engine = Engine(plan_from_text(REPS, "w"), clock)
    engine.press(clock())  # rep 1 starts
    clock.advance(40)
    engine.press(clock())  # rep 1 ends: the 30 s rest runs
    clock.advance(31)  # ... and runs out: rep 2 started by itself a second ago
    version, runs = engine.version, len(engine._state.runs)

    view = engine.view()
    assert engine.status is Status.RUNNING and not engine.over
    assert view.segment is not None and view.segment.rep == 2
    assert [r.kind for r in engine.records()] == ["run", "rest", "run"]
    assert engine.upcoming_cues() == []  # nothing due in an open rep without a target

    assert (engine.version, len(engine._state.runs)) == (version, runs)
    assert engine.advance() is True  # the one mutation that is not an input
    assert engine.version == version + 1 and len(engine._state.runs) == runs + 1
    assert engine.advance() is False


def test_a_press_plays_its_own_cue_and_says_the_time(clock: FakeClock) -> None:
    run, audio = session(clock)
    update = run.press(clock())
    assert update.flash and [c.kind for c in audio.played] == [CueKind.GO]
    clock.advance(41.25)
    update = run.press(clock())
    cue = audio.played[-1]
    assert cue.kind is CueKind.SPLIT and cue.due == clock()
    assert cue.text.startswith("forty-one point")  # then what comes next
    assert "rest" in cue.text
    assert update.view.reps_done == 1


def test_a_press_too_soon_is_a_low_tone_and_no_flash(clock: FakeClock) -> None:
    run, audio = session(clock)
    run.press(clock())
    clock.advance(0.2)
    update = run.press(clock())
    assert not update.flash and audio.played[-1].kind is CueKind.IGNORED
    assert run.engine.events == [Input("press", 0.0)]


def test_a_tick_saves_when_a_timed_segment_runs_out_and_reschedules(clock: FakeClock) -> None:
    run, audio = session(clock)
    run.press(clock())
    clock.advance(40)
    run.press(clock())  # the rest runs: 3-2-1-go scheduled
    assert [c.kind for c in audio.scheduled][-1] is CueKind.GO
    store = run.store
    assert isinstance(store, MemorySessionStore)
    saves = len(store.writes)
    clock.advance(30.5)  # the rest ran out: rep 2 started by itself
    update = run.tick()
    assert len(store.writes) == saves + 1
    assert run.record is not None and [s.kind for s in run.record.segments][-1] == "run"
    assert update.view.segment is not None and update.view.segment.rep == 2
    assert audio.scheduled == []  # an open rep with no target has nothing due
    run.tick()
    assert len(store.writes) == saves + 1  # nothing changed: nothing written


def test_undo_skip_pause_and_mute_say_what_they_did(clock: FakeClock) -> None:
    run, audio = session(clock)
    assert run.undo().notice == "Nothing to undo"
    run.press(clock())
    clock.advance(5)
    assert run.skip().notice == "Skipped 200 m"  # the screen adds its undo key
    assert run.undo().notice == "Last split taken back"
    clock.advance(10)
    paused = run.toggle_pause()
    assert paused.view.status is Status.PAUSED and audio.scheduled == []
    assert run.toggle_pause().view.status is Status.RUNNING
    assert run.toggle_mute().notice == "Sound muted" and audio.muted
    assert run.toggle_mute().notice == "Sound on"


def test_stop_counts_at_the_key_and_closes_the_file(clock: FakeClock) -> None:
    run, _ = session(clock)
    run.press(clock())
    clock.advance(20)
    q = clock()
    clock.advance(8)  # the dialog
    update = run.stop(q)
    assert update.view.status is Status.STOPPED
    assert run.record is not None and run.record.elapsed == pytest.approx(20)
    assert not run.unsaved


def test_timed_reps_count_as_done_on_the_run_screen_as_in_review(clock: FakeClock) -> None:
    run, _ = session(clock, TIMED)
    run.press(clock())  # rep 1 (1:00) starts
    clock.advance(61)  # it ends by its timer; the rest runs
    update = run.tick()
    assert update.view.reps_done == 1
    assert run.record is not None and sum(s.done for s in run.record.segments) == 1
